"""Steering (催办, 改派, 调整时限, 延期, 拆分), acceptance with substance, and the enterprise's 交办."""

from __future__ import annotations

from datetime import date

import pytest

from anjian.audit.models import AuditEntry
from anjian.errors import NotFound, PermissionDenied
from anjian.escalation.services import deliver
from anjian.fixtures import PHOTO, World
from anjian.ledger import steering
from anjian.ledger.choices import Action, HazardGrade, HazardStatus, OwnerRole, TaskStatus
from anjian.ledger.errors import EvidenceMissing, ProgressMissing, ReasonRequired, TransitionNotAllowed
from anjian.ledger.models import ItemEvent, Task
from anjian.ledger.services import OwnerSpec, submit_progress, transition
from anjian.notify.models import Notification

pytestmark = pytest.mark.django_db


def _audits(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def test_urge_tells_the_owners_and_is_counted(world: World) -> None:
    # given an assigned task of 区城管局
    task = world.task()
    # when the clerk urges it twice
    assert steering.urge(actor=world.clerk, item=task, message="请本周内报送进展") == 1
    steering.urge(actor=world.clerk, item=task)
    deliver()
    # then the department officer has two notices, the count is 2, with events and audit rows
    notes = Notification.objects.filter(recipient=world.officer, kind="urge").order_by("id")
    assert [n.title[:7] for n in notes] == ["【催办】（第1", "【催办】（第2"]
    assert "请本周内报送进展" in notes[0].body and notes[0].item_id == task.pk
    assert steering.urge_count(task) == 2
    assert _audits("task.urge") == 2
    assert not Notification.objects.filter(recipient=world.reviewer, kind="urge").exists()


@pytest.mark.parametrize("who", ["officer", "leader", "principal"])
def test_only_the_office_urges_a_task(world: World, who: str) -> None:
    task = world.task()
    with pytest.raises((PermissionDenied, NotFound)):
        steering.urge(actor=getattr(world, who), item=task)
    assert steering.urge_count(task) == 0


def test_a_closed_item_is_not_urged(world: World) -> None:
    task = world.task()
    transition(item=task, action=Action.CANCEL, actor=world.clerk, reason="重复")
    with pytest.raises(TransitionNotAllowed):
        steering.urge(actor=world.clerk, item=task)


def test_reassign_gives_the_task_to_other_units_with_a_reason(world: World) -> None:
    task = world.task()
    owners = [OwnerSpec("区消防救援大队", department=world.fire_brigade),
              OwnerSpec("区城管局", role=OwnerRole.COOPERATE, department=world.urban)]
    with pytest.raises(ReasonRequired):
        steering.reassign(actor=world.clerk, item=task, owners=owners, reason=" ")
    steering.reassign(actor=world.clerk, item=task, owners=owners, reason="属消防监管范围")
    assert {(o.department, o.role) for o in task.owners.all()} == {
        (world.fire_brigade, OwnerRole.LEAD), (world.urban, OwnerRole.COOPERATE)}
    event = ItemEvent.objects.get(task=task, action=Action.REASSIGN)
    assert event.reason == "属消防监管范围" and event.data["before"] == ["区城管局（牵头）"]
    deliver()
    assert Notification.objects.filter(recipient=world.fire_officer, kind="reassign").exists()
    assert _audits("task.reassign") == 1


def test_reassign_a_hazard_changes_its_supervising_department(world: World) -> None:
    hazard = world.hazard()
    steering.reassign(actor=world.clerk, item=hazard, department=world.fire_brigade, reason="消防隐患")
    hazard.refresh_from_db()
    assert hazard.supervising_department == world.fire_brigade


def test_change_deadline_keeps_the_original(world: World) -> None:
    task = world.task()  # due 2024-12-31, 原文 "2024年12月31日前"
    steering.change_deadline(actor=world.clerk, item=task, due=date(2025, 3, 31), reason="冬季无法施工")
    steering.change_deadline(actor=world.clerk, item=task, due=date(2025, 4, 30), reason="再调整")
    task.refresh_from_db()
    assert task.due_date == date(2025, 4, 30)
    assert task.original_due_date == date(2024, 12, 31)
    assert task.deadline_raw == "2024年12月31日前"
    assert ItemEvent.objects.filter(task=task, action=Action.CHANGE_DEADLINE).count() == 2


def test_extension_is_asked_by_the_owner_and_decided_by_the_reviewer(world: World) -> None:
    task = world.task()
    steering.request_extension(actor=world.officer, item=task, until=date(2025, 2, 28), reason="资金未到位")
    assert steering.requested_until(task) == date(2025, 2, 28)
    # the reviewer (the supervising department 区应急局) sees it among the requests to decide, the officer not
    assert [r.item.pk for r in steering.pending_extension_requests(world.reviewer)] == [task.pk]
    assert steering.pending_extension_requests(world.officer) == []
    approved = steering.decide_extension(actor=world.reviewer, item=Task.objects.get(pk=task.pk), approve=True)
    assert approved.status == TaskStatus.IN_PROGRESS
    assert approved.due_date == date(2025, 2, 28) and approved.original_due_date == date(2024, 12, 31)
    assert approved.deadline_raw == "2024年12月31日前"


def test_an_extension_refused_needs_a_reason(world: World) -> None:
    task = world.task()
    steering.request_extension(actor=world.officer, item=task, until=date(2025, 2, 28), reason="资金未到位")
    with pytest.raises(ReasonRequired):
        steering.decide_extension(actor=world.reviewer, item=task, approve=False)
    refused = steering.decide_extension(actor=world.reviewer, item=task, approve=False, reason="不符合延期条件")
    assert refused.status == TaskStatus.IN_PROGRESS and refused.due_date == date(2024, 12, 31)


def test_split_gives_each_owner_its_own_task(world: World) -> None:
    task = world.task(owners=[OwnerSpec("区城管局", department=world.urban),
                              OwnerSpec("区消防救援大队", role=OwnerRole.COOPERATE, department=world.fire_brigade)])
    created = steering.split(actor=world.clerk, task=task, reason="分别督办")
    task.refresh_from_db()
    assert [o.department for o in task.owners.all()] == [world.urban]
    assert len(created) == 1 and [o.department for o in created[0].owners.all()] == [world.fire_brigade]
    assert created[0].status == TaskStatus.ASSIGNED and created[0].due_date == task.due_date
    assert (task.seq, created[0].seq) == ("3-1", "3-2")
    assert ItemEvent.objects.get(task=task, action=Action.SPLIT).data == {"into": [created[0].pk]}
    # each unit now sees only its own
    assert not Task.objects.filter(pk=created[0].pk, owners__department=world.urban).exists()


def test_a_task_with_one_owner_is_not_split(world: World) -> None:
    with pytest.raises(steering.SteeringInvalid):
        steering.split(actor=world.clerk, task=world.task())


def test_submit_needs_a_progress_report_and_again_after_a_return(world: World) -> None:
    task = world.task()
    with pytest.raises(ProgressMissing):
        transition(item=task, action=Action.SUBMIT, actor=world.officer)
    world.submit(task, world.officer)
    transition(item=task, action=Action.RETURN, actor=world.reviewer, reason="缺少配送环节记录")
    with pytest.raises(ProgressMissing, match="退回后"):
        transition(item=task, action=Action.SUBMIT, actor=world.officer)
    world.submit(task, world.officer)


def test_a_hazard_needs_evidence_to_be_submitted(world: World, settings: object) -> None:
    hazard = world.hazard()
    transition(item=hazard, action=Action.ASSIGN, actor=world.clerk)
    submit_progress(actor=world.principal, item=hazard, text="已加装防倾倒链")
    with pytest.raises(EvidenceMissing):
        transition(item=hazard, action=Action.SUBMIT, actor=world.principal)
    # configurable: without the general grade in the setting, a general hazard goes without a photo …
    settings.ANJIAN_EVIDENCE_REQUIRED = []  # type: ignore[attr-defined]
    assert transition(item=hazard, action=Action.SUBMIT, actor=world.principal).status == HazardStatus.SUBMITTED
    # … but a major one never does
    major = world.hazard(grade=HazardGrade.MAJOR)
    transition(item=major, action=Action.ASSIGN, actor=world.clerk)
    submit_progress(actor=world.principal, item=major, text="已整改")
    with pytest.raises(EvidenceMissing):
        transition(item=major, action=Action.SUBMIT, actor=world.principal)


def test_closing_needs_an_acceptance_opinion(world: World) -> None:
    task = world.task()
    world.submit(task, world.officer)
    with pytest.raises(ReasonRequired):
        transition(item=task, action=Action.CLOSE, actor=world.reviewer)
    closed = transition(item=task, action=Action.CLOSE, actor=world.reviewer, reason="台账完整，同意销号")
    assert ItemEvent.objects.get(task=closed, action=Action.CLOSE).reason == "台账完整，同意销号"


def test_a_self_reported_hazard_is_handed_over_and_the_department_told(world: World) -> None:
    hazard = steering.self_report(actor=world.principal, unit=world.gas_station, description="灭火器过期",
                                  found_on=date(2024, 11, 1))
    assert hazard.status == HazardStatus.ASSIGNED and hazard.supervising_department == world.urban
    assert ItemEvent.objects.get(hazard=hazard, action=Action.HAND_OVER).actor == world.principal
    deliver()
    assert Notification.objects.filter(recipient=world.officer, kind="hand_over", item_id=hazard.pk).exists()
    assert not Notification.objects.filter(recipient=world.principal, kind="hand_over").exists()
    # the enterprise rectifies and submits it
    submit_progress(actor=world.principal, item=hazard, text="已更换灭火器", files=[("after.png", PHOTO)])
    assert transition(item=hazard, action=Action.SUBMIT, actor=world.principal).status == HazardStatus.SUBMITTED


def test_self_rectify_mode_starts_rectifying_at_once(world: World, settings: object) -> None:
    settings.ANJIAN_SELF_REPORT_MODE = "self_rectify"  # type: ignore[attr-defined]
    hazard = steering.self_report(actor=world.principal, unit=world.gas_station, description="灭火器过期",
                                  found_on=date(2024, 11, 1))
    assert hazard.status == HazardStatus.RECTIFYING
    deliver()
    assert not Notification.objects.filter(kind="hand_over").exists()


def test_bulk_urge_skips_what_it_may_not_urge(world: World) -> None:
    tasks = [world.task(), world.task()]
    transition(item=tasks[1], action=Action.CANCEL, actor=world.clerk, reason="重复")
    result = steering.bulk_urge(actor=world.clerk, items=tasks)
    assert result.done == 1 and sum((result.skipped or {}).values()) == 1


def test_bulk_reassign(world: World) -> None:
    tasks = [world.task(), world.task()]
    result = steering.bulk_reassign(actor=world.clerk, items=tasks, department=world.fire_brigade, reason="调整分工")
    assert result.done == 2
    assert set(Task.objects.filter(owners__department=world.fire_brigade).values_list("pk", flat=True)) == {
        t.pk for t in tasks}


def test_only_a_self_reported_hazard_is_handed_over_by_the_enterprise(world: World) -> None:
    found = world.hazard()  # found by an inspection: the office or the department assigns it
    with pytest.raises(TransitionNotAllowed):
        transition(item=found, action=Action.HAND_OVER, actor=world.principal)
