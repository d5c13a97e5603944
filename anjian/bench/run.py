"""`anjian bench run`: every figure on the generated data, read-only figures first, restore last."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass

from anjian.bench import figures as F
from anjian.bench.generate import BENCH_PASSWORD
from anjian.bench.manifest import read_manifest
from anjian.bench.scales import SCALES
from anjian.errors import DomainError


class NotGenerated(DomainError):
    """No benchmark data in this data folder: run `anjian bench generate` first."""


@dataclass(frozen=True)
class Sizes:
    """How much work each figure does at a given scale (kept small enough for minutes, not hours)."""

    dashboard_repeats: int
    csv_rows: int
    xlsx_rows: int
    transitions: int
    race_items: int
    load_seconds: int
    pdf: bool

    @classmethod
    def for_hazards(cls, hazards: int) -> Sizes:
        tiny = hazards < 5_000
        return cls(
            dashboard_repeats=5 if tiny else 10,
            csv_rows=min(20_000, max(200, hazards // 2)),
            xlsx_rows=min(10_000, max(100, hazards // 4)),
            transitions=20 if tiny else 200,
            race_items=4 if tiny else 10,
            load_seconds=int(os.environ.get("ANJIAN_BENCH_LOAD_SECONDS", "3" if tiny else "15")),
            pdf=not tiny,
        )


def run_all(*, scale: str | None = None, only: str | None = None, progress: bool = False) -> list[F.Figure]:
    """Measure the figures selected by `only` (comma-separated name prefixes; all when None)."""
    from anjian.accounts.models import User
    from anjian.bench import measure_changes, measure_import, measure_ops, measure_queries, measure_web
    from anjian.org.models import Region

    manifest = read_manifest()
    if not manifest:
        raise NotGenerated("此数据目录没有基准数据，请先运行 anjian bench generate / no benchmark data here")
    label = scale or manifest["scale"]
    hazards = SCALES[label].hazards if label in SCALES else manifest["counts"]["hazards"]
    sizes = Sizes.for_hazards(min(hazards, manifest["counts"]["hazards"]))
    office = User.objects.get(username="bench_office")
    county_user = User.objects.get(username="bench_county")
    top = Region.objects.order_by("path").first()
    county = Region.objects.filter(level="county").order_by("path").first()
    assert top is not None and county is not None
    generated = SCALES[manifest["scale"]]
    last_year = generated.first_year + generated.years - 1
    wanted = [p.strip() for p in only.split(",")] if only else None

    steps: list[tuple[str, Callable[[], list[F.Figure]]]] = [
        ("G6", lambda: measure_queries.measure(county, top, sizes.dashboard_repeats)),
        ("G8", lambda: measure_web.measure(
            county.code, measure_queries.list_sql_alone_ms(county_user, county), username="bench_county",
            password=BENCH_PASSWORD, duration=sizes.load_seconds, workers=int(os.environ.get("ANJIAN_WORKERS", "3")),
            write_once=lambda: measure_changes.change_under_load(office, county))),
        ("G11", measure_ops.measure_audit),
        ("G1", lambda: measure_import.measure(office, sizes.csv_rows, sizes.xlsx_rows)),
        ("G9", lambda: measure_changes.measure_rate(office, county, sizes.transitions)),
        ("G10", lambda: measure_changes.measure_concurrency(office, county, sizes.race_items)),
        ("G13", lambda: measure_ops.measure_reports(top, last_year, sizes.pdf)),
        ("G12", lambda: measure_ops.measure_backup(restore=True)),
    ]
    # G6 also yields G7 and G1 also yields G2: select by either name.
    aliases = {"G7": "G6", "G2": "G1"}
    figures: list[F.Figure] = []
    for key, step in steps:
        if wanted is not None and not any(aliases.get(w, w) == key for w in wanted):
            continue
        if progress:
            print(f"… {key}", flush=True)
        try:
            figures.extend(step())
        except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the others
            figures.append(F.Figure(f"{key} not measured", math.nan, "", math.nan, "measurement completes", False,
                                    f"{type(exc).__name__}: {str(exc)[:300]}"))
    return figures
