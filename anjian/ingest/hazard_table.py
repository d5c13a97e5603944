"""A hazard table (.xlsx or .csv, one hazard a row) imported into the ledger in bulk.

Townships, grid staff and other systems keep hazard ledgers as spreadsheets. The header row is
found among the first rows (a title may sit above it) and its columns are matched by their
usual Chinese names. Each row is validated (unit by credit code or unique name, description,
grade and source by code or label, found date, deadline as days, a date or words such as 立行立改),
checked against the importer's rights and de-duplicated against the file and the ledger. The
valid rows go to the ledger's bulk path in chunks (`ledger.bulk.HazardRegistration`: the hazards,
their `create` events, one audit entry per batch of rows with the file's SHA-256 and the row
count; research G1, G11). Everything runs in one transaction: a failure leaves no row behind,
and a dry run rolls back after counting.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from anjian import dbbulk as bulk
from anjian.accounts.policy import can_create_for
from anjian.errors import DomainError
from anjian.ingest.deadline import resolve_deadline
from anjian.ingest.readers import guard
from anjian.ingest.readers.text import stream_encoding
from anjian.ledger.bulk import HazardRegistration, NewHazard
from anjian.ledger.choices import DeadlineKind, HazardChannel, HazardGrade
from anjian.ledger.deadlines import DeadlineSpec, first_due
from anjian.ledger.models import Hazard

# Each column and the header texts that name it (compared without blanks, full-width brackets folded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码"),
    "unit_name": ("单位名称", "企业名称", "生产经营单位", "生产经营单位名称"),
    "description": ("隐患描述", "隐患内容", "隐患情况", "存在问题", "问题描述"),
    "location": ("隐患部位", "部位", "隐患位置", "所在部位"),
    "grade": ("隐患等级", "隐患级别", "等级"),
    "channel": ("隐患来源", "来源", "发现方式", "发现渠道"),
    "found_on": ("发现日期", "检查日期", "排查日期", "发现时间"),
    "days": ("整改天数", "整改期限(天)", "整改时限(天)"),
    "due": ("整改期限", "整改时限", "整改完成时限", "整改完成期限"),
}
# The same header row, as `anjian import-hazards --template` and the tests write it.
TEMPLATE_HEADER = ("统一社会信用代码", "隐患描述", "隐患部位", "隐患等级", "隐患来源", "发现日期", "整改天数")
HEADER_SCAN_ROWS = 10
CHUNK = 1_000  # rows validated and inserted together
MAX_REJECTIONS = 200  # reasons kept for the report; every rejection is counted

_GRADE_WORDS = {"一般": HazardGrade.GENERAL, "一般隐患": HazardGrade.GENERAL, "一般事故隐患": HazardGrade.GENERAL,
                "重大": HazardGrade.MAJOR, "重大隐患": HazardGrade.MAJOR, "重大事故隐患": HazardGrade.MAJOR}
_CHANNEL_WORDS = {"自查": HazardChannel.SELF_REPORT, "企业自查": HazardChannel.SELF_REPORT,
                  "检查": HazardChannel.INSPECTION, "监督检查": HazardChannel.INSPECTION,
                  "执法检查": HazardChannel.INSPECTION, "举报": HazardChannel.TIP_OFF,
                  "暗访": HazardChannel.COVERT_VISIT, "明查暗访": HazardChannel.COVERT_VISIT}
_FOLD = str.maketrans("（）", "()")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class HazardTableError(DomainError):
    """隐患表格无法导入"""

    code = "hazard_table"


@dataclass(frozen=True)
class Rejection:
    """A row left out of the import, with its row number in the file and why."""

    row: int
    reason: str


@dataclass(frozen=True)
class HazardImport:
    """What one import did (or, in a dry run, would have done)."""

    created: int
    duplicates: int
    rejected: int
    batches: int
    sha256: str
    dry_run: bool = False
    rejections: tuple[Rejection, ...] = field(default=())


def _key(text: Any) -> str:
    """A cell's text without blanks, full-width brackets folded (for matching headers, codes, labels)."""
    if text is None:
        return ""
    return "".join(str(text).split()).translate(_FOLD)


