"""The data indicators an assessment item may be scored by, each read from anjian.stats.metrics.

Registered by name in one explicit table; an IndicatorRule names one of them. The definitions
are in docs/metrics.md §9.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from anjian.ledger.choices import HazardChannel, HazardGrade, HazardStatus
from anjian.org.models import Region
from anjian.stats import metrics
from anjian.stats.choices import Obligation
from anjian.stats.metrics import Rate, Scope
from anjian.stats.obligations import obligation_compliance


@dataclass(frozen=True)
class Reading:
    """An indicator's value for a region and year, with the counts behind it."""

    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    percent: bool = True

    @property
    def display(self) -> str:
        if self.value is None:
            return "—（无可统计数据）"
        if self.percent:
            return f"{self.value * 100:.1f}%（{self.numerator}/{self.denominator}）"
        return f"{self.value:g}"


@dataclass(frozen=True)
class Indicator:
    """A named indicator with its label and how to read it."""

    name: str
    label: str
    read: Callable[[Region, int, date], Reading]


def _year(region: Region, year: int) -> Scope:
    return Scope(region=region, date_from=date(year, 1, 1), date_to=date(year, 12, 31))


def _rate(rate: Rate) -> Reading:
    return Reading(rate.value, rate.numerator, rate.denominator)


def _on_time(region: Region, year: int, as_of: date) -> Reading:
    return _rate(metrics.on_time_rate(Scope(region=region, date_from=date(year, 1, 1), date_to=date(year, 12, 31),
                                            grade=HazardGrade.MAJOR), as_of=as_of))


def _on_time_before(region: Region, year: int, as_of: date) -> Reading:
    scope = Scope(region=region, date_to=date(year, 1, 1) - timedelta(days=1), grade=HazardGrade.MAJOR)
    return _rate(metrics.on_time_rate(scope, as_of=as_of))


def _per_thousand(region: Region, year: int, as_of: date) -> Reading:
    result = metrics.major_per_thousand_inspections(_year(region, year))
    return Reading(result.value, result.major_hazards, result.inspections, percent=False)


def _obligation(obligation: str) -> Callable[[Region, int, date], Reading]:
    def read(region: Region, year: int, as_of: date) -> Reading:
        rows = obligation_compliance(Scope(region=region), year=year, as_of=as_of, only=obligation)
        return _rate(next(r.rate for r in rows if r.obligation == obligation))

    return read


def _late_reports(region: Region, year: int, as_of: date) -> Reading:
    late = sum(row.late_reports for row in metrics.accidents_by_grade(_year(region, year)))
    return Reading(float(late), percent=False)


def _covert_major(region: Region, year: int, as_of: date) -> Reading:
    scope = Scope(region=region, date_from=date(year, 1, 1), date_to=date(year, 12, 31), grade=HazardGrade.MAJOR,
                  channel=HazardChannel.COVERT_VISIT)
    found = metrics.hazards(scope).filter(scope.in_period("found_on")).exclude(status=HazardStatus.CANCELLED)
    return Reading(float(found.count()), percent=False)


def _prevention_coverage(region: Region, year: int, as_of: date) -> Reading:
    from anjian.prevention.metrics import coverage_in

    rate = coverage_in(region)
    return Reading(rate.part / rate.whole if rate.whole else None, rate.part, rate.whole)


def _prevention_on_time(region: Region, year: int, as_of: date) -> Reading:
    from anjian.prevention.metrics import on_time_in

    end = min(as_of - timedelta(days=1), date(year, 12, 31))
    rate = on_time_in(region, date(year, 1, 1), end)
    return Reading(rate.part / rate.whole if rate.whole else None, rate.part, rate.whole)


def _clearing_open(region: Region, year: int, as_of: date) -> Reading:
    return Reading(float(metrics.dynamic_clearing(Scope(region=region, date_to=date(year, 12, 31)),
                                                  as_of=as_of).open), percent=False)


INDICATORS: dict[str, Indicator] = {
    i.name: i
    for i in [
        Indicator("major_on_time_rate", "当年重大事故隐患按期整改率", _on_time),
        Indicator("major_on_time_rate_before", "以前年度重大事故隐患按期整改率", _on_time_before),
        Indicator("self_fix_rate", "重大事故隐患企业自查自改率", lambda r, y, a: _rate(
            metrics.self_fix_rate(_year(r, y)))),
        Indicator("major_per_thousand_inspections", "每千次检查发现重大事故隐患数", _per_thousand),
        Indicator("principal_check_rate", "主要负责人定期检查履职率", _obligation(Obligation.PRINCIPAL_CHECK)),
        Indicator("drill_rate", "疏散逃生演练开展率", _obligation(Obligation.EVACUATION_DRILL)),
        Indicator("training_rate", "主要负责人安全培训覆盖率", _obligation(Obligation.TRAINING)),
        Indicator("late_first_reports", "事故信息迟报起数", _late_reports),
        Indicator("covert_major_hazards", "明查暗访发现重大事故隐患数", _covert_major),
        Indicator("major_clearing_open", "未清零重大事故隐患数", _clearing_open),
        Indicator("risk_inventory_coverage", "风险分级管控清单覆盖率", _prevention_coverage),
        Indicator("risk_check_on_time_rate", "隐患排查计划按时完成率", _prevention_on_time),
    ]
}


def read(name: str, region: Region, year: int, as_of: date) -> Reading:
    """The value of the named indicator for a region and year."""
    return INDICATORS[name].read(region, year, as_of)
