"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part x (1501-1514; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen13/render_x.py` (PDFs need LibreOffice).
It loads `../unseen12/render_v.py` by import (which loads `../unseen11/render_t.py` and through it
`../unseen10/render_r.py`, `../unseen/render_a.py`, `../fresh/make_binaries.py` and `../make_binaries.py`), points
all of them at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`, `_cut`,
`_lines`, `_items`, `_save_docx`, `_save_xlsx`, `docx_paragraphs`, `finish`). Every cell and paragraph is cut from the
document's `.txt` and checked; the only cells that are not are the header words `序号` and `存在问题` (already in
`render_a.HEADERS` / the fresh checker's HEADERS); the headers `整改措施` and `整改完成情況` are words of 1504's text.

- 1501 瓜州 文物消防 report: Word paragraphs, its five 存在问题 as a Word TABLE 序号 | 存在问题; PDF from the .docx.
- 1504 廖王坪 煤矿 整改回复: an Excel sheet, opening lines merged, then a TABLE 序号 | 存在问题 | 整改措施 |
  整改完成情況 (a row per 第X條; the cut-off 第六條 has empty cells).
- 1505 重庆 港口码头 方案: Word paragraphs (the site's greeting and breadcrumb left out); PDF from the .docx.
- 1508 湖南 两节 notice: Word paragraphs.
- 1510 南方 博鳌 督查: an Excel sheet, opening lines merged, a row per 一是…四是 (marker and text in two columns).
- 1512 科左后旗 铁路 letter: a PDF only (from a paragraph .docx that is not shipped; the "微信掃一掃" line left out).

Each rendering's gold label equals its `.txt` label except for `doc` (written here from the `.txt` label).
"""

from __future__ import annotations

import importlib.util
import re
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


# `../unseen12/render_v.py` and the modules it loads, all pointed at this folder: their helpers are reused as they are.
V: Any = _load(HERE.parent / "unseen12" / "render_v.py", "unseen12_render_v")
T: Any = V.T
R: Any = V.R
RA: Any = V.RA
FRESH: Any = V.FRESH
BASE: Any = V.BASE
for _module in (V, T, R, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

_table = V._table
_sheet_text = V._sheet_text
source_text = V.source_text
check_cut = V.check_cut
_save_docx = V._save_docx
_save_xlsx = V._save_xlsx
_cut = V._cut
_items = V._items
_lines = V._lines


def _merged(ws: Any, r: int, line: str, cols: int) -> None:
    _sheet_text(ws, r, 1, line)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=cols)


# --- 1501 瓜州 文物消防: paragraphs, the five 存在问题 as a table ------------------------------------------------------


def docx_1501() -> Path:
    """The report's opening up to its 存在以下问题 line, a Word table 序号 | 存在问题 (a row per 1.…5.), then 三、
    and its cut-off measure."""
    stem, text = source_text("1501")
    head = _lines(text, "市文物局:", "1.基层文管所")
    rows = [["序号", "存在问题"]]
    for item in _items("1501"):
        if item["problem"] is not None:
            number = item["seq"].split("、")[1]
            rows.append([number, item["problem"]])
    tail = _lines(text, "三、消防安全隐患整治情况")
    check_cut(text, head + [c for row in rows for c in row] + tail)
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


# --- 1504 廖王坪 煤矿: a problem list sheet ---------------------------------------------------------------------------


def xlsx_1504() -> Path:
    """Opening lines merged across four columns, then 序号 | 存在问题 | 整改措施 | 整改完成情況, a row per 第X條
    (problem and measure from the label, the completion note cut from the text)."""
    stem, text = source_text("1504")
    head = _lines(text, "第一篇:", "第一條:")
    rows = [["序号", "存在问题", "整改措施", "整改完成情況"]]
    for item in _items("1504"):
        block = _cut(text, item["seq"] + ":")
        nxt = re.search(r"\n第.條:", block)
        block = block[: nxt.start()] if nxt else block
        done = re.search(r"整改完成情況:([^\n]*)", block)
        rows.append([item["seq"], item["problem"], item["measures"] or "", done.group(1).strip() if done else ""])
    check_cut(text, head + [c for row in rows for c in row if c])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "隐患整改"
    r = 1
    for line in head:
        _merged(ws, r, line, 4)
        r += 1
    for row in rows:
        for c, value in enumerate(row, start=1):
            if value:
                _sheet_text(ws, r, c, value)
        r += 1
    for col, width in zip("ABCD", (8, 50, 40, 45), strict=True):
        ws.column_dimensions[col].width = width
    return _save_xlsx(wb, stem)


# --- 1510 南方 博鳌: opening lines merged, a row per 一是…四是 --------------------------------------------------------


def xlsx_1510() -> Path:
    """The item's two opening paragraphs and the lead-in of the third merged across, a row per 一是…四是 (marker in
    A, requirement in B)."""
    stem, text = source_text("1510")
    head = _lines(text, "大中小", "南方能源監(jiān)管局主要負責同志充分肯定")
    head.append(_cut(text, "南方能源監(jiān)管局主要負責同志充分肯定", "一是"))
    rows = [[item["seq"], item["measures"]] for item in _items("1510")]
    check_cut(text, head + [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "保供电督查"
    r = 1
    for line in head:
        _merged(ws, r, line, 2)
        r += 1
    for row in rows:
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, r, c, value)
        r += 1
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 100
    return _save_xlsx(wb, stem)


CHROME_1505 = ("您好,欢迎访问三七文档", "当前位置:首页 > 商业/管理/HR > 质量控制/管理 > 重庆市港口码头安全生产")
CHROME_1512 = ("微信掃一掃",)


def main() -> int:
    with_pdf = [docx_1501(), FRESH.docx_paragraphs("1505", chrome=CHROME_1505)]
    made = [*with_pdf, FRESH.docx_paragraphs("1508"), xlsx_1504(), xlsx_1510()]
    pdf_only = [FRESH.docx_paragraphs("1512", chrome=CHROME_1512)]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
