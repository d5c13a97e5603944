"""Item detail pages and their forms: only allowed actions, services called, errors shown, files guarded."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from anjian.accounts.models import User
from anjian.audit.models import AuditEntry
from anjian.escalation.services import deliver
from anjian.fixtures import World
from anjian.ledger.choices import HazardGrade, HazardStatus, OwnerRole, TaskStatus
from anjian.ledger.models import Evidence, FiveInPlace, ProgressReport
from anjian.ledger.services import transition
from anjian.notify.models import Notification
from anjian.web.tests.conftest import PNG

Login = Callable[[User], Client]


def _actions(html: str) -> set[str]:
    return set(re.findall(r'data-action="(\w+)"', html))


def _messages(client: Client, response: object) -> str:
    return client.get(response["Location"]).content.decode()  # type: ignore[index]


@pytest.mark.parametrize("role", ["clerk", "officer", "reviewer", "leader", "auditor"])
def test_task_detail_answers_the_roles_that_see_it(world: World, login: Login, role: str) -> None:
    task = world.task()
    assert login(getattr(world, role)).get(f"/tasks/{task.pk}/").status_code == 200


@pytest.mark.parametrize("role", ["outsider", "principal", "fire_officer", "township_staff"])
def test_task_detail_is_not_found_outside_scope(world: World, login: Login, role: str) -> None:
    task = world.task()
    assert login(getattr(world, role)).get(f"/tasks/{task.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["clerk", "officer", "principal", "township_staff", "leader"])
def test_hazard_detail_answers_the_roles_that_see_it(world: World, login: Login, role: str) -> None:
    hazard = world.hazard()
    assert login(getattr(world, role)).get(f"/hazards/{hazard.pk}/").status_code == 200


def test_hazard_detail_is_not_found_for_the_outsider(world: World, login: Login) -> None:
    hazard = world.hazard()
    assert login(world.outsider).get(f"/hazards/{hazard.pk}/").status_code == 404
    assert login(world.outsider).get(f"/items/hazard/{hazard.pk}/action/").status_code in {404, 405}
    assert login(world.outsider).get("/items/nothing/1/action/").status_code in {404, 405}


def test_each_role_sees_only_its_buttons(world: World, login: Login) -> None:
    task = world.task()
    assert _actions(login(world.officer).get(f"/tasks/{task.pk}/").content.decode()) == {
        "start", "submit", "request_extension"}
    assert _actions(login(world.clerk).get(f"/tasks/{task.pk}/").content.decode()) == {"cancel"}
    assert _actions(login(world.leader).get(f"/tasks/{task.pk}/").content.decode()) == set()
    world.submit(task, world.officer)
    assert _actions(login(world.reviewer).get(f"/tasks/{task.pk}/").content.decode()) == {"return", "close"}


def test_buttons_call_the_transition_service(world: World, login: Login) -> None:
    task = world.task()
    client = login(world.officer)
    response = client.post(f"/items/task/{task.pk}/action/", {"action": "start", "expected_version": task.version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    assert task.events.filter(action="start", actor=world.officer).exists()


def test_a_stale_form_yields_a_conflict_message(world: World, login: Login) -> None:
    task = world.task()
    seen = task.version
    transition(item=task, action="start", actor=world.officer)
    client = login(world.officer)
    response = client.post(f"/items/task/{task.pk}/action/", {"action": "submit", "expected_version": seen})
    assert "已被他人修改" in _messages(client, response)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS


def test_domain_errors_become_messages_not_500s(world: World, login: Login) -> None:
    task = world.task()
    world.submit(task, world.officer)
    task.refresh_from_db()
    client = login(world.reviewer)
    # a return needs a reason
    response = client.post(f"/items/task/{task.pk}/action/", {"action": "return", "expected_version": task.version})
    assert "理由" in _messages(client, response)
    # an action the user may not take
    officer = login(world.officer)
    response = officer.post(f"/items/task/{task.pk}/action/", {"action": "close", "expected_version": task.version})
    assert "无权" in _messages(officer, response)
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED


def test_new_deadline_on_assign(world: World, login: Login) -> None:
    task = world.task(assign=False)
    client = login(world.clerk)
    client.post(f"/items/task/{task.pk}/action/",
                {"action": "assign", "expected_version": task.version, "new_due": "2031-06-30"})
    task.refresh_from_db()
    assert (task.status, task.due_date.isoformat()) == (TaskStatus.ASSIGNED, "2031-06-30")
    # the 原文 deadline text and the first due date are kept
    assert (task.deadline_raw, str(task.original_due_date)) == ("2024年12月31日前", "2024-12-31")


def test_assign_chooses_the_responsible_units(world: World, login: Login) -> None:
    # given a draft task of 区城管局; the clerk's assign form offers the region's departments
    task = world.task(assign=False)
    client = login(world.clerk)
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'id="assign-lead"' in page and f'value="{world.fire_brigade.pk}"' in page
    # a department not offered changes nothing
    response = client.post(f"/items/task/{task.pk}/action/", {"action": "assign", "expected_version": task.version,
                                                              "lead": "999999"})
    assert "牵头单位" in _messages(client, response)
    task.refresh_from_db()
    assert task.status == TaskStatus.DRAFT and [o.department for o in task.owners.all()] == [world.urban]
    # when the clerk assigns it to 区消防救援大队 (lead) with 区城管局 cooperating
    client.post(f"/items/task/{task.pk}/action/", {"action": "assign", "expected_version": task.version,
                                                   "lead": world.fire_brigade.pk, "cooperate": [world.urban.pk]})
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED and task.deadline_raw == "2024年12月31日前"
    assert {(o.department, o.role) for o in task.owners.all()} == {
        (world.fire_brigade, OwnerRole.LEAD), (world.urban, OwnerRole.COOPERATE)}
    assert AuditEntry.objects.filter(action="task.revise", object_id=task.pk).exists()
    # then the new lead unit is told of the assignment
    deliver()
    assert Notification.objects.filter(recipient=world.fire_officer, kind="assigned", item_id=task.pk).exists()


def test_progress_with_photos_and_guarded_evidence(world: World, login: Login) -> None:
    task = world.task()
    officer = login(world.officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [SimpleUploadedFile("a.png", PNG, "image/png"), SimpleUploadedFile("b.png", PNG, "image/png")]
    response = officer.post(f"/items/task/{task.pk}/progress/", {"text": "本月完成排查 12 家", "attachments": files})
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    evidence = list(Evidence.objects.filter(progress_report=report))
    assert len(evidence) == 2
    served = officer.get(f"/evidence/{evidence[0].pk}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG  # type: ignore[attr-defined]
    assert login(world.outsider).get(f"/evidence/{evidence[0].pk}/").status_code == 404
    page = login(world.clerk).get(f"/tasks/{task.pk}/").content.decode()
    assert f'<img src="/evidence/{evidence[0].pk}/"' in page


def test_a_disguised_file_is_rejected_with_a_message(world: World, login: Login) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    task = world.task()
    client = login(world.officer)
    response = client.post(f"/items/task/{task.pk}/evidence/",
                           {"attachments": [SimpleUploadedFile("photo.png", b"#!/bin/sh\nrm -rf /", "image/png")]})
    assert "不支持的文件类型" in _messages(client, response)
    assert not Evidence.objects.exists()


def test_empty_progress_text_is_a_form_error(world: World, login: Login) -> None:
    task = world.task()
    client = login(world.officer)
    response = client.post(f"/items/task/{task.pk}/progress/", {"text": ""})
    assert "工作开展情况" in _messages(client, response)
    assert not ProgressReport.objects.exists()


def test_five_in_place_form_and_closing_a_major_hazard(world: World, login: Login) -> None:
    hazard = world.hazard(grade=HazardGrade.MAJOR)
    principal = login(world.principal)
    page = principal.get(f"/hazards/{hazard.pk}/").content.decode()
    assert 'name="five-responsibility"' in page
    principal.post(f"/hazards/{hazard.pk}/five-in-place/", {
        "five-responsibility": "王建国", "five-measures": "加装防倾倒链", "five-funds": "2万元",
        "five-deadline": "2030-01-31", "five-contingency_plan": "泄漏应急预案"})
    assert FiveInPlace.objects.get(hazard=hazard).is_complete()
    # the enterprise may not submit a major hazard before evidence exists: the message explains why
    transition(item=hazard, action="assign", actor=world.clerk)
    principal.post(f"/items/hazard/{hazard.pk}/progress/", {"text": "已加装防倾倒链"})
    hazard.refresh_from_db()
    response = principal.post(f"/items/hazard/{hazard.pk}/action/",
                              {"action": "submit", "expected_version": hazard.version})
    assert "证明材料" in _messages(principal, response)
    hazard.refresh_from_db()
    assert hazard.status == HazardStatus.ASSIGNED


def test_the_submitter_cannot_close_their_own_work(world: World, login: Login) -> None:
    task = world.task(owners=[], supervising_department=world.urban)
    from anjian.ledger.models import TaskOwner

    TaskOwner.objects.create(task=task, name="区城管局", department=world.urban)
    world.submit(task, world.officer)
    task.refresh_from_db()
    client = login(world.officer)
    response = client.post(f"/items/task/{task.pk}/action/",
                           {"action": "close", "expected_version": task.version, "reason": "同意销号"})
    assert "不能验收销号自己的整改" in _messages(client, response)
