"""The checks a person has to do now: what the to-do list and the check pages ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.policy import assignments
from anjian.prevention.models import CheckPlan


@dataclass(frozen=True)
class DueCheck:
    """One plan whose period has come: what to check, by when, and where to do it."""

    plan: CheckPlan
    due_on: date
    overdue: bool
    url: str

    @property
    def title(self) -> str:
        return f"{self.plan.risk_point.name}（{self.plan.get_level_display()}{self.plan.get_cycle_display()}排查）"


def due_checks(user: Any, today: date | None = None) -> list[DueCheck]:
    """Active plans due by today that this person answers for: named as responsible, or unnamed at their unit.

    Overdue (past their date, not yet missed) first, then by date.
    """
    today = today or timezone.localdate()
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    mine = Q(responsible=user)
    units = [a.unit_id for a in assignments(user) if a.role == Role.UNIT and a.unit_id]
    if units:
        mine |= Q(responsible__isnull=True, unit__in=units)
    plans = (CheckPlan.objects.filter(mine, active=True, next_due__lte=today, risk_point__active=True)
             .select_related("risk_point").order_by("next_due", "id"))
    return [DueCheck(plan=p, due_on=p.next_due, overdue=p.next_due < today,
                     url=reverse("prevention:check", args=[p.risk_point_id])) for p in plans]
