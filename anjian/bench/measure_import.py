"""G1–G2: CSV and xlsx import against raw executemany / COPY of the same rows in the same database."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import connection

from anjian.bench import figures as F
from anjian.ingest.hazard_table import TEMPLATE_HEADER, import_hazard_table
from anjian.ingest.readers.xlsx_stream import iter_rows

G1 = F.Goal(0.30, "ge", "≥ 30 % of raw executemany/COPY rows/s")
G2 = F.Goal(1.30, "le", "≤ 1.3× openpyxl read-only parse alone")

# The columns of the raw baseline's ready tuples (`_raw_rows`): what the import writes per hazard.
HAZARD_FIELDS = [
    "id", "unit_id", "region_id", "sector_id", "supervising_department_id", "description", "location", "grade",
    "channel", "found_on", "found_by", "standard_clause", "status", "created_by_id", "created_at", "deadline_kind",
    "due_date", "recurrence", "deadline_raw", "deadline_estimated", "escalation_level", "version",
]


def _sample_rows(n: int) -> Iterator[tuple[Any, ...]]:
    """n new, valid hazard rows on existing units (deterministic)."""
    from anjian.org.models import Unit

    codes = list(Unit.objects.order_by("id").values_list("credit_code", flat=True)[:5000])
    start = date(2026, 1, 1)
    for k in range(n):
        yield (codes[k % len(codes)], f"导入隐患第{k + 1}条：消防设施未保持完好", "仓库", "general",
               "inspection", (start + timedelta(days=k % 300)).isoformat(), 30)


def _openpyxl_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    """The raw G2 baseline: openpyxl's read-only parse of the first sheet, values only."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        yield from wb.worksheets[0].iter_rows(values_only=True)
    finally:
        wb.close()


def _raw_rows(n: int, first_id: int) -> list[tuple[Any, ...]]:
    """The same rows as ready tuples for the raw baseline (building them is not timed)."""
    from anjian.org.models import Unit

    units = list(Unit.objects.order_by("id").values_list("id", "region_id", "sector_id")[:5000])
    out = []
    sqlite = connection.vendor == "sqlite"
    for k, (_code, desc, loc, grade, channel, found, days) in enumerate(_sample_rows(n)):
        uid, region, sector = units[k % len(units)]
        day = date.fromisoformat(found)
        due = day + timedelta(days=days)
        out.append((first_id + k, uid, region, sector, None, desc, loc, grade, channel,
                    found if sqlite else day, "", "", "found", None,
                    "2026-01-01 00:00:00" if sqlite else "2026-01-01 00:00:00+00",
                    "date", due.isoformat() if sqlite else due, "", "", False, 0, 0))
    return out


def raw_insert_rate(rows: list[tuple[Any, ...]]) -> float:
    """Rows/s of a raw executemany (SQLite) or COPY (PostgreSQL) in one transaction, rolled back."""
    from anjian.dbbulk import Columns
    from anjian.ledger.models import Hazard

    cols = Columns.of(Hazard, HAZARD_FIELDS)
    names = ", ".join(cols.names)
    sqlite = connection.vendor == "sqlite"
    with F.raw_connection(autocommit=sqlite, durable=False) as conn:
        def load() -> None:
            cur = conn.cursor()
            if sqlite:
                cur.execute("BEGIN IMMEDIATE")
                marks = ", ".join("?" * len(cols.names))
                cur.executemany(f"INSERT INTO {cols.table} ({names}) VALUES ({marks})", rows)  # noqa: S608
                cur.execute("ROLLBACK")
            else:
                with cur.copy(f"COPY {cols.table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                conn.rollback()
            cur.close()

        seconds = min(F.repeat(load, 2, reset=vacuum_ledger))
    return len(rows) / seconds


def vacuum_ledger() -> None:
    """PostgreSQL: clear the dead rows of the last rolled-back load, so each measured load starts from
    the same clean table (the sample rows repeat the same keys; dead index entries for exactly those
    keys would slow the next load's duplicate check, which no real import meets)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ledger_hazard, ledger_itemevent")


def _import_rate(actor: Any, path: Path, n: int) -> float:
    """Rows/s of `anjian import-hazards` on the file (the product's path, end to end), rolled back."""

    def run() -> None:
        result = import_hazard_table(path, actor=actor, dry_run=True)
        assert result.created == n and not result.rejected, result

    return n / min(F.repeat(run, 2, reset=vacuum_ledger))


def measure(actor: Any, n_csv: int, n_xlsx: int) -> list[F.Figure]:
    """Write the sample files, then time each import against its raw baseline."""
    from openpyxl import Workbook

    from anjian.dbbulk import next_id
    from anjian.ledger.models import Hazard

    out: list[F.Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "hazards.csv"
        with open(csv_path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(TEMPLATE_HEADER)
            writer.writerows(_sample_rows(n_csv))
        raw_rate = raw_insert_rate(_raw_rows(n_csv, next_id(Hazard)))
        app_rate = _import_rate(actor, csv_path, n_csv)
        out.append(F.figure(f"G1 CSV import ({n_csv} rows)", app_rate, "rows/s", raw_rate, G1,
                            "file hash+parse+validate+dedupe (file and ledger)+insert hazards and create events"
                            "+1 audit entry per 10k batch"))

        xlsx_path = Path(tmp) / "hazards.xlsx"
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(TEMPLATE_HEADER)
        for row in _sample_rows(n_xlsx):
            ws.append(row)
        wb.save(xlsx_path)
        parse_s = min(F.repeat(lambda: sum(1 for _ in _openpyxl_rows(xlsx_path)), 2))  # min of two, as the import
        own_parse_s = min(F.repeat(lambda: sum(1 for _ in iter_rows(xlsx_path)), 2))
        import_s = n_xlsx / _import_rate(actor, xlsx_path, n_xlsx)
        out.append(F.figure(f"G2 xlsx import ({n_xlsx} rows)", import_s, "s", parse_s, G2,
                            f"baseline: openpyxl read-only parse of the same file; the import reads it with its own "
                            f"streaming reader ({own_parse_s:.2f} s of the {import_s:.2f} s)"))
    return out
