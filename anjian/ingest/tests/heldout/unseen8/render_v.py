"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part v (1001-1014; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen8/render_v.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`, `finish`), as `../unseen7/render_m.py`
does. Every cell and paragraph is cut from the document's `.txt` and checked; the only cells that are not are the
header words `序号` and `存在问题` of tables made for lists that print no header row (shared with parts A, C, E, G, k
and m); the other header cell (1009 `督查内容`) is a heading of the text itself. The 官渡区 inspection 1001 becomes Word
and Excel TABLES (a row per numbered problem: 序号 | 存在问题), the 阿盟 inspection 1003 an Excel table of its
一是…五是 problems, the 兰州 督查通知 1009 an Excel table of its 督查内容 1-7 (二、督查方式 below it); the others become
paragraphs. Site chrome (view counters, font-size links, a site's "上一篇" line) is left out; the printed publication
date lines that give `issued` are kept. Each rendering's gold label equals its `.txt` label except for `doc` (written
here from the `.txt` label).
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


def _tail(ws: Any, tail: list[str], first: int, cols: int) -> None:
    for r, line in enumerate(tail, start=first):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=cols)


# --- 1001 官渡区 电建科研大厦: four numbered problems, the 限期整改 paragraph below --------------------------------


def _parts_1001(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    head = [
        _cut(text, "电建科研大厦项目监督检查情况", "\n官渡区建设工程质量安全监督站"),
        "官渡区建设工程质量安全监督站",
        _cut(text, "关于对电建科研大厦项目", "\n2023年1月3日官渡区"),
        _cut(text, "2023年1月3日官渡区", "\n1、"),
    ]
    rows = [["序号", "存在问题"]] + [[item["seq"], item["problem"]] for item in _items("1001")]
    tail = [_cut(text, "针对以上检查情况")]
    return head, rows, tail


def docx_1001() -> Path:
    """Title, issuer, heading and opening as paragraphs, a Word table 序号 | 存在问题 (a row per numbered problem),
    the closing paragraph."""
    stem, text = source_text("1001")
    head, rows, tail = _parts_1001(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def xlsx_1001() -> Path:
    """The same as a sheet: the heading lines merged above the table, the closing paragraph below it."""
    stem, text = source_text("1001")
    head, rows, tail = _parts_1001(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("存在问题", head, rows, (8, 100))
    _tail(wb.active, tail, len(head) + len(rows) + 2, 2)
    return _save_xlsx(wb, stem)


# --- 1003 阿盟: the problems 一是…五是 as a table ---------------------------------------------------------------------


def xlsx_1003() -> Path:
    """The news as a sheet: its first paragraph and the lead of the second merged above a table 序号 | 存在问题 (a row
    per 一是…五是, the marker in 序号), the closing paragraph below."""
    stem, text = source_text("1003")
    head = [
        _cut(text, "检查组在检查中首先", "\n通过此次专项检查"),
        _cut(text, "通过此次专项检查", "一是监管区域"),
    ]
    rows = [["序号", "存在问题"]] + [[item["seq"], item["problem"]] for item in _items("1003")]
    tail = [_cut(text, "阿盟安监局将在检查结束后")]
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("存在问题", head, rows, (8, 100))
    _tail(wb.active, tail, len(head) + len(rows) + 2, 2)
    return _save_xlsx(wb, stem)


# --- 1009 兰州 督查通知: 督查内容 1-7 as a table, 督查方式 below ------------------------------------------------------


def xlsx_1009() -> Path:
    """The notice as a sheet: title, number, addressees, opening and heading 一、督查内容 merged above a table 序号 | 督查内容 (a row per
    numbered 督查内容, its number in 序号), then 二、督查方式 and its three (the third cut off) points merged below.
    The site's header line and the repeated title are left out."""
    stem, text = source_text("1009")
    head = [
        "兰州市人民政府办公厅关于开展全市安全生产整治行动督查工作的通知",
        _cut(text, "(兰政办发【2009】92号)", "\n"),
        _cut(text, "各县、区人民政府", "\n"),
        _cut(text, "按照《兰州市人民政府办公厅", "\n"),
        _cut(text, "一、督查内容", "\n"),
    ]
    rows = [["序号", "督查内容"]] + [
        [item["seq"].removeprefix("一、"), item["measures"]] for item in _items("1009")
    ]
    tail = [
        _cut(text, "二、督查方式", "\n"),
        _cut(text, "1.全面听取被督查单位", "\n"),
        _cut(text, "2.深入基层", "\n"),
        _cut(text, "3.严格及时地"),
    ]
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("督查内容", head, rows, (8, 100))
    _tail(wb.active, tail, len(head) + len(rows) + 2, 2)
    return _save_xlsx(wb, stem)


CHROME_GUANDU = ("浏览次数:43", "浏览次数:68", "字号:[", "大", "中", "小", "]")
CHROME_1004 = ("安全文化網 m.zltai.com上一篇:安全運行118萬小時的背后",)
CHROME_1009 = ("法搜网--中国法律信息搜索网",)
CHROME_1010 = (
    "本站小编为你精心准备了2014年度防汛防旱工作通知参考范文,愿这些范文能点燃您思维的火花,激发您的写作灵感。欢迎深入阅读并收藏。",
)


def main() -> int:
    with_pdf = [
        docx_1001(),
        FRESH.docx_paragraphs("1002", chrome=CHROME_GUANDU),
        FRESH.docx_paragraphs("1009", chrome=CHROME_1009),
        FRESH.docx_paragraphs("1010", chrome=CHROME_1010),
        FRESH.docx_paragraphs("1014", chrome=CHROME_GUANDU),
    ]
    made = [
        *with_pdf,
        xlsx_1001(),
        xlsx_1003(),
        xlsx_1009(),
        FRESH.docx_paragraphs("1004", chrome=CHROME_1004),
        FRESH.docx_paragraphs("1013"),
    ]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
