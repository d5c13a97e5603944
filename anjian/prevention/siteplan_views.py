"""The 四色图 of a unit: its site plan image with each risk point drawn in its colour (ECharts over the image)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.accounts.policy import Where, allowed, scope_q
from anjian.errors import DomainError
from anjian.org.models import Unit
from anjian.prevention.models import RiskPoint, SitePlan
from anjian.prevention.services import place_on_plan, upload_site_plan


def _unit(request: HttpRequest, pk: int) -> Unit:
    unit = Unit.objects.filter(scope_q(request.user, "unit"), pk=pk).select_related("region").first()
    if unit is None:
        raise Http404
    return unit


@login_required
def site_map(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan with its points; the unit's own users upload the plan and place points by clicking it."""
    unit = _unit(request, pk)
    may_edit = allowed(request.user, "edit", Where("riskpoint", unit.region.path, unit.pk))
    points = list(RiskPoint.objects.filter(scope_q(request.user, "riskpoint"), unit=unit, active=True)
                  .order_by("code", "id"))
    if request.method == "POST":
        if not may_edit:
            raise Http404
        try:
            upload = request.FILES.get("plan")
            if upload is not None:
                upload_site_plan(actor=request.user, unit=unit, name=upload.name or "plan", content=upload.read())
                messages.success(request, _("平面图已上传"))
            else:
                point = next((p for p in points if str(p.pk) == request.POST.get("point", "")), None)
                if point is None:
                    raise Http404
                place_on_plan(actor=request.user, risk_point=point, x=float(request.POST.get("x", "-1")),
                              y=float(request.POST.get("y", "-1")))
                messages.success(request, _("已标注风险点位置"))
        except (DomainError, ValueError) as exc:
            messages.error(request, str(exc))
        return redirect("prevention:site_map", unit.pk)
    plan = SitePlan.objects.filter(unit=unit).first()
    chart = {
        "image": reverse("prevention:site_plan_image", args=[unit.pk]) if plan else "",
        "ratio": (plan.height / plan.width) if plan else 0.6,
        "points": [{"name": p.name, "value": [p.plan_x, p.plan_y], "colour": p.hex, "grade": p.get_grade_display()
                    if p.grade else "", "url": reverse("prevention:detail", args=[p.pk])}
                   for p in points if p.plan_x is not None and p.plan_y is not None],
    }
    return render(request, "prevention/site_map.html", {
        "unit": unit, "plan": plan, "points": points, "may_edit": may_edit, "chart": chart,
    })


@login_required
def site_plan_image(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The plan image, served only to those who may see the unit."""
    unit = _unit(request, pk)
    plan = SitePlan.objects.filter(unit=unit).first()
    path = Path(settings.MEDIA_ROOT) / plan.file if plan else None
    if plan is None or path is None or not path.is_file():
        raise Http404
    response = FileResponse(open(path, "rb"), content_type=plan.content_type)  # noqa: SIM115 (closed by Django)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
