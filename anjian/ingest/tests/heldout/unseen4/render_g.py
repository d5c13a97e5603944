"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part G (801-818; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen4/render_g.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`, `finish`), as `../unseen3/render_e.py`
and `../unseen2/render_c.py` do. Every cell and paragraph is cut from the document's `.txt` and checked; the only
cells that are not are the header words of tables made for lists that print no header row (`序号`, `存在问题`, shared
with parts A, C and E). The exposure 801 becomes Word and Excel TABLES (a row per school), the self-inspection report 811 an Excel
table of its numbered problems and measures (a bold row per numbered heading), the 分组情况 of notice 815 an Excel
table (a row per 检查督导组); notices and the 整改通知书 816 become paragraphs.
Site chrome (sharing lines, 附件下载/扫一扫, a site's closing note or breadcrumb) is left out. Each rendering's gold label equals its
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


# --- 801 简阳: six schools, each with 学校名称 / 问题隐患 / 整改时限 / 整改落实情况 (traditional characters) -----------


HEAD_801 = ["學(xué)校名稱", "問題隱患", "整改時限", "整改落實情況"]


def _parts_801(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    head = _lines(text, "為夯實", "01")
    tail = _lines(text, "校園安全無小事", "特別聲明")
    rows = [["序号", *HEAD_801]]
    for block in text.split("\n0")[1:]:
        lines = block.split("\n")
        rows.append(["0" + lines[0].strip()] + [line.split(":", 1)[1].strip() for line in lines[1:5]])
    return head, rows, tail


def docx_801() -> Path:
    """The post as paragraphs around a Word table 序号 | 學校名稱 | 問題隱患 | 整改時限 | 整改落實情況, a row per school;
    the platform's disclaimer left out."""
    stem, text = source_text("801")
    head, rows, tail = _parts_801(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def xlsx_801() -> Path:
    """The same as a sheet: the opening paragraph merged above the table, the closing lines below it."""
    stem, text = source_text("801")
    head, rows, tail = _parts_801(text)
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("隱患曝光", head, rows, (6, 22, 26, 16, 14))
    ws = wb.active
    for r, line in enumerate(tail, start=len(head) + len(rows) + 2):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    return _save_xlsx(wb, stem)


# --- 811 医院自查报告: numbered problems under 二、 and numbered measures under 三、 --------------------------------


def xlsx_811() -> Path:
    """The report as a sheet: title and opening merged above a table 序号 | 存在问题 (二、's problems) and, below a
    bold 三、整改措施 row, the measures; a bold row per numbered heading (its number | its heading as printed)."""
    stem, text = source_text("811")
    title = _lines(text, "2024年医院消防安全自查报告")[0]
    opening = _cut(text, "【2024年", "二、自查情况")
    headings = {
        ("消防安全隐患排查", "1(1)"): ["1.", _cut(text, "消防安全隐患排查", "(1)")],
        ("消防安全管理制度", "2(1)"): ["2.", "消防安全管理制度"],
        ("立即对排查出的消防安全隐患进行整改", "1(1)"): ["1.", _cut(text, "立即对排查出", "(1)")],
        ("完善消防安全管理制度", "2(1)"): ["2.", _cut(text, "完善消防安全管理制度,包括", "(1)")],
        ("加强日常消防安全管理", "3(1)"): ["3.", _cut(text, "加强日常消防安全管理,包括", "(1)")],
    }
    rows, bold = [["序号", "存在问题"], ["二、", "自查情况"]], [1]
    for item in _items("811"):
        key = (item["category"], item["seq"])
        if key in headings:
            if item["measures"] and item["seq"] == "1(1)":
                bold.append(len(rows))
                rows.append(["三、", "整改措施"])
            bold.append(len(rows))
            rows.append(headings[key])
        rows.append([item["seq"][1:], item["problem"] or item["measures"]])
    head = [title, opening]
    check_cut(text, head + [c for row in rows for c in row])
    wb = _sheet("自查报告", head, rows, (8, 90))
    ws = wb.active
    for g in bold:
        for c, value in enumerate(rows[g], start=1):
            _sheet_text(ws, g + len(head) + 1, c, value, bold=True)
    return _save_xlsx(wb, stem)


# --- 815 卢市镇: five 检查督导组, each with 责任领导 / 责任单位 / 检查范围 ------------------------------------------------


def xlsx_815() -> Path:
    """The notice as a sheet: title, opening and sections 一、二、 merged above a table 序号 | 督导组 | 责任领导 | 责任单位 |
    检查范围, a row per group, each cell a stored line with its label (责任领导:…) and its mis-encoded blanks "?"; the
    stored 四、 lines below it."""
    stem, text = source_text("815")
    head = _lines(text, "卢市镇关于", "三、分组情况") + ["三、分组情况"]
    rows = [["序号", "督导组", "责任领导", "责任单位", "检查范围"]]
    for item in _items("815"):
        lines = item["measures"].split("\n")
        rows.append([item["seq"], *lines[:4]])
    tail = _lines(text, "??四、")
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("分组情况", head, rows, (6, 16, 14, 36, 70))
    ws = wb.active
    for r, line in enumerate(tail, start=len(head) + len(rows) + 2):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    return _save_xlsx(wb, stem)


def docx_816() -> Path:
    """The 整改通知书 as Word paragraphs, one per non-empty line as stored (its masking asterisks kept, which
    `docx_paragraphs` would strip as Markdown bold marks)."""
    stem, text = source_text("816")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    check_cut(text, lines)
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return _save_docx(document, stem)


CHROME_805 = ("附件下载:", "扫一扫在手机上查看当", "(此件公开发布)")
CHROME_808 = ("未经中国科学院兰州化学物理研究所书面特别授权,请勿转载或建立镜像,违者依法必究",)
CHROME_818 = ("当前位置:文档之家› 学校消防安全疏散通道和安全出口自查报告",)
CHROME_807 = ("注:更多精彩文章请关注爱华写作模板栏目。",)


def main() -> int:
    with_pdf = [
        docx_801(),
        FRESH.docx_paragraphs("802"),
        FRESH.docx_paragraphs("805", chrome=CHROME_805),
        FRESH.docx_paragraphs("808", chrome=CHROME_808),
        docx_816(),
    ]
    made = [
        *with_pdf,
        xlsx_801(),
        xlsx_811(),
        xlsx_815(),
        FRESH.docx_paragraphs("807", chrome=CHROME_807),
        FRESH.docx_paragraphs("812"),
        FRESH.docx_paragraphs("813"),
        FRESH.docx_paragraphs("818", chrome=CHROME_818),
    ]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
