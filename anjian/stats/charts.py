"""ECharts option dicts for the dashboard, built from the metrics; each clickable point carries its list URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from anjian.ledger.choices import HazardGrade, HazardStatus
from anjian.stats import metrics
from anjian.stats.metrics import Scope

# The legend sits on top and the grid contains its axis labels, so rotated labels never run into the legend
# (the legend used to sit at the bottom over the labels) and long names are not cut at 390 px.
GRID = {"top": 40, "left": 10, "right": 20, "bottom": 10, "containLabel": True}
LEGEND = {"top": 0, "type": "scroll"}

OPEN_COLOUR, CLOSED_COLOUR, OVERDUE_COLOUR, FLAG_COLOUR = "#e6a23c", "#67c23a", "#f56c6c", "#c0392b"


def list_url(name: str, fallback: str, **params: Any) -> str:
    """The web app's filtered list page (hazards or tasks) with these query parameters."""
    try:
        base = reverse(name)
    except NoReverseMatch:  # the list pages belong to the web app; keep the contract even before they exist
        base = fallback
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{base}?{query}" if query else base


def hazards_url(scope: Scope, **params: Any) -> str:
    """/hazards/?… carrying the scope's filters plus the clicked dimension."""
    base = {"region": scope.region.code if scope.region else None, "sector": scope.sector,
            "grade": scope.grade, "channel": scope.channel, "department": scope.department,
            "from": _iso(scope.date_from), "to": _iso(scope.date_to)}
    return list_url("web:hazard_list", "/hazards/", **(base | params))


def tasks_url(scope: Scope, **params: Any) -> str:
    """/tasks/?… carrying the scope's region and department plus the clicked dimension."""
    base = {"region": scope.region.code if scope.region else None, "department": scope.department}
    return list_url("web:task_list", "/tasks/", **(base | params))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Chart:
    """One dashboard chart: a title and its ECharts option."""

    key: str
    title: str
    option: dict[str, Any]


def _point(value: float | int | None, url: str, **extra: Any) -> dict[str, Any]:
    return {"value": value, "url": url, **extra}


def _stacked(rows: list[metrics.Counts], scope: Scope, dimension: str) -> dict[str, Any]:
    def url(row: metrics.Counts, **status: Any) -> str:
        return hazards_url(scope, **{dimension: row.key}, **status)

    return {
        "tooltip": {"trigger": "axis"},
        "legend": LEGEND | {"data": ["已销号", "未整改", "逾期"]},
        "grid": GRID,
        "xAxis": {"type": "category", "data": [r.label for r in rows],
                  "axisLabel": {"rotate": 30, "interval": 0, "width": 90, "overflow": "truncate"}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": "已销号", "type": "bar", "stack": "n", "color": CLOSED_COLOUR,
             "data": [_point(r.closed, url(r, status=HazardStatus.CLOSED)) for r in rows]},
            {"name": "未整改", "type": "bar", "stack": "n", "color": OPEN_COLOUR,
             "data": [_point(r.open - r.overdue, url(r, status="open")) for r in rows]},
            {"name": "逾期", "type": "bar", "stack": "n", "color": OVERDUE_COLOUR,
             "data": [_point(r.overdue, url(r, overdue=1)) for r in rows]},
        ],
    }


def _trend(scope: Scope) -> dict[str, Any]:
    rows = metrics.monthly_trend(scope)
    return {
        "tooltip": {"trigger": "axis"},
        "legend": LEGEND | {"data": ["发现", "销号"]},
        "grid": GRID,
        "xAxis": {"type": "category", "data": [m for m, _, _ in rows]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": "发现", "type": "line", "data": [_point(f, hazards_url(scope, month=m)) for m, f, _ in rows]},
            {"name": "销号", "type": "line", "color": CLOSED_COLOUR,
             "data": [_point(c, hazards_url(scope, month=m, status=HazardStatus.CLOSED)) for m, _, c in rows]},
        ],
    }


