"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part m (001-012; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen7/render_m.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`, `finish`), as `../unseen4/render_g.py`
and `../unseen6/render_k.py` do. Every cell and paragraph is cut from the document's `.txt` and checked; the only cell
that is not is the header word `序号` of tables made for lists that print no header row (shared with parts A, C, E, G
and k); the other header cells (001 `存在问题` `整改措施`, 003 `在建项目` `存在问题`, 005 `要求`) are words of the text
itself. The school's 整改措施 001 becomes Word and Excel TABLES (a row per numbered problem: 序号 | 存在问题 | 整改措施),
the site inspection 003 Word and Excel tables (a row per project: 在建项目 | 存在问题), the 紫云镇 meeting 005 an Excel
table of its 一要…四要 requirements; the others become paragraphs. Site chrome (copyright/licence footers, the
platform's disclaimer, page counters, a 范文 site's title/date line) is left out. Each rendering's gold label equals
its `.txt` label except for `doc` (written here from the `.txt` label).
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


# --- 001 school 整改措施: five numbered problems under 一、, each with its measure sentence (the fifth cut off) ------


def _parts_001(text: str) -> tuple[list[str], list[list[str]]]:
    head = [
        "学校建筑安全整改措施",
        _cut(text, "为了认真执行贵州省人民政府办公厅黔府办发电20xx (242)", "一、对已查出"),
        _cut(text, "一、对已查出", "1、由于"),
    ]
    rows = [["序号", "存在问题", "整改措施"]]
    for item in _items("001"):
        rows.append([item["seq"], item["problem"], item["measures"] or ""])
    return head, rows


def docx_001() -> Path:
    """The title, opening and heading 一、 as paragraphs above a Word table 序号 | 存在问题 | 整改措施, a row per
    numbered problem (the fifth without a measure: the stored preview stops inside it); the 文库 preview line, page
    counter, disclaimer and footer left out."""
    stem, text = source_text("001")
    head, rows = _parts_001(text)
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


def xlsx_001() -> Path:
    """The same as a sheet: title, opening and heading merged above the table."""
    stem, text = source_text("001")
    head, rows = _parts_001(text)
    check_cut(text, head + [c for row in rows for c in row])
    return _save_xlsx(_sheet("整改措施", head, rows, (6, 60, 60)), stem)


# --- 003 广安亿达: problems per project (unnumbered), the closing requirement below ----------------------------------


def _parts_003(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    head = [_cut(text, "中国报道讯", "南北A干道一标段项目存在")]
    rows = [["在建项目", "存在问题"]]
    projects = ["南北A干道一标段项目", "知新路二期项目"]
    for project, item in zip(projects, _items("003"), strict=True):
        rows.append([project, item["problem"]])
    tail = [_cut(text, "检查组对发现问题", "责任编辑")]
    return head, rows, tail


def docx_003() -> Path:
    """The opening paragraph, a Word table 在建项目 | 存在问题 (a row per project), the closing paragraph; the
    editor line and the magazine's footer left out."""
    stem, text = source_text("003")
    head, rows, tail = _parts_003(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def xlsx_003() -> Path:
    """The same as a sheet: the opening merged above the table, the closing paragraph below it."""
    stem, text = source_text("003")
    head, rows, tail = _parts_003(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("检查问题", head, rows, (24, 90))
    _tail(wb.active, tail, len(head) + len(rows) + 2, 2)
    return _save_xlsx(wb, stem)


# --- 005 紫云镇: the meeting's 一要…四要 as a table ------------------------------------------------------------------


def xlsx_005() -> Path:
    """The news as a sheet: its first two paragraphs and the lead of the third merged above a table 序号 | 要求 (a row
    per 一要…四要, the marker in 序号)."""
    stem, text = source_text("005")
    head = [
        _cut(text, "为了加强乡镇安全生产工作", "会议首先"),
        _cut(text, "会议首先", "会议强调"),
        _cut(text, "会议强调", "一要加强组织领导"),
    ]
    rows = [["序号", "要求"]] + [[item["seq"], item["measures"]] for item in _items("005")]
    check_cut(text, head + [c for row in rows for c in row])
    return _save_xlsx(_sheet("会议要求", head, rows, (8, 90)), stem)


CHROME_008 = ("| | | |",)
CHROME_010 = ("文字:【 访问:-",)
CHROME_011 = ("学校的安全自查报告【优秀篇】(4)", "自查报告2018-06-19王新老师")


def main() -> int:
    with_pdf = [
        docx_001(),
        FRESH.docx_paragraphs("004"),
        FRESH.docx_paragraphs("008", chrome=CHROME_008),
    ]
    made = [
        *with_pdf,
        xlsx_001(),
        docx_003(),
        xlsx_003(),
        xlsx_005(),
        FRESH.docx_paragraphs("006"),
        FRESH.docx_paragraphs("010", chrome=CHROME_010),
        FRESH.docx_paragraphs("011", chrome=CHROME_011),
    ]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
