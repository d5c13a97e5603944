"""Tip-off endpoints: public submit and track (no login, rate-limited), handling actions (policy-scoped)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from anjian.accounts.policy import scope_q
from anjian.accounts.services import top_region
from anjian.api.auth import caller
from anjian.api.paging import Page, keyset
from anjian.api.schemas import FileIn
from anjian.errors import DomainError, NotFound
from anjian.ledger.api import decode_files
from anjian.org.models import Department, Region, Unit
from anjian.tipoffs import humancheck, services, throttle
from anjian.tipoffs.choices import TipOffStatus
from anjian.tipoffs.errors import HumanCheckFailed
from anjian.tipoffs.models import TipOff

router = Router(tags=["tipoffs 群众举报"])


class ChallengeOut(Schema):
    """A question and the random token naming its answer, which stays on the server (one use)."""

    question: str
    token: str


class ReporterIn(Schema):
    name: str
    phone: str = ""
    contact: str = ""


class TipOffIn(Schema):
    """A public report; `reporter` is optional (anonymous by default)."""

    region_code: str | None = None
    category: str
    place: str
    unit_name: str = ""
    description: str
    photos: list[FileIn] = []
    reporter: ReporterIn | None = None
    challenge_token: str
    answer: str


class SubmittedOut(Schema):
    code: str
    message: str


class TrackIn(Schema):
    code: str


class PublicStatusOut(Schema):
    status: str
    status_label: str
    received_on: date
    category_label: str
    feedback: str
    reward_label: str


class TipOffOut(Schema):
    id: int
    region_id: int
    category: str
    place: str
    unit_name: str
    unit_id: int | None
    description: str
    status: str
    status_label: str
    routed_department_id: int | None
    hazard_id: int | None
    rejection_reason: str
    public_feedback: str
    has_identity: bool
    received_at: datetime
    due_date: date
    overdue: bool
    version: int


class TipOffActionIn(Schema):
    action: str
    reason: str = ""
    expected_version: int | None = None
    department_id: int | None = None
    unit_id: int | None = None
    grade: str = "general"
    public_feedback: str = ""
    # For "verify": the hazard's text as the reported unit will read it, written by the verifier (required).
    hazard_description: str = ""
    hazard_location: str = ""


class IdentityOut(Schema):
    name: str
    phone: str
    contact: str


class RewardOut(Schema):
    status: str
    penalty_total: Decimal
    amount: Decimal
    policy_id: int
    payment_ref: str
    paid_at: datetime | None


class PaymentIn(Schema):
    payment_ref: str


class TipOffFilter(Schema):
    status: str | None = None
    overdue: bool | None = None
    after: int | None = None
    limit: int = 50


def _out(tipoff: TipOff) -> dict[str, Any]:
    return {
        "id": tipoff.pk, "region_id": tipoff.region_id, "category": tipoff.category, "place": tipoff.place,
        "unit_name": tipoff.unit_name, "unit_id": tipoff.unit_id, "description": tipoff.description,
        "status": tipoff.status, "status_label": str(TipOffStatus(tipoff.status).label),
        "routed_department_id": tipoff.routed_department_id, "hazard_id": tipoff.hazard_id,
        "rejection_reason": tipoff.rejection_reason, "public_feedback": tipoff.public_feedback,
        "has_identity": tipoff.has_identity, "received_at": tipoff.received_at, "due_date": tipoff.due_date,
        "overdue": services.is_overdue(tipoff), "version": tipoff.version,
    }


def _visible(request: HttpRequest) -> QuerySet[TipOff]:
    return TipOff.objects.filter(scope_q(caller(request), "tipoff", "view"))


def _get(request: HttpRequest, pk: int) -> TipOff:
    tipoff = _visible(request).filter(pk=pk).first()
    if tipoff is None:
        raise NotFound()
    return tipoff


@router.get("/tipoffs/challenge", auth=None, response=ChallengeOut, summary="举报验证题 / human check")
def challenge(request: HttpRequest) -> humancheck.Challenge:
    return humancheck.new_challenge()


@router.post("/tipoffs", auth=None, response={201: SubmittedOut}, summary="提交举报（无需登录）/ file a tip-off")
def submit(request: HttpRequest, body: TipOffIn) -> Status[dict[str, str]]:
    client = throttle.client_key(request)
    throttle.ensure_may_file(client)
    try:
        humancheck.check(body.challenge_token, body.answer)
    except HumanCheckFailed:
        throttle.record(client=client, kind=throttle.FAILED_CHECK)
        raise
    region = Region.objects.filter(code=body.region_code).first() if body.region_code else top_region()
    if region is None:
        raise DomainError("区划代码不存在", code="unknown_region")
    reporter = (services.ReporterInfo(name=body.reporter.name, phone=body.reporter.phone,
                                      contact=body.reporter.contact) if body.reporter else None)
    submission = services.submit_tipoff(
        region=region, category=body.category, place=body.place, unit_name=body.unit_name,
        description=body.description, photos=decode_files(body.photos), reporter=reporter,
    )
    throttle.record(client=client, kind=throttle.SUBMIT)  # the hourly limit counts accepted reports
    return Status(201, {"code": services.format_code(submission.code), "message": "举报已受理，请保存查询码"})


@router.post("/tipoffs/track", auth=None, response=PublicStatusOut, summary="凭查询码查询 / track a tip-off")
def track(request: HttpRequest, body: TrackIn) -> services.PublicStatus:
    throttle.hit(client=throttle.client_key(request), kind="track")
    status = services.public_status(body.code)
    if status is None:
        raise NotFound("查询码不存在")
    return status


@router.get("/tipoffs", response=Page[TipOffOut], summary="举报办理列表 / handling queue")
def list_tipoffs(request: HttpRequest, filters: Query[TipOffFilter]) -> dict[str, Any]:
    rows = _visible(request)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue is not None:
        rows = rows.filter(services.overdue_q()) if filters.overdue else rows.exclude(services.overdue_q())
    batch, cursor = keyset(rows, after=filters.after, limit=filters.limit)
    return {"items": [_out(t) for t in batch], "next_after": cursor}


@router.get("/tipoffs/{tipoff_id}", response=TipOffOut, summary="举报详情（不含举报人）/ tip-off detail")
def get_tipoff(request: HttpRequest, tipoff_id: int) -> dict[str, Any]:
    return _out(_get(request, tipoff_id))


@router.post("/tipoffs/{tipoff_id}/transitions", response=TipOffOut, summary="举报办理 / handle a tip-off")
def act(request: HttpRequest, tipoff_id: int, body: TipOffActionIn) -> dict[str, Any]:
    tipoff = _get(request, tipoff_id)
    department = Department.objects.filter(pk=body.department_id).first() if body.department_id else None
    unit = (Unit.objects.filter(pk=body.unit_id, region__path__startswith=tipoff.region.path).first()
            if body.unit_id else None)
    if body.department_id and department is None or body.unit_id and unit is None:
        raise DomainError("部门或单位不存在", code="unknown_reference")
    updated = services.transition(
        tipoff=tipoff, action=body.action, actor=caller(request), reason=body.reason,
        expected_version=body.expected_version, department=department, unit=unit, grade=body.grade,
        public_feedback=body.public_feedback, hazard_description=body.hazard_description,
        hazard_location=body.hazard_location,
    )
    return _out(updated)


@router.post("/tipoffs/{tipoff_id}/identity", response=IdentityOut,
             summary="查看举报人信息（仅举报受理人员，留审计）/ reveal the reporter")
def reveal(request: HttpRequest, tipoff_id: int, response: HttpResponse) -> services.ReporterInfo:
    tipoff = _get(request, tipoff_id)
    response["Cache-Control"] = "no-store"
    return services.reveal_identity(actor=caller(request), tipoff=tipoff)


@router.post("/tipoffs/{tipoff_id}/reward", response=RewardOut, summary="核定举报奖励 / propose the reward")
def propose_reward(request: HttpRequest, tipoff_id: int) -> Any:
    return services.propose_reward(actor=caller(request), tipoff=_get(request, tipoff_id))


@router.post("/tipoffs/{tipoff_id}/reward/payment", response=RewardOut, summary="登记奖励兑付 / record payment")
def pay_reward(request: HttpRequest, tipoff_id: int, body: PaymentIn) -> Any:
    return services.pay_reward(actor=caller(request), tipoff=_get(request, tipoff_id), payment_ref=body.payment_ref)


