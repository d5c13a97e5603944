"""Every change to the risk inventory, the check plans and the checks goes through these functions.

Each takes keyword-only arguments and an explicit actor, asks the policy before its transaction (so a
denial's audit row survives), writes one audit entry per change, and returns what it changed. A failed
check item becomes a ledger hazard through `anjian.ledger.services.report_hazard`, never by writing a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from PIL import Image

from anjian.accounts.policy import Where, allowed, can_create_at, require
from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.ledger import evidence as evidence_files
from anjian.ledger.choices import HazardChannel, HazardGrade
from anjian.ledger.services import report_hazard
from anjian.org.models import Unit
from anjian.prevention import config, grading
from anjian.prevention.choices import (
    ACCIDENT_EDITION_1986,
    CYCLE_DAYS,
    AccidentType,
    ControlKind,
    ControlLevel,
    Cycle,
    FactorClass,
    Method,
    PointKind,
    RiskGrade,
    RunStatus,
)
from anjian.prevention.errors import CheckAlreadyDone, InvalidCheck, InvalidInventory
from anjian.prevention.models import (
    CheckItem,
    CheckPlan,
    CheckResult,
    CheckRun,
    Control,
    Evaluation,
    HazardFactor,
    RiskPoint,
    SitePlan,
)
from anjian.tipoffs.errors import TipOffInvalid
from anjian.tipoffs.photos import without_metadata


def _snapshot(point: RiskPoint) -> dict[str, Any]:
    return {"code": point.code, "name": point.name, "kind": point.kind, "location": point.location,
            "grade": point.grade, "responsible_name": point.responsible_name, "emergency_phone": point.emergency_phone,
            "plan_xy": [point.plan_x, point.plan_y], "active": point.active}


def _choice(value: str, choices: type[models.TextChoices], what: str) -> None:
    if value not in choices.values:
        raise InvalidInventory(f"{what}不在可选范围内：{value}")


def create_risk_point(
    *, actor: Any, unit: Unit, name: str, code: str = "", kind: str = "place", location: str = "",
    responsible_name: str = "", responsible: Any = None, emergency_phone: str = "",
) -> RiskPoint:
    """Add a risk point to a unit's inventory; it has no grade until its first evaluation."""
    if not can_create_at(actor, "riskpoint", unit):
        raise PermissionDenied("无权为该单位登记风险点")
    if not name.strip():
        raise InvalidInventory("请填写风险点名称")
    _choice(kind, PointKind, "风险点类型")
    with transaction.atomic():
        point = RiskPoint.objects.create(
            unit=unit, region=unit.region, sector=unit.sector, name=name.strip(), code=code.strip(), kind=kind,
            location=location, responsible_name=responsible_name, responsible=responsible,
            emergency_phone=emergency_phone, created_by=actor,
        )
        record(actor=actor, action="riskpoint.create", object_type="riskpoint", object_id=point.pk,
               after=_snapshot(point))
        return point


def add_factor(
    *, actor: Any, risk_point: RiskPoint, description: str, factor_class: str, accident_type: str,
    factor_code: str = "", accident_edition: str = ACCIDENT_EDITION_1986,
) -> HazardFactor:
    """Record a hazard factor (危险有害因素) found at a risk point."""
    require(actor, "edit", risk_point)
    if not description.strip():
        raise InvalidInventory("请填写危险有害因素")
    _choice(factor_class, FactorClass, "因素分类")
    _choice(accident_type, AccidentType, "事故类型")
    with transaction.atomic():
        factor = HazardFactor.objects.create(
            risk_point=risk_point, description=description.strip(), factor_class=factor_class,
            factor_code=factor_code, accident_type=accident_type, accident_edition=accident_edition,
        )
        record(actor=actor, action="riskpoint.factor", object_type="riskpoint", object_id=risk_point.pk,
               after={"factor": factor.pk, "class": factor_class, "code": factor_code, "accident": accident_type})
        return factor


