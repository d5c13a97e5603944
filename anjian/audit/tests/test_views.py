"""The audit log page: the audit administrator alone reads it, filters it, pages it and checks the chain."""

from __future__ import annotations

import pytest

from anjian.audit.models import AuditEntry
from anjian.audit.tests.test_chain import _without_triggers
from anjian.fixtures import World, signed_in

pytestmark = pytest.mark.django_db


def test_only_the_audit_administrator_reads_the_log(world: World) -> None:
    world.task()
    auditor = signed_in(world.auditor)
    assert "/audit/" in auditor.get("/").content.decode()  # the menu entry
    page = auditor.get("/audit/").content.decode()
    assert "task.create" in page or "task.assign" in page
    for user in (world.clerk, world.leader, world.officer):
        assert signed_in(user).get("/audit/").status_code == 404
    world.clerk.is_superuser = True  # the system administrator may not read it either
    world.clerk.save()
    admin = signed_in(world.clerk)
    assert admin.get("/audit/").status_code == 404
    assert "/audit/" not in admin.get("/").content.decode()


def test_filters_and_keyset_pages(world: World) -> None:
    for _ in range(3):
        world.task()
    auditor = signed_in(world.auditor)
    html = auditor.get("/audit/?object_type=task").content.decode()
    assert "task.create" in html and "org" not in html.split("<tbody>")[1].split("</tbody>")[0]
    newest = AuditEntry.objects.order_by("-seq").first()
    assert newest is not None
    older = auditor.get(f"/audit/?before={newest.seq}").content.decode()
    assert f"<td data-label=\"序号\">{newest.seq}</td>" not in older


def test_chain_check_reports_ok_then_the_tampered_entry(world: World) -> None:
    world.task()
    auditor = signed_in(world.auditor)
    assert "审计链完整" in auditor.post("/audit/verify/").content.decode()
    entry = AuditEntry.objects.order_by("seq")[1]
    _without_triggers("UPDATE audit_auditentry SET actor_name = 'x' WHERE seq = %s", [entry.seq])
    html = auditor.post("/audit/verify/").content.decode()
    assert "审计链断裂" in html and f"第 {entry.seq} 条" in html
