"""Every change to a ledger item goes through one of these functions (STYLE: services.py).

Each takes keyword-only arguments and an explicit actor, asks the permission policy once (a
denial's audit row is written outside the transaction, so it survives), runs in one transaction
that locks the row (`select_for_update`) and moves its `version`, writes its event
(`ledger.events`) and one audit entry, and returns what it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from anjian.accounts.policy import can_create, can_create_at, require, scope_q
from anjian.audit.services import record
from anjian.errors import NotFound, PermissionDenied
from anjian.escalation.models import policy_for
from anjian.ledger import events
from anjian.ledger import evidence as evidence_files
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
from anjian.ledger.supervision import supervising_department_for
from anjian.org.models import Department, Region, Unit

NO_DEADLINE = DeadlineSpec()

Item = TypeVar("Item", Task, Hazard)


def _kind(item: Task | Hazard) -> str:
    return "task" if isinstance(item, Task) else "hazard"


def _table(item: Task | Hazard) -> dict[str, Edge]:
    return TASK_TRANSITIONS if isinstance(item, Task) else HAZARD_TRANSITIONS


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

    In one transaction: the item is read and locked (`select_for_update`) through the policy's scope for
    `action` — the policy is asked once, by that read — then checked, changed, and its event and chained
    audit entry written. `expected_version`: the version the caller saw; another one is a conflict.
    """
    edge = _table(item).get(action)
    if edge is None:
        raise TransitionNotAllowed(f"未知操作：{action}")
    model = type(item)
    with transaction.atomic():
        # One row by its key: `get` asks for it without an ORDER BY (first() would compile one, ≈ 5 % of
        # a state change's CPU), and a miss is the policy's no.
        try:
            current = model.objects.select_for_update(of=("self",)).get(scope_q(actor, _kind(item), action),
                                                                      pk=item.pk)
        except model.DoesNotExist:
            pass
        else:
            return _apply(current, edge, action, actor, reason, expected_version, new_deadline)
    # Not in the actor's scope for this action (or gone): the policy says which, and audits a denial
    # (outside the transaction, so the denial's audit row is kept).
    require(actor, action, item)
    raise NotFound()


def _apply(current: Item, edge: Edge, action: str, actor: Any, reason: str, expected_version: int | None,
           new_deadline: DeadlineSpec | None) -> Item:
    """The checks and writes of `transition` on the locked row `current`."""
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
    now = timezone.now()
    fields = ["status", "version"]
    current.status = edge.target
    current.version += 1
    if new_deadline is not None and action in {Action.ASSIGN, Action.APPROVE_EXTENSION}:
        if current.original_due_date is None and current.due_date is not None:
            current.original_due_date = current.due_date  # the first due date stays, as 调整时限 keeps it
            fields.append("original_due_date")
        _apply_deadline(current, new_deadline, timezone.localdate())
        current.escalation_level, current.reminded_for = 0, None
        fields += ["deadline_kind", "recurrence", "deadline_raw", "due_date", "deadline_estimated",
                   "escalation_level", "reminded_for"]
    if action == Action.CLOSE:
        current.closed_at = now
        fields.append("closed_at")
    current.save(update_fields=fields)
    events.item_transitioned_event(current, action=action, from_status=before["status"], actor=actor,
                                   reason=reason, at=now)
    kind = _kind(current)
    record(actor=actor, action=f"{kind}.{action}", object_type=kind, object_id=current.pk, before=before,
           after=_snapshot(current) | ({"reason": reason} if reason else {}))
    return current


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
        events.item_created_event(task, actor=actor)
        record(actor=actor, action="task.create", object_type="task", object_id=task.pk, after=_snapshot(task))
    if assign:
        return transition(item=task, action=Action.ASSIGN, actor=actor)
    return task


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
            events.item_created_event(hazard, actor=actor)
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
        events.five_in_place_event(hazard, actor=actor, complete=five.is_complete())
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
            events.progress_reported_event(current, actor=actor, report_id=report.pk, files=len(stored))
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
            events.evidence_added_event(item, actor=actor, evidence_id=evidence.pk)
            record(actor=actor, action=f"{_kind(item)}.evidence", object_type=_kind(item), object_id=item.pk,
                   after={"evidence": evidence.pk, "sha256": stored.sha256})
            return evidence
    except Exception:
        evidence_files.discard(stored)
        raise


