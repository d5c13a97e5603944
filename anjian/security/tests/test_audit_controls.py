"""Audit retention, chain-head export and separation of duties (三权分立) on the audit log."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.services import create_user_with_role
from anjian.audit.models import AuditEntry
from anjian.audit.services import record, verify
from anjian.audit.testing import backdate
from anjian.errors import PermissionDenied
from anjian.fixtures import PASSWORD, World
from anjian.security.errors import RetentionTooShort
from anjian.security.services import RETENTION_DAYS, export_chain_head, purge_audit


def _age(days: int, upto_seq: int) -> None:
    """Back-date the first entries (as the passing of time would); only possible around the triggers."""
    backdate(days, upto_seq)


@pytest.fixture(autouse=True)
def _audit_key(settings: Any, tmp_path: Path) -> None:
    """A purge seals its anchor with the audit key: this test's own, not the working folder's."""
    settings.ANJIAN_AUDIT_KEY = ""
    settings.ANJIAN_AUDIT_KEY_FILE = tmp_path / "audit_key"


def _entries(count: int) -> None:
    for i in range(count):
        record(actor=None, action="test.change", object_type="test", object_id=i)


def test_purge_refuses_anything_younger_than_183_days(world: World) -> None:
    _entries(3)
    with pytest.raises(RetentionTooShort):
        purge_audit(actor=world.auditor, before=timezone.now() - timedelta(days=RETENTION_DAYS - 1))
    with pytest.raises(RetentionTooShort):
        purge_audit(actor=world.auditor, before=timezone.now())


def test_purge_of_old_entries_keeps_the_chain_verifiable(world: World) -> None:
    _entries(5)
    total = AuditEntry.objects.count()
    _age(400, upto_seq=4)
    result = purge_audit(actor=world.auditor, before=timezone.now() - timedelta(days=200))
    assert result.purged == 4 and result.base_seq == 4
    assert AuditEntry.objects.count() == total - 4 + 1  # the purge itself is audited
    assert AuditEntry.objects.filter(action="audit.purge").count() == 1
    assert verify().ok


def test_only_the_audit_administrator_may_purge(world: World) -> None:
    admin = create_user_with_role(username="sysadmin", password=PASSWORD, role=Role.ADMIN,
                                  region_code=world.county.code, superuser=True)
    with pytest.raises(PermissionDenied):
        purge_audit(actor=admin, before=timezone.now() - timedelta(days=400))


def test_database_refuses_update_and_delete_of_audit_rows(world: World) -> None:
    _entries(1)
    for statement in ("UPDATE audit_auditentry SET action = 'x'", "DELETE FROM audit_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert verify().ok


def test_chain_head_export_appends_one_verified_line(world: World, tmp_path: Path) -> None:
    _entries(2)
    target = tmp_path / "heads" / "audit-head.jsonl"
    first = export_chain_head(target)
    _entries(1)
    second = export_chain_head(target)
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["head_hash"] for line in lines] == [first["head_hash"], second["head_hash"]]
    assert lines[-1]["ok"] and lines[-1]["entries"] == AuditEntry.objects.count()
    assert lines[-1]["head_hash"] == AuditEntry.objects.order_by("-seq").first().hash  # type: ignore[union-attr]


@pytest.fixture
def sysadmin(world: World) -> Client:
    create_user_with_role(username="sysadmin", password=PASSWORD, role=Role.ADMIN,
                          region_code=world.county.code, superuser=True)
    client = Client()
    assert client.login(username="sysadmin", password=PASSWORD)
    return client


def test_system_administrator_cannot_read_or_delete_the_audit_log(world: World, sysadmin: Client) -> None:
    _entries(1)
    entry = AuditEntry.objects.first()
    assert entry is not None
    assert sysadmin.get("/audit/").status_code == 404
    # the Django admin, which used to list the log (read-only), is gone altogether
    assert sysadmin.get("/admin/audit/auditentry/").status_code == 404
    assert sysadmin.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 404
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_administrator_reads_but_cannot_change_the_audit_log(world: World) -> None:
    _entries(1)
    client = Client()
    assert client.login(username=world.auditor.username, password=PASSWORD)
    entry = AuditEntry.objects.first()
    assert entry is not None
    assert client.get("/audit/").status_code == 200
    assert client.post("/audit/", {"action": "x"}).status_code in {200, 405}
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"action": "x"}).status_code == 404
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


def test_no_api_path_serves_the_audit_log(world: World, sysadmin: Client) -> None:
    schema = sysadmin.get("/api/openapi.json").json()
    assert not [p for p in schema.get("paths", {}) if "audit" in p]
