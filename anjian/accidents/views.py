"""Accidents in the browser: the list with the one-hour first-report status, recording one, marking it reported."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accidents.forms import AccidentForm
from anjian.accidents.models import Accident
from anjian.accidents.services import mark_reported, record_accident
from anjian.accounts.policy import assignments, can, can_create, scope_q
from anjian.errors import DomainError
from anjian.org.models import Region, Unit

SHOWN = 100


def _creation_region(user: Any) -> Region | None:
    """The top region in which the user may record accidents (the first such assignment)."""
    for a in assignments(user):
        if can_create(user, "accident", a.region.path):
            return a.region
    return None


@login_required
def accident_list(request: HttpRequest) -> HttpResponse:
    """The latest accidents in the user's scope, newest first, with their first-report status."""
    rows = list(Accident.objects.filter(scope_q(request.user, "accident"))
                .select_related("unit", "region").order_by("-occurred_at", "-pk")[:SHOWN])
    editable = set(Accident.objects.filter(scope_q(request.user, "accident", "edit"), pk__in=[a.pk for a in rows])
                   .values_list("pk", flat=True))
    return render(request, "accidents/list.html", {
        "rows": rows, "editable": editable, "now": timezone.now(), "shown": SHOWN,
        "may_create": _creation_region(request.user) is not None,
    })


@login_required
def accident_new(request: HttpRequest) -> HttpResponse:
    """Record an accident at a unit (or, with no unit, in the user's region)."""
    region = _creation_region(request.user)
    if region is None:
        raise Http404
    form = AccidentForm(request.POST or None)
    unit = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            unit = Unit.objects.filter(Q(pk=data["unit"]) & scope_q(request.user, "unit")).select_related(
                "region", "sector").first()
        if data["unit"] and unit is None:
            form.add_error(None, _("请从搜索结果中选择事故单位"))
        else:
            try:
                record_accident(
                    actor=request.user, occurred_at=data["occurred_at"], unit=unit, region=region,
                    deaths=data["deaths"], serious_injuries=data["serious_injuries"],
                    direct_loss_yuan=data["direct_loss_yuan"], description=data["description"],
                    reported_at=timezone.now() if data["reported_now"] else None,
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("事故已登记"))
                return redirect("accidents:list")
    return render(request, "accidents/new.html", {"form": form, "unit": unit, "region": region})


@login_required
@require_POST
def accident_reported(request: HttpRequest, pk: int) -> HttpResponse:
    """Record now as the time the first report went up."""
    accident = Accident.objects.filter(scope_q(request.user, "accident"), pk=pk).first()
    if accident is None or not can(request.user, "edit", accident):
        raise Http404
    try:
        mark_reported(actor=request.user, accident=accident)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已记录首报时间"))
    return redirect("accidents:list")
