"""LocalDate gives the same local day as Django's TruncDate, on both engines, around local midnight."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db.models.functions import TruncDate

from anjian.ledger.models import Hazard
from anjian.stats.localdate import LocalDate, fixed_offset_minutes
from anjian.stats.tests.jurisdiction import Year

pytestmark = pytest.mark.django_db

# UTC instants around Shanghai's midnight (UTC+8), a leap day and the turn of a year, with microseconds.
INSTANTS = [
    datetime(2024, 3, 18, 15, 59, 59, 999_999, tzinfo=UTC),
    datetime(2024, 3, 18, 16, 0, 0, tzinfo=UTC),
    datetime(2024, 2, 28, 16, 30, tzinfo=UTC),
    datetime(2024, 12, 31, 16, 0, 1, tzinfo=UTC),
    datetime(2024, 7, 1, 0, 0, tzinfo=UTC),
]


def test_local_date_matches_trunc_date_at_every_boundary(year: Year) -> None:
    hazards = list(Hazard.objects.order_by("pk")[: len(INSTANTS)])
    for hazard, instant in zip(hazards, INSTANTS, strict=True):
        Hazard.objects.filter(pk=hazard.pk).update(closed_at=instant)
    rows = (Hazard.objects.filter(pk__in=[h.pk for h in hazards])
            .annotate(ours=LocalDate("closed_at"), django=TruncDate("closed_at")).values_list("ours", "django"))
    days = [ours for ours, _ in rows]
    assert all(ours == django for ours, django in rows), list(rows)
    assert sorted(str(d) for d in days) == ["2024-02-29", "2024-03-18", "2024-03-19", "2024-07-01", "2025-01-01"]


def test_fixed_offsets_are_recognised_and_daylight_saving_zones_are_not() -> None:
    assert fixed_offset_minutes("Asia/Shanghai") == 480
    assert fixed_offset_minutes("UTC") == 0
    assert fixed_offset_minutes("Europe/Berlin") is None
