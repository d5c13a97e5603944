"""领导驾驶舱: the figures a leader reads in ten seconds, each computed by the functions of metrics.py.

Trend, rankings with month-on-month change, accidents of the year, items under 挂牌督办 and the week's
changes. Nothing here counts on its own: every number is a metric of anjian.stats.metrics with a Scope
(docs/metrics.md §11 says which scope each figure uses and how the rankings are ordered). The trend and the
rankings count every month or row in one query each, with the metrics' own filters (`*_filters`) as
conditional aggregates: per-row calls made the cockpit some 270 queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from anjian.escalation.choices import StepAction
from anjian.ledger.choices import HAZARD_OPEN, TASK_OPEN, HazardGrade, OwnerRole
from anjian.ledger.models import ItemEvent
from anjian.org.models import Department, Region
from anjian.prevention import metrics as prevention_metrics
from anjian.stats import metrics
from anjian.stats.charts import GRID, LEGEND, hazards_url, tasks_url
from anjian.stats.metrics import Rate, Scope

LISTED = f"escalate:{StepAction.LISTED_SUPERVISION}"
Grouped = dict[Any, dict[str, int]]


def _count(q: Q, *, distinct: bool = False) -> Count:
    return Count("pk", filter=q, distinct=distinct)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def previous_month(day: date) -> date:
    """The first day of the month before `day`'s month."""
    return month_start(month_start(day) - timedelta(days=1))


def last_months(as_of: date, count: int = 12) -> list[date]:
    """The first days of the `count` months ending with `as_of`'s month, oldest first."""
    months = [month_start(as_of)]
    while len(months) < count:
        months.insert(0, previous_month(months[0]))
    return months


@dataclass(frozen=True)
class TrendPoint:
    """One month of the trend: hazards overdue at its end, major hazards found in it and open at its end."""

    month: str
    overdue: int
    major_found: int
    major_open: int


def trend(region: Region, *, user: Any, as_of: date, months: int = 12) -> list[TrendPoint]:
    """Per month: `hazard_counts` of the month (overdue and open judged at the month's end, or `as_of`).

    One query: each month's counts are `hazard_count_filters` of its scope as conditional aggregates."""
    firsts = last_months(as_of, months)
    major = Q(grade=HazardGrade.MAJOR)
    aggregates: dict[str, Count] = {}
    for i, first in enumerate(firsts):
        end = min(month_end(first), as_of)
        counts = metrics.hazard_count_filters(Scope(region=region, date_from=first, date_to=end), as_of=end)
        aggregates |= {f"overdue_{i}": _count(counts["overdue"], distinct=True),
                       f"major_found_{i}": _count(counts["found"] & major, distinct=True),
                       f"major_open_{i}": _count(counts["open"] & major, distinct=True)}
    row = metrics.hazards(Scope(region=region, user=user)).aggregate(**aggregates)
    return [TrendPoint(f"{first:%Y-%m}", row[f"overdue_{i}"], row[f"major_found_{i}"], row[f"major_open_{i}"])
            for i, first in enumerate(firsts)]


@dataclass(frozen=True)
class Figures:
    """The four ranking metrics of one region or department over one period."""

    on_time: Rate
    overdue: int  # overdue hazards + overdue tasks, judged at the period's end
    self_fix: Rate
    enforcement: Rate  # 处罚率: inspections ending in a penalty ÷ inspections that found hazards


@dataclass(frozen=True)
class Ranked:
    """One ranked row: this period's figures, last period's, the rank and the list links."""

    key: str
    label: str
    rank: int
    now: Figures
    before: Figures
    overdue_url: str = ""
    hazards_url: str = ""

    def change(self, name: str) -> float | None:
        """Month-on-month change of a rate in percentage points (None when either month has no value)."""
        now, before = getattr(self.now, name).value, getattr(self.before, name).value
        return None if now is None or before is None else round((now - before) * 100, 1)

    @property
    def on_time_change(self) -> float | None:
        return self.change("on_time")

    @property
    def self_fix_change(self) -> float | None:
        return self.change("self_fix")

    @property
    def enforcement_change(self) -> float | None:
        return self.change("enforcement")

    @property
    def overdue_change(self) -> int:
        return self.now.overdue - self.before.overdue


