"""Every change to an accident goes through these functions (STYLE: services.py)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.accidents.choices import FIRST_REPORT_WITHIN, grade_for
from anjian.accidents.errors import AlreadyReported, InvalidAccident
from anjian.accidents.models import Accident
from anjian.accounts.policy import can_create, require
from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.org.models import Region, Unit


def _snapshot(accident: Accident) -> dict[str, Any]:
    return {
        "grade": accident.grade,
        "deaths": accident.deaths,
        "serious_injuries": accident.serious_injuries,
        "direct_loss_yuan": str(accident.direct_loss_yuan),
        "occurred_at": accident.occurred_at.isoformat(),
        "reported_at": accident.reported_at.isoformat() if accident.reported_at else None,
    }


def _check(occurred_at: datetime, reported_at: datetime | None, loss: Decimal) -> None:
    if timezone.is_naive(occurred_at) or (reported_at is not None and timezone.is_naive(reported_at)):
        raise InvalidAccident("时间须带时区 / times must be timezone-aware")
    if occurred_at > timezone.now():
        raise InvalidAccident("发生时间不能晚于当前时间")
    if reported_at is not None and reported_at < occurred_at:
        raise InvalidAccident("首报时间不能早于发生时间")
    if loss < 0:
        raise InvalidAccident("直接经济损失不能为负数")


def record_accident(
    *,
    actor: Any,
    occurred_at: datetime,
    unit: Unit | None = None,
    region: Region | None = None,
    deaths: int = 0,
    serious_injuries: int = 0,
    direct_loss_yuan: Decimal | int = 0,
    description: str = "",
    reported_at: datetime | None = None,
) -> Accident:
    """Register an accident; its grade and its one-hour first-report deadline are computed here."""
    place = unit.region if unit is not None else region
    if place is None:
        raise InvalidAccident("须指定事故单位或所在区域")
    loss = Decimal(direct_loss_yuan)
    _check(occurred_at, reported_at, loss)
    if not can_create(actor, "accident", place.path):
        raise PermissionDenied("无权在该区域登记事故")
    with transaction.atomic():
        accident = Accident.objects.create(
            unit=unit, region=place, sector=unit.sector if unit is not None else None, occurred_at=occurred_at,
            deaths=deaths, serious_injuries=serious_injuries, direct_loss_yuan=loss, description=description,
            grade=grade_for(deaths=deaths, serious_injuries=serious_injuries, direct_loss_yuan=loss),
            report_due_at=occurred_at + FIRST_REPORT_WITHIN, reported_at=reported_at, created_by=actor,
        )
        record(actor=actor, action="accident.create", object_type="accident", object_id=accident.pk,
               after=_snapshot(accident))
        return accident


def mark_reported(*, actor: Any, accident: Accident, reported_at: datetime | None = None) -> Accident:
    """Record when the first report reached the county; late reports stay visible as late."""
    require(actor, "edit", accident)
    when = reported_at or timezone.now()
    _check(accident.occurred_at, when, accident.direct_loss_yuan)
    with transaction.atomic():
        current = Accident.objects.select_for_update().get(pk=accident.pk)
        if current.reported_at is not None:
            raise AlreadyReported()
        before = _snapshot(current)
        current.reported_at = when
        current.save(update_fields=["reported_at"])
        record(actor=actor, action="accident.report", object_type="accident", object_id=current.pk,
               before=before, after=_snapshot(current) | {"late": current.report_late()})
        return current


def revise_consequences(
    *, actor: Any, accident: Accident, deaths: int, serious_injuries: int, direct_loss_yuan: Decimal | int,
    reason: str,
) -> Accident:
    """Correct the casualties or the loss (e.g. a later death); the grade follows the new figures."""
    require(actor, "edit", accident)
    if not reason.strip():
        raise InvalidAccident("修改事故数据须说明理由")
    loss = Decimal(direct_loss_yuan)
    _check(accident.occurred_at, accident.reported_at, loss)
    with transaction.atomic():
        current = Accident.objects.select_for_update().get(pk=accident.pk)
        before = _snapshot(current)
        current.deaths, current.serious_injuries, current.direct_loss_yuan = deaths, serious_injuries, loss
        current.grade = grade_for(deaths=deaths, serious_injuries=serious_injuries, direct_loss_yuan=loss)
        current.save(update_fields=["deaths", "serious_injuries", "direct_loss_yuan", "grade"])
        record(actor=actor, action="accident.revise", object_type="accident", object_id=current.pk,
               before=before, after=_snapshot(current) | {"reason": reason})
        return current
