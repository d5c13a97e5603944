"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part r (1201-1213; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen10/render_r.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `finish`), as `../unseen9/render_x.py` does. Every cell and
paragraph is cut from the document's `.txt` and checked; the only cells that are not are the header words `序号` and
`存在问题` (already in `render_a.HEADERS`); the headers `路段`, `整改意见` and `整改措施` are words of the texts
themselves. The 志丹 exposure 1201 becomes a Word and an Excel TABLE 序号 | 路段 | 存在问题 | 整改意见 (a row per road
section); the 水务局 measures 1204 a Word TABLE 序号 | 整改措施 (a row per 一是…四是); the 吴田山 notice 1206 an Excel
sheet (addressee, a row per numbered requirement, signature); the others become paragraphs. Site chrome (a gambling
site name, 政务公开 menus, a document-sharing site's notice) is left out of the tables; the printed date lines that
give `issued` are kept. Each rendering's gold label equals its `.txt` label except for `doc` (written here from the
`.txt` label).
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


def _items(prefix: str) -> list[dict[str, Any]]:
    """The labelled items of the document numbered `prefix` (their texts are cut from the .txt)."""
    stem, _ = source_text(prefix)
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    return list(gold["items"])


def _lines(text: str, start: str, end: str | None = None) -> list[str]:
    """The non-empty stripped lines from the line holding `start` up to (not including) the one holding `end`."""
    part = _cut(text, start, end)
    return [line.strip() for line in part.split("\n") if line.strip()]


# --- 1201 志丹 隐患路段: three road sections with 存在问题 / 整改意见 -------------------------------------------------


def _rows_1201(text: str) -> tuple[list[str], list[list[str]]]:
    """The opening paragraph and the table rows: header, then per numbered section its number, road name, problem
    and measures (the last two from the label, which cuts them from the text)."""
    head = _lines(text, "为有效遏制", "1、旦八")
    rows = [["序号", "路段", "存在问题", "整改意见"]]
    for item in _items("1201"):
        marker = item["seq"] + "、"
        road = _cut(text, marker + "旦八", "\n").removeprefix(marker)
        rows.append([item["seq"], road, item["problem"], item["measures"]])
    return head, rows


def docx_1201() -> Path:
    """The opening as a paragraph, then a Word table 序号 | 路段 | 存在问题 | 整改意见."""
    stem, text = source_text("1201")
    head, rows = _rows_1201(text)
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


def xlsx_1201() -> Path:
    """The same as a sheet, the opening merged above the table."""
    stem, text = source_text("1201")
    head, rows = _rows_1201(text)
    check_cut(text, head + [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "隐患路段"
    for r, line in enumerate(head, start=1):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    first = len(head) + 1
    for i, row in enumerate(rows):
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, first + i, c, value, bold=i == 0)
    for col, width in zip("ABCD", (6, 30, 60, 40), strict=False):
        ws.column_dimensions[col].width = width
    return _save_xlsx(wb, stem)


# --- 1204 水务局 汛前水库检查: 整改措施 一是…四是 as a table ------------------------------------------------------------

CHROME_1204 = (
    "申博体育在线_bob博彩公司-投注*官网",
    "图片",
    "政务公开",
    "政府动态",
    "当前位置:首页>政府动态",
    "友情链接:",
)


def docx_1204() -> Path:
    """Title, date line and the opening sentence as paragraphs, then a Word table 序号 | 整改措施 (一是…四是) and the
    source note "(水务局)"."""
    stem, text = source_text("1204")
    head = [line for line in _lines(text, "水务局开展汛前", "近日,") if line not in CHROME_1204]
    head.append(_cut(text, "近日,", "一是"))
    rows = [["序号", "整改措施"]] + [[item["seq"], item["measures"]] for item in _items("1204")]
    tail = ["(水务局)"]
    check_cut(text, head + [c for row in rows for c in row] + tail)
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


# --- 1206 吴田山 notice: addressee, three requirements, signature --------------------------------------------------


def xlsx_1206() -> Path:
    """The notice as a sheet: the addressee merged across, a row per requirement (number in A, text in B), the
    signature and date merged across (the portal's name line left out)."""
    stem, text = source_text("1206")
    rows: list[list[str]] = [["吳田山礦區各礦山業主:"]]
    rows += [[item["seq"], item["measures"]] for item in _items("1206")]
    rows += [["吳田山礦區關閉整治工作領導小組辦公室"], ["2018年3月30日"]]
    check_cut(text, [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "通知"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, r, c, value)
        if len(row) == 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 100
    return _save_xlsx(wb, stem)


def docx_1209() -> Path:
    """The 美篇 post as Word paragraphs: the title, then one paragraph per `<p class="ql-block">` (tags removed); the
    post's author line and tag list left out."""
    stem, text = source_text("1209")
    body = _cut(text, "<p", "</p>\n")
    paragraphs = [_lines(text, "市应急管理局赴成安县")[0]]
    for part in body.split("</p>"):
        paragraphs.append(part.strip().split(">", 1)[1].strip())
    check_cut(text, paragraphs)
    document = docx.Document()
    for line in paragraphs:
        document.add_paragraph(line)
    return _save_docx(document, stem)


CHROME_1210 = ("相关文件:", "打印 关闭")


def main() -> int:
    with_pdf = [
        docx_1201(),
        docx_1204(),
        FRESH.docx_paragraphs("1202"),
        FRESH.docx_paragraphs("1208"),
    ]
    made = [
        *with_pdf,
        docx_1209(),
        FRESH.docx_paragraphs("1210", chrome=CHROME_1210),
        xlsx_1201(),
        xlsx_1206(),
    ]
    pdf_only = [FRESH.docx_paragraphs("1211")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
