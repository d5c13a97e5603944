"""Every change to a ledger item goes through one of these functions (STYLE: services.py).

Each takes keyword-only arguments and an explicit actor, checks the permission policy before
its transaction (so a denial's audit row survives), runs in one transaction, takes a row lock
plus a compare-and-swap on `version`, writes exactly one ItemEvent and one audit entry per
transition, and returns what it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from anjian.accounts.policy import can_create, can_create_at, require
from anjian.audit.services import Pending, record
from anjian.errors import NotFound, PermissionDenied
from anjian.escalation.models import policy_for
from anjian.ledger import evidence as evidence_files
from anjian.ledger import statements
from anjian.ledger.choices import (
    HAZARD_TRANSITIONS,
    TASK_TRANSITIONS,
    Action,
    DeadlineKind,
    Edge,
    HazardChannel,
    HazardGrade,
    OwnerRole,
    TaskSource,
)
from anjian.ledger.deadlines import DeadlineSpec, due_after_progress, first_due
from anjian.ledger.errors import (
    ConflictError,
    EvidenceMissing,
    FiveInPlaceIncomplete,
    ProgressMissing,
    ReasonRequired,
    SeparationOfDuties,
    TransitionNotAllowed,
)
from anjian.ledger.models import (
    Evidence,
    FiveInPlace,
    Hazard,
    ItemEvent,
    ProgressReport,
    Task,
    TaskOwner,
)
from anjian.org.models import Department, Region, ResponsibilityList, Unit
from anjian.rawsql import write_transaction

NO_DEADLINE = DeadlineSpec()

Item = TypeVar("Item", Task, Hazard)


def _kind(item: Task | Hazard) -> str:
    return "task" if isinstance(item, Task) else "hazard"


def _table(item: Task | Hazard) -> dict[str, Edge]:
    return TASK_TRANSITIONS if isinstance(item, Task) else HAZARD_TRANSITIONS


def _event(item: Task | Hazard, **fields: Any) -> ItemEvent:
    target = {"task": item} if isinstance(item, Task) else {"hazard": item}
    return ItemEvent.objects.create(at=timezone.now(), **target, **fields)


def _snapshot(item: Task | Hazard) -> dict[str, Any]:
    return {
        "status": item.status,
        "due_date": item.due_date.isoformat() if item.due_date else None,
        "deadline_kind": item.deadline_kind,
        "escalation_level": item.escalation_level,
        "version": item.version,
    }


def _apply_deadline(item: Task | Hazard, spec: DeadlineSpec, start: date) -> None:
    grade = item.grade if isinstance(item, Hazard) else ""
    due = first_due(spec, start=start, immediate_workdays=policy_for(_kind(item), grade).immediate_workdays)
    item.deadline_kind = spec.kind
    item.recurrence = spec.recurrence
    item.deadline_raw = spec.raw[:100]
    item.due_date = due.due_date
    item.deadline_estimated = due.estimated


def check_close(item: Task | Hazard, actor: Any) -> None:
    """Preconditions of 销号: separation of duties; a major hazard needs 五落实 and evidence."""
    submitted = ItemEvent.objects.filter(action=Action.SUBMIT, **{_kind(item): item}).order_by("-at", "-id").first()
    if submitted is not None and submitted.actor_id == actor.pk:
        raise SeparationOfDuties()
    if isinstance(item, Hazard) and item.grade == HazardGrade.MAJOR:
        five = FiveInPlace.objects.filter(hazard=item).first()
        if five is None or not five.is_complete():
            missing = "、".join(five.missing()) if five else "全部五项"
            raise FiveInPlaceIncomplete(f"重大事故隐患销号前须完成五落实，缺：{missing}")
        if not Evidence.objects.filter(hazard=item).exists():
            raise FiveInPlaceIncomplete("重大事故隐患销号前须上传整改证明材料")


def evidence_required(item: Task | Hazard) -> bool:
    """Whether 提交验收 needs evidence: a major hazard always; others as ANJIAN_EVIDENCE_REQUIRED says."""
    if isinstance(item, Hazard) and item.grade == HazardGrade.MAJOR:
        return True
    words = set(getattr(settings, "ANJIAN_EVIDENCE_REQUIRED", ()))
    grade = item.grade if isinstance(item, Hazard) else ""
    return _kind(item) in words or (bool(grade) and f"{_kind(item)}:{grade}" in words)


def check_submit(item: Task | Hazard) -> None:
    """Preconditions of 提交验收: a progress report filed since the last 退回, and evidence where required."""
    target = {_kind(item): item}
    returned = ItemEvent.objects.filter(action=Action.RETURN, **target).order_by("-id").first()
    # Events, not report times: a pinned clock gives a report and a return the same instant.
    reports = ItemEvent.objects.filter(action="progress", **target)
    if returned is not None:
        reports = reports.filter(pk__gt=returned.pk)
    if not reports.exists():
        raise ProgressMissing("提交验收前须报送整改进展情况" if returned is None else "退回后须重新报送整改情况再提交验收")
    if evidence_required(item) and not Evidence.objects.filter(**target).exists():
        raise EvidenceMissing("提交验收前须上传整改证明材料（照片或文件）")


def transition(
    *,
    item: Item,
    action: str,
    actor: Any,
    reason: str = "",
    expected_version: int | None = None,
    new_deadline: DeadlineSpec | None = None,
) -> Item:
    """Move an item along one declared edge of its transition table; anything else is refused.

    The item is read as stored now, through the policy's scope for `action`; the new state, its event
    and its chained audit entry are written only if the row still has the version read (a concurrent
    change makes this a conflict with `expected_version`, else one more try from the new state).
    """
    edge = _table(item).get(action)
    if edge is None:
        raise TransitionNotAllowed(f"未知操作：{action}")
    model = type(item)
    if _at_once_applies(item, edge, action, reason, expected_version, new_deadline):
        done = _transition_at_once(item, edge, action, actor, reason)
        if done is not None:
            return done  # else: not as the caller read it, or not allowed: read and decide below
    for _attempt in range(3):
        # SQLite: one write transaction for the statements; PostgreSQL: the write is one statement.
        with write_transaction() if connection.vendor != "postgresql" else nullcontext():
            current = statements.current_in_scope(model, actor, action, item.pk)
            if current is None:
                break
            if edge.needs_reason and not reason.strip():
                raise ReasonRequired()
            if expected_version is not None and current.version != expected_version:
                raise ConflictError()
            if current.status not in edge.sources:
                raise TransitionNotAllowed(
                    f"“{current.get_status_display()}”状态下不能{Action(action).label} / not allowed in status {current.status}"
                )
            if action == Action.CLOSE:
                check_close(current, actor)
            if action == Action.SUBMIT:
                check_submit(current)
            if action == Action.HAND_OVER and getattr(current, "channel", "") != HazardChannel.SELF_REPORT:
                raise TransitionNotAllowed("只有企业自查自报的隐患由企业交办")
            before = _snapshot(current)
            changes: dict[str, Any] = {"status": edge.target}
            now = timezone.now()
            if new_deadline is not None and action in {Action.ASSIGN, Action.APPROVE_EXTENSION}:
                _apply_deadline(current, new_deadline, timezone.localdate())
                changes.update(
                    deadline_kind=current.deadline_kind, recurrence=current.recurrence,
                    deadline_raw=current.deadline_raw, due_date=current.due_date,
                    deadline_estimated=current.deadline_estimated, escalation_level=0, reminded_for=None,
                )
            if action == Action.CLOSE:
                changes["closed_at"] = now
            for name, value in changes.items():
                setattr(current, name, value)
            current.version = before["version"] + 1
            event, entry = _records(current, action, actor, reason, before, _snapshot(current), now)
            if statements.write(current, changes, version=before["version"], event=event, entry=entry):
                return current
        if expected_version is not None:
            raise ConflictError()
    else:
        raise ConflictError()
    # Not in the actor's scope for this action (or gone): the policy says which, and audits a denial.
    require(actor, action, item)
    raise NotFound()


def _records(item: Item, action: str, actor: Any, reason: str, before: dict[str, Any], after: dict[str, Any],
             now: Any) -> tuple[dict[str, Any], Pending]:
    """The event row and the audit entry of a state change of `item` from `before` to `after`."""
    kind = _kind(item)
    event = {"task_id": item.pk if kind == "task" else None, "hazard_id": item.pk if kind == "hazard" else None,
             "action": action, "from_status": before["status"], "to_status": after["status"],
             "actor_id": getattr(actor, "pk", None), "reason": reason, "data": {}, "at": now}
    entry = Pending.of(actor=actor, action=f"{kind}.{action}", object_type=kind, object_id=item.pk,
                       before=before, after=after | ({"reason": reason} if reason else {}), at=now)
    return event, entry


# What the audit snapshot of a state change records (`_snapshot`): all must be loaded to trust a copy.
_SNAPSHOT_FIELDS = ("status", "due_date", "deadline_kind", "escalation_level", "version")


def _at_once_applies(item: Item, edge: Edge, action: str, reason: str, expected_version: int | None,
                     new_deadline: DeadlineSpec | None) -> bool:
    """Whether `transition` may first try the one-statement change on PostgreSQL: the caller's copy of
    the item has what the change depends on, and the change needs nothing read besides."""
    return (
        connection.vendor == "postgresql" and item.pk is not None and new_deadline is None
        and action not in {Action.CLOSE, Action.SUBMIT, Action.HAND_OVER} and item.status in edge.sources
        and not (edge.needs_reason and not reason.strip())
        and (expected_version is None or expected_version == item.version)
        and not item.get_deferred_fields().intersection(_SNAPSHOT_FIELDS)
    )


def _transition_at_once(item: Item, edge: Edge, action: str, actor: Any, reason: str) -> Item | None:
    """The change in one round trip, written only if the row in the database is still as `item` says
    (version and snapshot) and the actor may `action` it; None: nothing written."""
    before = _snapshot(item)
    after = before | {"status": edge.target, "version": before["version"] + 1}
    event, entry = _records(item, action, actor, reason, before, after, timezone.now())
    unchanged = {name: getattr(item, name) for name in _SNAPSHOT_FIELDS if name != "version"}
    return statements.write_at_once(
        item, {"status": edge.target}, version=before["version"], unchanged=unchanged, user=actor, action=action,
        event=event, entry=entry)


@dataclass(frozen=True)
class OwnerSpec:
    """A responsible unit of a new task: resolved to a department or a township, or just named."""

    name: str
    role: str = OwnerRole.LEAD
    department: Department | None = None
    region: Region | None = None
    person: str = ""


def create_task(
    *,
    actor: Any,
    region: Region,
    problem: str = "",
    measures: str = "",
    category: str = "",
    seq: str = "",
    deadline: DeadlineSpec = NO_DEADLINE,
    owners: Sequence[OwnerSpec] = (),
    supervising_department: Department | None = None,
    source: str = TaskSource.MANUAL,
    source_ref: str = "",
    import_run: Any = None,
    assign: bool = False,
) -> Task:
    """Create a task (draft, or assigned at once) with its responsible units."""
    if not can_create(actor, "task", region.path):
        raise PermissionDenied("无权在该区域创建任务")
    with transaction.atomic():
        task = Task(
            region=region, problem=problem, measures=measures, category=category[:200], seq=seq[:20],
            supervising_department=supervising_department, source=source, source_ref=source_ref[:200],
            import_run=import_run, created_by=actor,
        )
        _apply_deadline(task, deadline, timezone.localdate())
        task.save()
        TaskOwner.objects.bulk_create(
            TaskOwner(task=task, role=o.role, name=o.name[:100], department=o.department, region=o.region,
                      person=o.person[:50])
            for o in owners
        )
        _event(task, action="create", to_status=task.status, actor=actor)
        record(actor=actor, action="task.create", object_type="task", object_id=task.pk, after=_snapshot(task))
    if assign:
        return transition(item=task, action=Action.ASSIGN, actor=actor)
    return task


def supervising_department_for(unit: Unit) -> Department | None:
    """The lead supervising department of the unit's sector in the nearest region that lists one."""
    ancestors = [p for p in unit.region.path.strip("/").split("/")]
    line = (
        ResponsibilityList.objects.filter(sector=unit.sector_id, region__code__in=ancestors, duty="lead")
        .select_related("department")
        .order_by("-region__path")
        .first()
    )
    return line.department if line else None


