"""Excel .xlsx: each sheet's rows, merged ranges filled down, formulas kept as text, never evaluated."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime
from pathlib import Path
from typing import Any

from anjian.ingest.document import Block, Paragraph, SourceDocument, Table
from anjian.ingest.errors import IngestError


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        # Written the way the documents write dates, so the deadline resolver reads them.
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path) -> SourceDocument:
    """An .xlsx workbook: title and note rows as paragraphs, runs of multi-cell rows as tables."""
    import openpyxl

    from anjian.ingest.readers.guard import MAX_TABLE_CELLS, count_sheet_values, too_many_cells

    values = count_sheet_values(path)
    if values > MAX_TABLE_CELLS:
        raise too_many_cells(values)
    try:
        # Normal mode (read_only has no merged_cells); data_only=False returns a formula's text, and
        # nothing here evaluates it.
        workbook = openpyxl.load_workbook(str(path), data_only=False)
    except Exception as exc:  # openpyxl raises assorted errors for damaged packages
        raise IngestError("corrupt", type(exc).__name__, type(exc).__name__) from exc
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        blocks.extend(_sheet_blocks(sheet))
    return SourceDocument(tuple(blocks), "xlsx")


def _filled_rows(sheet: Any) -> list[tuple[list[str], frozenset[int]]]:
    """The rows that have text, in order, built from the cells the sheet holds, each with the columns
    whose cell continues a vertical merge from the row above.

    Never the declared or the spanned range: iterating `max_row × max_column` makes one cell at
    XFD1048576 a grid of 17 billion cells (a 5 KB file held a web worker for minutes). A merged value is
    given once, as Word gives it: the parser decides which columns carry it down (a 类别 or 责任单位
    shared by the rows, never a problem text).
    """
    by_row: dict[int, dict[int, str]] = {}
    for (r, c), cell in sheet._cells.items():  # the cells openpyxl read, a dict keyed by (row, column)
        text = _text(cell.value)
        if text:
            by_row.setdefault(r, {})[c] = text
    continued: dict[int, set[int]] = {}
    present = sorted(by_row)
    for merged in sheet.merged_cells.ranges:
        if merged.max_row == merged.min_row:
            continue  # a horizontal merge: the value once, in its first cell
        if not by_row.get(merged.min_row, {}).get(merged.min_col, ""):
            continue
        # Only rows that hold text are visited, so a merge declared over a million rows costs what it covers.
        for r in present[bisect_right(present, merged.min_row) : bisect_right(present, merged.max_row)]:
            by_row[r].pop(merged.min_col, None)
            continued.setdefault(r, set()).add(merged.min_col)
    # Columns empty in every row are dropped: a cell in A and one in XFD are two columns, not 16,384.
    used = sorted({c for cells in by_row.values() for c in cells} | {c for cs in continued.values() for c in cs})
    dense = {c: i for i, c in enumerate(used, start=1)}
    out = []
    for r, cells in sorted(by_row.items()):
        if not cells and not continued.get(r):
            continue
        width = max((dense[c] for c in cells), default=0)
        row = [""] * width
        for c, text in cells.items():
            row[dense[c] - 1] = text
        out.append((row, frozenset(dense[c] for c in continued.get(r, ()))))
    return out


def _sheet_blocks(sheet: Any) -> list[Block]:
    blocks: list[Block] = []
    run: list[tuple[str, ...]] = []
    run_continued: set[tuple[int, int]] = set()
    rows = _filled_rows(sheet)

    def close() -> None:
        if run:
            blocks.append(Table(tuple(run), frozenset(run_continued)))
        run.clear()
        run_continued.clear()

    for index, (row, merged) in enumerate(rows):
        filled = [c for c in row if c]
        # A one-cell row between table rows is a section row spanning the table (一、消防安全).
        inside = bool(run) and index + 1 < len(rows) and sum(1 for c in rows[index + 1][0] if c) >= 2
        if len(filled) + len(merged) >= 2 or (inside and filled) or (run and merged):
            width = max([len(row), *(c for c in merged)])
            cells = _trim(row + [""] * (width - len(row)))
            run_continued.update((len(run), c - 1) for c in merged)
            run.append(tuple(cells))
            continue
        close()
        if filled:
            blocks.append(Paragraph(filled[0]))
    close()
    return blocks


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row = row[:-1]
    return row
