"""Steering a ledger item (督办): 催办, 改派, 调整时限, 延期, 拆分, and the enterprise's 交办.

The office steers the work it assigned: it urges the owners (a notice through the outbox, counted from
the events), gives the task to other units, changes the deadline (the original stays on the item), decides an
owner's request for more time, and splits an imported task among its owners. Each function checks the
policy before its transaction, writes one ItemEvent and one audit entry per changed item, and returns what
it changed. Status changes go through `services.transition`; the others change no status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from anjian.accounts.models import User
from anjian.accounts.policy import allowed, require, scope_q
from anjian.audit.services import record
from anjian.errors import DomainError
from anjian.ledger import events
from anjian.ledger.choices import (
    HAZARD_OPEN,
    HAZARD_WATCHED,
    TASK_OPEN,
    TASK_WATCHED,
    Action,
    DeadlineKind,
    HazardChannel,
    HazardStatus,
    OwnerRole,
    TaskStatus,
)
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.errors import ReasonRequired, TransitionNotAllowed
from anjian.ledger.models import Hazard, ItemEvent, Task, TaskOwner
from anjian.ledger.services import OwnerSpec, report_hazard, transition
from anjian.org.models import Department, Unit

# A task may be split while nobody has asked for review or more time on it.
SPLITTABLE = frozenset({TaskStatus.DRAFT, TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED})


class SteeringInvalid(DomainError):
    """督办操作信息不完整"""

    code = "steering_invalid"


def _kind(item: Task | Hazard) -> str:
    return "task" if isinstance(item, Task) else "hazard"


def _open(item: Task | Hazard) -> bool:
    return item.status in (TASK_OPEN if isinstance(item, Task) else HAZARD_OPEN)


def _label(item: Task | Hazard) -> str:
    if isinstance(item, Task):
        return f"{item.seq + '. ' if item.seq else ''}{(item.problem or item.measures)[:40]}"
    return f"{item.unit.name}：{item.description[:40]}"


def _locked(item: Task | Hazard) -> Task | Hazard:
    current = type(item).objects.select_for_update().get(pk=item.pk)
    if not _open(current):
        raise TransitionNotAllowed(f"“{current.get_status_display()}”的事项不能再督办")
    return current


def _event(item: Task | Hazard, action: str, actor: Any, reason: str = "", **data: Any) -> ItemEvent:
    return events.steered_event(item, action=action, actor=actor, reason=reason, data=data)


def owners_of(item: Task | Hazard) -> list[User]:
    """The people who do the work of an item and may open it: a task's owning units' users; a hazard's
    unit and supervising department (the department watches the unit's rectification)."""
    from anjian.escalation.services import recipients

    people = recipients(_kind(item), item.pk, include_office=False)
    if isinstance(item, Hazard):
        return people
    return [u for u in people if allowed(u, "progress", item)] or people


def urge(*, actor: Any, item: Task | Hazard, message: str = "") -> int:
    """催办: a notice to the owners in their inbox; the count of urges is read from the events. Returns
    how many people were told."""
    require(actor, "urge", item)
    with transaction.atomic():
        current = _locked(item)
        people = owners_of(current)
        times = ItemEvent.objects.filter(action=Action.URGE, **{_kind(current): current}).count() + 1
        _event(current, Action.URGE, actor, message.strip(), times=times, told=[u.pk for u in people])
        record(actor=actor, action=f"{_kind(current)}.urge", object_type=_kind(current), object_id=current.pk,
               after={"times": times, "told": [u.pk for u in people], "message": message.strip()})
    return len(people)


def urge_count(item: Task | Hazard) -> int:
    """How many times the item was urged."""
    return ItemEvent.objects.filter(action=Action.URGE, **{_kind(item): item}).count()


def _owner_names(task: Task) -> list[str]:
    return [f"{o.name}（{o.get_role_display()}）" for o in task.owners.all()]


def reassign(*, actor: Any, item: Task | Hazard, owners: Sequence[OwnerSpec] = (),
             department: Department | None = None, reason: str) -> Task | Hazard:
    """改派: a task gets new responsible units (lead and co-units); a hazard a new supervising department.

    The reason is required; the new owners are told."""
    require(actor, "reassign", item)
    if not reason.strip():
        raise ReasonRequired("改派须填写理由")
    with transaction.atomic():
        current = _locked(item)
        if isinstance(current, Task):
            if not any(o.role == OwnerRole.LEAD for o in owners):
                raise SteeringInvalid("改派须指定至少一个牵头单位")
            before = _owner_names(current)
            current.owners.all().delete()
            TaskOwner.objects.bulk_create(
                TaskOwner(task=current, role=o.role, name=o.name[:100], department=o.department, region=o.region,
                          person=o.person[:50])
                for o in owners
            )
            after = _owner_names(current)
        else:
            if department is None:
                raise SteeringInvalid("改派须选择新的监管部门")
            before = [str(current.supervising_department or "")]
            current.supervising_department = department
            after = [str(department)]
        type(current).objects.filter(pk=current.pk).update(
            version=F("version") + 1, **({"supervising_department": department} if isinstance(current, Hazard)
                                         else {}))
        current.version += 1
        _event(current, Action.REASSIGN, actor, reason.strip(), before=before, after=after)
        record(actor=actor, action=f"{_kind(current)}.reassign", object_type=_kind(current), object_id=current.pk,
               before={"owners": before}, after={"owners": after, "reason": reason.strip()})
    return current


def _keep_original(model: type[Task] | type[Hazard], pk: int) -> None:
    model.objects.filter(pk=pk, original_due_date__isnull=True).update(original_due_date=F("due_date"))


def change_deadline(*, actor: Any, item: Task | Hazard, due: date, reason: str) -> Task | Hazard:
    """调整时限: a new due date with a reason; the first due date stays as the original, escalation
    starts again from the new date."""
    require(actor, "change_deadline", item)
    if not reason.strip():
        raise ReasonRequired("调整时限须填写理由")
    with transaction.atomic():
        current = _locked(item)
        old = current.due_date
        _keep_original(type(current), current.pk)
        kind = current.deadline_kind if current.deadline_kind != DeadlineKind.NONE else DeadlineKind.DATE
        type(current).objects.filter(pk=current.pk).update(
            due_date=due, deadline_kind=kind, deadline_estimated=False, escalation_level=0, reminded_for=None,
            version=F("version") + 1,
        )
        current.refresh_from_db()
        _event(current, Action.CHANGE_DEADLINE, actor, reason.strip(),
               before=old.isoformat() if old else None, after=due.isoformat())
        record(actor=actor, action=f"{_kind(current)}.change_deadline", object_type=_kind(current),
               object_id=current.pk, before={"due_date": old.isoformat() if old else None},
               after={"due_date": due.isoformat(), "reason": reason.strip()})
    return current


def request_extension(*, actor: Any, item: Task | Hazard, until: date, reason: str) -> Task | Hazard:
    """延期申请 by an owner: the date asked for is kept on the event for the office to decide."""
    require(actor, Action.REQUEST_EXTENSION, item)
    if item.due_date is not None and until <= item.due_date:
        raise SteeringInvalid("申请延期的日期须晚于现截止日期")
    with transaction.atomic():
        changed = transition(item=item, action=Action.REQUEST_EXTENSION, actor=actor,  # type: ignore[type-var]
                             reason=reason)
        event = ItemEvent.objects.filter(action=Action.REQUEST_EXTENSION, **{_kind(item): item}).latest("at", "id")
        event.data = {"until": until.isoformat()}
        event.save(update_fields=["data"])
    return changed


def requested_until(item: Task | Hazard) -> date | None:
    """The date of the item's latest extension request."""
    event = ItemEvent.objects.filter(action=Action.REQUEST_EXTENSION, **{_kind(item): item}).order_by(
        "-at", "-id").first()
    value = (event.data or {}).get("until") if event else None
    return date.fromisoformat(value) if value else None


def decide_extension(*, actor: Any, item: Task | Hazard, approve: bool, reason: str = "",
                     until: date | None = None) -> Task | Hazard:
    """同意 (to the date asked, or `until`) or 不同意 (with a reason) an extension request."""
    action = Action.APPROVE_EXTENSION if approve else Action.REFUSE_EXTENSION
    require(actor, action, item)
    if not approve:
        return transition(item=item, action=action, actor=actor, reason=reason)  # type: ignore[type-var]
    new_due = until or requested_until(item)
    if new_due is None:
        raise SteeringInvalid("请填写同意延期至的日期")
    with transaction.atomic():
        _keep_original(type(item), item.pk)
        # The 原文 deadline text stays: the new date is a decision, not a new source text.
        spec = DeadlineSpec(DeadlineKind.DATE, new_due, raw=item.deadline_raw)
        return transition(item=item, action=action, actor=actor, reason=reason,  # type: ignore[type-var]
                          new_deadline=spec)


def split(*, actor: Any, task: Task, reason: str = "") -> list[Task]:
    """拆分: one task per owner. The task keeps its first lead unit; each other unit gets its own copy
    (same text, deadline and status), so each is urged, reviewed and counted on its own."""
    require(actor, "split", task)
    with transaction.atomic():
        current = _locked(task)
        assert isinstance(current, Task)
        if current.status not in SPLITTABLE:
            raise TransitionNotAllowed(f"“{current.get_status_display()}”的任务不能拆分")
        owners = sorted(current.owners.all(), key=lambda o: (o.role != OwnerRole.LEAD, o.pk))
        if len(owners) < 2:
            raise SteeringInvalid("只有一个责任单位的任务无需拆分")
        now = timezone.now()
        created = []
        base_seq = current.seq or str(current.pk)
        for n, owner in enumerate(owners[1:], start=2):
            copy = Task.objects.create(
                region=current.region, source=current.source, source_ref=current.source_ref,
                import_run=current.import_run, seq=f"{base_seq}-{n}"[:20], category=current.category,
                problem=current.problem, measures=current.measures,
                supervising_department=current.supervising_department,
                status=current.status if current.status == TaskStatus.DRAFT else TaskStatus.ASSIGNED,
                created_by=actor, deadline_kind=current.deadline_kind, due_date=current.due_date,
                recurrence=current.recurrence, deadline_raw=current.deadline_raw,
                deadline_estimated=current.deadline_estimated, original_due_date=current.original_due_date,
            )
            owner.task = copy
            owner.role = OwnerRole.LEAD
            owner.save(update_fields=["task", "role"])
            events.split_off_event(copy, actor=actor, reason=reason.strip(), from_task=current.pk, at=now)
            record(actor=actor, action="task.create", object_type="task", object_id=copy.pk,
                   after={"split_from": current.pk, "owner": owner.name, "status": copy.status})
            created.append(copy)
        if current.seq and "-" not in current.seq:
            current.seq = f"{current.seq}-1"[:20]
        Task.objects.filter(pk=current.pk).update(seq=current.seq, version=F("version") + 1)
        current.version += 1
        _event(current, Action.SPLIT, actor, reason.strip(), into=[t.pk for t in created])
        record(actor=actor, action="task.split", object_type="task", object_id=current.pk,
               before={"owners": [o.name for o in owners]},
               after={"kept": owners[0].name, "into": [t.pk for t in created]})
    return created


@dataclass(frozen=True)
class ExtensionRequest:
    """An owner's request for more time, waiting for this user's decision."""

    kind: str
    item: Task | Hazard
    until: date | None
    reason: str
    requested_by: Any
    requested_at: Any


def pending_extension_requests(user: Any) -> list[ExtensionRequest]:
    """The extension requests this user may decide (for the to-do list), oldest first."""
    found: list[ExtensionRequest] = []
    waiting: list[tuple[str, list[Task] | list[Hazard]]] = [
        ("task", list(Task.objects.filter(scope_q(user, "task", Action.APPROVE_EXTENSION),
                                          status=TaskStatus.EXTENSION_REQUESTED))),
        ("hazard", list(Hazard.objects.filter(scope_q(user, "hazard", Action.APPROVE_EXTENSION),
                                              status=HazardStatus.EXTENSION_REQUESTED).select_related("unit"))),
    ]
    for kind, items in waiting:
        for item in items:
            event = ItemEvent.objects.filter(action=Action.REQUEST_EXTENSION, **{kind: item}).select_related(
                "actor").order_by("-at", "-id").first()
            value = (event.data or {}).get("until") if event else None
            found.append(ExtensionRequest(kind, item, date.fromisoformat(value) if value else None,
                                          event.reason if event else "", event.actor if event else None,
                                          event.at if event else None))
    return sorted(found, key=lambda r: (r.requested_at is None, r.requested_at))


def self_report(*, actor: Any, unit: Unit, description: str, found_on: date, **fields: Any) -> Hazard:
    """企业自查自报: the enterprise registers its own hazard, which is at once handed over (交办) to the
    supervising department — who is told — or, with ANJIAN_SELF_REPORT_MODE=self_rectify, put under
    rectification by the enterprise itself, which submits it to the department for acceptance."""
    hazard = report_hazard(actor=actor, unit=unit, description=description, found_on=found_on,
                           channel=HazardChannel.SELF_REPORT, **fields)
    return hand_over(actor=actor, hazard=hazard)


def hand_over(*, actor: Any, hazard: Hazard) -> Hazard:
    """交办 a self-reported hazard (see `self_report`); returns the hazard as it now stands."""
    handed = transition(item=hazard, action=Action.HAND_OVER, actor=actor, reason="企业自查自报，自动交办")
    if getattr(settings, "ANJIAN_SELF_REPORT_MODE", "hand_over") == "self_rectify":
        return transition(item=handed, action=Action.START, actor=actor)
    return handed  # the supervising department is told through the outbox (notify.services)


def overdue_q_statuses(kind: str) -> frozenset[str]:
    """The statuses in which an item of `kind` counts as overdue past its date (for the bulk pages)."""
    return TASK_WATCHED if kind == "task" else HAZARD_WATCHED


@dataclass
class BulkResult:
    """What a bulk steering action did: how many changed, and why the others did not."""

    done: int = 0
    skipped: dict[str, int] | None = None

    def skip(self, message: str) -> None:
        self.skipped = self.skipped or {}
        self.skipped[message] = self.skipped.get(message, 0) + 1


def bulk_urge(*, actor: Any, items: Iterable[Task | Hazard], message: str = "") -> BulkResult:
    """催办 each item the actor may urge; the others are counted with the reason."""
    result = BulkResult()
    for item in items:
        try:
            urge(actor=actor, item=item, message=message)
        except DomainError as error:
            result.skip(error.message)
        else:
            result.done += 1
    return result


def bulk_reassign(*, actor: Any, items: Iterable[Task | Hazard], department: Department, reason: str,
                  cooperate: Sequence[Department] = ()) -> BulkResult:
    """改派 each item to one lead department (a task: plus co-units; a hazard: its supervising department)."""
    result = BulkResult()
    owners = [OwnerSpec(department.short_name or department.name, role=OwnerRole.LEAD, department=department)]
    owners += [OwnerSpec(d.short_name or d.name, role=OwnerRole.COOPERATE, department=d) for d in cooperate
               if d.pk != department.pk]
    for item in items:
        try:
            reassign(actor=actor, item=item, owners=owners, department=department, reason=reason)
        except DomainError as error:
            result.skip(error.message)
        else:
            result.done += 1
    return result