def _bands_json(bands: Sequence[grading.Band]) -> list[dict[str, Any]]:
    return [{"grade": b.grade, "lower": None if b.lower is None else str(b.lower),
             "upper": None if b.upper is None else str(b.upper), "lower_inclusive": b.lower_inclusive,
             "upper_inclusive": b.upper_inclusive} for b in bands]


def evaluate_risk_point(
    *, actor: Any, risk_point: RiskPoint, method: str, l: Decimal | None = None,  # noqa: E741 - the method's letter
    e: Decimal | None = None, c: Decimal | None = None, s: Decimal | None = None, direct_grade: str = "",
    reason: str = "", today: date | None = None,
) -> Evaluation:
    """Evaluate a risk point by LEC, LS or direct judgement; the grade moves and the check plans follow it."""
    require(actor, "edit", risk_point)
    if method == Method.DIRECT and not reason.strip():
        raise InvalidInventory("直接判定须说明理由（如：构成重大危险源、违反强制性条款）")
    lec, ls = config.lec_bands(), config.ls_bands()
    try:
        outcome = grading.evaluate(method, l=l, e=e, c=c, s=s, direct_grade=direct_grade, lec_bands=lec, ls_bands=ls)
    except (grading.InvalidFactor, ValueError) as exc:
        raise InvalidInventory(str(exc)) from exc
    used = lec if method == Method.LEC else ls if method == Method.LS else []
    with transaction.atomic():
        point = RiskPoint.objects.select_for_update().get(pk=risk_point.pk)
        before = point.grade
        evaluation = Evaluation.objects.create(
            risk_point=point, method=method, l_value=l, e_value=e, c_value=c, s_value=s, score=outcome.score,
            grade=outcome.grade, reason=reason, bands=_bands_json(used), evaluated_by=actor,
        )
        point.grade = outcome.grade
        point.save(update_fields=["grade"])
        _schedule(point, today or timezone.localdate())
        record(actor=actor, action="riskpoint.evaluate", object_type="riskpoint", object_id=point.pk,
               before={"grade": before},
               after={"grade": outcome.grade, "method": method, "score": str(outcome.score), "reason": reason})
        risk_point.grade = point.grade
        return evaluation


def add_control(
    *, actor: Any, risk_point: RiskPoint, kind: str, text: str, level: str, responsible_name: str = "",
    responsible: Any = None, check_content: str = "", today: date | None = None,
) -> Control:
    """Add a control measure; its check item follows from it and its level gets a check plan."""
    require(actor, "edit", risk_point)
    if not text.strip():
        raise InvalidInventory("请填写管控措施")
    _choice(level, ControlLevel, "管控层级")
    _choice(kind, ControlKind, "措施类型")
    with transaction.atomic():
        control = Control.objects.create(
            risk_point=risk_point, kind=kind, text=text.strip(), level=level, responsible_name=responsible_name,
            responsible=responsible, check_content=check_content.strip(),
        )
        CheckItem.objects.create(risk_point=risk_point, control=control, text=control.check_content or control.text)
        _schedule(risk_point, today or timezone.localdate())
        record(actor=actor, action="riskpoint.control", object_type="riskpoint", object_id=risk_point.pk,
               after={"control": control.pk, "kind": kind, "level": level, "responsible": responsible_name})
        return control


def _schedule(point: RiskPoint, today: date) -> list[CheckPlan]:
    """One plan per control level present, its cycle by the point's grade; runs inside the caller's transaction."""
    if not point.grade:
        return []
    table = config.check_cycles()
    plans = []
    for level in ControlLevel.values:
        controls = [c for c in point.controls.all() if c.level == level]
        if not controls:
            continue
        owner = next((c for c in controls if c.responsible_id), controls[0])
        cycle = grading.check_cycle(level, point.grade, table)
        plan, created = CheckPlan.objects.get_or_create(
            risk_point=point, level=level,
            defaults={"unit_id": point.unit_id, "region_id": point.region_id, "cycle": cycle, "next_due": today,
                      "responsible_name": owner.responsible_name, "responsible_id": owner.responsible_id},
        )
        if not created and plan.cycle != cycle:
            plan.cycle = cycle
            plan.save(update_fields=["cycle"])
        plans.append(plan)
    return plans