def revise_task(
    *,
    actor: Any,
    task: Task,
    reason: str,
    data: dict[str, Any],
    audit_action: str = "task.revise",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    problem: str | None = None,
    measures: str | None = None,
    deadline: DeadlineSpec | None = None,
    owners: Sequence[OwnerSpec] | None = None,
) -> Task:
    """Revise what a task says (problem, measures, deadline, responsible units); status and history are kept.

    Arguments left None are not changed. A new deadline restarts the escalation ladder. `reason` and
    `data` go into the event row, `before`/`after` into the audit entry (`audit_action`).
    """
    require(actor, "edit", task)
    with transaction.atomic():
        current = Task.objects.select_for_update().get(pk=task.pk)
        fields = ["version"]
        for name, value in (("problem", problem), ("measures", measures)):
            if value is not None:
                setattr(current, name, value)
                fields.append(name)
        if deadline is not None:
            _apply_deadline(current, deadline, timezone.localdate())
            current.escalation_level, current.reminded_for = 0, None
            fields += ["deadline_kind", "recurrence", "deadline_raw", "due_date", "deadline_estimated",
                       "escalation_level", "reminded_for"]
        current.version += 1
        current.save(update_fields=fields)
        if owners is not None:
            TaskOwner.objects.filter(task=current).delete()
            TaskOwner.objects.bulk_create(
                TaskOwner(task=current, role=o.role, name=o.name[:100], department=o.department, region=o.region,
                          person=o.person[:50])
                for o in owners
            )
        events.task_revised_event(current, actor=actor, reason=reason, data=data)
        record(actor=actor, action=audit_action, object_type="task", object_id=current.pk, before=before,
               after=after)
        return current


def mark_reminded(*, item: Task | Hazard, as_of: date) -> bool:
    """The deadline scanner's reminder (no actor: the system): remembered per due date, with its event and
    audit entry. Compare-and-swap on the version the scanner read; False: the item moved on meanwhile."""
    kind = _kind(item)
    with transaction.atomic():
        swapped = type(item).objects.filter(pk=item.pk, version=item.version).update(
            reminded_for=item.due_date, version=F("version") + 1)
        if not swapped:
            return False
        events.reminded_event(item, due_date=item.due_date, as_of=as_of)
        record(actor=None, action=f"{kind}.remind", object_type=kind, object_id=item.pk,
               before={"reminded_for": str(item.reminded_for) if item.reminded_for else None},
               after={"reminded_for": str(item.due_date)})
    return True


def raise_escalation(*, item: Task | Hazard, level: int, step: str, as_of: date) -> bool:
    """The deadline scanner moves an overdue item up its ladder to `level` (step `step`, a `StepAction`
    value), with its event and audit entry. Compare-and-swap on the version and level the scanner read;
    False: the item moved on meanwhile."""
    kind = _kind(item)
    with transaction.atomic():
        swapped = type(item).objects.filter(pk=item.pk, version=item.version,
                                            escalation_level=item.escalation_level).update(
            escalation_level=level, version=F("version") + 1)
        if not swapped:
            return False
        events.escalated_event(item, step=step, from_level=item.escalation_level, to_level=level,
                               due_date=item.due_date, as_of=as_of)
        record(actor=None, action=f"{kind}.escalate", object_type=kind, object_id=item.pk,
               before={"escalation_level": item.escalation_level}, after={"escalation_level": level, "step": step})
    return True


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
    "mark_reminded",
    "raise_escalation",
    "record_five_in_place",
    "report_hazard",
    "revise_task",
    "submit_progress",
    "supervising_department_for",
    "transition",
]
