"""What needs this user's action: one source for the home page's to-dos and the menu's count.

Each kind of to-do is one function `(user, today) -> TodoList`, derived from the permission policy
(`scope_q` for the action the user must take) and the ledger; `TODO_KINDS` lists them in the order the
home page shows them. A new kind is one function and one line in `TODO_KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Role
from anjian.accounts.policy import assignments, scope_q
from anjian.ingest.services import pending_q
from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED, DeadlineKind, HazardStatus, TaskStatus
from anjian.ledger.models import Hazard, ProgressReport, Task

DUE_SOON_DAYS = 7
SHOWN = 8


@dataclass
class TodoList:
    """One box of the home page: a title, a count, the first rows, the list URL showing all, the rows' page."""

    key: str
    title: str | Promise
    count: int
    rows: list[Any]
    link: str
    warn: bool = False
    detail: str = "web:task_detail"  # URL name of a row's page (takes the row's pk)


Todo = Callable[[Any, date, int], TodoList]  # (user, today, rows shown: 0 counts only)

_TASK = ("task", Task, TASK_WATCHED, ("region",), "/tasks/", "web:task_detail", _("任务"))
_HAZARD = ("hazard", Hazard, HAZARD_WATCHED, ("unit",), "/hazards/", "web:hazard_detail", _("隐患"))
_KINDS: dict[str, tuple[Any, ...]] = {"task": _TASK, "hazard": _HAZARD}


def _rows(qs: QuerySet[Any], related: tuple[str, ...], shown: int) -> tuple[int, list[Any]]:
    if not shown:
        return qs.count(), []
    rows = list(qs.select_related(*related)[: shown + 1])
    if len(rows) <= shown:
        return len(rows), rows
    return qs.count(), rows[:shown]


def _box(key: str, title: str | Promise, qs: QuerySet[Any], related: tuple[str, ...], link: str, detail: str,
         shown: int, warn: bool = False) -> TodoList:
    count, rows = _rows(qs, related, shown)
    return TodoList(key, title, count, rows, link, warn, detail)


def _mine(user: Any, kind: str) -> Q:
    # "Mine" is what I must move: rectify (owners) or assign (office, supervising department).
    return scope_q(user, kind, "submit") | scope_q(user, kind, "assign")


def task_pending(user: Any, today: date, shown: int = SHOWN) -> TodoList:
    """Tasks an import left 待定 (no responsible unit or no deadline): nothing reminds or escalates them
    until the office fills them in, so they stay here."""
    qs = Task.objects.filter(scope_q(user, "task", "edit"), pending_q(), status__in=TASK_WATCHED).order_by("pk")
    return _box("task_pending", _("待补全责任单位/时限的任务"), qs, ("region",), "/tasks/?pending=1",
                "web:task_detail", shown, warn=True)


def _assigned(kind: str) -> Todo:
    name, model, _watched, related, url, detail, label = _KINDS[kind]
    status = TaskStatus.ASSIGNED if kind == "task" else HazardStatus.ASSIGNED

    def new_assignment(user: Any, today: date, shown: int = SHOWN) -> TodoList:
        """Items given to me and not yet started: a new assignment waits for its owner to take it up."""
        qs = model.objects.filter(scope_q(user, name, "start"), status=status).order_by("due_date", "pk")
        return _box(f"{name}_assigned", _("新交办的%(kind)s") % {"kind": label}, qs, related,
                    f"{url}?status={status}", detail, shown)

    return new_assignment


def _overdue(kind: str) -> Todo:
    name, model, watched, related, url, detail, label = _KINDS[kind]

    def overdue(user: Any, today: date, shown: int = SHOWN) -> TodoList:
        """My open items past their date."""
        qs = model.objects.filter(_mine(user, name), status__in=watched, due_date__lt=today).order_by("due_date", "pk")
        return _box(f"{name}_overdue", _("已逾期%(kind)s") % {"kind": label}, qs, related,
                    f"{url}?overdue=1&order=due", detail, shown, warn=True)

    return overdue


def _due_soon(kind: str) -> Todo:
    name, model, watched, related, url, detail, label = _KINDS[kind]

    def due_soon(user: Any, today: date, shown: int = SHOWN) -> TodoList:
        """My open items due within the week."""
        soon = today + timedelta(days=DUE_SOON_DAYS)
        qs = model.objects.filter(_mine(user, name), status__in=watched, due_date__gte=today,
                                  due_date__lte=soon).order_by("due_date", "pk")
        return _box(f"{name}_due_soon", _("7日内到期%(kind)s") % {"kind": label}, qs, related,
                    f"{url}?due_within={DUE_SOON_DAYS}&order=due", detail, shown)

    return due_soon


