"""The bulk hazard import path the import figures measure (CSV or xlsx → validated rows → ledger).

Rows stream in batches; each batch is validated, de-duplicated, inserted (hazards and their
`create` events) and recorded by ONE audit entry carrying the file's SHA-256 and the row count,
all in one transaction (research G1–G5, G11). The ingest app can call `import_hazards` for its
own tabular hazard imports; it is kept here until that app adopts it.
"""

from __future__ import annotations

import csv
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from anjian.audit.services import record
from anjian.bench import bulk
from anjian.bench.columns import EVENT_FIELDS
from anjian.ledger.choices import HazardChannel, HazardGrade
from anjian.ledger.models import Hazard, ItemEvent

HEADER = ("统一社会信用代码", "隐患描述", "隐患部位", "隐患等级", "隐患来源", "发现日期", "整改天数")
IMPORT_FIELDS = [
    "id", "unit_id", "region_id", "sector_id", "supervising_department_id", "description", "location", "grade",
    "channel", "found_on", "found_by", "standard_clause", "status", "created_at", "deadline_kind", "due_date",
    "recurrence", "deadline_raw", "deadline_estimated", "escalation_level", "version",
]


@dataclass(frozen=True)
class ImportResult:
    """What one import did."""

    created: int
    duplicates: int
    rejected: int
    batches: int


def csv_rows(path: Path) -> Iterator[Sequence[Any]]:
    """The data rows of a UTF-8 CSV with the HEADER row, streamed."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        yield from reader


def xlsx_rows(path: Path) -> Iterator[Sequence[Any]]:
    """The data rows of the first sheet of an .xlsx with the HEADER row, streamed (read-only mode)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        next(rows, None)
        yield from rows
    finally:
        wb.close()


PREFETCH_BATCH = 2_000
INSERT_CHUNK = 1_000


@dataclass(frozen=True)
class _ParseFailed:
    message: str


def _parse_into(path: str, sink: Any) -> None:
    # Runs in the child: parse, send batches of rows, then None (or what went wrong).
    try:
        batch: list[Sequence[Any]] = []
        for row in xlsx_rows(Path(path)):
            batch.append(row)
            if len(batch) >= PREFETCH_BATCH:
                sink.send(batch)
                batch = []
        if batch:
            sink.send(batch)
        sink.send(None)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        sink.send(_ParseFailed(f"{type(exc).__name__}: {exc}"))
    finally:
        sink.close()


