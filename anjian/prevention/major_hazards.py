"""重大危险源 and their three-level 包保 (GB 18218-2018; 包保责任制办法 2021): registration and check duties.

A service module beside services.py (which holds the inventory and the checks), same rules: keyword-only
arguments, an explicit actor, the policy asked first, one audit entry per change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.accounts.policy import can_create_at, require
from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.org.models import Unit
from anjian.prevention import config, grading
from anjian.prevention.choices import CYCLE_DAYS, Cycle, GuarantorRole
from anjian.prevention.errors import InvalidInventory
from anjian.prevention.models import Guarantor, MajorHazard, RiskPoint


@dataclass(frozen=True)
class GuarantorSpec:
    """One 包保责任人 as entered: role, name and (when they sign in) their account."""

    role: str
    name: str
    user: Any = None


def register_major_hazard(
    *, actor: Any, unit: Unit, name: str, r_value: Decimal, guarantors: Sequence[GuarantorSpec],
    risk_point: RiskPoint | None = None, today: date | None = None,
) -> MajorHazard:
    """Register a major hazard installation, graded by R, with its three 包保责任人 and their check cycles."""
    if not can_create_at(actor, "majorhazard", unit) and not can_create_at(actor, "riskpoint", unit):
        raise PermissionDenied("无权为该单位登记重大危险源")
    if not name.strip() or r_value < 0:
        raise InvalidInventory("请填写重大危险源名称和 R 值")
    roles = [g.role for g in guarantors]
    if sorted(roles) != sorted(GuarantorRole.values) or any(not g.name.strip() for g in guarantors):
        raise InvalidInventory("须确定主要负责人、技术负责人、操作负责人各一名")
    today = today or timezone.localdate()
    cycles = config.guarantor_cycles()
    with transaction.atomic():
        source = MajorHazard.objects.create(unit=unit, region=unit.region, name=name.strip(), r_value=r_value,
                                            level=grading.major_hazard_level(r_value), risk_point=risk_point)
        for g in guarantors:
            Guarantor.objects.create(major_hazard=source, role=g.role, name=g.name.strip(), user=g.user,
                                     cycle=cycles[g.role], next_due=today)
        record(actor=actor, action="majorhazard.create", object_type="majorhazard", object_id=source.pk,
               after={"name": source.name, "r": str(r_value), "level": source.level,
                      "guarantors": {g.role: g.name for g in guarantors}})
        return source


def record_guarantor_check(*, actor: Any, guarantor: Guarantor, done_on: date | None = None) -> Guarantor:
    """Record that a 包保责任人 did the check of their period; the next date moves on one cycle from it."""
    require(actor, "edit", guarantor.major_hazard)
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise InvalidInventory("排查日期不能晚于今天")
    with transaction.atomic():
        current = Guarantor.objects.select_for_update().get(pk=guarantor.pk)
        before = {"next_due": current.next_due.isoformat(), "last_done": str(current.last_done or "")}
        current.last_done = done_on
        current.next_due = max(current.next_due, done_on) + timedelta(days=CYCLE_DAYS[Cycle(current.cycle)])
        current.save(update_fields=["last_done", "next_due"])
        record(actor=actor, action="majorhazard.guarantor_check", object_type="majorhazard",
               object_id=current.major_hazard_id, before=before,
               after={"role": current.role, "done_on": done_on.isoformat(), "next_due": current.next_due.isoformat(),
                      "on_time": done_on <= guarantor.next_due})
        return current
