"""Tasks, hazards and reference lists through the API: scope, transitions, codes, paging and query counts."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from anjian.fixtures import World
from anjian.ledger.choices import EnforcementKind, HazardChannel, HazardGrade
from anjian.ledger.models import EnforcementAction, Evidence, Inspection
from anjian.ledger.services import OwnerSpec, submit_progress
from anjian.notify.models import Notification
from anjian.tipoffs.tests.conftest import PNG

from .conftest import ApiClient

AsUser = Callable[..., ApiClient]


@pytest.mark.parametrize(
    ("who", "visible"),
    [("clerk", 1), ("officer", 1), ("reviewer", 1), ("fire_officer", 0), ("leader", 1), ("outsider", 0),
     ("principal", 0)],
)
def test_task_list_is_scoped(world: World, as_user: AsUser, who: str, visible: int) -> None:
    world.task()
    response = as_user(getattr(world, who)).get("/tasks")
    assert response.status_code == 200
    assert len(response.json()["items"]) == visible


def test_out_of_scope_detail_is_404(world: World, as_user: AsUser) -> None:
    task = world.task()
    response = as_user(world.outsider).get(f"/tasks/{task.pk}")
    assert response.status_code == 404 and response.json() == {"code": "not_found", "message": "未找到该事项"}
    assert as_user(world.clerk).get(f"/tasks/{task.pk}").json()["events"][0]["action"] == "create"
    assert as_user(world.clerk).get("/tasks/999999").status_code == 404


def test_transition_codes(world: World, as_user: AsUser) -> None:
    task = world.task()
    officer, reviewer = as_user(world.officer), as_user(world.reviewer)
    url = f"/tasks/{task.pk}/transitions"
    no_report = officer.post(url, {"action": "submit"})
    assert no_report.status_code == 400 and no_report.json()["code"] == "progress_missing"
    submit_progress(actor=world.officer, item=task, text="已完成")
    ok = officer.post(url, {"action": "submit", "expected_version": task.version})
    assert ok.status_code == 200 and ok.json()["status"] == "submitted"
    forbidden = officer.post(url, {"action": "close"})
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "permission_denied"
    stale = reviewer.post(url, {"action": "close", "reason": "同意", "expected_version": task.version})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    no_reason = reviewer.post(url, {"action": "return"})
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason_required"
    wrong_edge = reviewer.post(url, {"action": "start"})
    assert wrong_edge.status_code in (403, 409)
    no_opinion = reviewer.post(url, {"action": "close"})
    assert no_opinion.status_code == 400 and no_opinion.json()["code"] == "reason_required"
    closed = reviewer.post(url, {"action": "close", "reason": "同意销号"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    again = reviewer.post(url, {"action": "close", "reason": "同意销号"})
    assert again.status_code == 409 and again.json()["code"] == "transition_not_allowed"
    invalid = reviewer.post(url, {"reason": "no action"})
    assert invalid.status_code == 422 and invalid.json()["code"] == "invalid_input"


def test_assignment_can_set_a_deadline(world: World, as_user: AsUser) -> None:
    task = world.task(assign=False)
    response = as_user(world.clerk).post(f"/tasks/{task.pk}/transitions",
                                         {"action": "assign", "deadline": "2025-06-30"})
    assert response.status_code == 200 and response.json()["due_date"] == "2025-06-30"


def test_keyset_pagination_visits_every_row_once(world: World, as_user: AsUser) -> None:
    ids = {world.task(seq=str(i)).pk for i in range(5)}
    client, seen, after = as_user(world.clerk), [], None
    while True:
        params = {"limit": 2} | ({"after": after} if after else {})
        page = client.get("/tasks", **params).json()
        seen += [t["id"] for t in page["items"]]
        after = page["next_after"]
        if after is None:
            break
    assert sorted(seen, reverse=True) == seen and set(seen) == ids and len(seen) == 5


def test_task_filters(world: World, as_user: AsUser) -> None:
    world.task(problem="燃气管网老化")
    world.task(problem="消防通道堵塞", owners=[OwnerSpec("区消防救援大队", department=world.fire_brigade)])
    world.task(problem="草稿", assign=False)
    client = as_user(world.clerk)
    assert len(client.get("/tasks", q="管网").json()["items"]) == 1
    assert len(client.get("/tasks", status="assigned").json()["items"]) == 2
    assert len(client.get("/tasks", region=world.other_county.code).json()["items"]) == 0
    assert len(client.get("/tasks", region=world.county.code).json()["items"]) == 3
    assert len(client.get("/tasks", department=world.urban.pk).json()["items"]) == 2
    assert len(client.get("/tasks", department=world.fire_brigade.pk).json()["items"]) == 1
    assert len(client.get("/tasks", overdue=True).json()["items"]) == 2  # due 2024-12-31, long past
    assert len(client.get("/tasks", status="open").json()["items"]) == 3
    assert len(client.get("/tasks", deadline_kind="date", due_within=30).json()["items"]) == 0


def test_progress_with_base64_and_multipart_files(world: World, as_user: AsUser) -> None:
    task = world.task()
    officer = as_user(world.officer)
    body = {"text": "已完成燃气用户排查", "files": [{"name": "现场.png",
                                                  "content_base64": base64.b64encode(PNG).decode()}]}
    created = officer.post(f"/tasks/{task.pk}/progress", body)
    assert created.status_code == 201 and created.json()["evidence"][0]["content_type"] == "image/png"
    bad = officer.post(f"/tasks/{task.pk}/progress", {"text": "x", "files": [{"name": "a", "content_base64": "@@"}]})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_base64"
    upload = officer.client.post(f"/api/tasks/{task.pk}/progress/upload",
                                 {"text": "二次排查", "files": [SimpleUploadedFile("b.png", PNG)]},
                                 headers=officer.headers)
    assert upload.status_code == 201, upload.content
    assert Evidence.objects.filter(task=task).count() == 2
    fake = officer.post(f"/tasks/{task.pk}/progress", {"text": "x", "files": [
        {"name": "a.png", "content_base64": base64.b64encode(b"<html>").decode()}]})
    assert fake.status_code == 400 and fake.json()["code"] == "evidence_rejected"


def test_hazards_five_in_place_and_scope(world: World, as_user: AsUser) -> None:
    hazard = world.hazard(grade=HazardGrade.MAJOR)
    world.hazard(channel=HazardChannel.SELF_REPORT)
    principal = as_user(world.principal)
    assert len(principal.get("/hazards").json()["items"]) == 2
    assert len(as_user(world.clerk).get("/hazards", grade="major").json()["items"]) == 1
    assert len(as_user(world.clerk).get("/hazards", channel="self_report").json()["items"]) == 1
    assert len(as_user(world.clerk).get("/hazards", sector="gas", status="open").json()["items"]) == 2
    assert len(as_user(world.clerk).get("/hazards", sector="fire").json()["items"]) == 0
    assert as_user(world.outsider).get(f"/hazards/{hazard.pk}").status_code == 404
    five = principal.put(f"/hazards/{hazard.pk}/five-in-place", {"responsibility": "站长王建国", "funds": "2万元"})
    assert five.status_code == 200 and five.json()["complete"] is False
    assert "措施落实" in five.json()["missing"]
    assert as_user(world.fire_officer).put(f"/hazards/{hazard.pk}/five-in-place", {"funds": "x"}).status_code == 404
    detail = principal.get(f"/hazards/{hazard.pk}").json()
    assert detail["five_in_place"]["funds"] == "2万元" and detail["unit_name"] == "北书店液化气站"


def test_reference_lists(world: World, as_user: AsUser) -> None:
    inspection = Inspection.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                           inspected_on=date(2024, 11, 1))
    EnforcementAction.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                     inspection=inspection, kind=EnforcementKind.PENALTY,
                                     decided_on=date(2024, 11, 5), company_amount=20000, person_amount=5000)
    Notification.objects.create(recipient=world.officer, kind="reminder", title="到期提醒")
    officer, outsider = as_user(world.officer), as_user(world.outsider)
    assert len(officer.get("/inspections").json()["items"]) == 1
    assert officer.get("/enforcement-actions").json()["items"][0]["dual_penalty"] is True
    assert len(outsider.get("/inspections").json()["items"]) == 0
    assert {u["name"] for u in officer.get("/units").json()["items"]} == {"北书店液化气站"}
    assert as_user(world.principal).get(f"/units/{world.other_unit.pk}").status_code == 404
    assert len(officer.get("/regions").json()) == 6
    assert [n["title"] for n in officer.get("/notifications").json()["items"]] == ["到期提醒"]
    assert outsider.get("/notifications").json()["items"] == []


@pytest.mark.parametrize("path", ["/tasks", "/hazards", "/units", "/inspections", "/tipoffs"])
def test_list_query_counts_do_not_grow_with_rows(world: World, as_user: AsUser, path: str) -> None:
    client = as_user(world.clerk)

    def count() -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    world.task()
    world.hazard()
    few = count()
    for i in range(6):
        world.task(seq=str(i))
        world.hazard(description=f"隐患{i}")
    assert count() == few


def test_session_browser_can_read(world: World) -> None:
    browser = Client()
    browser.force_login(world.clerk)
    assert browser.get("/api/hazards").status_code == 200


@pytest.mark.parametrize("path", [
    "/units?after=18446744073709551616", "/units?after=-18446744073709551616", "/units?sector=18446744073709551616",
    "/units?sector=-18446744073709551616", "/hazards/18446744073709551616", "/tasks?after=-99999999999999999999999",
])
def test_ids_beyond_64_bits_are_rejected_not_a_server_error(world: World, as_user: AsUser, path: str) -> None:
    response = as_user(world.clerk).get(path)
    assert response.status_code < 500, response.content
