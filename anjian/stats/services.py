"""Changes owned by the statistics app: recording a unit's recurring obligations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.accounts.policy import can_create_at
from anjian.audit.services import record
from anjian.errors import DomainError, PermissionDenied
from anjian.org.models import Unit
from anjian.stats.choices import Obligation
from anjian.stats.models import ObligationRecord


def record_obligation(*, actor: Any, unit: Unit, obligation: str, done_on: date, note: str = "") -> ObligationRecord:
    """Record that a unit fulfilled a recurring obligation on a day."""
    if obligation not in Obligation.values:
        raise DomainError(f"未知义务：{obligation}", code="unknown_obligation")
    if done_on > timezone.localdate():
        raise DomainError("开展日期不能晚于今天", code="future_date")
    if not can_create_at(actor, "obligationrecord", unit):
        raise PermissionDenied("无权为该单位登记履职记录")
    with transaction.atomic():
        entry = ObligationRecord.objects.create(unit=unit, region=unit.region, obligation=obligation,
                                                done_on=done_on, note=note[:300], recorded_by=actor)
        record(actor=actor, action="obligation.create", object_type="obligationrecord", object_id=entry.pk,
               after={"unit": unit.pk, "obligation": obligation, "done_on": done_on.isoformat()})
        return entry
