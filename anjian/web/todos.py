"""What needs this user's action: one source for the home page's to-dos and the menu's count.

Each kind of to-do is declared once (`TodoKind`): the rows it lists are a filter derived from the permission
policy (`scope_q` for the action the user must take) and the ledger. `TODO_KINDS` lists them in the order the
home page shows them; a new kind is one more entry. The home page lists the first rows of each; the menu
counts them all in one aggregate query per model.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Role
from anjian.accounts.policy import assignments, scope_q
from anjian.ingest.services import pending_q
from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED, DeadlineKind, HazardStatus, TaskStatus
from anjian.ledger.models import Hazard, ProgressReport, Task
from anjian.prevention.due import due_plans_q
from anjian.prevention.models import CheckPlan
from anjian.tipoffs.choices import TipOffStatus
from anjian.tipoffs.models import TipOff

DUE_SOON_DAYS = 7
SHOWN = 8

Where = Callable[[Any, date], Q]


@dataclass(frozen=True)
class TodoKind:
    """One kind of to-do: which rows of which model wait for the user, and how the home page shows them."""

    key: str
    title: str | Promise
    model: Any  # Task, Hazard, TipOff or CheckPlan
    where: Where
    order: tuple[str, ...]
    link: str
    detail: str  # URL name of a row's page (takes the row's pk)
    related: tuple[str, ...] = ()
    warn: bool = False


@dataclass
class TodoList:
    """One box of the home page: a title, a count, the first rows, the list URL showing all, the rows' page."""

    key: str
    title: str | Promise
    count: int
    rows: list[Any]
    link: str
    warn: bool = False
    detail: str = "web:task_detail"


def _mine(user: Any, kind: str) -> Q:
    # "Mine" is what I must move: rectify (owners) or assign (office, supervising department).
    return scope_q(user, kind, "submit") | scope_q(user, kind, "assign")


def _pending(user: Any, today: date) -> Q:
    # An import left the task 待定 (no responsible unit or no deadline): nothing reminds or escalates it until
    # the office fills it in, so it stays here.
    return scope_q(user, "task", "edit") & pending_q() & Q(status__in=TASK_WATCHED)


def _new(kind: str, status: str) -> Where:
    def where(user: Any, today: date) -> Q:
        # Given to me and not yet started: a new assignment waits for its owner to take it up.
        return scope_q(user, kind, "start") & Q(status=status)
    return where


def _review(kind: str, status: str) -> Where:
    def where(user: Any, today: date) -> Q:
        return scope_q(user, kind, "close") & Q(status=status)
    return where


def _extension(kind: str, status: str) -> Where:
    def where(user: Any, today: date) -> Q:
        return scope_q(user, kind, "approve_extension") & Q(status=status)
    return where


def _overdue(kind: str, watched: frozenset[str]) -> Where:
    def where(user: Any, today: date) -> Q:
        return _mine(user, kind) & Q(status__in=watched, due_date__lt=today)
    return where


def _due_soon(kind: str, watched: frozenset[str]) -> Where:
    def where(user: Any, today: date) -> Q:
        soon = today + timedelta(days=DUE_SOON_DAYS)
        return _mine(user, kind) & Q(status__in=watched, due_date__gte=today, due_date__lte=soon)
    return where


def _missing_report(kind: str, watched: frozenset[str]) -> Where:
    def where(user: Any, today: date) -> Q:
        # Long-term and periodic items without this month's progress report, due within the week.
        reported = ProgressReport.objects.filter(**{kind: OuterRef("pk")}, period__gte=today.replace(day=1))
        return scope_q(user, kind, "progress") & Q(
            status__in=watched, deadline_kind__in=[DeadlineKind.LONG_TERM, DeadlineKind.RECURRING],
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
        ) & ~Q(Exists(reported))
    return where


def _tipoffs_to_route(user: Any, today: date) -> Q:
    return (scope_q(user, "tipoff", "route") | scope_q(user, "tipoff", "triage")) & Q(
        status__in=[TipOffStatus.RECEIVED, TipOffStatus.TRIAGED])


def _tipoffs_routed(user: Any, today: date) -> Q:
    # The office may verify too, but a routed tip-off is the department's work: only the department's list.
    department = Q(pk__in=[])
    for a in assignments(user):
        if a.role == Role.DEPARTMENT:
            department |= Q(region__path__startswith=a.region.path, routed_department=a.department_id)
    return scope_q(user, "tipoff", "verify") & department & Q(
        status__in=[TipOffStatus.ROUTED, TipOffStatus.VERIFYING])


def _checks_due(user: Any, today: date) -> Q:
    # 双重预防: a risk point's scheduled check falls due for the person the plan names, or, when it names
    # nobody, for the accounts of its unit (anjian/prevention/due.py lists the same plans with 包保 duties).
    return due_plans_q(user, today)


_T, _H = TaskStatus, HazardStatus
_TASK: dict[str, Any] = {"model": Task, "detail": "web:task_detail", "related": ("region",)}
_HAZARD: dict[str, Any] = {"model": Hazard, "detail": "web:hazard_detail", "related": ("unit",)}
_TIPOFF: dict[str, Any] = {"model": TipOff, "detail": "tipoffs:detail", "order": ("due_date", "pk"), "link": "/tipoff/queue/"}
_DUE = ("due_date", "pk")

