"""Dual-prevention endpoints: risk points (with factors, evaluations, controls), plans and their checklists,
checks, and the coverage and on-time figures; the same policy and services as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from anjian.accounts.policy import scope_q
from anjian.api.auth import caller
from anjian.api.paging import Page, keyset
from anjian.api.schemas import FileIn
from anjian.errors import NotFound
from anjian.ledger.api import decode_files
from anjian.org.models import Unit
from anjian.prevention import metrics, services
from anjian.prevention.errors import InvalidCheck
from anjian.prevention.models import CheckPlan, CheckRun, RiskPoint

router = Router(tags=["prevention 双重预防"])


class RiskPointOut(Schema):
    id: int
    unit_id: int
    region_id: int
    code: str
    name: str
    kind: str
    location: str
    grade: str
    colour: str
    responsible_name: str
    emergency_phone: str
    plan_x: float | None
    plan_y: float | None


class FactorOut(Schema):
    id: int
    description: str
    factor_class: str
    factor_code: str
    accident_type: str
    accident_edition: str


class EvaluationOut(Schema):
    id: int
    method: str
    l_value: Decimal | None
    e_value: Decimal | None
    c_value: Decimal | None
    s_value: Decimal | None
    score: Decimal | None
    grade: str
    reason: str


class ControlOut(Schema):
    id: int
    kind: str
    text: str
    level: str
    responsible_name: str


class ItemOut(Schema):
    id: int
    text: str
    basis: str


class PlanOut(Schema):
    id: int
    risk_point_id: int
    unit_id: int
    level: str
    cycle: str
    responsible_name: str
    next_due: date
    overdue: bool


class RiskPointDetailOut(RiskPointOut):
    factors: list[FactorOut]
    evaluations: list[EvaluationOut]
    controls: list[ControlOut]
    plans: list[PlanOut]


class RunOut(Schema):
    id: int
    plan_id: int
    risk_point_id: int
    unit_id: int
    status: str
    due_on: date
    done_on: date | None
    on_time: bool
    failed: int
    hazard_ids: list[int]


class RiskPointIn(Schema):
    unit_id: int
    name: str
    code: str = ""
    kind: str = "place"
    location: str = ""
    responsible_name: str = ""
    emergency_phone: str = ""


class FactorIn(Schema):
    description: str
    factor_class: str
    accident_type: str
    factor_code: str = ""


class EvaluationIn(Schema):
    method: str
    l: Decimal | None = None  # noqa: E741 - the method's letter
    e: Decimal | None = None
    c: Decimal | None = None
    s: Decimal | None = None
    direct_grade: str = ""
    reason: str = ""


class ControlIn(Schema):
    kind: str
    text: str
    level: str
    responsible_name: str = ""
    check_content: str = ""


class ResultIn(Schema):
    item_id: int
    passed: bool
    note: str = ""
    photo: FileIn | None = None


class CheckIn(Schema):
    results: list[ResultIn]


class PointFilter(Schema):
    unit_id: int | None = None
    grade: str | None = None
    after: int | None = None
    limit: int = 50


class RunFilter(Schema):
    risk_point_id: int | None = None
    status: str | None = None
    after: int | None = None
    limit: int = 50


class RateOut(Schema):
    part: int
    whole: int
    percent: float | None


class MetricsOut(Schema):
    coverage: RateOut
    on_time: RateOut


def _points(request: HttpRequest) -> QuerySet[RiskPoint]:
    return RiskPoint.objects.filter(scope_q(caller(request), "riskpoint"))


def _point(request: HttpRequest, pk: int) -> RiskPoint:
    point = _points(request).filter(pk=pk).select_related("unit", "region").first()
    if point is None:
        raise NotFound()
    return point


def _plan_out(plan: CheckPlan, today: date) -> dict[str, Any]:
    return {"id": plan.pk, "risk_point_id": plan.risk_point_id, "unit_id": plan.unit_id, "level": plan.level,
            "cycle": plan.cycle, "responsible_name": plan.responsible_name, "next_due": plan.next_due,
            "overdue": plan.is_overdue(today)}


def _detail(point: RiskPoint) -> dict[str, Any]:
    today = timezone.localdate()
    return {**{f: getattr(point, f) for f in RiskPointOut.model_fields},
            "factors": list(point.factors.all()), "evaluations": list(point.evaluations.all()[:20]),
            "controls": list(point.controls.all()),
            "plans": [_plan_out(p, today) for p in point.plans.filter(active=True)]}


def _run_out(run: CheckRun) -> dict[str, Any]:
    return {"id": run.pk, "plan_id": run.plan_id, "risk_point_id": run.risk_point_id, "unit_id": run.unit_id,
            "status": run.status, "due_on": run.due_on, "done_on": run.done_on, "on_time": run.on_time,
            "failed": run.failed,
            "hazard_ids": [r.hazard_id for r in run.results.all() if r.hazard_id is not None]}


@router.get("/prevention/risk-points", response=Page[RiskPointOut], summary="风险点清单 / risk points")
def list_points(request: HttpRequest, filters: Query[PointFilter]) -> dict[str, Any]:
    rows = _points(request)
    if filters.unit_id is not None:
        rows = rows.filter(unit=filters.unit_id)
    if filters.grade:
        rows = rows.filter(grade=filters.grade)
    batch, cursor = keyset(rows, after=filters.after, limit=filters.limit)
    return {"items": batch, "next_after": cursor}


@router.post("/prevention/risk-points", response={201: RiskPointDetailOut}, summary="登记风险点 / add a point")
def create_point(request: HttpRequest, body: RiskPointIn) -> Status[dict[str, Any]]:
    unit = Unit.objects.filter(scope_q(caller(request), "unit"), pk=body.unit_id).select_related("region").first()
    if unit is None:
        raise NotFound()
    point = services.create_risk_point(actor=caller(request), unit=unit, name=body.name, code=body.code,
                                       kind=body.kind, location=body.location,
                                       responsible_name=body.responsible_name, emergency_phone=body.emergency_phone)
    return Status(201, _detail(point))


@router.get("/prevention/risk-points/{pk}", response=RiskPointDetailOut, summary="风险点详情 / one point")
def get_point(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(_point(request, pk))


@router.post("/prevention/risk-points/{pk}/factors", response={201: FactorOut}, summary="危险有害因素 / factor")
def add_factor(request: HttpRequest, pk: int, body: FactorIn) -> Status[Any]:
    factor = services.add_factor(actor=caller(request), risk_point=_point(request, pk), **body.dict())
    return Status(201, factor)


@router.post("/prevention/risk-points/{pk}/evaluations", response={201: EvaluationOut},
             summary="风险评价（LEC/LS/直接判定）/ evaluate")
def evaluate(request: HttpRequest, pk: int, body: EvaluationIn) -> Status[Any]:
    evaluation = services.evaluate_risk_point(actor=caller(request), risk_point=_point(request, pk), **body.dict())
    evaluation.refresh_from_db()  # the stored decimals, as a later GET gives them
    return Status(201, evaluation)


@router.post("/prevention/risk-points/{pk}/controls", response={201: ControlOut}, summary="管控措施 / control")
def add_control(request: HttpRequest, pk: int, body: ControlIn) -> Status[Any]:
    control = services.add_control(actor=caller(request), risk_point=_point(request, pk), **body.dict())
    return Status(201, control)


@router.get("/prevention/plans", response=list[PlanOut], summary="排查计划 / check plans")
def list_plans(request: HttpRequest, risk_point_id: int | None = None) -> list[dict[str, Any]]:
    plans = CheckPlan.objects.filter(active=True, risk_point__in=_points(request).values("pk"))
    if risk_point_id is not None:
        plans = plans.filter(risk_point=risk_point_id)
    today = timezone.localdate()
    return [_plan_out(p, today) for p in plans.order_by("next_due", "id")[:500]]


def _plan(request: HttpRequest, pk: int) -> CheckPlan:
    plan = (CheckPlan.objects.filter(pk=pk, risk_point__in=_points(request).values("pk"))
            .select_related("risk_point__unit__region", "region").first())
    if plan is None:
        raise NotFound()
    return plan


@router.get("/prevention/plans/{pk}/checklist", response=list[ItemOut], summary="排查清单 / the plan's items")
def checklist(request: HttpRequest, pk: int) -> list[Any]:
    return services.items_for(_plan(request, pk))


@router.post("/prevention/plans/{pk}/checks", response={201: RunOut}, summary="提交排查 / record a check")
def record_check(request: HttpRequest, pk: int, body: CheckIn) -> Status[dict[str, Any]]:
    plan = _plan(request, pk)
    items = {i.pk: i for i in services.items_for(plan)}
    outcomes = []
    for r in body.results:
        if r.item_id not in items:
            raise InvalidCheck(f"排查项 {r.item_id} 不属于该计划")
        photo = decode_files([r.photo])[0] if r.photo is not None else None
        outcomes.append(services.Outcome(items[r.item_id], passed=r.passed, note=r.note, photo=photo))
    run = services.record_check(actor=caller(request), plan=plan, outcomes=outcomes)
    return Status(201, _run_out(run))


@router.get("/prevention/checks", response=Page[RunOut], summary="排查记录 / checks done and missed")
def list_checks(request: HttpRequest, filters: Query[RunFilter]) -> dict[str, Any]:
    rows = CheckRun.objects.filter(scope_q(caller(request), "checkrun")).prefetch_related("results")
    if filters.risk_point_id is not None:
        rows = rows.filter(risk_point=filters.risk_point_id)
    if filters.status:
        rows = rows.filter(status=filters.status)
    batch, cursor = keyset(rows, after=filters.after, limit=filters.limit)
    return {"items": [_run_out(r) for r in batch], "next_after": cursor}


@router.get("/prevention/metrics", response=MetricsOut, summary="清单覆盖率与排查按时率 / figures (docs/metrics.md §10)")
def figures(request: HttpRequest) -> dict[str, Any]:
    user = caller(request)
    cov, on_time = metrics.coverage(user), metrics.on_time(user, timezone.localdate())
    return {"coverage": {"part": cov.part, "whole": cov.whole, "percent": cov.percent},
            "on_time": {"part": on_time.part, "whole": on_time.whole, "percent": on_time.percent}}