def place_on_plan(*, actor: Any, risk_point: RiskPoint, x: float, y: float) -> RiskPoint:
    """Place a risk point on its unit's site plan (x, y as fractions of the plan's width and height)."""
    require(actor, "edit", risk_point)
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise InvalidInventory("坐标须在平面图范围内")
    with transaction.atomic():
        before = [risk_point.plan_x, risk_point.plan_y]
        RiskPoint.objects.filter(pk=risk_point.pk).update(plan_x=x, plan_y=y)
        risk_point.plan_x, risk_point.plan_y = x, y
        record(actor=actor, action="riskpoint.place", object_type="riskpoint", object_id=risk_point.pk,
               before={"plan_xy": before}, after={"plan_xy": [x, y]})
        return risk_point


@dataclass(frozen=True)
class Outcome:
    """One item's result as entered: passed or not, a note, and an optional photo (name, bytes)."""

    item: CheckItem
    passed: bool
    note: str = ""
    photo: tuple[str, bytes] | None = None


def items_for(plan: CheckPlan) -> list[CheckItem]:
    """The items a run of this plan checks: the risk point's own, then those of its sector's checklists."""
    own = list(CheckItem.objects.filter(risk_point=plan.risk_point_id, active=True).order_by("id"))
    sector = list(CheckItem.objects.filter(checklist__sector=plan.risk_point.sector_id, active=True,
                                           checklist__region__path__in=_ancestor_paths(plan.region.path))
                  .order_by("checklist_id", "id"))
    return own + sector


