"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part I (901-919; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen5/render_i.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`, `finish`), as `../unseen4/render_g.py`
does. Every cell and paragraph is cut from the document's `.txt` and checked; the only cell that is not is the header
word `序号` of the table made for 906's 火灾隐患曝光1–5 (the word parts A, C, E and G use). The exposure 902 becomes a
Word TABLE (隐患单位名称 | 地址 | 存在的火灾隐患, a row per hazard, the unit's cells merged down), the exposure 906 a
Word table and an Excel table (序号 | 隐患单位 | 隐患地点 | 存在隐患); notices, the 通报 901 and the reports 904 and 918
become paragraphs. Site chrome (907's picture note, keyword and copyright lines; 906's disclaimer and menu lines;
918's 推荐访问 line) is left out. Each rendering's gold label equals its `.txt` label except for `doc` (written here
from the `.txt` label).
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


RA: Any = _load(HERE.parent / "unseen" / "render_a.py", "unseen_render_a")
FRESH: Any = RA.FRESH
BASE: Any = RA.BASE
for _module in (RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

_table = BASE._table
_sheet_text = BASE._sheet_text
source_text = FRESH.source_text
check_cut = FRESH.check_cut
_save_docx = FRESH._save_docx
_save_xlsx = RA._save_xlsx
_merge_down = RA._merge_down


def _lines(text: str, start: str, end: str | None = None) -> list[str]:
    """The non-empty lines from the one starting with `start` up to (not including) the one starting with `end`."""
    lines = [line.strip() for line in text.split("\n")]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = (
        next(i for i, line in enumerate(lines) if i > first and line.startswith(end)) if end else len(lines)
    )
    return [line for line in lines[first:last] if line]


def _value(line: str) -> str:
    """The text after a record line's label (`隐患单位:X` → `X`)."""
    return line.split(":", 1)[1].strip()


# --- 902 沧州: three units, each with 隐患单位名称 / 地址 / 存在的火灾隐患 (the second with two numbered hazards) --------


def docx_902() -> Path:
    """The report as paragraphs around a Word table 隐患单位名称 | 地址 | 存在的火灾隐患, a row per hazard line, the
    unit's name and address merged down over its hazards; the site's header and keyword lines left out."""
    stem, text = source_text("902")
    head = _lines(text, "消防安全无小事", "隐患单位名称")
    body = _lines(text, "隐患单位名称", "关键词")
    rows, spans = [["隐患单位名称", "地址", "存在的火灾隐患"]], []
    for line in body:
        if line.startswith("隐患单位名称"):
            unit, first = _value(line), len(rows)
        elif line.startswith("地址"):
            place = _value(line)
        elif line.startswith("存在的火灾隐患"):
            rows.append([unit, place, _value(line)])
            spans.append((first, first))
        else:  # a further numbered hazard of the same unit
            rows.append([unit, place, line])
            spans[-1] = (first, len(rows) - 1)
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    table = _table(document, rows)
    for first, last in spans:
        _merge_down(table, 0, first, last)
        _merge_down(table, 1, first, last)
    return _save_docx(document, stem)


# --- 906 深圳: 火灾隐患曝光1–5, each with 隐患单位 / 隐患地点 / 存在隐患 ------------------------------------------------


def _parts_906(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    head = _lines(text, "深圳消防曝光", "火灾隐患曝光1")
    rows = [["序号", "隐患单位", "隐患地点", "存在隐患"]]
    for block in text.split("火灾隐患曝光")[1:6]:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        rows.append([lines[0], _value(lines[1]), _value(lines[2]), _value(lines[3])])
    tail = _lines(text, "(原标题", "免责声明")
    return head, rows, tail


def docx_906() -> Path:
    """The report as paragraphs around a Word table 序号 | 隐患单位 | 隐患地点 | 存在隐患, a row per exposed hazard;
    the site's disclaimer and menu lines left out."""
    stem, text = source_text("906")
    head, rows, tail = _parts_906(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def xlsx_906() -> Path:
    """The same as a sheet: the heading lines merged above the table (first row bold), the closing lines below it."""
    stem, text = source_text("906")
    head, rows, tail = _parts_906(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "火灾隐患曝光"
    for r, line in enumerate(head, start=1):
        _sheet_text(ws, r, 1, line, bold=r == 1)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    for r, row in enumerate(rows, start=len(head) + 1):
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, r, c, value, bold=r == len(head) + 1)
    for r, line in enumerate(tail, start=len(head) + len(rows) + 2):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    for c, width in enumerate((6, 36, 44, 60)):
        ws.column_dimensions["ABCD"[c]].width = width
    return _save_xlsx(wb, stem)


CHROME_907 = ("(资料图片仅供参考)", "关键词:")
DROP_907 = "Copyright"
CHROME_918 = ("推荐访问:排查 整改 安全隐患",)


def main() -> int:
    with_pdf = [
        FRESH.docx_paragraphs("901"),
        FRESH.docx_paragraphs("907", chrome=CHROME_907, drop_after=DROP_907),
        FRESH.docx_paragraphs("911"),
        FRESH.docx_paragraphs("913"),
    ]
    made = [
        *with_pdf,
        docx_902(),
        docx_906(),
        xlsx_906(),
        FRESH.docx_paragraphs("904"),
        FRESH.docx_paragraphs("912"),
        FRESH.docx_paragraphs("918", chrome=CHROME_918),
    ]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
