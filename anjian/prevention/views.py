"""Dual prevention in the browser: the risk inventory, a point's check page (phone), its notice card and QR."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from anjian.accounts.policy import Where, allowed, can, scope_q
from anjian.errors import DomainError
from anjian.org.models import Unit
from anjian.prevention import metrics
from anjian.prevention.choices import GRADE_ORDER
from anjian.prevention.forms import ControlForm, EvaluationForm, FactorForm, RiskPointForm
from anjian.prevention.major_hazards import record_guarantor_check
from anjian.prevention.models import CheckPlan, CheckRun, Guarantor, MajorHazard, RiskPoint
from anjian.prevention.services import (
    Outcome,
    add_control,
    add_factor,
    create_risk_point,
    evaluate_risk_point,
    items_for,
    record_check,
)
from anjian.security.params import bounded_id

SHOWN = 200


def _point(request: HttpRequest, pk: int) -> RiskPoint:
    point = (RiskPoint.objects.filter(scope_q(request.user, "riskpoint"), pk=pk)
             .select_related("unit", "region", "sector").first())
    if point is None:
        raise Http404
    return point


@login_required
def point_list(request: HttpRequest) -> HttpResponse:
    """Risk points in scope with their colour; for the office also the distribution by grade."""
    points = RiskPoint.objects.filter(scope_q(request.user, "riskpoint"), active=True)
    unit_id = bounded_id(request.GET.get("unit", ""))
    if unit_id is not None:
        points = points.filter(unit=unit_id)
    unit = (Unit.objects.filter(scope_q(request.user, "unit"), pk=unit_id).select_related("region").first()
            if unit_id is not None else None)
    rows = list(points.select_related("unit", "region").order_by("unit__name", "code", "id")[:SHOWN])
    context: dict[str, Any] = {"rows": rows, "shown": SHOWN, "grades": GRADE_ORDER, "unit": unit,
                               "highest": metrics.highest_grades([unit.pk]).get(unit.pk, "") if unit else "",
                               "may_import": unit is not None and allowed(
                                   request.user, "create", Where("riskpoint", unit.region.path, unit.pk)),
                               "may_import_checklist": allowed(request.user, "create", Where("checklist"))}
    if allowed(request.user, "view", Where("stats")):
        context["overview"] = metrics.overview(request.user, timezone.localdate())
    return render(request, "prevention/list.html", context)


@login_required
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One risk point: factors, evaluations, controls, plans and its latest checks with the hazards they found."""
    point = _point(request, pk)
    runs = list(CheckRun.objects.filter(risk_point=point).prefetch_related("results__item", "results__hazard")
                .select_related("plan", "done_by")[:30])
    return render(request, "prevention/detail.html", {
        "point": point, "factors": point.factors.all(), "evaluations": point.evaluations.all()[:10],
        "controls": point.controls.all(), "plans": point.plans.filter(active=True), "runs": runs,
        "may_check": can(request.user, "check", point), "today": timezone.localdate(),
        "may_edit": can(request.user, "edit", point), "factor_form": FactorForm(), "evaluation_form": EvaluationForm(),
        "control_form": ControlForm(),
    })


def _plan_for(request: HttpRequest, point: RiskPoint) -> CheckPlan | None:
    plans = CheckPlan.objects.filter(risk_point=point, active=True).select_related("risk_point", "region")
    wanted = bounded_id(request.POST.get("plan") or request.GET.get("plan") or "")
    if wanted is not None:
        return plans.filter(pk=wanted).first()
    mine = plans.filter(responsible_id=request.user.pk).order_by("next_due").first()
    return mine or plans.order_by("next_due").first()


@login_required
def plan_check(request: HttpRequest, pk: int) -> HttpResponse:
    """A check plan's check page (the to-do list links a due plan here): its risk point's page, this plan chosen."""
    plan = get_object_or_404(CheckPlan, pk=pk)
    point = _point(request, plan.risk_point_id)  # the same visibility rule as the point's own pages
    return redirect(f"{reverse('prevention:check', args=[point.pk])}?plan={plan.pk}")