def report_hazard(
    *,
    actor: Any,
    unit: Unit,
    description: str,
    channel: str,
    found_on: date,
    grade: str = HazardGrade.GENERAL,
    location: str = "",
    found_by: str = "",
    standard_clause: str = "",
    inspection: Any = None,
    deadline: DeadlineSpec = NO_DEADLINE,
    photos: Sequence[tuple[str, bytes]] = (),
) -> Hazard:
    """Register a hazard at a unit; its region, sector and supervising department follow the unit.

    Photos taken when it was found are stored as its first evidence, in the same transaction.
    """
    if not can_create_at(actor, "hazard", unit):
        raise PermissionDenied("无权在该区域登记隐患")
    if not description.strip():
        raise ReasonRequired("请填写隐患描述")
    stored = [evidence_files.store(content, name) for name, content in photos]
    try:
        with transaction.atomic():
            hazard = Hazard(
                unit=unit, region=unit.region, sector=unit.sector,
                supervising_department=supervising_department_for(unit), description=description, channel=channel,
                found_on=found_on, grade=grade, location=location, found_by=found_by,
                standard_clause=standard_clause, inspection=inspection, created_by=actor,
            )
            _apply_deadline(hazard, deadline, found_on)
            hazard.save()
            _event(hazard, action="create", to_status=hazard.status, actor=actor)
            for f in stored:
                Evidence.objects.create(hazard=hazard, file=f.name, original_name=f.original_name,
                                        content_type=f.content_type, size=f.size, sha256=f.sha256, uploaded_by=actor)
            record(actor=actor, action="hazard.create", object_type="hazard", object_id=hazard.pk,
                   after=_snapshot(hazard) | ({"photos": [f.sha256 for f in stored]} if stored else {}))
            return hazard
    except Exception:
        for f in stored:
            evidence_files.discard(f)
        raise


