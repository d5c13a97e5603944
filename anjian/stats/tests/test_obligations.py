"""Compliance with recurring obligations, counted by hand (2024, as of 2024-07-15: six months ended)."""

from __future__ import annotations

from datetime import date

import pytest

from anjian.stats.metrics import Scope
from anjian.stats.models import ObligationRecord
from anjian.stats.obligations import obligation_compliance, periods_ended
from anjian.stats.services import record_obligation
from anjian.stats.tests.jurisdiction import Year

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("frequency", "as_of", "expected"),
    [("monthly", date(2024, 7, 15), 6), ("quarterly", date(2024, 7, 15), 2), ("half_yearly", date(2024, 7, 1), 1),
     ("half_yearly", date(2024, 6, 30), 0), ("yearly", date(2024, 12, 31), 0), ("yearly", date(2025, 1, 1), 1)],
)
def test_only_ended_periods_are_due(frequency: str, as_of: date, expected: int) -> None:
    assert periods_ended(frequency, 2024, as_of) == expected


def test_compliance_per_obligation(year: Year) -> None:
    w = year.world
    # The gas station is high-risk: monthly checks (6 due, Jan–Mar met; July not ended), half-yearly drills.
    for day in [date(2024, 1, 9), date(2024, 2, 3), date(2024, 2, 20), date(2024, 3, 1), date(2024, 7, 2)]:
        record_obligation(actor=w.clerk, unit=w.gas_station, obligation="principal_check", done_on=day)
    record_obligation(actor=w.clerk, unit=w.gas_station, obligation="evacuation_drill", done_on=date(2024, 5, 6))
    # The restaurant is not: quarterly checks (2 due, Q1 met), a yearly drill (none due yet).
    record_obligation(actor=w.clerk, unit=year.restaurant, obligation="principal_check", done_on=date(2024, 2, 1))
    rows = {r.obligation: r for r in obligation_compliance(Scope(region=w.county), year=2024,
                                                           as_of=date(2024, 7, 15))}
    check = rows["principal_check"]
    assert (check.units, check.periods_due, check.periods_met, check.units_compliant) == (2, 8, 4, 0)
    drill = rows["evacuation_drill"]
    assert (drill.periods_due, drill.periods_met, drill.units_compliant) == (1, 1, 1)
    assert rows["training"].rate.value is None


def test_recording_an_obligation_needs_the_region(year: Year) -> None:
    from anjian.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        record_obligation(actor=year.world.outsider, unit=year.world.gas_station, obligation="training",
                          done_on=date(2024, 3, 1))
    assert not ObligationRecord.objects.exists()