TODO_KINDS: tuple[TodoKind, ...] = (
    TodoKind("task_pending", _("待补全责任单位/时限的任务"), where=_pending, order=("pk",), link="/tasks/?pending=1",
             warn=True, **_TASK),
    TodoKind("task_assigned", _("新交办的任务"), where=_new("task", _T.ASSIGNED), order=_DUE,
             link=f"/tasks/?status={_T.ASSIGNED}", **_TASK),
    TodoKind("hazard_assigned", _("新交办的隐患"), where=_new("hazard", _H.ASSIGNED), order=_DUE,
             link=f"/hazards/?status={_H.ASSIGNED}", **_HAZARD),
    TodoKind("tipoff_to_route", _("待登记转办的举报"), where=_tipoffs_to_route, **_TIPOFF),
    TodoKind("tipoff_routed", _("转办给我的举报"), where=_tipoffs_routed, **_TIPOFF),
    TodoKind("task_review", _("待我验收的任务"), where=_review("task", _T.SUBMITTED), order=("pk",),
             link=f"/tasks/?status={_T.SUBMITTED}", **_TASK),
    TodoKind("hazard_review", _("待我验收的隐患"), where=_review("hazard", _H.SUBMITTED), order=("pk",),
             link=f"/hazards/?status={_H.SUBMITTED}", **_HAZARD),
    TodoKind("task_extension", _("待我审批延期的任务"), where=_extension("task", _T.EXTENSION_REQUESTED),
             order=("pk",), link=f"/tasks/?status={_T.EXTENSION_REQUESTED}", **_TASK),
    TodoKind("hazard_extension", _("待我审批延期的隐患"), where=_extension("hazard", _H.EXTENSION_REQUESTED),
             order=("pk",), link=f"/hazards/?status={_H.EXTENSION_REQUESTED}", **_HAZARD),
    TodoKind("task_overdue", _("已逾期任务"), where=_overdue("task", TASK_WATCHED), order=_DUE,
             link="/tasks/?overdue=1&order=due", warn=True, **_TASK),
    TodoKind("task_due_soon", _("7日内到期任务"), where=_due_soon("task", TASK_WATCHED), order=_DUE,
             link=f"/tasks/?due_within={DUE_SOON_DAYS}&order=due", **_TASK),
    TodoKind("task_missing_report", _("待报送进展的任务"), where=_missing_report("task", TASK_WATCHED), order=_DUE,
             link=f"/tasks/?deadline_kind={DeadlineKind.LONG_TERM}", **_TASK),
    TodoKind("hazard_overdue", _("已逾期隐患"), where=_overdue("hazard", HAZARD_WATCHED), order=_DUE,
             link="/hazards/?overdue=1&order=due", warn=True, **_HAZARD),
    TodoKind("hazard_due_soon", _("7日内到期隐患"), where=_due_soon("hazard", HAZARD_WATCHED), order=_DUE,
             link=f"/hazards/?due_within={DUE_SOON_DAYS}&order=due", **_HAZARD),
    TodoKind("risk_check_due", _("到期的风险排查"), model=CheckPlan, where=_checks_due, order=("next_due", "pk"),
             link="/prevention/", detail="prevention:plan_check", related=("risk_point",)),
    TodoKind("hazard_missing_report", _("待报送进展的隐患"), where=_missing_report("hazard", HAZARD_WATCHED),
             order=_DUE, link=f"/hazards/?deadline_kind={DeadlineKind.LONG_TERM}", **_HAZARD),
)


def _box(kind: TodoKind, user: Any, today: date, shown: int) -> TodoList:
    qs = kind.model.objects.filter(kind.where(user, today)).order_by(*kind.order)
    rows = list(qs.select_related(*kind.related)[: shown + 1])
    count = len(rows) if len(rows) <= shown else qs.count()
    return TodoList(kind.key, kind.title, count, rows[:shown], kind.link, kind.warn, kind.detail)


def todos(user: Any, today: date, shown: int = SHOWN) -> list[TodoList]:
    """Every to-do box of this user, in display order (empty boxes included)."""
    return [_box(kind, user, today, shown) for kind in TODO_KINDS]


def counts(user: Any, today: date) -> dict[str, int]:
    """How many rows each kind holds for this user: one aggregate query per model, over the rows of any kind."""
    result: dict[str, int] = {}
    for model in dict.fromkeys(kind.model for kind in TODO_KINDS):
        wheres = {kind.key: kind.where(user, today) for kind in TODO_KINDS if kind.model is model}
        rows = model.objects.filter(reduce(operator.or_, wheres.values()))
        found = rows.aggregate(**{key: Count("pk", filter=where) for key, where in wheres.items()})
        result.update({key: found.get(key) or 0 for key in wheres})
    return result


def open_count(user: Any, today: date) -> int:
    """What waits for this user (the menu's count): the sum of the home page's boxes."""
    return sum(counts(user, today).values())
