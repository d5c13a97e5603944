"""Ledger workbooks (.xlsx) whose cells cannot smuggle in spreadsheet formulas."""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | float | Decimal | date | datetime | bool | None

# A cell text starting with one of these is run as a formula (or DDE command) by Excel, WPS or Calc (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE_PREFIX = "'"
MAX_COLUMN_WIDTH = 60.0
MIN_COLUMN_WIDTH = 6.0
HEADER_FONT = Font(name="黑体", bold=True)
BODY_FONT = Font(name="仿宋_GB2312")
_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
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


def _sheet_title(title: str, used: set[str]) -> str:
    """Make a title Excel accepts: no []:*?/\\, at most 31 characters, unique in the workbook."""
    base = (title.translate(_INVALID_TITLE_CHARS).strip("'") or "Sheet")[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _merge_runs(
    ws: Worksheet, first_row: int, rows: Sequence[Sequence[CellValue]], columns: tuple[int, ...]
) -> None:
    """Merge vertical runs of equal values; a run in a later column never crosses a run boundary of an
    earlier one, so 责任单位 stays inside its 行业领域."""
    boundaries: set[int] = {0, len(rows)}
    for col in columns:
        starts = sorted(boundaries)
        new_boundaries = set(boundaries)
        for seg_start, seg_end in zip(starts, starts[1:], strict=False):
            run_start = seg_start
            for i in range(seg_start + 1, seg_end + 1):
                if i == seg_end or rows[i][col] != rows[run_start][col]:
                    if i - run_start > 1:
                        ws.merge_cells(
                            start_row=first_row + run_start,
                            end_row=first_row + i - 1,
                            start_column=col + 1,
                            end_column=col + 1,
                        )
                    new_boundaries.add(i)
                    run_start = i
        boundaries = new_boundaries


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    ncols = len(sheet.header)
    row_no = 1
    if sheet.caption:
        ws.cell(row=1, column=1, value=safe_cell(sheet.caption)).font = Font(name="方正小标宋简体", size=16)
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
        if ncols > 1:
            ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=ncols)
        row_no = 2
    header_row = row_no
    for c, name in enumerate(sheet.header, start=1):
        cell = ws.cell(row=header_row, column=c, value=safe_cell(name))
        cell.font, cell.border = HEADER_FONT, _GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # Setting font, border and alignment cell by cell hashes every style object each time (70 % of the
    # time for a 5,000-row ledger); style two prototype cells once and copy their style arrays instead,
    # as openpyxl's own worksheet copier does.
    prototypes: dict[bool, StyleArray] = {}
    for r, values in enumerate(sheet.rows, start=header_row + 1):
        if len(values) != ncols:
            raise ValueError(f"row {r} has {len(values)} cells, the header has {ncols}")
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=safe_cell(value))
            dated = isinstance(value, datetime | date)
            prototype = prototypes.get(dated)
            if prototype is None:
                cell.font, cell.border = BODY_FONT, _GRID
                cell.alignment = Alignment(vertical="center", wrap_text=True)
                if dated:
                    cell.number_format = "yyyy-mm-dd"
                prototypes[dated] = copy(cell._style)
            else:
                cell._style = copy(prototype)
            if isinstance(value, str):
                cell.data_type = "s"  # never let openpyxl re-infer a formula from text
    _merge_runs(ws, header_row + 1, sheet.rows, sheet.merge_columns)
    widths = sheet.column_widths or tuple(
        max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, 2 + max(_display_width(v) for v in column)))
        for column in zip(sheet.header, *sheet.rows, strict=True)
    )
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)  # header stays visible while scrolling
    ws.print_title_rows = f"{header_row}:{header_row}"


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """Return an .xlsx with one formatted worksheet per Sheet."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for sheet in sheets:
        _write_sheet(wb.create_sheet(_sheet_title(sheet.title, used)), sheet)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
