"""The steering forms on item pages and the bulk page: offered as the policy allows, each calls its service."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from anjian.accounts.models import User
from anjian.escalation.services import deliver
from anjian.fixtures import World, signed_in
from anjian.ledger.choices import Action, TaskStatus
from anjian.ledger.models import ItemEvent, Task
from anjian.ledger.services import OwnerSpec
from anjian.notify.models import Notification

Login = Callable[[User], Client]


def _steers(html: str) -> set[str]:
    return set(re.findall(r'data-steer="(\w+)"', html))


def _messages(client: Client, response: object) -> str:
    return client.get(response["Location"]).content.decode()  # type: ignore[index]


def test_the_clerk_is_offered_steering_and_the_others_not(world: World, login: Login) -> None:
    task = world.task(owners=[OwnerSpec("区城管局", department=world.urban),
                              OwnerSpec("区消防救援大队", department=world.fire_brigade)])
    assert _steers(login(world.clerk).get(f"/tasks/{task.pk}/").content.decode()) == {
        "urge", "reassign", "deadline", "split"}
    for who in ("officer", "leader", "reviewer"):
        assert _steers(login(getattr(world, who)).get(f"/tasks/{task.pk}/").content.decode()) == set(), who


def test_urge_from_the_page_reaches_the_officer_and_is_shown(world: World, login: Login) -> None:
    task = world.task()
    clerk = login(world.clerk)
    response = clerk.post(f"/items/task/{task.pk}/steer/urge/", {"reason": "请本周报送"})
    assert "已催办" in _messages(clerk, response)
    deliver()
    assert Notification.objects.filter(recipient=world.officer, kind="urge", item_id=task.pk).count() == 1
    assert 'data-urges="1"' in clerk.get(f"/tasks/{task.pk}/").content.decode()


def test_reassign_from_the_page(world: World, login: Login) -> None:
    task = world.task()
    clerk = login(world.clerk)
    response = clerk.post(f"/items/task/{task.pk}/steer/reassign/",
                          {"lead": world.fire_brigade.pk, "cooperate": [world.urban.pk], "reason": "职责调整"})
    assert "已改派" in _messages(clerk, response)
    # the timeline says from whom to whom
    assert "区城管局（牵头） → 区消防救援大队（牵头）、区城管局（配合）" in clerk.get(f"/tasks/{task.pk}/").content.decode()
    assert {(o.department_id, o.role) for o in task.owners.all()} == {
        (world.fire_brigade.pk, "lead"), (world.urban.pk, "cooperate")}
    # without a reason it is refused with a message
    response = clerk.post(f"/items/task/{task.pk}/steer/reassign/", {"lead": world.urban.pk, "reason": ""})
    assert "理由" in _messages(clerk, response)


def test_the_officer_cannot_steer_by_posting(world: World, login: Login) -> None:
    task = world.task()
    officer = login(world.officer)
    response = officer.post(f"/items/task/{task.pk}/steer/urge/", {})
    assert "无权" in _messages(officer, response)
    assert not ItemEvent.objects.filter(action=Action.URGE).exists()


def test_deadline_change_shows_the_original(world: World, login: Login) -> None:
    task = world.task()
    clerk = login(world.clerk)
    clerk.post(f"/items/task/{task.pk}/steer/deadline/", {"due": "2025-03-31", "reason": "冬季停工"})
    page = clerk.get(f"/tasks/{task.pk}/").content.decode()
    assert "2025-03-31" in page and "原定" in page and "2024-12-31" in page


def test_extension_asked_and_approved_on_the_page(world: World, login: Login) -> None:
    task = world.task()
    officer, reviewer = signed_in(world.officer), signed_in(world.reviewer)
    officer.post(f"/items/task/{task.pk}/steer/extension/", {"due": "2025-02-28", "reason": "资金未到位"})
    assert Task.objects.get(pk=task.pk).status == TaskStatus.EXTENSION_REQUESTED
    page = reviewer.get(f"/tasks/{task.pk}/").content.decode()
    assert "申请延期至 2025-02-28" in page and 'data-action="approve_extension"' in page
    reviewer.post(f"/items/task/{task.pk}/steer/decide/", {"decision": "approve", "until": "2025-02-28"})
    task.refresh_from_db()
    assert (task.status, task.due_date.isoformat()) == (TaskStatus.IN_PROGRESS, "2025-02-28")


def test_acceptance_needs_an_opinion_and_a_confirmation(world: World, login: Login) -> None:
    task = world.task()
    world.submit(task, world.officer)
    reviewer = login(world.reviewer)
    response = reviewer.post(f"/items/task/{task.pk}/steer/accept/", {"reason": "同意销号"})
    assert "请勾选确认整改到位" in _messages(reviewer, response)
    response = reviewer.post(f"/items/task/{task.pk}/steer/accept/", {"reason": "", "confirm": "1"})
    assert "理由" in _messages(reviewer, response)
    assert Task.objects.get(pk=task.pk).status == TaskStatus.SUBMITTED
    reviewer.post(f"/items/task/{task.pk}/steer/accept/", {"reason": "现场核查到位，同意销号", "confirm": "1"})
    assert Task.objects.get(pk=task.pk).status == TaskStatus.CLOSED
    assert ItemEvent.objects.get(task=task, action=Action.CLOSE).reason == "现场核查到位，同意销号"


def test_bulk_urge_reassign_and_export(world: World, login: Login) -> None:
    tasks = [world.task(), world.task(seq="4")]
    clerk = login(world.clerk)
    page = clerk.get("/tasks/bulk/?overdue=1").content.decode()
    assert all(f'data-row="{t.pk}"' in page for t in tasks)
    response = clerk.post("/tasks/bulk/", {"op": "urge", "id": [t.pk for t in tasks]})
    assert "已催办 2 项" in _messages(clerk, response)
    deliver()
    assert Notification.objects.filter(recipient=world.officer, kind="urge").count() == 2
    clerk.post("/tasks/bulk/", {"op": "reassign", "id": [tasks[0].pk], "lead": world.fire_brigade.pk,
                                "reason": "调整分工"})
    assert [o.department for o in tasks[0].owners.all()] == [world.fire_brigade]
    export = clerk.post("/tasks/bulk/", {"op": "export", "id": [tasks[1].pk]})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_bulk_urge_by_others_changes_nothing(world: World, login: Login, who: str) -> None:
    task = world.task()
    client = login(getattr(world, who))
    assert 'data-bulk-op="urge"' not in client.get("/tasks/bulk/").content.decode()
    client.post("/tasks/bulk/", {"op": "urge", "id": [task.pk]})
    deliver()
    assert not Notification.objects.filter(kind="urge").exists()


def test_the_enterprise_home_shows_its_own_hazards_and_duties_only(world: World, login: Login) -> None:
    own = world.hazard(description="液化气钢瓶未设置防倾倒措施")
    world.hazard(unit=world.other_unit, description="顺河加气站的隐患", actor=world.outsider)
    html = login(world.principal).get("/").content.decode()
    assert 'id="enterprise-home"' in html and f'data-hazard="{own.pk}"' in html
    assert "顺河加气站的隐患" not in html
    assert "data-duties" in html and "自查自报" in html
    # no government figures and no department filter
    assert 'data-count="open_tasks"' not in html and 'name="department"' not in html


def test_a_self_report_from_the_page_is_handed_over(world: World, login: Login) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anjian.ledger.models import Hazard
    from anjian.web.tests.conftest import PNG

    principal = login(world.principal)
    response = principal.post(f"/units/{world.gas_station.pk}/hazards/new/", {
        "description": "配电箱前堆放杂物", "grade": "general", "found_on": "2024-11-02", "location": "配电室",
        "photos": [SimpleUploadedFile("现场.png", PNG, "image/png")]})
    assert response.status_code == 302
    hazard = Hazard.objects.get(description="配电箱前堆放杂物")
    assert hazard.status == "assigned" and hazard.channel == "self_report"
    deliver()
    assert Notification.objects.filter(recipient=world.officer, kind="hand_over", item_id=hazard.pk).exists()


def test_the_steering_card_speaks_english(world: World) -> None:
    task = world.task()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.clerk)
    client.post(f"/items/task/{task.pk}/steer/urge/", {})
    html = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Steering and acceptance" in html and "Reminded 1 time" in html and "Reassign" in html
    assert "督办与验收" not in html and "催办" not in html
