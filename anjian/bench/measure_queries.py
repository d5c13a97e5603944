"""G6–G7: dashboards through the ORM (read via the replica router) against hand-written raw SQL."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from anjian.bench import figures as F
from anjian.dbrouter import use_replica
from anjian.ledger.models import Hazard
from anjian.org.models import Region

G6 = F.Goal(5.0, "le", "p95 ≤ 5× raw aggregate SQL")
G7 = F.Goal(3.0, "le", "p95 ≤ 3× raw aggregate SQL")

COUNTY_RAW = """SELECT status, grade, sector_id, COUNT(*) FROM ledger_hazard
WHERE region_id IN (SELECT id FROM org_region WHERE path LIKE %s) GROUP BY status, grade, sector_id"""
WIDE_RAW = """SELECT r.parent_id, h.grade, h.status, COUNT(*) FROM ledger_hazard h
JOIN org_region r ON r.id = h.region_id WHERE r.path LIKE %s GROUP BY r.parent_id, h.grade, h.status"""


def county_dashboard(county: Region) -> list[tuple[Any, ...]]:
    """Counts by status × grade × sector for one county's subtree (the county dashboard's query).

    COUNT(*), not COUNT(id): id is not in the covering index `hazard_region_dash`, so counting it makes
    PostgreSQL fetch every heap row (province, county 410101: 312 ms instead of 22 ms).
    """
    with use_replica():
        qs = (Hazard.objects.filter(region__path__startswith=county.path).order_by()
              .values_list("status", "grade", "sector_id").annotate(n=Count("*")))
        return list(qs)


def wide_dashboard(top: Region) -> list[tuple[Any, ...]]:
    """Counts by county × grade × status over a city or province (hazards sit on townships)."""
    with use_replica():
        qs = (Hazard.objects.filter(region__path__startswith=top.path).order_by()
              .values_list("region__parent_id", "grade", "status").annotate(n=Count("*")))
        return list(qs)


def list_page_sql(user: Any, county: Region) -> list[tuple[str, list[Any]]]:
    """The SQL the hazard list page runs for one county's open items by deadline: keys, rows and count."""
    from django.utils import timezone

    from anjian.ledger import listing

    spec = listing.HAZARDS
    params = {"region": county.code, "status": "open", "order": "due"}
    qs = listing.filtered(spec, user, params, timezone.localdate())
    keys = listing.page_keys(spec, qs, params)
    rows = listing.page_rows(spec, [pk for pk, _key in keys][: listing.PAGE_SIZE])
    out = []
    for query in (keys.query, rows.query, qs.order_by().values("pk").query):
        sql, sql_params = query.sql_with_params()
        out.append((sql, list(sql_params)))
    out[2] = (f"SELECT COUNT(*) FROM ({out[2][0]}) counted", out[2][1])
    return out


def _p95_pair(app: Any, raw: Any, times: int) -> tuple[float, float]:
    return F.percentile(F.repeat(app, times), 95), F.percentile(F.repeat(raw, times), 95)


def measure(county: Region, top: Region, times: int) -> list[F.Figure]:
    """County and wide dashboards: same answer checked, then p95 of each path."""
    out = []
    with F.raw_connection() as conn:
        def county_raw() -> list[tuple[Any, ...]]:
            return F.raw_query(conn, COUNTY_RAW, [county.path + "%"])

        def wide_raw() -> list[tuple[Any, ...]]:
            return F.raw_query(conn, WIDE_RAW, [top.path + "%"])

        assert sorted(county_dashboard(county)) == sorted(county_raw()), "county dashboard differs from raw SQL"
        assert sorted(wide_dashboard(top)) == sorted(wide_raw()), "wide dashboard differs from raw SQL"
        app, raw = _p95_pair(lambda: county_dashboard(county), county_raw, times)
        out.append(F.figure("G6 county dashboard p95", app * 1000, "ms", raw * 1000, G6,
                            f"county {county.code}; ORM via use_replica() vs raw DB-API"))
        wide_times = max(3, times // 4)
        app, raw = _p95_pair(lambda: wide_dashboard(top), wide_raw, wide_times)
        out.append(F.figure(f"G7 {top.get_level_display()}-wide dashboard p95", app * 1000, "ms", raw * 1000, G7,
                            f"region {top.code}, by county × grade × status"))
    return out


def list_sql_alone_ms(user: Any, county: Region, times: int = 30) -> float:
    """p50 of the list page's own SQL (keys, rows, count) run alone on a raw connection (G8's ×10 reference)."""
    statements = list_page_sql(user, county)
    with F.raw_connection() as conn:
        def run() -> None:
            for sql, params in statements:
                F.raw_query(conn, sql, params)

        return F.percentile(F.repeat(run, times), 50) * 1000