def _ancestor_paths(path: str) -> list[str]:
    """'/41/4102/' → ['/41/', '/41/4102/']: the regions whose checklists reach a unit at this path."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def record_check(
    *, actor: Any, plan: CheckPlan, outcomes: Sequence[Outcome], today: date | None = None,
) -> CheckRun:
    """Record the check of the plan's current period; each failed item becomes a hazard linked to the point.

    The plan's date moves on by one cycle with a compare-and-swap, so a double submission records once.
    """
    point = plan.risk_point
    require(actor, "check", point)
    today = today or timezone.localdate()
    expected = {i.pk for i in items_for(plan)}
    given = {o.item.pk for o in outcomes}
    if not expected or given != expected:
        raise InvalidCheck()
    cleaned: dict[int, tuple[str, bytes]] = {}
    for o in outcomes:
        if o.photo is not None:
            try:
                photo = without_metadata(o.photo[1])
            except TipOffInvalid as exc:
                raise InvalidCheck(str(exc)) from exc
            cleaned[o.item.pk] = (f"check-{o.item.pk}{photo.suffix}", photo.content)
        elif not o.passed:
            raise InvalidCheck(f"不合格项须拍照：{o.item.text[:30]}")
    stored = {pk: evidence_files.store(content, name, folder="prevention") for pk, (name, content) in cleaned.items()}
    try:
        with transaction.atomic():
            due_on = plan.next_due
            moved = CheckPlan.objects.filter(pk=plan.pk, next_due=due_on).update(
                next_due=due_on + timedelta(days=CYCLE_DAYS[Cycle(plan.cycle)]))
            if moved != 1 or CheckRun.objects.filter(plan=plan, due_on=due_on).exists():
                raise CheckAlreadyDone()
            failed = [o for o in outcomes if not o.passed]
            run = CheckRun.objects.create(plan=plan, risk_point=point, unit_id=point.unit_id,
                                          region_id=point.region_id, status=RunStatus.DONE, due_on=due_on,
                                          done_on=today, done_by=actor, failed=len(failed))
            for o in outcomes:
                hazard = None
                if not o.passed:
                    hazard = report_hazard(
                        actor=actor, unit=point.unit, channel=HazardChannel.SELF_REPORT, found_on=today,
                        description=f"【风险点排查】{point.name}：{o.item.text}" + (f"（{o.note}）" if o.note else ""),
                        location=point.location or point.name, found_by=getattr(actor, "display_name", ""),
                        grade=HazardGrade.GENERAL, photos=[cleaned[o.item.pk]],
                    )
                f = stored.get(o.item.pk)
                CheckResult.objects.create(run=run, item=o.item, passed=o.passed, note=o.note,
                                           photo=f.name if f else "", photo_sha256=f.sha256 if f else "",
                                           hazard=hazard)
            record(actor=actor, action="checkrun.done", object_type="checkrun", object_id=run.pk,
                   after={"plan": plan.pk, "risk_point": point.pk, "due_on": due_on.isoformat(),
                          "done_on": today.isoformat(), "failed": len(failed),
                          "hazards": list(run.results.exclude(hazard=None).values_list("hazard_id", flat=True))})
            plan.next_due = due_on + timedelta(days=CYCLE_DAYS[Cycle(plan.cycle)])
            return run
    except Exception:
        for f in stored.values():
            evidence_files.discard(f)
        raise


def record_missed(*, today: date | None = None, actor: Any = None) -> int:
    """Close every period whose next period has begun without a check as missed (漏检); returns how many.

    A period is overdue from the day after its date and missed once the following period's date has come.
    """
    today = today or timezone.localdate()
    count = 0
    for plan in CheckPlan.objects.filter(active=True, next_due__lt=today).select_related("risk_point"):
        step = timedelta(days=CYCLE_DAYS[Cycle(plan.cycle)])
        due = plan.next_due
        with transaction.atomic():
            missed = []
            while due + step <= today:
                missed.append(due)
                due += step
            if not missed:
                continue
            if CheckPlan.objects.filter(pk=plan.pk, next_due=plan.next_due).update(next_due=due) != 1:
                continue  # a check was recorded meanwhile
            CheckRun.objects.bulk_create([
                CheckRun(plan=plan, risk_point_id=plan.risk_point_id, unit_id=plan.unit_id, region_id=plan.region_id,
                         status=RunStatus.MISSED, due_on=d) for d in missed])
            record(actor=actor, action="checkrun.missed", object_type="checkplan", object_id=plan.pk,
                   after={"missed": [d.isoformat() for d in missed], "next_due": due.isoformat()})
            count += len(missed)
    return count


def grade_label(grade: str) -> str:
    """The display label of a grade ('' for none)."""
    return str(RiskGrade(grade).label) if grade else ""


def upload_site_plan(*, actor: Any, unit: Unit, name: str, content: bytes) -> SitePlan:
    """Store (or replace) a unit's site plan image for its 四色图; the picture is re-encoded without metadata."""
    if not allowed(actor, "edit", Where("riskpoint", unit.region.path, unit.pk)):
        raise PermissionDenied("无权上传该单位的平面图")
    try:
        clean = without_metadata(content)
    except TipOffInvalid as exc:
        raise InvalidInventory(str(exc)) from exc
    with Image.open(BytesIO(clean.content)) as img:
        width, height = img.size
    stored = evidence_files.store(clean.content, f"plan{clean.suffix}", folder="siteplans")
    try:
        with transaction.atomic():
            before = SitePlan.objects.filter(unit=unit).values_list("file", flat=True).first()
            plan, _ = SitePlan.objects.update_or_create(unit=unit, defaults={
                "region": unit.region, "file": stored.name, "content_type": stored.content_type, "width": width,
                "height": height, "uploaded_by": actor})
            record(actor=actor, action="siteplan.upload", object_type="unit", object_id=unit.pk,
                   before={"file": before}, after={"file": stored.name, "sha256": stored.sha256,
                                                   "size": [width, height], "name": name[:100]})
            return plan
    except Exception:
        evidence_files.discard(stored)
        raise
