"""The escalation ladder stepped through a simulated month; a second scan changes nothing."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.escalation.models import policy_for
from anjian.escalation.services import scan_deadlines
from anjian.fixtures import World
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import ItemEvent, Task
from anjian.notify.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db

DUE = date(2024, 11, 15)


def _levels_over_month(task: Task) -> dict[date, int]:
    seen = {}
    for offset in range(-5, 35):
        day = DUE + timedelta(days=offset)
        scan_deadlines(day)
        task.refresh_from_db()
        seen[day] = task.escalation_level
    return seen


def test_ladder_climbs_by_policy(world: World) -> None:
    # given the default ladder: remind 0, 函告 7, 通报 15, 约谈 30, 挂牌督办 60 days after the deadline
    task = world.task(deadline=DeadlineSpec("date", DUE))
    levels = _levels_over_month(task)
    assert levels[DUE] == 0
    assert levels[DUE + timedelta(days=1)] == 1
    assert levels[DUE + timedelta(days=6)] == 1
    assert levels[DUE + timedelta(days=7)] == 2
    assert levels[DUE + timedelta(days=15)] == 3
    assert levels[DUE + timedelta(days=29)] == 3
    assert levels[DUE + timedelta(days=30)] == 4
    steps = list(ItemEvent.objects.filter(task=task, action__startswith="escalate:").values_list("action", flat=True))
    assert steps == ["escalate:remind", "escalate:notice_letter", "escalate:circular", "escalate:summons"]
    # the reminder before the deadline was sent once (3 days ahead by default)
    assert ItemEvent.objects.filter(task=task, action="remind").count() == 1


def test_second_scan_changes_nothing(world: World) -> None:
    world.task(deadline=DeadlineSpec("date", DUE))
    world.hazard(deadline=DeadlineSpec("date", DUE))
    day = DUE + timedelta(days=20)
    first = scan_deadlines(day)
    counts = (ItemEvent.objects.count(), OutboxMessage.objects.count(), Notification.objects.count())
    second = scan_deadlines(day)
    assert first.escalated == 2
    assert (second.escalated, second.reminded, second.notifications) == (0, 0, 0)
    assert (ItemEvent.objects.count(), OutboxMessage.objects.count(), Notification.objects.count()) == counts


def test_notifications_reach_owner_and_office_at_notice_letter(world: World) -> None:
    task = world.task(deadline=DeadlineSpec("date", DUE))
    scan_deadlines(DUE + timedelta(days=8))
    recipients = set(Notification.objects.filter(item_id=task.pk).values_list("recipient__username", flat=True))
    assert {"officer", "reviewer", "clerk"} <= recipients
    assert "outsider" not in recipients


def test_submitted_items_wait_for_the_reviewer_not_the_ladder(world: World) -> None:
    task = world.task(deadline=DeadlineSpec("date", DUE))
    world.submit(task, world.officer)
    scan_deadlines(DUE + timedelta(days=40))
    task.refresh_from_db()
    assert task.escalation_level == 0


def test_policy_is_data(world: World) -> None:
    policy = policy_for("task")
    policy.steps.filter(level=2).update(days_after_due=2)
    task = world.task(deadline=DeadlineSpec("date", DUE))
    scan_deadlines(DUE + timedelta(days=2))
    task.refresh_from_db()
    assert task.escalation_level == 2


def test_long_term_item_escalates_when_monthly_report_is_missing(world: World) -> None:
    task = world.task(deadline=DeadlineSpec.from_schema("long-term", "长期"))
    assert task.due_date is not None
    scan_deadlines(task.due_date + timedelta(days=8))
    task.refresh_from_db()
    assert task.escalation_level == 2


def test_every_escalation_step_writes_its_audit_row(world: World) -> None:
    # given a task reminded three days ahead, then taken up the ladder to 约谈 (issue 22)
    task = world.task(deadline=DeadlineSpec("date", DUE))
    _levels_over_month(task)
    # then each event the scanner wrote has its audit row, the reminder included
    events = Counter(ItemEvent.objects.filter(task=task, action__in=["remind"]).values_list("action", flat=True))
    events.update(ItemEvent.objects.filter(task=task, action__startswith="escalate:").values_list("action", flat=True))
    audited = AuditEntry.objects.filter(object_type="task", object_id=str(task.pk))
    reminders = audited.filter(action="task.remind")
    assert reminders.count() == events["remind"] == 1
    assert reminders.get().after == {"reminded_for": str(DUE)}
    assert audited.filter(action="task.escalate").count() == sum(
        n for action, n in events.items() if action.startswith("escalate:")) == 4
    assert verify().ok
