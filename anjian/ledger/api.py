"""Tasks, hazards, inspections and enforcement actions: the same filters, policy and services as the UI."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from anjian.accounts.policy import require, scope_q
from anjian.api.auth import caller
from anjian.api.paging import Page, keyset
from anjian.api.schemas import (
    EnforcementOut,
    FiveInPlaceIn,
    FiveInPlaceOut,
    HazardDetailOut,
    HazardOut,
    InspectionOut,
    ProgressIn,
    ProgressOut,
    TaskDetailOut,
    TaskOut,
    TransitionIn,
)
from anjian.core.pagecache import cached_json
from anjian.errors import DomainError, NotFound
from anjian.ledger import services
from anjian.ledger.choices import (
    HazardStatus,
    TaskStatus,
)
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.filters import (
    EnforcementFilter,
    HazardFilter,
    InspectionFilter,
    LedgerFilterSet,
    TaskFilter,
)
from anjian.ledger.models import EnforcementAction, Hazard, Inspection, ItemEvent, ProgressReport, Task

# Query numbers bounded to what the database and timedelta can hold: out of range is a 422, not a 500.
DbId = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
Days = Annotated[int, Field(ge=-36500, le=36500)]

router = Router(tags=["ledger 台账"])


class TaskFilterIn(Schema):
    """The query of GET /tasks: the parameters of ledger.filters.TaskFilter, which decides what they mean."""

    status: str | None = None  # a status, or "open" for everything not closed or cancelled
    region: str | None = None  # region code; its whole subtree
    department: DbId | None = None  # responsible or supervising department
    deadline_kind: str | None = None
    due_within: Days | None = None  # days from today
    overdue: bool | None = None
    pending: bool | None = None  # 待定: open tasks without a responsible unit or a deadline
    q: str | None = None
    after: DbId | None = None
    limit: int = 50


class HazardFilterIn(Schema):
    """The query of GET /hazards (ledger.filters.HazardFilter)."""

    status: str | None = None  # a status, or "open"
    region: str | None = None
    sector: str | None = None  # sector code
    department: DbId | None = None  # supervising department
    grade: str | None = None
    channel: str | None = None
    unit: DbId | None = None
    deadline_kind: str | None = None
    due_within: Days | None = None
    overdue: bool | None = None
    q: str | None = None
    after: DbId | None = None
    limit: int = 50


def _filtered(request: HttpRequest, filterset: type[LedgerFilterSet], model: type[Any], kind: str,
              filters: Schema) -> QuerySet[Any]:
    """The caller's visible rows narrowed by the list's FilterSet (the same one the list page uses)."""
    data = {k: v for k, v in filters.dict(exclude={"after", "limit"}).items() if v is not None}
    found = filterset(data, _visible(request, model, kind), today=timezone.localdate())
    if not found.is_valid():
        raise ValidationError([{"loc": ["query", field], "msg": "; ".join(messages)}
                               for field, messages in found.errors.items()])
    return found.qs


def _visible(request: HttpRequest, model: type[Any], kind: str) -> QuerySet[Any]:
    return model.objects.filter(scope_q(caller(request), kind, "view"))


def _get(request: HttpRequest, model: type[Any], kind: str, pk: int) -> Any:
    """The object if the caller may see it; otherwise 'not found', exactly as for a missing id."""
    obj = _visible(request, model, kind).filter(pk=pk).first()
    if obj is None:
        existing = model.objects.filter(pk=pk).first()
        if existing is not None:
            require(caller(request), "view", existing)  # audits the denial, then 'not found'
        raise NotFound()
    return obj


def _events(item: Task | Hazard) -> list[dict[str, Any]]:
    target = {"task": item} if isinstance(item, Task) else {"hazard": item}
    return [
        {"action": e.action, "from_status": e.from_status, "to_status": e.to_status,
         "actor": str(e.actor) if e.actor else None, "reason": e.reason, "at": e.at}
        for e in ItemEvent.objects.filter(**target).select_related("actor")
    ]


def _progress(item: Task | Hazard) -> list[dict[str, Any]]:
    target = {"task": item} if isinstance(item, Task) else {"hazard": item}
    reports = ProgressReport.objects.filter(**target).select_related("author").prefetch_related("evidence")
    return [_report_out(r) for r in reports]


def _report_out(report: ProgressReport) -> dict[str, Any]:
    return {
        "id": report.pk, "period": report.period, "text": report.text, "author": str(report.author),
        "submitted_at": report.submitted_at,
        "evidence": [{"id": e.pk, "original_name": e.original_name, "content_type": e.content_type,
                      "size": e.size, "sha256": e.sha256} for e in report.evidence.all()],
    }


def task_out(task: Task, today: date | None = None) -> dict[str, Any]:
    """The API view of a task (its owners must be prefetched for lists)."""
    return {
        "id": task.pk, "seq": task.seq, "region_id": task.region_id, "category": task.category,
        "problem": task.problem, "measures": task.measures, "status": task.status,
        "status_label": str(TaskStatus(task.status).label), "deadline_kind": task.deadline_kind,
        "due_date": task.due_date, "deadline_raw": task.deadline_raw, "escalation_level": task.escalation_level,
        "overdue": services.is_overdue(task, today), "version": task.version,
        "supervising_department_id": task.supervising_department_id,
        "owners": [{"name": o.name, "role": o.role, "department_id": o.department_id, "region_id": o.region_id,
                    "person": o.person} for o in task.owners.all()],
        "created_at": task.created_at, "closed_at": task.closed_at,
    }


def hazard_out(hazard: Hazard, today: date | None = None) -> dict[str, Any]:
    """The API view of a hazard (its unit must be selected for lists)."""
    return {
        "id": hazard.pk, "unit_id": hazard.unit_id, "unit_name": hazard.unit.name, "region_id": hazard.region_id,
        "sector_id": hazard.sector_id, "supervising_department_id": hazard.supervising_department_id,
        "description": hazard.description, "location": hazard.location, "grade": hazard.grade,
        "channel": hazard.channel, "status": hazard.status, "status_label": str(HazardStatus(hazard.status).label),
        "found_on": hazard.found_on, "deadline_kind": hazard.deadline_kind, "due_date": hazard.due_date,
        "escalation_level": hazard.escalation_level, "overdue": services.is_overdue(hazard, today),
        "version": hazard.version, "created_at": hazard.created_at, "closed_at": hazard.closed_at,
    }


def _five_out(hazard: Hazard) -> dict[str, Any] | None:
    five = getattr(hazard, "five_in_place", None)
    if five is None:
        return None
    return {"responsibility": five.responsibility, "measures": five.measures, "funds": five.funds,
            "deadline": five.deadline, "contingency_plan": five.contingency_plan,
            "complete": five.is_complete(), "missing": five.missing()}


def decode_files(files: list[Any]) -> list[tuple[str, bytes]]:
    """Inline base64 files to (name, bytes); malformed base64 is a 400 with a stable code."""
    decoded = []
    for f in files:
        try:
            decoded.append((f.name, base64.b64decode(f.content_base64, validate=True)))
        except (binascii.Error, ValueError) as exc:
            raise DomainError(f"文件 {f.name[:60]} 不是有效的 base64", code="invalid_base64") from exc
    return decoded


def _transition(request: HttpRequest, item: Task | Hazard, body: TransitionIn) -> Task | Hazard:
    deadline = None
    if body.deadline:
        try:
            deadline = DeadlineSpec.from_schema(body.deadline, body.deadline)
        except ValueError as exc:
            raise DomainError("无法识别的时限", code="invalid_deadline") from exc
    return services.transition(item=item, action=body.action, actor=caller(request),  # type: ignore[type-var]
                               reason=body.reason, expected_version=body.expected_version, new_deadline=deadline)


# --- tasks -------------------------------------------------------------------------------------


@router.get("/tasks", response=Page[TaskOut], summary="任务台账 / list tasks")
@decorate_view(cached_json)
def list_tasks(request: HttpRequest, filters: Query[TaskFilterIn]) -> dict[str, Any]:
    rows = _filtered(request, TaskFilter, Task, "task", filters)
    batch, cursor = keyset(rows.prefetch_related("owners"), after=filters.after, limit=filters.limit)
    today = timezone.localdate()
    return {"items": [task_out(t, today) for t in batch], "next_after": cursor}


@router.get("/tasks/{task_id}", response=TaskDetailOut, summary="任务详情 / task detail")
def get_task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    task = _get(request, Task, "task", task_id)
    return task_out(task) | {"events": _events(task), "progress_reports": _progress(task)}


@router.post("/tasks/{task_id}/transitions", response=TaskOut, summary="任务流转 / move a task")
def transition_task(request: HttpRequest, task_id: int, body: TransitionIn) -> dict[str, Any]:
    task = _get(request, Task, "task", task_id)
    return task_out(_transition(request, task, body))  # type: ignore[arg-type]


@router.post("/tasks/{task_id}/progress", response={201: ProgressOut}, summary="报送进展（base64 附件）")
def progress_task(request: HttpRequest, task_id: int, body: ProgressIn) -> Status[dict[str, Any]]:
    task = _get(request, Task, "task", task_id)
    report = services.submit_progress(actor=caller(request), item=task, text=body.text, period=body.period,
                                      files=decode_files(body.files))
    return Status(201, _report_out(report))


@router.post("/tasks/{task_id}/progress/upload", response={201: ProgressOut}, summary="报送进展（multipart 附件）")
def progress_task_upload(
    request: HttpRequest, task_id: int, text: Form[str], period: Form[date | None] = None,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[dict[str, Any]]:
    task = _get(request, Task, "task", task_id)
    report = services.submit_progress(actor=caller(request), item=task, text=text, period=period,
                                      files=[(f.name or "file", f.read()) for f in files or []])
    return Status(201, _report_out(report))


# --- hazards -----------------------------------------------------------------------------------


@router.get("/hazards", response=Page[HazardOut], summary="隐患台账 / list hazards")
@decorate_view(cached_json)
def list_hazards(request: HttpRequest, filters: Query[HazardFilterIn]) -> dict[str, Any]:
    rows = _filtered(request, HazardFilter, Hazard, "hazard", filters)
    batch, cursor = keyset(rows.select_related("unit"), after=filters.after, limit=filters.limit)
    today = timezone.localdate()
    return {"items": [hazard_out(h, today) for h in batch], "next_after": cursor}


@router.get("/hazards/{hazard_id}", response=HazardDetailOut, summary="隐患详情 / hazard detail")
def get_hazard(request: HttpRequest, hazard_id: int) -> dict[str, Any]:
    hazard = _get(request, Hazard, "hazard", hazard_id)
    return hazard_out(hazard) | {"events": _events(hazard), "progress_reports": _progress(hazard),
                                 "five_in_place": _five_out(hazard)}


@router.post("/hazards/{hazard_id}/transitions", response=HazardOut, summary="隐患流转 / move a hazard")
def transition_hazard(request: HttpRequest, hazard_id: int, body: TransitionIn) -> dict[str, Any]:
    hazard = _get(request, Hazard, "hazard", hazard_id)
    return hazard_out(_transition(request, hazard, body))  # type: ignore[arg-type]


@router.post("/hazards/{hazard_id}/progress", response={201: ProgressOut}, summary="报送整改进展（base64 附件）")
def progress_hazard(request: HttpRequest, hazard_id: int, body: ProgressIn) -> Status[dict[str, Any]]:
    hazard = _get(request, Hazard, "hazard", hazard_id)
    report = services.submit_progress(actor=caller(request), item=hazard, text=body.text, period=body.period,
                                      files=decode_files(body.files))
    return Status(201, _report_out(report))


@router.post("/hazards/{hazard_id}/progress/upload", response={201: ProgressOut},
             summary="报送整改进展（multipart 附件）")
def progress_hazard_upload(
    request: HttpRequest, hazard_id: int, text: Form[str], period: Form[date | None] = None,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[dict[str, Any]]:
    hazard = _get(request, Hazard, "hazard", hazard_id)
    report = services.submit_progress(actor=caller(request), item=hazard, text=text, period=period,
                                      files=[(f.name or "file", f.read()) for f in files or []])
    return Status(201, _report_out(report))


@router.put("/hazards/{hazard_id}/five-in-place", response=FiveInPlaceOut, summary="五落实 / five-in-place")
def five_in_place(request: HttpRequest, hazard_id: int, body: FiveInPlaceIn) -> dict[str, Any] | None:
    hazard = _get(request, Hazard, "hazard", hazard_id)
    services.record_five_in_place(actor=caller(request), hazard=hazard, **body.dict(exclude_unset=True))
    return _five_out(Hazard.objects.select_related("five_in_place").get(pk=hazard.pk))


# --- inspections and enforcement ---------------------------------------------------------------


class InspectionFilterIn(Schema):
    """The query of GET /inspections (ledger.filters.InspectionFilter)."""

    unit: DbId | None = None
    region: str | None = None
    sector: str | None = None
    department: DbId | None = None
    kind: str | None = None
    q: str | None = None
    after: DbId | None = None
    limit: int = 50


@router.get("/inspections", response=Page[InspectionOut], summary="检查记录 / inspections")
@decorate_view(cached_json)
def list_inspections(request: HttpRequest, filters: Query[InspectionFilterIn]) -> dict[str, Any]:
    rows = _filtered(request, InspectionFilter, Inspection, "inspection", filters)
    batch, cursor = keyset(rows, after=filters.after, limit=filters.limit)
    return {"items": batch, "next_after": cursor}


class EnforcementFilterIn(Schema):
    """The query of GET /enforcement-actions (ledger.filters.EnforcementFilter)."""

    unit: DbId | None = None
    region: str | None = None
    sector: str | None = None
    department: DbId | None = None
    kind: str | None = None
    hazard: DbId | None = None
    q: str | None = None
    after: DbId | None = None
    limit: int = 50


@router.get("/enforcement-actions", response=Page[EnforcementOut], summary="执法措施 / enforcement actions")
@decorate_view(cached_json)
def list_enforcement(request: HttpRequest, filters: Query[EnforcementFilterIn]) -> dict[str, Any]:
    rows = _filtered(request, EnforcementFilter, EnforcementAction, "enforcement", filters)
    batch, cursor = keyset(rows, after=filters.after, limit=filters.limit)
    return {"items": batch, "next_after": cursor}
