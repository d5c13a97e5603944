"""The dual-prevention figures defined in docs/metrics.md: inventory coverage, check on-time rate, distribution.

Counted from rows (risk points, check runs), never from counters; every figure is scoped by the policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from anjian.accounts.policy import scope_q
from anjian.org.models import Region, Unit
from anjian.prevention.choices import GRADE_ORDER, RunStatus
from anjian.prevention.models import CheckRun, RiskPoint

ON_TIME_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class Rate:
    """A share with its numerator and denominator (None when there is nothing to divide)."""

    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None


def coverage(user: Any, sector_ids: list[int] | None = None) -> Rate:
    """清单覆盖率: units in scope with at least one graded, active risk point, over all units in scope."""
    units = Unit.objects.filter(scope_q(user, "unit"))
    if sector_ids is not None:
        units = units.filter(sector__in=sector_ids)
    return _coverage(units)


def coverage_in(region: Region) -> Rate:
    """清单覆盖率 of the units in a region subtree (the assessment's indicator)."""
    return _coverage(Unit.objects.filter(region__path__startswith=region.path))


def _coverage(units: QuerySet[Unit]) -> Rate:
    return Rate(units.filter(_has_graded_point()).count(), units.count())


def _has_graded_point() -> Q:
    """Units that have at least one graded, active risk point."""
    return Q(pk__in=RiskPoint.objects.filter(active=True).exclude(grade="").values("unit_id"))


def on_time(user: Any, today: date, window: timedelta = ON_TIME_WINDOW) -> Rate:
    """排查按时率: periods due in the window (due_on in [today − window, today)) done by their date, over all
    such periods that were done or missed. A period still open (not yet done, not yet missed) is not counted.
    """
    runs = CheckRun.objects.filter(scope_q(user, "checkrun"), due_on__gte=today - window, due_on__lt=today)
    return _on_time(runs)


def on_time_in(region: Region, date_from: date, date_to: date) -> Rate:
    """排查按时率 of the periods due from `date_from` to `date_to` (inclusive) in a region subtree."""
    return _on_time(CheckRun.objects.filter(region__path__startswith=region.path, due_on__gte=date_from,
                                            due_on__lte=date_to))


def _on_time(runs: QuerySet[CheckRun]) -> Rate:
    return Rate(runs.filter(status=RunStatus.DONE, done_on__lte=F("due_on")).count(), runs.count())


def highest_grades(unit_ids: list[int]) -> dict[int, str]:
    """Each unit's highest current grade (units without a graded point are absent)."""
    found: dict[int, set[str]] = {}
    for unit_id, grade in (RiskPoint.objects.filter(unit__in=unit_ids, active=True).exclude(grade="")
                           .values_list("unit_id", "grade").distinct()):
        found.setdefault(unit_id, set()).add(grade)
    return {u: next(g for g in GRADE_ORDER if g in grades) for u, grades in found.items()}


@dataclass
class Overview:
    """What the office sees: points by grade per township and per sector, units without inventory, on-time."""

    by_region: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    by_sector: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    without_inventory: list[Unit] = field(default_factory=list)
    without_inventory_count: int = 0
    coverage: Rate = Rate(0, 0)
    on_time: Rate = Rate(0, 0)


def _table(rows: Any, key: str) -> list[tuple[str, dict[str, int]]]:
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row[key], {g: 0 for g in GRADE_ORDER})[row["grade"]] = row["n"]
    return sorted(table.items())


def overview(user: Any, today: date) -> Overview:
    """The office's view of the risk inventory in its scope."""
    points = RiskPoint.objects.filter(scope_q(user, "riskpoint"), active=True).exclude(grade="")
    units = Unit.objects.filter(scope_q(user, "unit"))
    missing = units.exclude(_has_graded_point()).select_related("region").order_by("name")
    grades = points.values("grade").annotate(n=Count("id"))
    return Overview(
        by_region=_table(points.values("region__name", "grade").annotate(n=Count("id")), "region__name"),
        by_sector=_table(points.values("sector__name", "grade").annotate(n=Count("id")), "sector__name"),
        totals={g: 0 for g in GRADE_ORDER} | {r["grade"]: r["n"] for r in grades},
        without_inventory=list(missing[:20]), without_inventory_count=missing.count(),
        coverage=coverage(user), on_time=on_time(user, today),
    )
