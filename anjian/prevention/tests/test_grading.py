"""Grading: every band edge of the default LEC and LS tables, the factor tables, and configured bands."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from anjian.prevention import grading
from anjian.prevention.choices import Cycle, MajorHazardLevel, Method
from anjian.prevention.choices import RiskGrade as G


@pytest.mark.parametrize(("score", "grade"), [
    ("320.01", G.MAJOR), ("400", G.MAJOR), ("320", G.LARGE), ("160", G.LARGE), ("159.99", G.GENERAL),
    ("70", G.GENERAL), ("69.99", G.LOW), ("20", G.LOW), ("0.01", G.LOW),
])
def test_lec_bands_own_their_lower_edge_and_320_stays_large(score: str, grade: str) -> None:
    assert grading.grade_for(D(score), grading.DEFAULT_LEC_BANDS) == grade


@pytest.mark.parametrize(("l", "e", "c", "score", "grade"), [
    ("10", "6", "40", "2400", G.MAJOR),   # 完全会被预料到 × 逐日 × 数人死亡
    ("6", "6", "7", "252", G.LARGE),
    ("1", "10", "15", "150", G.GENERAL),
    ("3", "6", "7", "126", G.GENERAL),
    ("1", "10", "7", "70", G.GENERAL),     # exactly 70
    ("0.5", "6", "15", "45", G.LOW),
    ("0.1", "0.5", "1", "0.05", G.LOW),
])
def test_lec_scores_and_grades(l: str, e: str, c: str, score: str, grade: str) -> None:  # noqa: E741
    out = grading.evaluate(Method.LEC, l=D(l), e=D(e), c=D(c))
    assert (out.score, out.grade) == (D(score), grade)


@pytest.mark.parametrize(("scheme", "score", "grade"), [
    ("B", 25, G.MAJOR), ("B", 20, G.MAJOR), ("B", 16, G.LARGE), ("B", 9, G.LARGE), ("B", 8, G.GENERAL),
    ("B", 4, G.GENERAL), ("B", 3, G.LOW), ("B", 1, G.LOW),
    ("C", 20, G.MAJOR), ("C", 16, G.LARGE), ("C", 10, G.LARGE), ("C", 9, G.GENERAL), ("C", 4, G.GENERAL),
    ("C", 3, G.LOW),
    ("A", 20, G.MAJOR), ("A", 16, G.LARGE), ("A", 15, G.LARGE), ("A", 12, G.GENERAL), ("A", 9, G.GENERAL),
    ("A", 8, G.LOW), ("A", 1, G.LOW),
])
def test_ls_scheme_edges(scheme: str, score: int, grade: str) -> None:
    assert grading.grade_for(D(score), grading.LS_SCHEMES[scheme]) == grade


def test_ls_product_and_default_scheme_is_b() -> None:
    assert grading.evaluate(Method.LS, l=D(3), s=D(3)) == grading.Outcome(D(9), G.LARGE)
    assert grading.evaluate(Method.LS, l=D(2), s=D(4)) == grading.Outcome(D(8), G.GENERAL)


@pytest.mark.parametrize(("method", "values"), [
    (Method.LEC, {"l": D(4), "e": D(6), "c": D(7)}),      # 4 is not on the L table
    (Method.LEC, {"l": D(6), "e": D(6), "c": D(50)}),
    (Method.LEC, {"l": D(6), "e": D(6)}),                 # C missing
    (Method.LS, {"l": D(6), "s": D(2)}),
    (Method.LS, {"l": D(0), "s": D(2)}),
    (Method.DIRECT, {}),
])
def test_values_outside_the_tables_are_refused(method: str, values: dict[str, D]) -> None:
    with pytest.raises(grading.InvalidFactor):
        grading.evaluate(method, **values)


def test_direct_grading_takes_the_grade_given() -> None:
    assert grading.evaluate(Method.DIRECT, direct_grade=G.MAJOR) == grading.Outcome(None, G.MAJOR)


def test_configured_bands_replace_the_defaults_and_a_gap_is_an_error() -> None:
    bands = grading.bands_from_config([
        {"grade": "major", "lower": 16}, {"grade": "large", "lower": 10, "upper": 16},
        {"grade": "general", "lower": 5, "upper": 10}, {"grade": "low", "upper": 4},
    ])
    assert grading.grade_for(D(16), bands) == G.MAJOR
    assert grading.grade_for(D(15), bands) == G.LARGE
    with pytest.raises(ValueError, match="no band"):
        grading.grade_for(D("4.5"), bands)  # nothing between 4 and 5
    with pytest.raises(ValueError, match="unknown"):
        grading.bands_from_config([{"grade": "green", "lower": 0}])


def test_highest_grade_and_cycles() -> None:
    assert grading.highest([G.LOW, G.LARGE, G.GENERAL]) == G.LARGE
    assert grading.highest([]) is None
    assert grading.check_cycle("post", G.MAJOR) == Cycle.DAILY
    assert grading.check_cycle("company", G.MAJOR) == Cycle.WEEKLY
    assert grading.check_cycle("company", G.LOW) == Cycle.QUARTERLY


@pytest.mark.parametrize(("r", "level"), [
    ("100", MajorHazardLevel.FIRST), ("99.99", MajorHazardLevel.SECOND), ("50", MajorHazardLevel.SECOND),
    ("49.99", MajorHazardLevel.THIRD), ("10", MajorHazardLevel.THIRD), ("9.99", MajorHazardLevel.FOURTH),
])
def test_major_hazard_levels_gb18218(r: str, level: str) -> None:
    assert grading.major_hazard_level(D(r)) == level
