"""Ledger workbooks (.xlsx) whose cells cannot smuggle in spreadsheet formulas."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from anjian.publish import xlsx_write
from anjian.publish.xmltext import xml_text

CellValue = str | int | float | Decimal | date | datetime | bool | None

# A cell text starting with one of these is run as a formula (or DDE command) by Excel, WPS or Calc (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE_PREFIX = "'"
MAX_COLUMN_WIDTH = 60.0
MIN_COLUMN_WIDTH = 6.0
HEADER_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
CAPTION_FONT = "方正小标宋简体"
_INVALID_TITLE_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def safe_cell(value: CellValue) -> CellValue:
    """Return the value with a leading apostrophe if it is text that a spreadsheet would execute."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return ESCAPE_PREFIX + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One worksheet of a ledger: header row, data rows and layout hints."""

    title: str
    header: tuple[str, ...]
    rows: Sequence[Sequence[CellValue]]
    caption: str = ""  # optional title row above the header, merged across all columns
    column_widths: tuple[float, ...] | None = None  # in Excel character units; estimated when omitted
    merge_columns: tuple[int, ...] = field(default=())  # 0-based category columns whose runs are merged


def _display_width(value: CellValue) -> float:
    """Estimate a cell's width in Excel character units (a Han character counts double)."""
    text = "" if value is None else str(value)
    longest = max(text.split("\n"), key=len, default="")
    return sum(2.0 if ord(ch) > 0x2E80 else 1.0 for ch in longest)


def _column_width(values: Sequence[CellValue]) -> float:
    """The widest value's display width + 2, within [MIN, MAX]. Only texts that could be the widest are
    measured (a text of n characters is n to 2n wide; a one-line ASCII text exactly n), so a 100 k-row
    column costs a sort of lengths, not 100 k estimates."""
    texts = sorted(("" if v is None else str(v) for v in values), key=len, reverse=True)
    best = 0.0
    for text in texts:
        if 2 * len(text) <= best or best >= MAX_COLUMN_WIDTH:
            break
        exact = text.isascii() and "\n" not in text
        best = max(best, len(text) if exact else _display_width(text))
    return max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, 2 + best))


def _sheet_title(title: str, used: set[str]) -> str:
    """Make a title Excel accepts: no []:*?/\\, at most 31 characters, unique in the workbook."""
    base = (xml_text(title).translate(_INVALID_TITLE_CHARS).strip("'") or "Sheet")[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _merge_runs(rows: Sequence[Sequence[CellValue]], columns: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """Vertical runs of equal values as (column, first row index, last row index); a run in a later column
    never crosses a run boundary of an earlier one, so 责任单位 stays inside its 行业领域."""
    runs: list[tuple[int, int, int]] = []
    boundaries: set[int] = {0, len(rows)}
    for col in columns:
        starts = sorted(boundaries)
        new_boundaries = set(boundaries)
        for seg_start, seg_end in zip(starts, starts[1:], strict=False):
            run_start = seg_start
            for i in range(seg_start + 1, seg_end + 1):
                if i == seg_end or rows[i][col] != rows[run_start][col]:
                    if i - run_start > 1:
                        runs.append((col, run_start, i - 1))
                    new_boundaries.add(i)
                    run_start = i
        boundaries = new_boundaries
    return runs


def _sheet_data(sheet: Sheet, title: str) -> xlsx_write.SheetData:
    """One sheet: layout (widths, frozen header, print titles, merges), then the rows, values made safe.

    A merged run keeps its value in its first cell, as Excel's own merge does; its other cells are blank.
    """
    ncols = len(sheet.header)
    for r, values in enumerate(sheet.rows, start=1):
        if len(values) != ncols:
            raise ValueError(f"row {r} has {len(values)} cells, the header has {ncols}")
    widths = sheet.column_widths or tuple(
        _column_width([name, *(row[c] for row in sheet.rows)]) for c, name in enumerate(sheet.header))
    head: list[list[tuple[CellValue, int]]] = []
    merges: list[tuple[int, int, int, int]] = []
    if sheet.caption:
        head.append([(safe_cell(sheet.caption), xlsx_write.CAPTION)] + [(None, xlsx_write.CAPTION)] * (ncols - 1))
        if ncols > 1:
            merges.append((0, 0, 0, ncols - 1))
    head.append([(str(safe_cell(name)), xlsx_write.HEADER) for name in sheet.header])
    first = len(head)
    runs = _merge_runs(sheet.rows, sheet.merge_columns)
    blank: set[tuple[int, int]] = set()
    for col, start, end in runs:
        merges.append((first + start, col, first + end, col))
        blank.update((i, col) for i in range(start + 1, end + 1))
    if blank or any(safe_cell(v) is not v for row in sheet.rows for v in row):
        rows: Sequence[Sequence[CellValue]] = [
            [None if (i, c) in blank else safe_cell(v) for c, v in enumerate(values)]
            for i, values in enumerate(sheet.rows)]
    else:
        rows = sheet.rows  # nothing to escape or blank: written as given
    return xlsx_write.SheetData(title=title, widths=widths, head=head, rows=rows, frozen_rows=first,
                                print_title_row=first - 1, merges=merges)


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """Return an .xlsx with one formatted worksheet per Sheet.

    Text stays text: no formula, number or link is ever inferred from a string (and `safe_cell` escapes
    formula triggers, so the file is safe in spreadsheets that re-evaluate on edit).
    """
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    used: set[str] = set()
    data = [_sheet_data(sheet, _sheet_title(sheet.title, used)) for sheet in sheets]
    out = io.BytesIO()
    xlsx_write.write(out, data, header_font=HEADER_FONT, body_font=BODY_FONT, caption_font=CAPTION_FONT)
    return out.getvalue()
