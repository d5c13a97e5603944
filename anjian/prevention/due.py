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
from anjian.prevention.models import CheckPlan, Guarantor


@dataclass(frozen=True)
class DueCheck:
    """One check whose period has come (a plan's, or a 包保责任人's duty): what, by when, and where to do it."""

    title: str
    due_on: date
    overdue: bool
    url: str
    plan: CheckPlan | None = None
    guarantor: Guarantor | None = None


def due_plans_q(user: Any, today: date) -> Q:
    """The check plans due by `today` that `user` answers for: plans naming them, or naming nobody at their unit.

    One filter for the to-do list (anjian/web/todos.py) and `due_checks`."""
    mine = Q(responsible=user.pk)
    units = [a.unit_id for a in assignments(user) if a.role == Role.UNIT and a.unit_id]
    if units:
        mine |= Q(responsible__isnull=True, unit__in=units)
    return mine & Q(active=True, next_due__lte=today, risk_point__active=True)


def due_checks(user: Any, today: date | None = None) -> list[DueCheck]:
    """Checks due by today that this person answers for: plans naming them (or unnamed ones at their unit) and
    their 包保 duties. Overdue (past their date, not yet missed) first, then by date.
    """
    today = today or timezone.localdate()
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    plans = (CheckPlan.objects.filter(due_plans_q(user, today))
             .select_related("risk_point").order_by("next_due", "id"))
    checks = [DueCheck(title=f"{p.risk_point.name}（{p.get_level_display()}{p.get_cycle_display()}排查）",
                       plan=p, due_on=p.next_due, overdue=p.next_due < today,
                       url=reverse("prevention:check", args=[p.risk_point_id])) for p in plans]
    duties = (Guarantor.objects.filter(user=user, next_due__lte=today).select_related("major_hazard")
              .order_by("next_due", "id"))
    checks += [DueCheck(title=f"{g.major_hazard.name}（{g.get_role_display()}{g.get_cycle_display()}包保排查）",
                        guarantor=g, due_on=g.next_due, overdue=g.next_due < today,
                        url=reverse("prevention:major_hazards")) for g in duties]
    return sorted(checks, key=lambda c: (not c.overdue, c.due_on))
