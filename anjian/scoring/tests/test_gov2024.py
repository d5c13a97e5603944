"""The 2024 provincial scheme as shipped, and scored on the 2024 data set by hand.

As of 2025-01-10 in 龙亭区 (see anjian/stats/tests/jurisdiction.py), with these inputs added:
a major accident at the gas station (reported in time), a training record for each unit,
2 of 3 materials of item 1, a manual 4 for item 5.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from anjian.accidents.services import record_accident
from anjian.ledger.choices import HazardGrade
from anjian.scoring.evaluation import IndicatorLine, ItemScore, MaterialLine, ScoreResult, rank_results
from anjian.scoring.models import AssessmentScheme
from anjian.scoring.schemes import gov2024
from anjian.scoring.services import enter_manual_score, link_material, ranking, score
from anjian.stats import metrics
from anjian.stats.metrics import Scope
from anjian.stats.services import record_obligation
from anjian.stats.tests.jurisdiction import Year, at

pytestmark = pytest.mark.django_db
AS_OF = date(2025, 1, 10)


def test_scheme_has_the_published_structure(scheme: AssessmentScheme) -> None:
    assert [int(s.points) for s in scheme.sections.all()] == [20, 33, 21, 12, 14]
    items = list(scheme.items.all())
    assert [i.seq for i in items] == [str(n) for n in range(1, 32)]
    assert sum(i.points for i in items if i.kind == "item") == 100
    assert [i.seq for i in items if i.kind == "deduction"] == ["27", "28", "29"]
    assert [i.seq for i in items if i.kind == "bonus"] == ["30", "31"]
    assert {r.indicator for r in scheme.items.get(seq="8").indicator_rules.all()} >= {
        "major_on_time_rate", "self_fix_rate"}
    assert gov2024.load() == scheme  # loading twice changes nothing


def _inputs(year: Year, scheme: AssessmentScheme) -> None:
    w = year.world
    record_accident(actor=w.clerk, unit=w.gas_station, occurred_at=at(date(2024, 8, 1)), deaths=10,
                    reported_at=at(date(2024, 8, 1)) + timedelta(minutes=30))
    for unit in (w.gas_station, year.restaurant):
        record_obligation(actor=w.clerk, unit=unit, obligation="training", done_on=date(2024, 4, 1))
    item1 = scheme.items.get(seq="1")
    for material in list(item1.materials.all())[:2]:
        link_material(actor=w.clerk, material=material, region=w.county, year=2024, name="记录.pdf",
                      content=b"%PDF-1.4 minutes")
    enter_manual_score(actor=w.clerk, item=scheme.items.get(seq="5"), region=w.county, year=2024,
                       score=Decimal(4), comment="方案与子方案年度任务基本完成")


def _points(result: ScoreResult) -> dict[str, Decimal]:
    return {i.seq: i.score for i in result.items if i.score}


def test_county_score_item_by_item(year: Year, scheme: AssessmentScheme) -> None:
    _inputs(year, scheme)
    result = score(scheme=scheme, region=year.world.county, year=2024, as_of=AS_OF)
    # 1: 6×2/3; 5: manual; 6: training 2/2; 8: nothing (2024 50%, self-fix 1/3, and "before 2024" has
    # nothing to count, which earns no points); 23: one late first report → 1; 27: one major accident → −10.
    assert _points(result) == {"1": Decimal("4.00"), "5": 4, "6": 3, "23": 1, "27": 10}
    assert (result.base, result.deductions, result.total) == (12, 10, 2)
    before = next(line for i in result.items for line in i.indicators if line.indicator == "major_on_time_rate_before")
    assert before.no_data and before.points == 0 and before.display == "无可统计数据，不得分"
    item1 = next(i for i in result.items if i.seq == "1")
    assert len(item1.missing) == 1 and ("1", item1.missing[0]) in result.missing_materials
    assert next(i for i in result.items if i.seq == "9").pending


def test_indicators_equal_the_statistics_figures(year: Year, scheme: AssessmentScheme) -> None:
    result = score(scheme=scheme, region=year.world.county, year=2024, as_of=AS_OF)
    lines = {line.indicator: line for i in result.items for line in i.indicators}
    scope = Scope(region=year.world.county, date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))
    on_time = metrics.on_time_rate(Scope(**{**scope.__dict__, "grade": HazardGrade.MAJOR}), as_of=AS_OF)
    assert (lines["major_on_time_rate"].numerator, lines["major_on_time_rate"].denominator) == (
        on_time.numerator, on_time.denominator) == (1, 2)
    self_fix = metrics.self_fix_rate(scope)
    assert lines["self_fix_rate"].value == self_fix.value == pytest.approx(1 / 3)


def test_townships_are_ranked_under_the_same_scheme(year: Year, scheme: AssessmentScheme) -> None:
    _inputs(year, scheme)
    rows = ranking(scheme=scheme, parent=year.world.county, year=2024, as_of=AS_OF)
    # 柳园口乡: item 8 → 0 (no major hazard: nothing to count, no points), item 6 → 3, item 23 → 1 = 4.
    # 北书店乡: item 8 → 0 + 0 + 1 (H2 of H2, H3) + 0, item 6 → 3, item 23 → 3, minus 10 → floored at 0.
    assert [(r.rank, r.region_name, r.total) for r in rows] == [(1, "柳园口乡", 4), (2, "北书店乡", 0)]


def _result(code: str, total: int, deductions: int = 0, missing: int = 0, with_data: int = 0) -> ScoreResult:
    line = IndicatorLine("x", "x", "1", 1.0, 1, 1, Decimal(0), Decimal(1), "")
    items = [ItemScore(str(n), "t", "item", "indicator", Decimal(1), indicators=[line]) for n in range(with_data)]
    items.append(ItemScore("m", "t", "item", "evidence", Decimal(1),
                           materials=[MaterialLine(f"材料{n}", 0) for n in range(missing)]))
    return ScoreResult("s", code, code, 2024, AS_OF, items, [], Decimal(total + deductions), Decimal(deductions),
                       Decimal(0), Decimal(100))


def test_ties_are_broken_by_the_documented_rule() -> None:
    rows = rank_results([
        _result("E", 50, missing=1, with_data=2), _result("D", 50, with_data=2), _result("C", 50, with_data=3),
        _result("B", 50, deductions=5, with_data=9), _result("A", 60), _result("F", 50, with_data=2),
    ])
    # total, then fewer deductions, then more items with data, then fewer missing materials; D and F share
    assert [(r.rank, r.region_code, r.tied) for r in rows] == [
        (1, "A", False), (2, "C", False), (3, "D", True), (3, "F", True), (5, "E", False), (6, "B", False)]
