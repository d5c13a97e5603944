"""Each metric on the 2024 data set of jurisdiction.py against values counted by hand.

In 龙亭区 (period 2024-01-01..2024-12-31, as of 2024-12-31):
H1 general/inspection found 03-05 due 03-20 closed 03-18 (on time)   北书店乡 gas
H2 major/self-report  found 04-01 due 05-01 closed 04-25 (on time)   北书店乡 gas
H3 major/inspection   found 06-10 due 07-10 closed 07-20 (late)      北书店乡 gas
H4 general/tip-off    found 08-01 due 08-31 open, assigned (overdue) 柳园口乡 fire
H5 major/self-report  found 11-20 due 2025-01-31 open (not yet due)  柳园口乡 fire
H6 general/covert     found 2023-12-01 due 12-31 closed 2024-01-05   柳园口乡 fire
H7 major in 顺河区 (outside), H8 cancelled.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from anjian.fixtures import World
from anjian.ledger.choices import HazardGrade
from anjian.stats import metrics
from anjian.stats.metrics import Scope
from anjian.stats.tests.jurisdiction import AS_OF, Year, build_tasks

pytestmark = pytest.mark.django_db
Y2024 = {"date_from": date(2024, 1, 1), "date_to": date(2024, 12, 31)}


def _scope(year: Year, **extra: object) -> Scope:
    return Scope(region=year.world.county, **(Y2024 | extra))  # type: ignore[arg-type]


def _by_key(rows: list[metrics.Counts]) -> dict[str, tuple[int, int, int, int]]:
    return {r.key: (r.found, r.closed, r.open, r.overdue) for r in rows}


def test_hazard_counts_found_closed_open_overdue(year: Year) -> None:
    counts = metrics.hazard_counts(_scope(year), as_of=AS_OF)
    # found H1–H5; closed in 2024 H1 H2 H3 H6; open H4 H5; overdue H4.
    assert (counts.found, counts.closed, counts.open, counts.overdue) == (5, 4, 2, 1)


def test_hazard_counts_by_region_roll_up_to_townships(year: Year) -> None:
    rows = _by_key(metrics.hazard_breakdown(_scope(year), "region", as_of=AS_OF))
    assert rows == {"410202001": (3, 3, 0, 0), "410202002": (2, 1, 2, 1)}


def test_hazard_counts_by_sector_department_grade_channel(year: Year) -> None:
    scope, w = _scope(year), year.world
    assert _by_key(metrics.hazard_breakdown(scope, "sector", as_of=AS_OF)) == {
        "gas": (3, 3, 0, 0), "fire": (2, 1, 2, 1)}
    assert _by_key(metrics.hazard_breakdown(scope, "department", as_of=AS_OF)) == {
        str(w.urban.pk): (3, 3, 0, 0), str(w.fire_brigade.pk): (2, 1, 2, 1)}
    assert _by_key(metrics.hazard_breakdown(scope, "grade", as_of=AS_OF)) == {
        "general": (2, 2, 1, 1), "major": (3, 2, 1, 0)}
    assert _by_key(metrics.hazard_breakdown(scope, "channel", as_of=AS_OF)) == {
        "inspection": (2, 2, 0, 0), "self_report": (2, 1, 1, 0), "tip_off": (1, 0, 1, 1), "covert_visit": (0, 1, 0, 0)}


def test_filters_narrow_the_counts(year: Year) -> None:
    counts = metrics.hazard_counts(_scope(year, sector="fire", channel="tip_off"), as_of=AS_OF)
    assert (counts.found, counts.closed, counts.open, counts.overdue) == (1, 0, 1, 1)


def test_monthly_trend(year: Year) -> None:
    assert metrics.monthly_trend(_scope(year)) == [
        ("2024-01", 0, 1), ("2024-03", 1, 1), ("2024-04", 1, 1), ("2024-06", 1, 0), ("2024-07", 0, 1),
        ("2024-08", 1, 0), ("2024-11", 1, 0)]


def test_on_time_rate_counts_closed_and_due_items(year: Year) -> None:
    # due or closed: H1 H2 H3 H4 (H5 not yet due); closed by the due date: H1 H2.
    rate = metrics.on_time_rate(_scope(year), as_of=AS_OF)
    assert (rate.numerator, rate.denominator, rate.value) == (2, 4, 0.5)
    major = metrics.on_time_rate(_scope(year, grade=HazardGrade.MAJOR), as_of=AS_OF)
    assert (major.numerator, major.denominator) == (1, 2)


def test_on_time_rate_by_year_of_discovery(year: Year) -> None:
    rows = metrics.on_time_rate_by_year(Scope(region=year.world.county), as_of=AS_OF)
    assert [(y, r.numerator, r.denominator) for y, r in rows] == [(2023, 0, 1), (2024, 2, 4)]


def test_self_fix_rate_of_major_hazards(year: Year) -> None:
    rate = metrics.self_fix_rate(_scope(year))  # major H2 H3 H5; self-reported and closed: H2
    assert (rate.numerator, rate.denominator) == (1, 3)


def test_major_hazards_per_thousand_inspections(year: Year) -> None:
    result = metrics.major_per_thousand_inspections(_scope(year))  # I1–I4; major via inspection: H3
    assert (result.major_hazards, result.inspections, result.value) == (1, 4, 250.0)


def test_penalty_ratio_per_department_is_flagged_below_the_threshold(year: Year) -> None:
    rows = {r.department: r for r in metrics.penalty_ratio_by_department(_scope(year), threshold=0.3)}
    urban, fire = rows["区城市管理局"], rows["区消防救援大队"]
    assert (urban.inspections, urban.with_hazards, urban.with_penalty, urban.flagged) == (3, 2, 1, False)
    assert (fire.inspections, fire.with_hazards, fire.with_penalty, fire.flagged) == (1, 1, 0, True)
    assert not {r.department: r for r in metrics.penalty_ratio_by_department(_scope(year), threshold=0.5)}[
        "区城市管理局"].flagged


def test_enforcement_summary(year: Year) -> None:
    summary = metrics.enforcement_summary(_scope(year))
    assert summary.by_kind["penalty"] == 1 and summary.by_kind["order_to_rectify"] == 1
    assert (summary.fines_yuan, summary.dual_penalties) == (Decimal("6000"), 1)


def test_dynamic_clearing_of_major_hazards(year: Year) -> None:
    clearing = metrics.dynamic_clearing(_scope(year), as_of=AS_OF)
    assert (clearing.known, clearing.closed, clearing.open, clearing.overdue) == (3, 2, 1, 0)
    assert clearing.five_in_place_missing == 1 and not clearing.cleared
    later = metrics.dynamic_clearing(_scope(year), as_of=date(2025, 2, 1))
    assert later.overdue == 1


def test_accidents_by_grade_with_late_first_reports(year: Year) -> None:
    rows = {r.grade: r for r in metrics.accidents_by_grade(_scope(year))}
    assert (rows["ordinary"].count, rows["ordinary"].deaths, rows["ordinary"].late_reports) == (1, 1, 0)
    assert (rows["larger"].count, rows["larger"].deaths, rows["larger"].late_reports) == (1, 3, 1)
    assert rows["major"].count == 0  # the major accident is in 顺河区


def test_visibility_follows_the_policy(year: Year) -> None:
    # The fire officer sees only hazards supervised by the fire brigade.
    counts = metrics.hazard_counts(_scope(year, user=year.world.fire_officer), as_of=AS_OF)
    assert (counts.found, counts.closed) == (2, 1)
    assert metrics.hazard_counts(_scope(year, user=year.world.outsider), as_of=AS_OF).found == 0


def test_task_counts_and_departments_with_most_overdue(world: World) -> None:
    build_tasks(world)
    scope, as_of = Scope(region=world.county), date(2025, 1, 10)
    counts = metrics.task_counts(scope, as_of=as_of)
    assert (counts.found, counts.closed, counts.open, counts.overdue) == (3, 1, 2, 1)
    rows = _by_key(metrics.task_breakdown(scope, "department", as_of=as_of))
    assert rows == {str(world.urban.pk): (2, 1, 1, 1), str(world.fire_brigade.pk): (1, 0, 1, 0)}
    assert metrics.most_overdue_departments(scope, as_of=as_of) == [(str(world.urban.pk), "区城市管理局", 1, 0)]
