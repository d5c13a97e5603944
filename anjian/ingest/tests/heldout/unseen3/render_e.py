"""Build the .docx/.xlsx/.pdf renderings of unseen documents 701-715 of part E (fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen3/render_e.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_merge_down`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`, `finish`), as
`../unseen2/render_c.py` does. Every cell and paragraph is cut from the document's `.txt` and checked; the only cells
that are not are the header words of tables made for lists that print no header row (`序号`, `单位名称`, `存在隐患`,
`存在问题`, shared with parts A and C). Exposures and problem lists become Word or Excel TABLES (a row per unit or
hazard, merged unit cells, bold group rows); notices become paragraphs. Site chrome (breadcrumbs, a sharing site's
title lines and related-article list) is left out of the tables' renderings. Each rendering's gold label equals its
`.txt` label except for `doc` (written here from the `.txt` label).
"""

from __future__ import annotations

import importlib.util
import json
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
_cut = RA._cut
_merge_down = RA._merge_down


def _items(prefix: str) -> list[dict[str, Any]]:
    """The labelled items of the document numbered `prefix` (their texts are cut from the .txt)."""
    stem, _ = source_text(prefix)
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    return list(gold["items"])


def _lines(text: str, start: str, end: str | None = None) -> list[str]:
    """The non-empty lines from the one starting with `start` up to (not including) the one starting with `end`."""
    lines = [line.strip() for line in text.split("\n")]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = (
        next(i for i, line in enumerate(lines) if i > first and line.startswith(end)) if end else len(lines)
    )
    return [line for line in lines[first:last] if line]


def _bold_row(table: docx.table.Table, row: int) -> None:
    for cell in table.rows[row].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def _sheet(title: str, head: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> openpyxl.Workbook:
    """A sheet: the heading lines merged across the table's width, then the table (first row bold)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    cols = len(rows[0])
    for r, line in enumerate(head, start=1):
        _sheet_text(ws, r, 1, line, bold=r == 1)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=cols)
    for r, row in enumerate(rows, start=len(head) + 1):
        for c, value in enumerate(row, start=1):
            if value:
                _sheet_text(ws, r, c, value, bold=r == len(head) + 1)
    for c, width in enumerate(widths):
        ws.column_dimensions["ABCDEFG"[c]].width = width
    return wb


# --- 701 蠡县: one unit, three numbered hazards ---------------------------------------------------------------


def xlsx_701() -> Path:
    """The exposure as a sheet: the opening line merged above a table 单位名称 | 单位地址 | 序号 | 单位主要隐患 with the
    unit's name and address merged down over its three hazards."""
    stem, text = source_text("701")
    head = _lines(text, "为提高全民", "单位名称")
    name, address = _cut(text, "白洋印象", "\n"), _cut(text, "蠡县育才东路", "\n")
    rows = [["单位名称", "单位地址", "序号", "单位主要隐患"]]
    for item in _items("701"):
        rows.append(
            [name if len(rows) == 1 else "", address if len(rows) == 1 else "", item["seq"], item["problem"]]
        )
    check_cut(text, head + [c for row in rows for c in row])
    wb = _sheet("隐患曝光", head, rows, (14, 16, 6, 70))
    ws = wb.active
    top = len(head) + 2
    for col in (1, 2):
        ws.merge_cells(start_row=top, start_column=col, end_row=top + len(rows) - 2, end_column=col)
    return _save_xlsx(wb, stem)


# --- 702 中堂: four places, name / address / hazards ------------------------------------------------------------


def docx_702() -> Path:
    """The story as paragraphs around a Word table 场所名称 | 场所地址 | 隐患情况, one row per place (the two numbered
    hazards of one place in one cell, as printed)."""
    stem, text = source_text("702")
    head = _lines(text, "曝光!", "场所名称")
    tail = _lines(text, "以上火灾隐患")
    rows = [["场所名称", "场所地址", "隐患情况"]]
    for block in text.split("场所名称:")[1:]:
        name, address, hazards = block.strip().split("\n")[:3]
        rows.append([name.strip(), address.split(":", 1)[1].strip(), hazards.split(":", 1)[1].strip()])
    check_cut(text, head + tail + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


# --- 704 太原: five stored units, a line of hazards each (traditional characters) ----------------------------------


def docx_704() -> Path:
    """The story as paragraphs, the five stored units as a Word table 单位名称 | 存在隐患 (the fifth cut off as stored)."""
    stem, text = source_text("704")
    head = _lines(text, "10月7日", "中國")
    rows = [["单位名称", "存在隐患"]]
    for line in _lines(text, "中國"):
        unit, hazards = line.split(":", 1)
        rows.append([unit, hazards])
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


# --- 706 岱山 蓬山小学: two groups of numbered problems ----------------------------------------------------------


def _rows_706() -> tuple[list[list[str]], list[int]]:
    """Header row, then per group a bold row (its number | its heading) and a row per numbered problem."""
    rows, groups = [["序号", "存在问题"]], []
    current = None
    for item in _items("706"):
        group, number = item["seq"].split("、")
        if group != current:
            groups.append(len(rows))
            rows.append([group + "、", item["category"]])
            current = group
        rows.append([number, item["problem"]])
    return rows, groups


def _parts_706(text: str) -> tuple[list[str], list[str]]:
    head = [_lines(text, "安全管理专项整治工作自查报告")[0]] + _lines(text, "县安全管理", "一、")
    tail = _lines(text, "由于资金缺口", "安全管理专项整治工作自查报告相关文章")
    return head, tail


def docx_706() -> Path:
    """The report as paragraphs with its problems as a Word table 序号 | 存在问题 (a bold group row per section, a row
    per numbered problem); the site's breadcrumb and related-article lines left out."""
    stem, text = source_text("706")
    head, tail = _parts_706(text)
    rows, groups = _rows_706()
    check_cut(text, head + tail + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    table = _table(document, rows)
    for g in groups:
        _bold_row(table, g)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def xlsx_706() -> Path:
    """The same as a sheet: title and opening merged above the table, the closing lines below it."""
    stem, text = source_text("706")
    head, tail = _parts_706(text)
    rows, groups = _rows_706()
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("自查报告", head, rows, (8, 90))
    ws = wb.active
    for g in groups:
        for c, value in enumerate(rows[g], start=1):
            _sheet_text(ws, g + len(head) + 1, c, value, bold=True)
    for r, line in enumerate(tail, start=len(head) + len(rows) + 2):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    return _save_xlsx(wb, stem)


# --- 707 朔州: the five kinds of road hazard -------------------------------------------------------------------


def xlsx_707() -> Path:
    """The list as a sheet: its opening line merged above a table 序号 | 道路安全隐患, a row per (一)-(五)."""
    stem, text = source_text("707")
    head = _lines(text, "2009年", "(一)")
    rows = [["序号", "道路安全隐患"]] + [[item["seq"], item["measures"]] for item in _items("707")]
    check_cut(text, head + [c for row in rows for c in row])
    return _save_xlsx(_sheet("排查治理", head, rows, (8, 100)), stem)


CHROME_713 = ("當(dāng)前位置:首頁(yè) > 信息傳達(dá) > 文件通知", "文件通知")


def main() -> int:
    with_pdf = [
        docx_702(),
        docx_704(),
        FRESH.docx_paragraphs("709"),
        FRESH.docx_paragraphs("711"),
        FRESH.docx_paragraphs("715"),
    ]
    made = [
        *with_pdf,
        xlsx_701(),
        docx_706(),
        xlsx_706(),
        xlsx_707(),
        FRESH.docx_paragraphs("713", chrome=CHROME_713),
    ]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
