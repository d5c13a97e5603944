"""Accident grades at every boundary of the regulation (以上包括本数，以下不包括本数)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from anjian.accidents.choices import grade_for

WAN = Decimal("10000")


@pytest.mark.parametrize(
    ("deaths", "injuries", "loss", "grade"),
    [
        (0, 0, Decimal(0), "ordinary"),
        (2, 0, Decimal(0), "ordinary"),
        (3, 0, Decimal(0), "larger"),
        (9, 0, Decimal(0), "larger"),
        (10, 0, Decimal(0), "major"),
        (29, 0, Decimal(0), "major"),
        (30, 0, Decimal(0), "especially_major"),
        (0, 9, Decimal(0), "ordinary"),
        (0, 10, Decimal(0), "larger"),
        (0, 49, Decimal(0), "larger"),
        (0, 50, Decimal(0), "major"),
        (0, 99, Decimal(0), "major"),
        (0, 100, Decimal(0), "especially_major"),
        (0, 0, 1000 * WAN - Decimal("0.01"), "ordinary"),
        (0, 0, 1000 * WAN, "larger"),
        (0, 0, 5000 * WAN - Decimal("0.01"), "larger"),
        (0, 0, 5000 * WAN, "major"),
        (0, 0, 10000 * WAN - Decimal("0.01"), "major"),
        (0, 0, 10000 * WAN, "especially_major"),
    ],
)
def test_grade_at_each_boundary(deaths: int, injuries: int, loss: Decimal, grade: str) -> None:
    assert grade_for(deaths=deaths, serious_injuries=injuries, direct_loss_yuan=loss) == grade


def test_the_most_severe_figure_decides() -> None:
    assert grade_for(deaths=1, serious_injuries=60, direct_loss_yuan=Decimal(0)) == "major"
    assert grade_for(deaths=31, serious_injuries=0, direct_loss_yuan=Decimal(1)) == "especially_major"