def _choice(value: Any, codes: set[str], words: Mapping[str, str], labels: Mapping[str, str]) -> str | None:
    text = _key(value)
    if text in codes:
        return text
    return words.get(text) or labels.get(text)


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = _DATE_TEXT.match(text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    return date.fromisoformat(text)


# ---- reading ---------------------------------------------------------------------------------------


def _csv_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    """Numbered rows of a CSV in the encodings documents come in (UTF-8 with or without BOM, GB18030 as
    Excel saves it in China …), judged from the first 64 KB by the text reader's rules."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    try:
        encoding = stream_encoding(head)
    except guard.IngestError as exc:
        raise HazardTableError(str(exc)) from exc
    with open(path, encoding=encoding, newline="") as fh:
        for number, row in enumerate(csv.reader(fh), start=1):
            if any(cell.strip() for cell in row):
                yield number, row


def table_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    """(row number, values) of a .csv, or of the first sheet of an .xlsx, streamed; empty rows skipped."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if not path.is_file():
            raise HazardTableError(f"文件不存在：{path}")
        return _csv_rows(path)
    if suffix != ".xlsx":
        raise HazardTableError("只能导入 .xlsx 或 .csv 格式的隐患表 / only .xlsx and .csv hazard tables")
    try:
        guard.check_file(path)
    except guard.IngestError as exc:
        raise HazardTableError(str(exc)) from exc
    from anjian.ingest.readers.xlsx_stream import iter_rows_prefetched

    return iter_rows_prefetched(path)  # in a child with CPU, memory and wall-clock limits (sandbox)


def _columns(header: Sequence[Any]) -> dict[str, int]:
    names = {_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = names.get(_key(cell))
        if column is not None and column not in found:
            found[column] = index
    return found


def _with_header(rows: Iterator[tuple[int, Sequence[Any]]]) -> tuple[dict[str, int], Iterator[tuple[int, Sequence[Any]]]]:
    """The column positions from the header row among the first rows, and the data rows after it."""
    for seen, (_number, row) in enumerate(rows, start=1):
        columns = _columns(row)
        if "description" in columns and ({"credit_code", "unit_name"} & columns.keys()) and "found_on" in columns:
            return columns, rows
        if seen >= HEADER_SCAN_ROWS:
            break
    raise HazardTableError(
        "找不到表头：前 10 行中须有“统一社会信用代码”（或“单位名称”）、“隐患描述”和“发现日期”列 / "
        "no header row with the credit code (or unit name), description and found-date columns"
    )


# ---- validating ------------------------------------------------------------------------------------


UnitEntry = tuple[int, int, int, str]  # id, region, sector, region path


class _Units:
    """Units by credit code (fetched per chunk, indexed) or by name (all names loaded on first need),
    with their region path."""

    def __init__(self) -> None:
        from anjian.org.models import Region

        self.paths = dict(Region.objects.values_list("id", "path"))
        self.by_code: dict[str, UnitEntry] = {}
        self.unknown: set[str] = set()
        self.by_name: dict[str, list[UnitEntry]] | None = None

    def _entry(self, uid: int, region_id: int, sector_id: int) -> UnitEntry:
        return (uid, region_id, sector_id, self.paths[region_id])

    def load_codes(self, codes: set[str]) -> None:
        """Fetch the units of these credit codes not seen yet (one indexed query per 500)."""
        from anjian.org.models import Unit

        wanted = sorted(codes - self.by_code.keys() - self.unknown - {""})
        for k in range(0, len(wanted), 500):
            part = wanted[k:k + 500]
            for uid, code, region_id, sector_id in Unit.objects.filter(credit_code__in=part).values_list(
                    "id", "credit_code", "region_id", "sector_id"):
                self.by_code[code] = self._entry(uid, region_id, sector_id)
            self.unknown.update(c for c in part if c not in self.by_code)

    def _names(self) -> dict[str, list[UnitEntry]]:
        if self.by_name is None:
            from anjian.org.models import Unit

            self.by_name = {}
            for uid, name, region_id, sector_id in Unit.objects.values_list(
                    "id", "name", "region_id", "sector_id").iterator(chunk_size=20_000):
                self.by_name.setdefault(_key(name), []).append(self._entry(uid, region_id, sector_id))
        return self.by_name

    def find(self, code: Any, name: Any) -> list[UnitEntry] | str:
        """The units the row's credit code (or, without one, its name) matches, or why none can be."""
        text = _key(code).upper()
        if text:
            entry = self.by_code.get(text)
            return [entry] if entry else []
        if not _key(name):
            return "缺少单位（统一社会信用代码或单位名称）"
        return self._names().get(_key(name), [])


# One answer for a unit that does not exist and one the importer may not write to: two answers would let
# anyone with the import page tell real credit codes (and unit names) outside their area from made-up ones.
NOT_FOUND_OR_DENIED = "不在单位库中或不在本人辖区 / not in the unit register or outside your area"


def _unit_label(code: Any, name: Any) -> str:
    text = _key(code).upper()
    return f"统一社会信用代码 {text}" if text else f"单位“{name}”"


class _Deadline:
    """The deadline of a row: days after the found date, a date, or words; resolved like a task's."""

    def __init__(self) -> None:
        from anjian.escalation.models import policy_for

        self.workdays = {g: policy_for("hazard", g).immediate_workdays for g in HazardGrade.values}

    def of(self, days: Any, due: Any, found_on: date, grade: str) -> tuple[str, date | None, str, str, bool]:
        """(kind, due date, recurrence, raw text, estimated); raises ValueError when unreadable."""
        if days not in (None, ""):
            count = int(float(str(days).strip()))
            if count < 0 or count > 3660:
                raise ValueError("整改天数须在 0–3660 之间")
            return DeadlineKind.DATE, found_on + timedelta(days=count), "", f"{count}天", False
        if due in (None, ""):
            return DeadlineKind.NONE, None, "", "", False
        if isinstance(due, date | datetime):
            day = _day(due)
            return DeadlineKind.DATE, day, "", day.isoformat(), False
        text = str(due).strip()
        try:
            day = _day(text)
            return DeadlineKind.DATE, day, "", text[:100], False
        except ValueError:
            pass
        resolved = resolve_deadline(text, found_on.year, field=True)
        if resolved is None:
            raise ValueError(f"无法识别的整改期限“{text[:30]}”")
        spec = DeadlineSpec.from_schema(resolved.schema_value(), text)
        when = first_due(spec, start=found_on, immediate_workdays=self.workdays[grade])
        return spec.kind, when.due_date, spec.recurrence, text[:100], when.estimated


# ---- importing -------------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_hazard_table(
    path: Path,
    *,
    actor: Any,
    dry_run: bool = False,
    rows: Iterable[tuple[int, Sequence[Any]]] | None = None,
    batch: int = bulk.BATCH,
    progress: Callable[[int], None] | None = None,
) -> HazardImport:
    """Import the hazards of a table file as `actor`; `rows` may supply the file's rows already parsed.

    Raises HazardTableError when the file cannot be read or has no recognisable header; rows that fail
    validation are counted and reported, never half-written.
    """
    source = iter(rows) if rows is not None else table_rows(path)
    digest = file_sha256(path)
    try:
        columns, data = _with_header(source)
    except (ValueError, OSError, guard.IngestError) as exc:
        raise HazardTableError(f"读取隐患表失败：{exc}") from exc
    units = _Units()
    deadline = _Deadline()
    importer = _Importer(actor, columns, units, deadline, digest, batch)
    from anjian.core.search import indexed_after_load

    try:
        with transaction.atomic():
            with indexed_after_load(Hazard._meta.db_table) as index:
                for chunk in bulk.batches(data, min(CHUNK, batch)):
                    importer.add(chunk)
                    if progress is not None:
                        progress(importer.read)
                importer.ledger.finish()
                if importer.ledger.first_id is not None:
                    index(importer.ledger.first_id, importer.ledger.last_id)
            if dry_run:
                transaction.set_rollback(True)
    except (ValueError, OSError, guard.IngestError) as exc:  # a reader failing half-way (damaged sheet, a
        # parse limit of the sandbox): the transaction is rolled back, nothing was kept
        raise HazardTableError(f"读取隐患表失败：{exc}") from exc
    return importer.result(dry_run)


class _Importer:
    """The reading side of one import: keys seen, counts, rejections; the ledger registers the rows."""

    def __init__(self, actor: Any, columns: dict[str, int], units: _Units, deadline: _Deadline, digest: str,
                 batch: int) -> None:
        self.actor, self.columns, self.units, self.deadline = actor, columns, units, deadline
        self.digest = digest
        self.ledger = HazardRegistration(actor=actor, source_sha256=digest, batch=batch)
        self.grades, self.channels = set(HazardGrade.values), set(HazardChannel.values)
        self.grade_labels = {_key(label): value for value, label in HazardGrade.choices}
        self.channel_labels = {_key(label): value for value, label in HazardChannel.choices}
        self.allowed: dict[tuple[str, int], bool] = {}
        self.seen: set[tuple[int, str, date]] = set()
        self.read = self.duplicates = self.rejected = 0
        self.rejections: list[Rejection] = []

    def _reject(self, number: int, reason: str) -> None:
        self.rejected += 1
        if len(self.rejections) < MAX_REJECTIONS:
            self.rejections.append(Rejection(number, reason))

    def _may_create(self, path: str, unit_id: int) -> bool:
        key = (path, unit_id)
        if key not in self.allowed:
            self.allowed[key] = can_create_for(self.actor, "hazard", path, unit_id)
        return self.allowed[key]

    def _validated(self, number: int, row: Sequence[Any]) -> NewHazard | None:
        width = len(row)
        cell = {name: row[i] if i < width else None for name, i in self.columns.items()}
        matches = self.units.find(cell.get("credit_code"), cell.get("unit_name"))
        if isinstance(matches, str):
            self._reject(number, matches)
            return None
        # Only the units the importer may write to count: the others are reported as if they did not exist.
        allowed = [entry for entry in matches if self._may_create(entry[3], entry[0])]
        if len(allowed) != 1:
            label = _unit_label(cell.get("credit_code"), cell.get("unit_name"))
            self._reject(number, f"{label}：{NOT_FOUND_OR_DENIED}" if not allowed
                         else f"{label} 有 {len(allowed)} 家同名，请填写统一社会信用代码")
            return None
        uid, region_id, sector_id, path = allowed[0]
        description = str(cell.get("description") or "").strip()
        if not description:
            self._reject(number, "缺少隐患描述")
            return None
        grade_cell, channel_cell = cell.get("grade"), cell.get("channel")
        grade = grade_cell if grade_cell in self.grades else (
            _choice(grade_cell, self.grades, _GRADE_WORDS, self.grade_labels) if _key(grade_cell)
            else HazardGrade.GENERAL)
        channel = channel_cell if channel_cell in self.channels else (
            _choice(channel_cell, self.channels, _CHANNEL_WORDS, self.channel_labels) if _key(channel_cell)
            else HazardChannel.OTHER)
        if grade is None:
            self._reject(number, f"无法识别的隐患等级“{grade_cell}”（一般隐患 / 重大事故隐患）")
            return None
        if channel is None:
            self._reject(number, f"无法识别的隐患来源“{channel_cell}”")
            return None
        found = cell.get("found_on")
        try:
            found_on = _day(found)
        except (ValueError, TypeError):
            self._reject(number, f"发现日期“{found or ''}”不是日期" if found not in (None, "") else "缺少发现日期")
            return None
        try:
            kind, due, recurrence, raw, estimated = self.deadline.of(
                cell.get("days"), cell.get("due"), found_on, grade)
        except (ValueError, TypeError) as exc:
            self._reject(number, str(exc) if isinstance(exc, ValueError) and "整改" in str(exc)
                         else "整改天数不是整数")
            return None
        key = (uid, description, found_on)
        if key in self.seen:
            self.duplicates += 1
            return None
        self.seen.add(key)
        location = str(cell.get("location") or "").strip()[:200]
        return NewHazard(unit_id=uid, region_id=region_id, region_path=path, sector_id=sector_id,
                         description=description, location=location, grade=grade, channel=channel, found_on=found_on,
                         deadline_kind=kind, due_date=due, recurrence=recurrence, deadline_raw=raw,
                         deadline_estimated=estimated)

    def _already_in_ledger(self, rows: list[NewHazard]) -> set[tuple[int, str, date]]:
        """The (unit, description, found date) keys of these rows the ledger already holds.

        One probe of the (unit, found date) index per row: on PostgreSQL the keys travel as three arrays
        (a 1,000-key IN list is parsed by the client and planned as a bitmap AND: 68 ms a chunk).
        """
        if connection.vendor != "postgresql":
            units = sorted({r.unit_id for r in rows})
            days = sorted({r.found_on for r in rows})
            texts = sorted({r.description for r in rows})
            return set(Hazard.objects.filter(unit_id__in=units, found_on__in=days, description__in=texts)
                       .values_list("unit_id", "description", "found_on"))
        with connection.cursor() as cursor:
            # LIMIT 1 inside LATERAL keeps the plan a probe per key: a plain join of 1,000 keys is planned
            # as a hash join over a sequential scan (county: 45 ms a chunk, against 4 ms).
            cursor.execute(
                "SELECT k.unit_id, k.description, k.found_on "
                "FROM unnest(%s::bigint[], %s::date[], %s::text[]) AS k(unit_id, found_on, description) "
                "CROSS JOIN LATERAL (SELECT 1 FROM ledger_hazard h WHERE h.unit_id = k.unit_id "
                "AND h.found_on = k.found_on AND h.description = k.description LIMIT 1) AS hit",
                [[r.unit_id for r in rows], [r.found_on for r in rows], [r.description for r in rows]])
            return set(cursor.fetchall())

    def add(self, chunk: list[tuple[int, Sequence[Any]]]) -> None:
        self.read += len(chunk)
        if "credit_code" in self.columns:
            at = self.columns["credit_code"]
            self.units.load_codes({_key(row[at]).upper() for _n, row in chunk if at < len(row)})
        valid = [v for v in (self._validated(number, row) for number, row in chunk) if v is not None]
        if valid:
            known = self._already_in_ledger(valid)
            fresh = [v for v in valid if (v.unit_id, v.description, v.found_on) not in known]
            self.duplicates += len(valid) - len(fresh)
            valid = fresh
        if valid:
            self.ledger.add(valid)

    def result(self, dry_run: bool) -> HazardImport:
        return HazardImport(self.ledger.created, self.duplicates, self.rejected, self.ledger.batches, self.digest,
                            dry_run, tuple(self.rejections))


def template_csv() -> str:
    """A blank table with the template header and one example row (`anjian import-hazards --template`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_HEADER)
    writer.writerow(("91410100XXXXXXXXXX", "消防通道堆放杂物", "一楼东侧通道", "一般隐患", "督导检查", "2026-01-05", 7))
    return out.getvalue()
