"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part t (1301-1307; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen11/render_t.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `finish`) through `../unseen10/render_r.py`, whose `_items` and
`_lines` it loads and reuses. Every cell and
paragraph is cut from the document's `.txt` and checked; the only cell that is not is the header word `序号` (already in
`render_a.HEADERS`); the header `要求` is a word of the text itself. The 廊坊 督导 item 1305 becomes Word paragraphs with
its 第八督导组 requirements as a Word TABLE 序号 | 要求 (a row per 一是…四是); the 餐饮 reminder 1304 an Excel sheet
(addressee, opening, a row per numbered requirement); the 阆中 燃气 item 1307 an Excel sheet (opening paragraphs, then
a row per 一是…三是, marker and text in two columns, no header row); 1301, 1302 become Word paragraphs (and PDFs of them); 1306 a PDF only. Site chrome (1301's
【我要评论】 and 【大 中 小】 【打印】 lines) is left out. Each rendering's gold label equals its `.txt` label except for
`doc` (written here from the `.txt` label).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import openpyxl

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# `../unseen10/render_r.py` and the three it loads, all pointed at this folder: its helpers are reused as they are.
R: Any = _load(HERE.parent / "unseen10" / "render_r.py", "unseen10_render_r")
RA: Any = R.RA
FRESH: Any = RA.FRESH
BASE: Any = RA.BASE
for _module in (R, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

_table = BASE._table
_sheet_text = BASE._sheet_text
source_text = FRESH.source_text
check_cut = FRESH.check_cut
_save_docx = FRESH._save_docx
_save_xlsx = RA._save_xlsx
_cut = RA._cut
_items = R._items
_lines = R._lines


# --- 1305 廊坊 督导: 第六督导组 paragraph, then 第八督导组's 一是…四是 as a table --------------------------------------


def docx_1305() -> Path:
    """The title line, 第六督导组's heading and paragraph, 第八督导组's heading and paragraph up to its requirements
    as paragraphs, then a Word table 序号 | 要求 (a row per 一是…四是)."""
    stem, text = source_text("1305")
    head = _lines(text, "(原标题", "根据《安全生产大排查")
    head.append(_cut(text, "根据《安全生产大排查", "一是要进一步"))
    rows = [["序号", "要求"]] + [[item["seq"], item["measures"]] for item in _items("1305")]
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


# --- 1304 餐饮 reminder: addressee, opening, five numbered requirements ---------------------------------------------


def xlsx_1304() -> Path:
    """The reminder as a sheet: addressee and opening merged across, a row per requirement (number in A, text in B)."""
    stem, text = source_text("1304")
    rows: list[list[str]] = [[line] for line in _lines(text, "尊敬的", "一、")]
    rows += [[item["seq"], item["measures"]] for item in _items("1304")]
    check_cut(text, [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "提醒"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, r, c, value)
        if len(row) == 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 100
    return _save_xlsx(wb, stem)


# --- 1307 阆中 燃气 督导: opening paragraphs, then a row per 一是…三是 ------------------------------------------


def xlsx_1307() -> Path:
    """The opening paragraphs merged across, the speaker line, then a row per 一是…三是 (marker in A, text in B; no
    header row, as the text prints none)."""
    stem, text = source_text("1307")
    head = _lines(text, "5月18日", "戢焜文强调")
    head.append(_cut(text, "戢焜文强调", "一是"))
    rows = [[item["seq"], item["measures"]] for item in _items("1307")]
    check_cut(text, head + [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "督导要求"
    for r, line in enumerate(head, start=1):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    first = len(head) + 1
    for i, row in enumerate(rows):
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, first + i, c, value)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 100
    return _save_xlsx(wb, stem)


CHROME_1301 = ("【我要评论】", "【大 中 小】 【打印】")


def main() -> int:
    with_pdf = [
        FRESH.docx_paragraphs("1301", chrome=CHROME_1301),
        FRESH.docx_paragraphs("1302"),
        docx_1305(),
    ]
    made = [*with_pdf, xlsx_1304(), xlsx_1307()]
    pdf_only = [FRESH.docx_paragraphs("1306")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