def _order(figures: Figures, label: str) -> tuple[Any, ...]:
    # docs/metrics.md §11: on-time rate (higher first, none last), overdue (fewer first), 自查自改率, 处罚率, name.
    def high(rate: Rate) -> tuple[int, float]:
        return (1, 0.0) if rate.value is None else (0, -rate.value)

    return (high(figures.on_time), figures.overdue, high(figures.self_fix), high(figures.enforcement), label)


def _ranked(entries: list[tuple[str, str, Figures, Figures, str, str]]) -> list[Ranked]:
    ordered = sorted(entries, key=lambda e: _order(e[2], e[1]))
    rows: list[Ranked] = []
    for position, (key, label, now, before, overdue_url, list_url) in enumerate(ordered, start=1):
        tied = rows and _order(rows[-1].now, "")[:-1] == _order(now, "")[:-1]
        rank = rows[-1].rank if tied else position
        rows.append(Ranked(key, label, rank, now, before, overdue_url, list_url))
    return rows


@dataclass(frozen=True)
class Period:
    """The ranking month: the year up to its end (or today), beside the year up to the month before's end.

    Cumulative from 1 January, as the assessment score reads its indicators: a month alone has too few
    hazards that fell due for a rate to mean anything. In January the month before is last December."""

    month: date
    today: date

    @property
    def now(self) -> tuple[date, date]:
        return date(self.month.year, 1, 1), min(month_end(self.month), self.today)

    @property
    def before(self) -> tuple[date, date]:
        first = previous_month(self.month)
        return date(first.year, 1, 1), month_end(first)


@dataclass(frozen=True)
class RowCounts:
    """The ranking counts of every row, keyed by the grouping column's value: hazards, tasks, inspections."""

    hazards: Grouped
    tasks: Grouped
    inspections: Grouped

    def figures(self, keys: list[Any], period: str) -> Figures:
        """The figures of one row (the sum over its `keys`: a region's paths, or a department) in one period."""
        def total(rows: Grouped, name: str) -> int:
            return sum(rows[k][name] for k in keys if k in rows)

        h, t, v = self.hazards, self.tasks, self.inspections
        return Figures(
            on_time=Rate(total(h, f"{period}_on_time_n"), total(h, f"{period}_on_time_d")),
            overdue=total(h, f"{period}_overdue") + total(t, f"{period}_overdue"),
            self_fix=Rate(total(h, f"{period}_self_fix_n"), total(h, f"{period}_self_fix_d")),
            enforcement=Rate(total(v, f"{period}_with_penalty"), total(v, f"{period}_with_hazards")),
        )


def _grouped(qs: QuerySet[Any], column: str, aggregates: dict[str, Count]) -> Grouped:
    return {row[column]: row for row in qs.values(column).annotate(**aggregates).order_by()}


def row_counts(region: Region, period: Period, *, user: Any, by: str) -> RowCounts:
    """The ranking counts of both periods for every child region (`by="region"`, keyed by region path) or every
    department (`by="department"`, keyed by its pk) of `region`: three GROUP BY queries.

    Each count is the metric's own filter (`on_time_filters`, `hazard_count_filters`, …) of the period's scope;
    a row's scope differs from the whole region's only in the grouped column: the hazard's or task's region
    path, the supervising department of hazards, a lead owner's department of tasks, the inspecting department.
    """
    hazards: dict[str, Count] = {}
    tasks: dict[str, Count] = {}
    visits: dict[str, Count] = {}
    for name, (first, last) in (("now", period.now), ("before", period.before)):
        scope = Scope(region=region, date_from=first, date_to=last, user=user)
        on_time_n, on_time_d = metrics.on_time_filters(scope, as_of=last)
        self_fix_n, self_fix_d = metrics.self_fix_filters(scope)
        with_hazards, with_penalty = metrics.penalty_filters(scope)
        hazards |= {f"{name}_on_time_n": _count(on_time_n), f"{name}_on_time_d": _count(on_time_d),
                    f"{name}_self_fix_n": _count(self_fix_n), f"{name}_self_fix_d": _count(self_fix_d),
                    f"{name}_overdue": _count(metrics.hazard_count_filters(scope, as_of=last)["overdue"],
                                              distinct=True)}
        tasks[f"{name}_overdue"] = _count(metrics.task_count_filters(scope, as_of=last)["overdue"], distinct=True)
        visits |= {f"{name}_with_hazards": _count(with_hazards), f"{name}_with_penalty": _count(with_penalty)}
    whole = Scope(region=region, user=user)
    task_rows = metrics.with_closed_day(metrics.tasks(whole))
    if by == "department":
        columns = ("supervising_department", "owners__department", "department")
        task_rows = task_rows.filter(owners__role=OwnerRole.LEAD)
    else:
        columns = ("region__path", "region__path", "region__path")
    return RowCounts(
        hazards=_grouped(metrics.with_closed_day(metrics.hazards(whole)), columns[0], hazards),
        tasks=_grouped(task_rows, columns[1], tasks),
        inspections=_grouped(metrics.with_outcomes(metrics.inspections(whole).filter(department__isnull=False)),
                             columns[2], visits),
    )