@login_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """Do a point's check on a phone: each item passed or failed, a failed one with a photo (the QR opens this)."""
    point = _point(request, pk)
    may_check = can(request.user, "check", point)
    plan = _plan_for(request, point)
    items = items_for(plan) if plan is not None else []
    error = ""
    if request.method == "POST":
        if not may_check or plan is None:
            raise Http404
        outcomes = []
        for item in items:
            verdict = request.POST.get(f"result_{item.pk}", "")
            upload = request.FILES.get(f"photo_{item.pk}")
            if verdict not in {"pass", "fail"}:
                error = _("请逐项判定合格或不合格")
                break
            outcomes.append(Outcome(item, passed=verdict == "pass", note=request.POST.get(f"note_{item.pk}", ""),
                                    photo=(upload.name or "photo", upload.read()) if upload else None))
        if not error:
            try:
                run = record_check(actor=request.user, plan=plan, outcomes=outcomes)
            except DomainError as exc:
                error = str(exc)
            else:
                if run.failed:
                    messages.warning(request, _("排查已提交，%(n)d 项不合格已登记为隐患") % {"n": run.failed})
                else:
                    messages.success(request, _("排查已提交，全部合格"))
                return redirect("prevention:detail", point.pk)
    return render(request, "prevention/check.html", {
        "point": point, "plan": plan, "items": items, "may_check": may_check, "error": error,
        "plans": CheckPlan.objects.filter(risk_point=point, active=True), "today": timezone.localdate(),
    }, status=400 if error else 200)


@login_required
def card(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable 风险告知卡 of a risk point, with the QR code of its check page."""
    point = _point(request, pk)
    controls = list(point.controls.all())
    return render(request, "prevention/card.html", {
        "point": point, "factors": point.factors.all(),
        "controls": [c for c in controls if c.kind != "emergency"],
        "emergency": [c for c in controls if c.kind == "emergency"],
        "check_url": request.build_absolute_uri(reverse("prevention:check", args=[point.pk])),
    })


@login_required
@require_GET
def qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR code (SVG, made offline by segno) that opens the point's check page."""
    point = _point(request, pk)
    out = BytesIO()
    segno.make(request.build_absolute_uri(reverse("prevention:check", args=[point.pk])), error="m").save(
        out, kind="svg", scale=6, border=2)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@login_required
def major_hazards(request: HttpRequest) -> HttpResponse:
    """Major hazard installations in scope with their three 包保责任人 and each duty's next date."""
    sources = list(MajorHazard.objects.filter(scope_q(request.user, "majorhazard"))
                   .select_related("unit").prefetch_related("guarantors").order_by("level", "unit__name"))
    if request.method == "POST":
        guarantor = Guarantor.objects.filter(major_hazard__in=[s.pk for s in sources],
                                             pk=request.POST.get("guarantor", "0") or 0).first()
        if guarantor is None:
            raise Http404
        try:
            record_guarantor_check(actor=request.user, guarantor=guarantor)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("包保排查已记录"))
        return redirect("prevention:major_hazards")
    editable = set(MajorHazard.objects.filter(scope_q(request.user, "majorhazard", "edit"),
                                              pk__in=[s.pk for s in sources]).values_list("pk", flat=True))
    return render(request, "prevention/major_hazards.html", {
        "sources": sources, "editable": editable, "today": timezone.localdate()})


@login_required
def point_new(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Add a risk point to a unit's inventory (then its factors, evaluation and controls on its page)."""
    unit = Unit.objects.filter(scope_q(request.user, "unit"), pk=unit_pk).select_related("region", "sector").first()
    if unit is None or not allowed(request.user, "create", Where("riskpoint", unit.region.path, unit.pk)):
        raise Http404
    form = RiskPointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            point = create_risk_point(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("prevention:detail", point.pk)
    return render(request, "prevention/new.html", {"form": form, "unit": unit})


_EDITS: dict[str, tuple[type[forms.Form], Callable[..., Any]]] = {
    "factor": (FactorForm, add_factor),
    "evaluation": (EvaluationForm, evaluate_risk_point),
    "control": (ControlForm, add_control),
}


@login_required
@require_POST
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a factor, an evaluation or a control to a risk point (one form each on its page)."""
    point = _point(request, pk)
    entry = _EDITS.get(request.POST.get("what", ""))
    if entry is None or not can(request.user, "edit", point):
        raise Http404
    form_class, service = entry
    form = form_class(request.POST)
    if not form.is_valid():
        problems = [f"{form.fields[f].label if f in form.fields else ''}：{' '.join(str(m) for m in e)}"
                    for f, e in form.errors.items()]
        messages.error(request, "；".join(problems))
    else:
        try:
            service(actor=request.user, risk_point=point, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已保存"))
    return redirect("prevention:detail", point.pk)
