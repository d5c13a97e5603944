"""The statistics pages: the dashboard (ECharts) and the figures as tables, both scoped by the policy."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.accounts.policy import roles_of
from anjian.dbrouter import reads_from_replica
from anjian.org.models import Region
from anjian.security.params import day
from anjian.stats import metrics
from anjian.stats.charts import dashboard_charts, hazards_url, tasks_url
from anjian.stats.cockpit import cockpit as build_cockpit
from anjian.stats.cockpit import trend_chart
from anjian.stats.definitions import DEFINITIONS
from anjian.stats.forms import ScopeForm, regions_for, within
from anjian.stats.obligations import obligation_compliance

RULE = ("stats", "view")
REFRESH_SECONDS = 300  # the command-centre screen reloads itself every five minutes


def _form(request: HttpRequest) -> ScopeForm:
    tops = regions_for(request.user, RULE)
    if not tops:
        raise PermissionDenied("无权查看统计 / not allowed to view statistics")
    return ScopeForm(request.GET or None, tops=tops)


@login_required
@reads_from_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    """Charts of the scope; a click on a bar, point or slice opens the filtered list page."""
    form = _form(request)
    scope = form.scope(request.user)
    as_of = min(timezone.localdate(), scope.date_to) if scope.date_to else timezone.localdate()
    charts = dashboard_charts(scope, as_of=as_of, threshold=form.threshold_value())
    context = {
        "form": form, "scope": scope, "as_of": as_of,
        "hazards": metrics.hazard_counts(scope, as_of=as_of), "tasks": metrics.task_counts(scope, as_of=as_of),
        "on_time": metrics.on_time_rate(scope, as_of=as_of), "self_fix": metrics.self_fix_rate(scope),
        "per_thousand": metrics.major_per_thousand_inspections(scope),
        "clearing": metrics.dynamic_clearing(scope, as_of=as_of),
        "charts": charts, "options": {c.key: c.option for c in charts},
        "overdue_hazards_url": hazards_url(scope, overdue=1), "overdue_tasks_url": tasks_url(scope, overdue=1),
        "definitions": DEFINITIONS,
    }
    return render(request, "stats/dashboard.html", context)


@login_required
@reads_from_replica
def table(request: HttpRequest) -> HttpResponse:
    """Every figure of docs/metrics.md for the scope, as tables."""
    form = _form(request)
    scope = form.scope(request.user)
    as_of = min(timezone.localdate(), scope.date_to) if scope.date_to else timezone.localdate()
    year = scope.date_to.year if scope.date_to else as_of.year
    context = {
        "form": form, "scope": scope, "as_of": as_of, "year": year,
        "hazards": metrics.hazard_counts(scope, as_of=as_of), "tasks": metrics.task_counts(scope, as_of=as_of),
        "breakdowns": [(label, metrics.hazard_breakdown(scope, by, as_of=as_of)) for by, label in (
            ("region", "区域"), ("sector", "行业领域"), ("department", "监管部门"), ("grade", "隐患等级"),
            ("channel", "隐患来源"))],
        "task_departments": metrics.task_breakdown(scope, "department", as_of=as_of),
        "on_time": metrics.on_time_rate(scope, as_of=as_of),
        "on_time_years": metrics.on_time_rate_by_year(scope, as_of=as_of),
        "self_fix": metrics.self_fix_rate(scope), "per_thousand": metrics.major_per_thousand_inspections(scope),
        "penalty": metrics.penalty_ratio_by_department(scope, threshold=form.threshold_value()),
        "threshold": form.threshold_value(), "enforcement": metrics.enforcement_summary(scope),
        "clearing": metrics.dynamic_clearing(scope, as_of=as_of), "accidents": metrics.accidents_by_grade(scope),
        "obligations": obligation_compliance(scope, year=year, as_of=as_of), "definitions": DEFINITIONS,
    }
    return render(request, "stats/table.html", context)


COCKPIT_ROLES = frozenset({Role.LEADER, Role.OFFICE})


def shows_cockpit(user: Any) -> bool:
    """Whether this user's home shows the cockpit (leaders and the office) and may see statistics."""
    return bool(COCKPIT_ROLES & roles_of(user)) and bool(regions_for(user, RULE))


def cockpit_context(request: HttpRequest) -> dict[str, Any]:
    """The context of the cockpit include: the figures of the user's first top region, this month."""
    tops = regions_for(request.user, RULE)
    if not tops:
        raise PermissionDenied("无权查看统计 / not allowed to view statistics")
    code = request.GET.get("region")
    region = next((r for r in Region.objects.filter(code=code) if within(r, tops)), tops[0]) if code else tops[0]
    today = timezone.localdate()
    month = day(request.GET.get("month", "") + "-01") if request.GET.get("month") else None
    data = build_cockpit(region, user=request.user, today=today, month=month)
    rankings = [(_("各乡镇（街道）点评排序"), data.townships, "township"),
                (_("各部门点评排序"), data.departments, "department")]
    return {"cockpit": data, "cockpit_rankings": rankings,
            "cockpit_options": {"cockpit-trend": trend_chart(data.trend, region)}, "today": today}


@login_required
@reads_from_replica
def cockpit(request: HttpRequest) -> HttpResponse:
    """领导驾驶舱; with ?screen=1 the full-screen command-centre layout that refreshes itself."""
    context = cockpit_context(request)
    context["screen"] = request.GET.get("screen") == "1"
    context["refresh_seconds"] = REFRESH_SECONDS
    context["definitions"] = DEFINITIONS
    if context["screen"]:  # light text on the screen's dark background
        for option in context["cockpit_options"].values():
            option["textStyle"] = {"color": "#e6edf5"}
            option["legend"]["textStyle"] = {"color": "#e6edf5"}
    return render(request, "stats/cockpit_screen.html" if context["screen"] else "stats/cockpit.html", context)
