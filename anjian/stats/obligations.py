"""Compliance with units' recurring obligations (docs/metrics.md §8), computed with SQL aggregates.

Each obligation has a frequency per unit: quarterly principal checks (monthly in high-risk
sectors), yearly evacuation drills (half-yearly in high-risk sectors), yearly training. Only
periods that have ended by `as_of` are due; a period is met when at least one record falls in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import ExtractMonth, ExtractQuarter

from anjian.org.models import Unit
from anjian.stats.choices import OBLIGATION_FREQUENCY, PERIODS_PER_YEAR, Frequency, Obligation
from anjian.stats.metrics import Rate, Scope
from anjian.stats.models import ObligationRecord


@dataclass(frozen=True)
class ObligationCompliance:
    """One obligation over the units in scope: periods due, periods met, units fully compliant."""

    obligation: str
    label: str
    units: int
    periods_due: int
    periods_met: int
    units_compliant: int

    @property
    def rate(self) -> Rate:
        return Rate(self.periods_met, self.periods_due)


def periods_ended(frequency: str, year: int, as_of: date) -> int:
    """How many periods of `frequency` in `year` ended before `as_of`."""
    per_year = PERIODS_PER_YEAR[Frequency(frequency)]
    if as_of.year > year:
        return per_year
    if as_of.year < year:
        return 0
    months_done = as_of.month - 1  # the current month has not ended yet
    return months_done // (12 // per_year)


def _period_key(frequency: str) -> Case | ExtractMonth | ExtractQuarter | Value:
    if frequency == Frequency.MONTHLY:
        return ExtractMonth("done_on")
    if frequency == Frequency.QUARTERLY:
        return ExtractQuarter("done_on")
    if frequency == Frequency.HALF_YEARLY:
        return Case(When(done_on__month__lte=6, then=Value(1)), default=Value(2), output_field=IntegerField())
    return Value(1, output_field=IntegerField())


def units_in_scope(scope: Scope) -> Q:
    """Units of the scope's region and sector (departments and grades do not apply to units)."""
    q = scope.region_q() & scope.visible("unit")
    if scope.sector:
        q &= Q(sector__code=scope.sector)
    return q


def obligation_compliance(scope: Scope, *, year: int, as_of: date, only: str | None = None
                          ) -> list[ObligationCompliance]:
    """Per obligation (or just `only`): periods due and met over all units in scope, for the ended periods of `year`."""
    high = Q(high_risk=True) | Q(sector__high_risk=True)
    unit_q = units_in_scope(scope)
    result = []
    for obligation, (ordinary, high_risk) in OBLIGATION_FREQUENCY.items():
        if only is not None and obligation != only:
            continue
        met_per_unit: dict[int, int] = {}
        due_per_unit: dict[int, int] = {}
        for risk_q, frequency in ((~high, ordinary), (high, high_risk)):
            due = periods_ended(frequency, year, as_of)
            units = Unit.objects.filter(unit_q & risk_q)
            for pk in units.values_list("pk", flat=True):
                due_per_unit[pk] = due
            if not due:
                continue
            last_month = 12 if as_of.year > year else due * (12 // PERIODS_PER_YEAR[Frequency(frequency)])
            rows = (
                ObligationRecord.objects.filter(
                    obligation=obligation, unit__in=units.values("pk"), done_on__year=year, done_on__month__lte=last_month
                )
                .annotate(period=_period_key(frequency))
                .values("unit")
                .annotate(n=Count("period", distinct=True))
            )
            met_per_unit.update({r["unit"]: min(r["n"], due) for r in rows})
        periods_due = sum(due_per_unit.values())
        result.append(ObligationCompliance(
            obligation=obligation, label=str(Obligation(obligation).label), units=len(due_per_unit),
            periods_due=periods_due, periods_met=sum(met_per_unit.values()),
            units_compliant=sum(1 for pk, due in due_per_unit.items() if due and met_per_unit.get(pk, 0) >= due),
        ))
    return result