def _on_time(scope: Scope, as_of: date) -> dict[str, Any]:
    everything = Scope(**{**scope.__dict__, "date_from": None})
    rows = metrics.on_time_rate_by_year(everything, as_of=as_of)
    return {
        "tooltip": {"trigger": "axis"},
        "grid": GRID,
        "xAxis": {"type": "category", "data": [str(y) for y, _ in rows]},
        "yAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "series": [{"name": "按期整改率", "type": "bar", "label": {"show": True, "formatter": "{c}%"}, "data": [
            _point(round(r.value * 100, 1) if r.value is not None else None,
                   hazards_url(everything, year=y, overdue=1), counts=f"{r.numerator}/{r.denominator}")
            for y, r in rows]}],
    }


def _overdue_departments(scope: Scope, as_of: date) -> dict[str, Any]:
    rows = list(reversed(metrics.most_overdue_departments(scope, as_of=as_of)))
    return {
        "tooltip": {"trigger": "axis"},
        "legend": LEGEND | {"data": ["逾期任务", "逾期隐患"]},
        "grid": GRID,
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": [name for _, name, _, _ in rows],
                  "axisLabel": {"width": 110, "overflow": "truncate"}},
        "series": [
            {"name": "逾期任务", "type": "bar", "stack": "d", "color": OVERDUE_COLOUR,
             "data": [_point(t, tasks_url(scope, department=k, overdue=1)) for k, _, t, _ in rows]},
            {"name": "逾期隐患", "type": "bar", "stack": "d", "color": OPEN_COLOUR,
             "data": [_point(h, hazards_url(scope, department=k, overdue=1)) for k, _, _, h in rows]},
        ],
    }


def _clearing(scope: Scope, as_of: date) -> dict[str, Any]:
    c = metrics.dynamic_clearing(scope, as_of=as_of)
    major = HazardGrade.MAJOR
    return {
        "title": {"text": "已清零" if c.cleared else f"未清零：{c.open} 处", "left": "center", "top": "middle",
                  "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "item"},
        "series": [{"type": "pie", "radius": ["45%", "70%"], "data": [
            _point(c.closed, hazards_url(scope, grade=major, status=HazardStatus.CLOSED), name="已销号",
                   itemStyle={"color": CLOSED_COLOUR}),
            _point(c.open - c.overdue, hazards_url(scope, grade=major, status="open"), name="整改中",
                   itemStyle={"color": OPEN_COLOUR}),
            _point(c.overdue, hazards_url(scope, grade=major, overdue=1), name="逾期",
                   itemStyle={"color": OVERDUE_COLOUR}),
        ]}],
    }


def _penalty(scope: Scope, threshold: float) -> dict[str, Any]:
    rows = metrics.penalty_ratio_by_department(scope, threshold=threshold)
    return {
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [r.department for r in rows],
                  "axisLabel": {"rotate": 30, "interval": 0, "width": 90, "overflow": "truncate"}},
        "yAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "grid": GRID,
        "series": [{
            "name": "处罚率", "type": "bar",
            "data": [_point(round((r.rate.value or 0) * 100, 1),
                            hazards_url(scope, department=r.department_id, channel=""),
                            itemStyle={"color": FLAG_COLOUR if r.flagged else "#409eff"},
                            counts=f"{r.with_penalty}/{r.with_hazards}") for r in rows],
            "markLine": {"symbol": "none", "data": [{"yAxis": round(threshold * 100, 1), "name": "预警阈值"}],
                         "lineStyle": {"color": FLAG_COLOUR, "type": "dashed"}},
        }],
    }


def dashboard_charts(scope: Scope, *, as_of: date, threshold: float) -> list[Chart]:
    """Every chart of the dashboard, in page order."""
    return [
        Chart("region", "各区域隐患整改情况", _stacked(metrics.hazard_breakdown(scope, "region", as_of=as_of),
                                                  scope, "region")),
        Chart("sector", "各行业领域隐患整改情况", _stacked(metrics.hazard_breakdown(scope, "sector", as_of=as_of),
                                                    scope, "sector")),
        Chart("trend", "隐患发现与销号月度趋势", _trend(scope)),
        Chart("on_time", "隐患按期整改率（按发现年度）", _on_time(scope, as_of)),
        Chart("departments", "逾期事项最多的部门", _overdue_departments(scope, as_of)),
        Chart("clearing", "重大事故隐患动态清零", _clearing(scope, as_of)),
        Chart("penalty", "各部门处罚率（发现隐患的检查中实施处罚的比例）", _penalty(scope, threshold)),
    ]