def township_ranking(region: Region, period: Period, *, user: Any) -> list[Ranked]:
    """The child regions of `region` ranked by their figures of the month, with last month's beside them."""
    children = list(Region.objects.filter(parent=region).order_by("path"))
    counts = row_counts(region, period, user=user, by="region")
    paths = {*counts.hazards, *counts.tasks, *counts.inspections}
    entries = []
    for child in children:
        mine = [p for p in paths if p.startswith(child.path)]  # the child's subtree, as Scope(region=child)
        scope = Scope(region=child, date_from=period.now[0], date_to=period.now[1], user=user)
        entries.append((child.code, child.name, counts.figures(mine, "now"), counts.figures(mine, "before"),
                        hazards_url(scope, overdue=1, **{"from": None, "to": None}),
                        hazards_url(scope, **{"from": None, "to": None})))
    return _ranked(entries)


def department_ranking(region: Region, period: Period, *, user: Any) -> list[Ranked]:
    """The departments of `region` (the office excepted) ranked the same way."""
    counts = row_counts(region, period, user=user, by="department")
    entries = []
    for department in Department.objects.filter(region=region, is_office=False).order_by("name"):
        scope = Scope(region=region, department=department.pk, date_from=period.now[0], date_to=period.now[1],
                      user=user)
        entries.append((str(department.pk), department.name, counts.figures([department.pk], "now"),
                        counts.figures([department.pk], "before"),
                        tasks_url(scope, overdue=1), hazards_url(scope, **{"from": None, "to": None})))
    return _ranked(entries)


@dataclass(frozen=True)
class Listed:
    """An open item under 挂牌督办 and how long it has been open."""

    kind: str  # "task" or "hazard"
    pk: int
    title: str
    region: str
    due_date: date | None
    days_open: int


def listed_items(region: Region, *, user: Any, as_of: date) -> list[Listed]:
    """Open tasks and hazards whose escalation reached 挂牌督办 (the top step of the ladder), oldest first."""
    scope = Scope(region=region, user=user)
    hazards = (metrics.hazards(scope).filter(status__in=HAZARD_OPEN)
               .filter(Exists(ItemEvent.objects.filter(hazard=OuterRef("pk"), action=LISTED)))
               .select_related("region", "unit"))
    tasks = (metrics.tasks(scope).filter(status__in=TASK_OPEN)
             .filter(Exists(ItemEvent.objects.filter(task=OuterRef("pk"), action=LISTED)))
             .select_related("region"))
    rows = [Listed("hazard", h.pk, f"{h.unit.name}：{h.description}" if h.unit_id else h.description,
                   h.region.name, h.due_date, (as_of - h.found_on).days) for h in hazards]
    rows += [Listed("task", t.pk, t.problem or t.measures, t.region.name, t.due_date,
                    (as_of - t.created_day).days) for t in tasks]  # type: ignore[attr-defined]
    return sorted(rows, key=lambda r: (-r.days_open, r.kind, r.pk))


@dataclass(frozen=True)
class Week:
    """The last seven days: hazards and tasks found and closed, and items escalated."""

    date_from: date
    date_to: date
    hazards: metrics.Counts
    major: metrics.Counts
    tasks: metrics.Counts
    escalated: int


