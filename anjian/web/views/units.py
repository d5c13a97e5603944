"""The page of one unit: its hazards, inspections, enforcement, obligations, principal and guarantors."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from anjian.accounts.policy import scope_q
from anjian.ledger.choices import HAZARD_OPEN, HazardChannel
from anjian.ledger.models import EnforcementAction, Hazard, Inspection
from anjian.org.models import Unit

SHOWN = 20


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit as its supervisors see it; rows the user may not see are left out, the unit itself 404s."""
    user = request.user
    unit = Unit.objects.filter(Q(pk=pk) & scope_q(user, "unit")).select_related("region", "sector", "grid").first()
    if unit is None:
        raise Http404
    today = timezone.localdate()
    hazards = Hazard.objects.filter(scope_q(user, "hazard"), unit=unit)
    quarter = _quarter_start(today)
    obligations = {
        # 企业自查自报: at least one self-check report per quarter is expected of every unit.
        "self_checks_this_quarter": hazards.filter(channel=HazardChannel.SELF_REPORT, found_on__gte=quarter).count(),
        "inspections_this_year": Inspection.objects.filter(unit=unit, inspected_on__year=today.year).count(),
        "open_hazards": hazards.filter(status__in=HAZARD_OPEN).count(),
        "quarter_start": quarter,
    }
    context = {
        "unit": unit, "today": today, "obligations": obligations,
        "hazards": hazards.select_related("sector").order_by("-found_on", "-pk")[:SHOWN],
        "inspections": Inspection.objects.filter(scope_q(user, "inspection"), unit=unit)
        .select_related("department")[:SHOWN],
        "enforcement": EnforcementAction.objects.filter(scope_q(user, "enforcement"), unit=unit)
        .select_related("department")[:SHOWN],
        "guarantors": unit.guarantors.all(),
    }
    return render(request, "web/units/detail.html", context)
