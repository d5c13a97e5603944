"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part x (1101-1114; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen9/render_x.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`, `finish`), as
`../unseen8/render_v.py` does. Every cell and paragraph is cut from the document's `.txt` and checked; the only cells
that are not are the header words `序号` and `存在问题` of the 1101 table (a list that prints no header row; both
already in `render_a.HEADERS`); the header `督查内容` of the 1112 tables is a heading of the text itself. The 永春
通报 1101 becomes a Word TABLE 序号 | 存在问题 (a row per numbered problem); the 达州 督查通知 1112 a Word and an Excel
TABLE 序号 | 督查内容 with a merged group row per county ("(一)通川区"); the 尾矿库 plan page 1107 an Excel table
(marker | text, section headings as merged rows); the others become paragraphs. Site chrome (a 范文 site's preface,
accessibility links, breadcrumbs, view counters, previous/next links and footers) is left out; the printed date lines
that give `issued` are kept. Each rendering's gold label equals its `.txt` label except for `doc` (written here from
the `.txt` label).
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


# --- 1101 永春 水利 通报: the two numbered problems of 一、 as a table ----------------------------------------------


def docx_1101() -> Path:
    """The 索引号 block, title, time line, number, addressees, opening and heading 一、 as paragraphs, then a Word
    table 序号 | 存在问题 (a row per numbered problem, the second cut off as stored)."""
    stem, text = source_text("1101")
    head = _lines(text, "• 索 引 号", "1、在建工程")
    rows = [["序号", "存在问题"]] + [[item["seq"], item["problem"]] for item in _items("1101")]
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


# --- 1107 尾矿库 plan page: (三)–(五), 三、工作措施 (一)–(五), 四、 -------------------------------------------------


def xlsx_1107() -> Path:
    """The page as a sheet: a row per numbered paragraph (marker in column A, text in B), the headings 三、工作措施 and
    四、检查验收 and the lead "各级安监部门…到今年6月底:" as rows merged across both columns."""
    stem, text = source_text("1107")
    items = _items("1107")
    rows: list[list[str]] = []
    for item in items[:3]:
        rows.append([item["seq"], item["measures"]])
    rows.append(["三、工作措施"])
    rows.append([_cut(text, "各级安监部门要严格执法", "\n")])
    for item in items[3:]:
        rows.append([item["seq"].removeprefix("三、"), item["measures"]])
    rows.append(["四、检查验收"])
    rows.append(["(一)", _cut(text, "全省尾矿库的专")])
    check_cut(text, [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "尾矿库"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, r, c, value, bold=len(row) == 1 and value.endswith(("措施", "验收")))
        if len(row) == 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 100
    return _save_xlsx(wb, stem)


# --- 1112 达州 防汛督查通知: 二、督查内容 per county as a table --------------------------------------------------------

CHROME_1112 = (
    "前言:本站为你精心整理了开展防汛安全督查的通知范文,希望能为你的创作提供参考价值,我们的客服老师可以帮助你提供个性化的参考范文,欢迎咨询。",
)


def _parts_1112(text: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Notice lines down to 二、督查内容 (the 范文 preface left out), the table rows (header, then per county a group
    row and a row per numbered point) and the indexes of the group rows."""
    head = [line for line in _lines(text, "达市府办函", "二、督查内容") if line not in CHROME_1112]
    head.append("二、督查内容")
    rows: list[list[str]] = [["序号", "督查内容"]]
    groups: list[int] = []
    current = None
    for item in _items("1112"):
        marker = item["seq"].removeprefix("二、")
        group = marker[: marker.index(")") + 1] + item["category"]
        if group != current:
            groups.append(len(rows))
            rows.append([group, ""])
            current = group
        rows.append([marker[marker.index(")") + 1 :], item["measures"]])
    return head, rows, groups


def docx_1112() -> Path:
    """The notice's number, addressees, opening and 一、督査分组 as paragraphs, then 二、督查内容 as a Word table
    序号 | 督查内容 with a merged group row per county."""
    stem, text = source_text("1112")
    head, rows, groups = _parts_1112(text)
    check_cut(text, head + [c for row in rows for c in row if c])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    table = _table(document, rows)
    for r in groups:
        keep = table.cell(r, 0).text
        table.cell(r, 0).merge(table.cell(r, 1)).text = keep
    return _save_docx(document, stem)


def xlsx_1112() -> Path:
    """The same as a sheet: the notice lines merged above the table, a merged group row per county."""
    stem, text = source_text("1112")
    head, rows, groups = _parts_1112(text)
    check_cut(text, head + [c for row in rows for c in row if c])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "督查内容"
    for r, line in enumerate(head, start=1):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    first = len(head) + 1
    for i, row in enumerate(rows):
        r = first + i
        for c, value in enumerate(row, start=1):
            if value:
                _sheet_text(ws, r, c, value, bold=i == 0 or i in groups)
        if i in groups:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 100
    return _save_xlsx(wb, stem)


CHROME_1102: tuple[str, ...] = ()
CHROME_1104 = ("无障碍浏览", "长者模式 南华县人民政府", "首页 >> 新闻动态 >> 乡镇动态")
CHROME_1109 = ("浏览次数:次",)
CHROME_1113 = (
    "上一篇:天長市冶山鎮(zhèn):積極開展“雙提升”集中宣傳活動(dòng)[ 06-12 ] 下一篇:市檢查組到冶山鎮(zhèn)開展宗教活動(dòng)場所 非法出版物專項(xiàng)檢查[ 06-15 ]",
    "主辦單位:中共天長市委組織部 承辦:天長市黨員教育中心 皖I(lǐng)CP備0700665號(hào) 聯(lián)系電話:0550-7770830 郵箱:tcxfw2012@163.com",
    "技術(shù)支持:安徽網(wǎng)狐科技 皖公網(wǎng)安備 34118102000224號(hào)",
)


def main() -> int:
    with_pdf = [
        docx_1101(),
        FRESH.docx_paragraphs("1102", chrome=CHROME_1102),
        FRESH.docx_paragraphs("1109", chrome=CHROME_1109),
        docx_1112(),
    ]
    made = [
        *with_pdf,
        FRESH.docx_paragraphs("1103"),
        FRESH.docx_paragraphs("1113", chrome=CHROME_1113),
        xlsx_1107(),
        xlsx_1112(),
    ]
    pdf_only = [FRESH.docx_paragraphs("1104", chrome=CHROME_1104)]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