def record_five_in_place(*, actor: Any, hazard: Hazard, **fields: Any) -> FiveInPlace:
    """Record or complete the 五落实 of a hazard."""
    require(actor, "five_in_place", hazard)
    allowed = {"responsibility", "measures", "funds", "deadline", "contingency_plan"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown five-in-place fields: {sorted(unknown)}")
    with transaction.atomic():
        five, _ = FiveInPlace.objects.select_for_update().get_or_create(hazard=hazard)
        before = {f: str(getattr(five, f) or "") for f in allowed}
        for name, value in fields.items():
            setattr(five, name, value)
        five.save()
        after = {f: str(getattr(five, f) or "") for f in allowed}
        _event(hazard, action="five_in_place", from_status=hazard.status, to_status=hazard.status, actor=actor,
               data={"complete": five.is_complete()})
        record(actor=actor, action="hazard.five_in_place", object_type="hazard", object_id=hazard.pk,
               before=before, after=after)
        return five


def submit_progress(
    *,
    actor: Any,
    item: Task | Hazard,
    text: str,
    period: date | None = None,
    files: Sequence[tuple[str, bytes]] = (),
) -> ProgressReport:
    """File a progress statement with evidence; a periodic item's next due date moves on a period."""
    require(actor, "progress", item)
    if not text.strip():
        raise ReasonRequired("请填写工作开展情况")
    period_day = (period or timezone.localdate()).replace(day=1)
    stored = [evidence_files.store(content, name) for name, content in files]
    try:
        with transaction.atomic():
            model = type(item)
            current = model.objects.select_for_update().get(pk=item.pk)
            target = {_kind(item): current}
            report = ProgressReport.objects.create(period=period_day, text=text, author=actor, **target)
            for f in stored:
                Evidence.objects.create(file=f.name, original_name=f.original_name, content_type=f.content_type,
                                        size=f.size, sha256=f.sha256, uploaded_by=actor, progress_report=report,
                                        **target)
            next_due = due_after_progress(current.deadline_kind, current.recurrence, period_day)
            if next_due is not None and (current.due_date is None or next_due > current.due_date):
                model.objects.filter(pk=current.pk).update(
                    due_date=next_due, escalation_level=0, reminded_for=None, version=F("version") + 1
                )
            _event(current, action="progress", from_status=current.status, to_status=current.status, actor=actor,
                   data={"report": report.pk, "files": len(stored)})
            record(actor=actor, action=f"{_kind(item)}.progress", object_type=_kind(item), object_id=item.pk,
                   after={"report": report.pk, "files": [f.sha256 for f in stored],
                          "due_date": next_due.isoformat() if next_due else None})
            return report
    except Exception:
        for f in stored:
            evidence_files.discard(f)
        raise


def add_evidence(*, actor: Any, item: Task | Hazard, name: str, content: bytes) -> Evidence:
    """Attach one evidence file to an item (outside any progress report)."""
    require(actor, "evidence", item)
    stored = evidence_files.store(content, name)
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                file=stored.name, original_name=stored.original_name, content_type=stored.content_type,
                size=stored.size, sha256=stored.sha256, uploaded_by=actor, **{_kind(item): item},
            )
            _event(item, action="evidence", from_status=item.status, to_status=item.status, actor=actor,
                   data={"evidence": evidence.pk})
            record(actor=actor, action=f"{_kind(item)}.evidence", object_type=_kind(item), object_id=item.pk,
                   after={"evidence": evidence.pk, "sha256": stored.sha256})
            return evidence
    except Exception:
        evidence_files.discard(stored)
        raise


def is_overdue(item: Task | Hazard, today: date | None = None) -> bool:
    """Past its watched date and still open (a long-term item is overdue when its report is)."""
    from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED

    watched = TASK_WATCHED if isinstance(item, Task) else HAZARD_WATCHED
    today = today or timezone.localdate()
    return item.status in watched and item.due_date is not None and item.due_date < today


__all__ = [
    "DeadlineKind",
    "OwnerSpec",
    "add_evidence",
    "check_close",
    "check_submit",
    "evidence_required",
    "create_task",
    "is_overdue",
    "record_five_in_place",
    "report_hazard",
    "submit_progress",
    "supervising_department_for",
    "transition",
]
