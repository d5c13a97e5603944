"""The page of one unit: its hazards, inspections, enforcement, obligations, principal and guarantors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.accounts.policy import assignments, can_create, can_create_at, scope_q
from anjian.errors import DomainError
from anjian.ledger import steering
from anjian.ledger.choices import HAZARD_OPEN, HazardChannel
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.enforcement import ZERO, record_enforcement
from anjian.ledger.models import EnforcementAction, Hazard, Inspection
from anjian.ledger.services import NO_DEADLINE, report_hazard
from anjian.org.models import Unit
from anjian.stats.models import ObligationRecord
from anjian.stats.services import record_obligation
from anjian.web.forms import EnforcementForm, HazardReportForm, ObligationForm

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
        "may_enforce": can_create(user, "enforcement", unit.region.path),
        "may_report": can_create_at(user, "hazard", unit),
        "may_record_duty": can_create_at(user, "obligationrecord", unit),
        "duties": ObligationRecord.objects.filter(unit=unit).order_by("-done_on", "-pk")[:10],
    }
    return render(request, "web/units/detail.html", context)


@login_required
def enforcement_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an enforcement measure on this unit (department officers of its area)."""
    user = request.user
    unit = Unit.objects.filter(Q(pk=pk) & scope_q(user, "unit")).select_related("region").first()
    if unit is None or not can_create(user, "enforcement", unit.region.path):
        raise Http404
    hazards = list(Hazard.objects.filter(scope_q(user, "hazard"), unit=unit).order_by("-found_on", "-pk")
                   .values_list("pk", "found_on", "description")[:50])
    choices = [(hid, f"{found:%Y-%m-%d} {text[:40]}") for hid, found, text in hazards]
    initial = {"decided_on": timezone.localdate(), "hazard": request.GET.get("hazard") or None}
    form = EnforcementForm(request.POST or None, initial=initial, hazards=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hazard = Hazard.objects.filter(pk=data["hazard"], unit=unit).first() if data["hazard"] else None
        try:
            record_enforcement(
                actor=user, unit=unit, kind=data["kind"], decided_on=data["decided_on"], hazard=hazard,
                document_number=data["document_number"], company_amount=data["company_amount"] or ZERO,
                person_name=data["person_name"], person_amount=data["person_amount"] or ZERO, notes=data["notes"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("执法措施已录入"))
            return redirect("web:unit_detail", pk=unit.pk)
    return render(request, "web/units/enforcement_new.html", {"unit": unit, "form": form})


def _unit_for(user: Any, pk: int, kind: str) -> Unit:
    """The unit if the user sees it and may create `kind` rows in its area; else 404."""
    unit = Unit.objects.filter(Q(pk=pk) & scope_q(user, "unit")).select_related("region", "sector").first()
    if unit is None or not can_create_at(user, kind, unit):
        raise Http404
    return unit


def _own_unit(user: Any) -> int | None:
    units = [a.unit_id for a in assignments(user) if a.role == Role.UNIT and a.unit_id]
    return units[0] if len(units) == 1 else None


@login_required
def hazard_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Register a hazard on this unit: an enterprise's self-report, or a finding outside an inspection."""
    user = request.user
    unit = _unit_for(user, pk, "hazard")
    self_report = _own_unit(user) == unit.pk
    form = HazardReportForm(request.POST or None, request.FILES or None, self_report=self_report,
                            initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "location": data["location"], "grade": data["grade"], "found_by": str(user)[:100],
            "deadline": DeadlineSpec("date", data["due"]) if data["due"] else NO_DEADLINE,
            "photos": [(p.name, p.read()) for p in data["photos"]],
        }
        try:
            if self_report:  # handed over (交办) to the supervising department at once: ledger.steering
                hazard = steering.self_report(actor=user, unit=unit, description=data["description"],
                                              found_on=data["found_on"], **fields)
            else:
                hazard = report_hazard(actor=user, unit=unit, description=data["description"],
                                       found_on=data["found_on"], channel=data["channel"], **fields)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if self_report and hazard.supervising_department is not None:
                messages.success(request, _("隐患已登记，并已交办%(department)s") % {
                    "department": hazard.supervising_department.name})
            else:
                messages.success(request, _("隐患已登记"))
            return redirect("web:hazard_detail", pk=hazard.pk)
    return render(request, "web/units/hazard_new.html", {"unit": unit, "form": form, "self_report": self_report})


@login_required
def my_hazard_new(request: HttpRequest) -> HttpResponse:
    """The enterprise menu entry: self-report a hazard of my own unit; others pick the unit from the list."""
    unit = _own_unit(request.user)
    if unit is None:
        messages.info(request, _("请先在单位列表中选择单位，再在单位页面登记隐患"))
        return redirect("web:unit_list")
    return redirect("web:hazard_new", pk=unit)


@login_required
def obligation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that this unit did a recurring duty (principal's check, drill, training)."""
    user = request.user
    unit = _unit_for(user, pk, "obligationrecord")
    form = ObligationForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_obligation(actor=user, unit=unit, obligation=data["obligation"], done_on=data["done_on"],
                              note=data["note"])
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("履职记录已登记"))
            return redirect("web:unit_detail", pk=unit.pk)
    return render(request, "web/units/obligation_new.html", {"unit": unit, "form": form})