def xlsx_rows_prefetched(path: Path) -> Iterator[Sequence[Any]]:
    """`xlsx_rows`, parsed in a forked child while the caller validates and inserts.

    openpyxl's parse is pure Python and as long as the database side of an import, so in one process the
    two add up; on two cores they overlap. The child starts at once (it parses while the importer loads
    its lookups) and only reads the file and pickles rows; it never touches the parent's database
    connections. Where fork is not available the rows are parsed inline.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return xlsx_rows(path)
    ctx = multiprocessing.get_context("fork")
    source, sink = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_parse_into, args=(str(path), sink), daemon=True)
    child.start()
    sink.close()
    return _received(source, child)


def _received(source: Any, child: Any) -> Iterator[Sequence[Any]]:
    try:
        while True:
            try:
                message = source.recv()
            except EOFError:
                raise ValueError("xlsx 解析进程意外退出 / the xlsx parser exited early") from None
            if message is None:
                return
            if isinstance(message, _ParseFailed):
                raise ValueError(f"xlsx 解析失败 / could not parse the xlsx: {message.message}")
            yield from message
    finally:
        source.close()
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()
            child.join()


class _Lookup:
    """Unit, region and supervising department by credit code, loaded once per import."""

    def __init__(self) -> None:
        from anjian.org.models import Region, ResponsibilityList, Unit

        parent = dict(Region.objects.values_list("id", "parent_id"))
        duty: dict[tuple[int | None, int], int] = {(r, s): d for r, s, d in ResponsibilityList.objects.values_list("region_id", "sector_id",
                                                                                "department_id")}
        self.units: dict[str, tuple[int, int, int, int | None]] = {}
        for uid, code, region_id, sector_id in Unit.objects.values_list("id", "credit_code", "region_id",
                                                                        "sector_id").iterator(chunk_size=20_000):
            # The duty list is kept per county; a township's unit answers to its county's department.
            dept = duty.get((region_id, sector_id)) or duty.get((parent.get(region_id), sector_id))
            self.units[code] = (uid, region_id, sector_id, dept)


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def import_hazards(*, actor: Any, rows: Iterable[Sequence[Any]], source_sha256: str,
                   batch: int = bulk.BATCH) -> ImportResult:
    """Validate and insert hazard rows in batches inside one transaction; one audit entry per batch."""
    lookup = _Lookup()
    grades, channels = set(HazardGrade.values), set(HazardChannel.values)
    seen: set[tuple[int, str, date]] = set()
    created = duplicates = rejected = batches = 0
    sqlite = connection.vendor == "sqlite"
    now = timezone.now()
    stamp = str(now.astimezone(UTC).replace(tzinfo=None)) if sqlite else now
    with transaction.atomic():
        if not sqlite:
            # Ids are assigned here so events can point at their hazards without a round trip per row.
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE ledger_hazard, ledger_itemevent IN SHARE ROW EXCLUSIVE MODE")
        hazard_id, event_id = bulk.next_id(Hazard), bulk.next_id(ItemEvent)
        hazard_cols, event_cols = bulk.Columns.of(Hazard, IMPORT_FIELDS), bulk.Columns.of(ItemEvent, EVENT_FIELDS)
        batch_first, batch_rows = hazard_id, 0  # hazards created since the last audit entry (ids contiguous)

        def audit_batch() -> None:
            nonlocal batches, batch_first, batch_rows
            batches += 1
            record(actor=actor, action="hazard.import_batch", object_type="import", object_id=source_sha256[:16],
                   after={"sha256": source_sha256, "batch": batches, "rows": batch_rows,
                          "first_id": batch_first, "last_id": hazard_id - 1})
            batch_first, batch_rows = hazard_id, 0

        # Rows are inserted a small chunk at a time, so a parser running ahead in another process (xlsx)
        # overlaps with the inserts; the audit trail still gets one entry per `batch` created rows.
        for chunk in bulk.batches(iter(rows), min(INSERT_CHUNK, batch)):
            hazards: list[tuple[Any, ...]] = []
            events: list[tuple[Any, ...]] = []
            for row in chunk:
                try:
                    code, description, location, grade, channel, found, days = row[:7]
                    unit = lookup.units[str(code)]
                    found_on = _day(found)
                    due = found_on + timedelta(days=int(days))
                except (KeyError, ValueError, TypeError):
                    rejected += 1
                    continue
                if grade not in grades or channel not in channels or not description:
                    rejected += 1
                    continue
                key = (unit[0], str(description), found_on)
                if key in seen:
                    duplicates += 1
                    continue
                seen.add(key)
                hazards.append((hazard_id, unit[0], unit[1], unit[2], unit[3], str(description), str(location or ""),
                                grade, channel, found_on.isoformat() if sqlite else found_on, "", "", "found",
                                stamp, "date", due.isoformat() if sqlite else due, "", "", False, 0, 0))
                events.append((event_id, None, hazard_id, "create", "", "found", getattr(actor, "pk", None), "",
                               "{}", stamp))
                hazard_id += 1
                event_id += 1
            if not hazards:
                continue
            bulk.insert_rows(hazard_cols, hazards)
            bulk.insert_rows(event_cols, events)
            created += len(hazards)
            batch_rows += len(hazards)
            if batch_rows >= batch:
                audit_batch()
        if batch_rows:
            audit_batch()
        bulk.reset_sequences([Hazard, ItemEvent])
    return ImportResult(created, duplicates, rejected, batches)
