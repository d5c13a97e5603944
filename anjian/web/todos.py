"""The to-do lists of the home page: what each person must act on, computed from the policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.policy import scope_q
from anjian.ingest.services import pending_q
from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED, DeadlineKind, HazardStatus, TaskStatus
from anjian.ledger.models import Hazard, ProgressReport, Task

DUE_SOON_DAYS = 7
SHOWN = 8


@dataclass
class TodoList:
    """One box of the home page: a title, a count, the first rows, and the list URL showing all."""

    key: str
    title: str | Promise
    count: int
    rows: list[Any]
    link: str
    warn: bool = False


def _mine(user: Any, kind: str) -> Q:
    # "Mine" is what I must move: rectify (owners), assign (office), or, for read-only roles, what I watch.
    q = scope_q(user, kind, "submit") | scope_q(user, kind, "assign")
    return q


def _rows(qs: QuerySet[Any], related: tuple[str, ...]) -> tuple[int, list[Any]]:
    rows = list(qs.select_related(*related)[: SHOWN + 1])
    if len(rows) <= SHOWN:
        return len(rows), rows
    return qs.count(), rows[:SHOWN]


def todos(user: Any, today: date) -> list[TodoList]:
    """待定 tasks to fill, due soon, overdue, awaiting my review, periodic items missing this period's report."""
    boxes: list[TodoList] = []
    soon = today + timedelta(days=DUE_SOON_DAYS)
    month = today.replace(day=1)
    for kind, model, watched, submitted, related, url in (
        ("task", Task, TASK_WATCHED, TaskStatus.SUBMITTED, ("region",), "/tasks/"),
        ("hazard", Hazard, HAZARD_WATCHED, HazardStatus.SUBMITTED, ("unit",), "/hazards/"),
    ):
        mine = model.objects.filter(_mine(user, kind), status__in=watched)
        label = _("任务") if kind == "task" else _("隐患")
        count, rows = _rows(mine.filter(due_date__lt=today).order_by("due_date", "pk"), related)
        boxes.append(TodoList(f"{kind}_overdue", _("已逾期%(kind)s") % {"kind": label}, count, rows,
                              f"{url}?overdue=1&order=due", warn=True))
        count, rows = _rows(mine.filter(due_date__gte=today, due_date__lte=soon).order_by("due_date", "pk"), related)
        boxes.append(TodoList(f"{kind}_due_soon", _("7日内到期%(kind)s") % {"kind": label}, count, rows,
                              f"{url}?due_within={DUE_SOON_DAYS}&order=due"))
        review = model.objects.filter(scope_q(user, kind, "close"), status=submitted).order_by("pk")
        count, rows = _rows(review, related)
        boxes.append(TodoList(f"{kind}_review", _("待我验收的%(kind)s") % {"kind": label}, count, rows,
                              f"{url}?status={submitted}"))
        reported = ProgressReport.objects.filter(**{kind: OuterRef("pk")}, period__gte=month)
        missing = model.objects.filter(
            scope_q(user, kind, "progress"), status__in=watched,
            deadline_kind__in=[DeadlineKind.LONG_TERM, DeadlineKind.RECURRING], due_date__lte=soon,
        ).filter(~Exists(reported)).order_by("due_date", "pk")
        count, rows = _rows(missing, related)
        boxes.append(TodoList(f"{kind}_missing_report", _("待报送进展的%(kind)s") % {"kind": label}, count, rows,
                              f"{url}?deadline_kind=long_term"))
    # Tasks an import left 待定 (no responsible unit or no deadline): nothing reminds or escalates them
    # until the office fills them in, so they stay here.
    pending = Task.objects.filter(scope_q(user, "task", "edit"), pending_q(), status__in=TASK_WATCHED).order_by("pk")
    count, rows = _rows(pending, ("region",))
    boxes.insert(0, TodoList("task_pending", _("待补全责任单位/时限的任务"), count, rows, "/tasks/?pending=1",
                             warn=True))
    return boxes
