"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part x (1601-1619; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen14/render_x.py` (PDFs need LibreOffice).
It loads `../unseen13/render_x.py` by import (which loads `../unseen12/render_v.py` and through it
`../unseen11/render_t.py`, `../unseen10/render_r.py`, `../unseen/render_a.py`, `../fresh/make_binaries.py` and
`../make_binaries.py`), points all of them at this folder and reuses their helpers (`_table`, `_merged`,
`_sheet_text`, `source_text`, `check_cut`, `_cut`, `_lines`, `_items`, `_save_docx`, `_save_xlsx`,
`docx_paragraphs`, `finish`). Every cell and paragraph is cut from the document's `.txt` and checked; the only cell
that is not is the header word `序号` (already in the checkers' HEADERS); the headers `问题`, `存在问题`, `整改措施`,
`隐患路段` and `隐患原因` are words of the texts.

- 1601 安乡 five road/ferry hazards: a Word TABLE 序号 | 问题 | 存在问题 | 整改措施 (a row per 1.…5.: its title line,
  its 存在问题 and its 整改措施), then the story's source lines as paragraphs; PDF from the .docx.
- 1602 青岛 three hazard road sections: an Excel sheet, title and opening paragraph merged across, then a TABLE
  序号 | 隐患路段 | 隐患原因 | 整改措施 (a row per 1、…3、), then the closing paragraph merged across.
- 1603 赣马镇 有限空间 plan: Word paragraphs without the page's metadata table lines.
- 1612 涌山镇 两会 notice: a PDF only (from a paragraph .docx that is not shipped).

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


# `../unseen13/render_x.py` and the modules it loads, all pointed at this folder: their helpers are reused as they are.
X: Any = _load(HERE.parent / "unseen13" / "render_x.py", "unseen13_render_x")
V: Any = X.V
T: Any = X.T
R: Any = X.R
RA: Any = X.RA
FRESH: Any = X.FRESH
BASE: Any = X.BASE
for _module in (X, V, T, R, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

_table = X._table
_merged = X._merged
_sheet_text = X._sheet_text
source_text = X.source_text
check_cut = X.check_cut
_save_docx = X._save_docx
_save_xlsx = X._save_xlsx
_cut = X._cut
_items = X._items
_lines = X._lines


# --- 1601 安乡: the five hazards as a Word table ---------------------------------------------------------------------


def docx_1601() -> Path:
    """A Word table 序号 | 问题 | 存在问题 | 整改措施, a row per numbered hazard (its title line cut from the text, the
    problem and measure from the label), then the story's closing lines as paragraphs."""
    stem, text = source_text("1601")
    rows = [["序号", "问题", "存在问题", "整改措施"]]
    for item in _items("1601"):
        title = re.search(rf"(?m)^{item['seq']}\.(.+)$", text)
        assert title is not None
        rows.append([item["seq"], title.group(1).strip(), item["problem"], item["measures"]])
    tail = _lines(text, "来源:")
    check_cut(text, [c for row in rows for c in row] + tail)
    document = docx.Document()
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


# --- 1602 青岛: a hazard list sheet ----------------------------------------------------------------------------------


def xlsx_1602() -> Path:
    """The title line and the opening paragraph merged across four columns, the list caption, then 序号 | 隐患路段 |
    隐患原因 | 整改措施 (a row per 1、…3、: the road section cut from the text, cause and measure from the label), then
    the closing paragraph merged across."""
    stem, text = source_text("1602")
    head = [_lines(text, "青岛城区事")[0], *_lines(text, "在开展交通安全隐患", "1、牛齐山路")]
    rows = [["序号", "隐患路段", "隐患原因", "整改措施"]]
    for item in _items("1602"):
        road = re.search(rf"(?m)^{item['seq']}、(.+?) 。 隐患原因", text)
        assert road is not None
        rows.append([item["seq"], road.group(1), item["problem"], item["measures"]])
    tail = _lines(text, "同时 , 开发区交警", "推荐阅读")
    check_cut(text, head + [c for row in rows for c in row] + tail)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "隐患路段"
    r = 1
    for line in head:
        _merged(ws, r, line, 4)
        r += 1
    for row in rows:
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, r, c, value)
        r += 1
    for line in tail:
        _merged(ws, r, line, 4)
        r += 1
    for col, width in zip("ABCD", (8, 30, 30, 36), strict=True):
        ws.column_dimensions[col].width = width
    return _save_xlsx(wb, stem)


CHROME_1603 = (
    "索引号: | 014276884/2019-00009 | 信息分类: | 08 |",
    "发布机构: | 赣马镇人民政府 | 成文日期: | 2019-05-24 |",
    "文号: | 赣马政发〔2019〕29号 | 重点领域: | |",
    "信息名称: | 关于印发《全镇工贸行业2019年有限空间作业专项整治工作方案》的通知 | 文件下载: | |",
    "内容概览: | |||",
    "时效: | 有效 |",
)


def main() -> int:
    with_pdf = [docx_1601()]
    made = [*with_pdf, xlsx_1602(), FRESH.docx_paragraphs("1603", chrome=CHROME_1603)]
    pdf_only = [FRESH.docx_paragraphs("1612")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