def _review(kind: str) -> Todo:
    name, model, _watched, related, url, detail, label = _KINDS[kind]
    submitted = TaskStatus.SUBMITTED if kind == "task" else HazardStatus.SUBMITTED

    def review(user: Any, today: date, shown: int = SHOWN) -> TodoList:
        """Items submitted for acceptance that I may close or return."""
        qs = model.objects.filter(scope_q(user, name, "close"), status=submitted).order_by("pk")
        return _box(f"{name}_review", _("待我验收的%(kind)s") % {"kind": label}, qs, related,
                    f"{url}?status={submitted}", detail, shown)

    return review


def _extension(kind: str) -> Todo:
    name, model, _watched, related, url, detail, label = _KINDS[kind]
    requested = TaskStatus.EXTENSION_REQUESTED if kind == "task" else HazardStatus.EXTENSION_REQUESTED

    def extension_requests(user: Any, today: date, shown: int = SHOWN) -> TodoList:
        """Extension requests I may approve or refuse."""
        qs = model.objects.filter(scope_q(user, name, "approve_extension"), status=requested).order_by("pk")
        return _box(f"{name}_extension", _("待我审批延期的%(kind)s") % {"kind": label}, qs, related,
                    f"{url}?status={requested}", detail, shown)

    return extension_requests


def _missing_report(kind: str) -> Todo:
    name, model, watched, related, url, detail, label = _KINDS[kind]

    def missing_report(user: Any, today: date, shown: int = SHOWN) -> TodoList:
        """Long-term and periodic items of mine without this month's progress report, due within the week."""
        reported = ProgressReport.objects.filter(**{name: OuterRef("pk")}, period__gte=today.replace(day=1))
        qs = model.objects.filter(
            scope_q(user, name, "progress"), status__in=watched,
            deadline_kind__in=[DeadlineKind.LONG_TERM, DeadlineKind.RECURRING],
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
        ).filter(~Exists(reported)).order_by("due_date", "pk")
        return _box(f"{name}_missing_report", _("待报送进展的%(kind)s") % {"kind": label}, qs, related,
                    f"{url}?deadline_kind={DeadlineKind.LONG_TERM}", detail, shown)

    return missing_report


def tipoffs_to_route(user: Any, today: date, shown: int = SHOWN) -> TodoList:
    """Tip-offs received or registered that I may register and route to a department."""
    from anjian.tipoffs.choices import TipOffStatus
    from anjian.tipoffs.models import TipOff

    qs = TipOff.objects.filter(scope_q(user, "tipoff", "route") | scope_q(user, "tipoff", "triage"),
                               status__in=[TipOffStatus.RECEIVED, TipOffStatus.TRIAGED]).order_by("due_date", "pk")
    return _box("tipoff_to_route", _("待登记转办的举报"), qs, (), "/tipoff/queue/", "tipoffs:detail", shown)


def tipoffs_routed(user: Any, today: date, shown: int = SHOWN) -> TodoList:
    """Tip-offs routed to my department, waiting for verification."""
    from anjian.tipoffs.choices import TipOffStatus
    from anjian.tipoffs.models import TipOff

    department = Q(pk__in=[])
    for a in assignments(user):
        if a.role == Role.DEPARTMENT:
            department |= Q(region__path__startswith=a.region.path, routed_department=a.department_id)
    # The office may verify too, but a routed tip-off is the department's work: only the department's list.
    qs = TipOff.objects.filter(scope_q(user, "tipoff", "verify") & department,
                               status__in=[TipOffStatus.ROUTED, TipOffStatus.VERIFYING]).order_by("due_date", "pk")
    return _box("tipoff_routed", _("转办给我的举报"), qs, (), "/tipoff/queue/", "tipoffs:detail", shown)


TODO_KINDS: tuple[Todo, ...] = (
    task_pending,
    _assigned("task"),
    _assigned("hazard"),
    tipoffs_to_route,
    tipoffs_routed,
    _review("task"),
    _review("hazard"),
    _extension("task"),
    _extension("hazard"),
    _overdue("task"),
    _due_soon("task"),
    _missing_report("task"),
    _overdue("hazard"),
    _due_soon("hazard"),
    _missing_report("hazard"),
)


def todos(user: Any, today: date, shown: int = SHOWN) -> list[TodoList]:
    """Every to-do box of this user, in display order (empty boxes included); `shown=0` counts only."""
    return [kind(user, today, shown) for kind in TODO_KINDS]


def open_count(user: Any, today: date) -> int:
    """How many things wait for this user (the menu's count): the sum of the boxes' counts."""
    return sum(box.count for box in todos(user, today, shown=0))
