"""On-site inspection entry for phones: pick the unit, record hazards with camera photos, sign off."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.policy import Where, allowed, scope_q
from anjian.core.search import apply_search
from anjian.errors import DomainError
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.inspections import FoundHazard, record_inspection
from anjian.org.models import Unit
from anjian.security.params import bounded_id
from anjian.web.forms import HazardEntryForm, InspectionForm

MAX_HAZARDS = 20


def may_inspect(user: Any) -> bool:
    return allowed(user, "create", Where("inspection"))


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """htmx: units in scope matching the typed name (two characters are enough)."""
    q = request.GET.get("q", "").strip()
    units: list[Unit] = []
    if q:
        qs = Unit.objects.filter(scope_q(request.user, "unit")).select_related("region")
        units = list(apply_search(qs, ("name", "address", "credit_code"), q).order_by("name")[:15])
    return render(request, "web/inspections/unit_results.html", {"units": units, "q": q})


def _hazard_forms(request: HttpRequest) -> list[HazardEntryForm]:
    count = min(int(request.POST.get("hazard_count", "1") or 1), MAX_HAZARDS)
    return [HazardEntryForm(request.POST, request.FILES, prefix=f"hazard-{i}") for i in range(count)]


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    """The inspection form; hazards with a description are registered, each with its photos."""
    if not may_inspect(request.user):
        raise Http404
    form = InspectionForm(request.POST or None, initial={"inspected_on": timezone.localdate()})
    hazard_forms = _hazard_forms(request) if request.method == "POST" else [HazardEntryForm(prefix="hazard-0")]
    unit = None
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in hazard_forms):
        data = form.cleaned_data
        unit = Unit.objects.filter(Q(pk=data["unit"]) & scope_q(request.user, "unit")).select_related("region").first()
        if unit is None:
            form.add_error(None, _("请从搜索结果中选择被检查单位"))
        else:
            found = [
                FoundHazard(
                    description=f.cleaned_data["description"], location=f.cleaned_data["location"],
                    grade=f.cleaned_data["grade"],
                    deadline=DeadlineSpec("date", f.cleaned_data["due"]) if f.cleaned_data["due"] else DeadlineSpec(),
                    photos=[(p.name, p.read()) for p in f.cleaned_data["photos"]],
                )
                for f in hazard_forms if f.cleaned_data["description"].strip()
            ]
            try:
                inspection = record_inspection(
                    actor=request.user, unit=unit, kind=data["kind"], inspected_on=data["inspected_on"],
                    inspectors=data["inspectors"], notes=data["notes"], hazards=found, sign_off=data["sign_off"],
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("检查记录已保存，登记隐患 %(n)d 条。") % {"n": len(found)})
                return redirect("web:unit_detail", pk=inspection.unit_id)
    elif request.method == "POST" and (unit_pk := bounded_id(form.data.get("unit", ""))) is not None:
        unit = Unit.objects.filter(Q(pk=unit_pk) & scope_q(request.user, "unit")).first()
    return render(request, "web/inspections/new.html", {
        "form": form, "hazard_forms": hazard_forms, "unit": unit, "template_form": HazardEntryForm(prefix="hazard-__i__"),
    })