def this_week(region: Region, *, user: Any, as_of: date) -> Week:
    """`hazard_counts` and `task_counts` of the seven days up to `as_of`, and escalations in them."""
    start = as_of - timedelta(days=6)
    scope = Scope(region=region, date_from=start, date_to=as_of, user=user)
    escalated = (ItemEvent.objects.filter(action__startswith="escalate:", hazard__in=metrics.hazards(scope))
                 .filter(at__date__gte=start).count()
                 + ItemEvent.objects.filter(action__startswith="escalate:", task__in=metrics.tasks(scope).values("pk"))
                 .filter(at__date__gte=start).count())
    return Week(start, as_of, metrics.hazard_counts(scope, as_of=as_of),
                metrics.hazard_counts(Scope(region=region, date_from=start, date_to=as_of, grade=HazardGrade.MAJOR,
                                            user=user), as_of=as_of),
                metrics.task_counts(scope, as_of=as_of), escalated)


@dataclass
class Cockpit:
    """Everything the cockpit shows for one region and month."""

    region: Region
    period: Period
    trend: list[TrendPoint]
    townships: list[Ranked]
    departments: list[Ranked]
    accidents: list[metrics.AccidentRow]
    listed: list[Listed]
    week: Week
    links: dict[str, str] = field(default_factory=dict)
    # 双重预防 (docs/metrics.md §10): inventory coverage today, check on-time rate from 1 January to yesterday.
    risk_coverage: prevention_metrics.Rate | None = None
    risk_on_time: prevention_metrics.Rate | None = None

    @property
    def accident_total(self) -> int:
        return sum(r.count for r in self.accidents)

    @property
    def deaths(self) -> int:
        return sum(r.deaths for r in self.accidents)


def cockpit(region: Region, *, user: Any, today: date, month: date | None = None) -> Cockpit:
    """The cockpit of `region` for `user`: the ranking month defaults to the current one."""
    period = Period(month_start(month or today), today)
    year = Scope(region=region, date_from=date(today.year, 1, 1), date_to=today, user=user)
    plain = Scope(region=region)
    links = {
        "overdue_hazards": hazards_url(plain, overdue=1),
        "major_open": hazards_url(plain, grade=HazardGrade.MAJOR, status="open"),
        "hazards": hazards_url(plain),
        "tasks": tasks_url(plain),
        "overdue_tasks": tasks_url(plain, overdue=1),
    }
    return Cockpit(
        region=region, period=period, trend=trend(region, user=user, as_of=today),
        townships=township_ranking(region, period, user=user),
        departments=department_ranking(region, period, user=user),
        accidents=metrics.accidents_by_grade(year), listed=listed_items(region, user=user, as_of=today),
        week=this_week(region, user=user, as_of=today), links=links,
        risk_coverage=prevention_metrics.coverage_in(region),
        risk_on_time=prevention_metrics.on_time_in(region, date(today.year, 1, 1), today - timedelta(days=1)),
    )


def trend_chart(points: list[TrendPoint], region: Region) -> dict[str, Any]:
    """The ECharts option of the trend; a point opens the overdue or major hazard list."""
    plain = Scope(region=region)
    overdue, major = hazards_url(plain, overdue=1), hazards_url(plain, grade=HazardGrade.MAJOR)
    return {
        "tooltip": {"trigger": "axis"},
        "legend": LEGEND | {"data": ["逾期隐患（月末）", "重大隐患新增", "重大隐患未销号（月末）"]},
        "grid": GRID,
        "xAxis": {"type": "category", "data": [p.month for p in points]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": "逾期隐患（月末）", "type": "line", "color": "#f56c6c",
             "data": [{"value": p.overdue, "url": overdue} for p in points]},
            {"name": "重大隐患新增", "type": "bar", "color": "#e6a23c",
             "data": [{"value": p.major_found, "url": major} for p in points]},
            {"name": "重大隐患未销号（月末）", "type": "line", "color": "#c0392b",
             "data": [{"value": p.major_open, "url": major + "&status=open"} for p in points]},
        ],
    }
