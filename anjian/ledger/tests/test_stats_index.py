"""The statistics page's covering index exists on PostgreSQL only (on SQLite it would duplicate another)."""

from __future__ import annotations

import pytest
from django.db import connection

from anjian.fixtures import World


def _index_columns(name: str) -> str | None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
        row = cursor.fetchone()
    return None if row is None else str(row[0])


@pytest.mark.django_db
def test_the_covering_index_is_made_where_it_covers() -> None:
    made = _index_columns("hazard_region_stats")
    if connection.vendor == "postgresql":
        assert made is not None and "INCLUDE (found_on, closed_at, due_date, supervising_department_id, channel, id)" in made
    else:
        assert made is None
    assert _index_columns("hazard_region_dash") is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="INCLUDE indexes are PostgreSQL's")
def test_a_region_aggregate_of_the_stats_page_is_answered_from_the_index(world: World) -> None:
    """On a vacuumed table (as a served one is: autovacuum) and with the planner steered off reading a tiny
    test table whole, a county's found/closed/open/overdue counts are an index-only scan of the covering
    index: no other index holds every column they read."""
    from datetime import date

    from anjian.stats import metrics

    for _ in range(3):
        world.hazard()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) ledger_hazard")  # the visibility map an index-only scan relies on
    scope = metrics.Scope(region=world.county, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))
    qs = metrics.with_closed_day(metrics.hazards(scope)).values("grade").annotate(
        **metrics._hazard_aggregates(scope, date(2026, 12, 4)))
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_bitmapscan = off")
        try:
            plan = qs.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_bitmapscan")
    assert "Index Only Scan using hazard_region_stats" in plan, plan
