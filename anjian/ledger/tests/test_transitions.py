"""The declared transition tables: every allowed edge works, every other edge is refused."""

from __future__ import annotations

from datetime import date

import pytest

from anjian.fixtures import PHOTO, World
from anjian.ledger.choices import (
    HAZARD_TRANSITIONS,
    TASK_TRANSITIONS,
    Action,
    HazardChannel,
    HazardStatus,
    TaskStatus,
)
from anjian.ledger.errors import ReasonRequired, TransitionNotAllowed
from anjian.ledger.models import Hazard, ItemEvent, Task
from anjian.ledger.services import submit_progress, transition

pytestmark = pytest.mark.django_db

# Who performs each action in these tests (a reviewer never closes their own submission).
TASK_ACTOR = {
    Action.ASSIGN: "clerk", Action.START: "officer", Action.SUBMIT: "officer", Action.RETURN: "reviewer",
    Action.CLOSE: "reviewer", Action.REQUEST_EXTENSION: "officer", Action.APPROVE_EXTENSION: "reviewer",
    Action.REFUSE_EXTENSION: "reviewer", Action.CANCEL: "clerk", Action.HAND_OVER: "principal",
}
HAZARD_ACTOR = {**TASK_ACTOR, Action.ASSIGN: "clerk", Action.START: "principal", Action.SUBMIT: "principal",
                Action.REQUEST_EXTENSION: "principal", Action.RETURN: "officer", Action.CLOSE: "officer",
                Action.APPROVE_EXTENSION: "officer", Action.REFUSE_EXTENSION: "officer"}


def _force_status(item: Task | Hazard, status: str) -> None:
    type(item).objects.filter(pk=item.pk).update(status=status)
    item.refresh_from_db()


def _substance(item: Task | Hazard, action: str, actor: object) -> None:
    """What 提交验收 needs besides the status: a progress report with a photo."""
    if action == Action.SUBMIT and item.status in _table(item)[action].sources:
        submit_progress(actor=actor, item=item, text="已整改", files=[("after.png", PHOTO)])


def _table(item: Task | Hazard) -> dict:  # type: ignore[type-arg]
    return TASK_TRANSITIONS if isinstance(item, Task) else HAZARD_TRANSITIONS


@pytest.mark.parametrize("status", TaskStatus.values)
@pytest.mark.parametrize("action", list(TASK_TRANSITIONS))
def test_task_edge_allowed_exactly_when_declared(world: World, action: str, status: str) -> None:
    # given a task forced into `status`
    task = world.task(assign=False)
    _force_status(task, status)
    edge = TASK_TRANSITIONS[action]
    actor = getattr(world, TASK_ACTOR[Action(action)])
    _substance(task, action, actor)
    # when the action is attempted
    if status in edge.sources:
        moved = transition(item=task, action=action, actor=actor, reason="理由")
        # then it lands in the declared target with one event
        assert moved.status == edge.target
        assert ItemEvent.objects.filter(task=task, action=action, from_status=status, to_status=edge.target).count() == 1
    else:
        with pytest.raises(TransitionNotAllowed):
            transition(item=task, action=action, actor=actor, reason="理由")
        task.refresh_from_db()
        assert task.status == status


@pytest.mark.parametrize("status", HazardStatus.values)
@pytest.mark.parametrize("action", list(HAZARD_TRANSITIONS))
def test_hazard_edge_allowed_exactly_when_declared(world: World, action: str, status: str) -> None:
    hazard = world.hazard(channel=HazardChannel.SELF_REPORT, actor=world.principal)
    _force_status(hazard, status)
    edge = HAZARD_TRANSITIONS[action]
    actor = getattr(world, HAZARD_ACTOR[Action(action)])
    _substance(hazard, action, actor)
    if status in edge.sources:
        moved = transition(item=hazard, action=action, actor=actor, reason="理由")
        assert moved.status == edge.target
    else:
        with pytest.raises(TransitionNotAllowed):
            transition(item=hazard, action=action, actor=actor, reason="理由")


def test_unknown_action_is_refused(world: World) -> None:
    with pytest.raises(TransitionNotAllowed):
        transition(item=world.task(), action="teleport", actor=world.clerk)


def test_return_needs_a_reason(world: World) -> None:
    task = world.task()
    world.submit(task, world.officer)
    with pytest.raises(ReasonRequired):
        transition(item=task, action=Action.RETURN, actor=world.reviewer, reason="  ")


def test_full_loop_found_to_closed(world: World) -> None:
    # a hazard found, assigned, rectified, returned once, resubmitted and closed
    hazard = world.hazard(found_on=date(2024, 11, 1))
    transition(item=hazard, action=Action.ASSIGN, actor=world.clerk)
    transition(item=hazard, action=Action.START, actor=world.principal)
    world.submit(hazard, world.principal)
    transition(item=hazard, action=Action.RETURN, actor=world.officer, reason="照片不清晰")
    world.submit(hazard, world.principal)
    closed = transition(item=hazard, action=Action.CLOSE, actor=world.officer, reason="整改到位，同意销号")
    assert closed.status == HazardStatus.CLOSED
    assert closed.closed_at is not None
    actions = list(ItemEvent.objects.filter(hazard=hazard).values_list("action", flat=True))
    assert actions == ["create", "assign", "start", "progress", "submit", "return", "progress", "submit", "close"]
