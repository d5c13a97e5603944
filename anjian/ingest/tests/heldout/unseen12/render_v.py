"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part v (1401-1414; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen12/render_v.py` (PDFs need LibreOffice).
It loads `../unseen11/render_t.py` by import (which loads `../unseen10/render_r.py`, `../unseen/render_a.py`,
`../fresh/make_binaries.py` and `../make_binaries.py`), points all of them at this folder and reuses their helpers
(`_table`, `_sheet_text`, `source_text`, `check_cut`, `docx_paragraphs`, `_cut`, `_lines`, `_items`, `_save_docx`,
`_save_xlsx`, `finish`). Every cell and paragraph is cut from the document's `.txt` and checked; the only cells that
are not are the header words `序号` and `存在问题` (already in `render_a.HEADERS`); the header `整改意見` is a word of
1401's text. The 龙岗 粉尘 督查 1401 becomes Word paragraphs with its three 整改意见 as a Word TABLE 序号 | 存在问题 |
整改意見 (problem and required fix in two columns); the 柳林 自建房 plan 1403 and the 成都高新 holiday reminder 1413
Word paragraphs; the 渔民 letter 1409 and the 萍矿 cold-wave reminder 1412 Excel sheets (opening lines merged across,
a row per numbered requirement, marker and text in two columns); the 大连 夜查 story 1405 a PDF only. PDFs of 1401 and
1403 from their .docx. Site chrome left out of the renderings: 1401's breadcrumb and closing "×"; 1413's site header,
breadcrumb, image name and the lines holding a single space; 1409's site header, title lines and footer. Each rendering's gold label equals its `.txt` label
except for `doc` (written here from the `.txt` label).
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


# `../unseen11/render_t.py` and the modules it loads, all pointed at this folder: their helpers are reused as they are.
T: Any = _load(HERE.parent / "unseen11" / "render_t.py", "unseen11_render_t")
R: Any = T.R
RA: Any = T.RA
FRESH: Any = T.FRESH
BASE: Any = T.BASE
for _module in (T, R, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

_table = T._table
_sheet_text = T._sheet_text
source_text = T.source_text
check_cut = T.check_cut
_save_docx = T._save_docx
_save_xlsx = T._save_xlsx
_cut = T._cut
_items = T._items
_lines = T._lines


# --- 1401 龙岗 粉尘 督查: paragraphs, the three 整改意见 as a table ----------------------------------------------


def docx_1401() -> Path:
    """The title and the opening of the visit paragraph up to its 整改意见, then a Word table 序号 | 存在问题 |
    整改意見 (a row per 一是…三是: problem and required fix), then the closing paragraph."""
    stem, text = source_text("1401")
    head = _lines(text, "國家安監(jiān)總局到龍崗區(qū)督查", "督導組一行")
    head.append(_cut(text, "督導組一行", "一是"))
    rows = [["序号", "存在问题", "整改意見"]] + [[i["seq"], i["problem"], i["measures"]] for i in _items("1401")]
    tail = _lines(text, "最后,李征指出", "×")
    check_cut(text, head + [c for row in rows for c in row] + tail)
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


# --- 1409 渔民 letter and 1412 萍矿 reminder: opening lines merged, a row per numbered requirement ------------------


def _sheet(prefix: str, title: str, start: str, end: str, closing: tuple[str, str] | None = None) -> Path:
    """Opening lines (from `start` up to `end`) merged across two columns, a row per labelled item (marker in A,
    text in B), then the closing lines (from closing[0] up to closing[1]) merged across."""
    stem, text = source_text(prefix)
    head = _lines(text, start, end)
    rows = [[item["seq"], item["measures"]] for item in _items(prefix)]
    tail = _lines(text, *closing) if closing else []
    check_cut(text, head + [c for row in rows for c in row] + tail)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    r = 1
    for line in head:
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        r += 1
    for row in rows:
        for c, value in enumerate(row, start=1):
            _sheet_text(ws, r, c, value)
        r += 1
    for line in tail:
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        r += 1
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 100
    return _save_xlsx(wb, stem)


def xlsx_1409() -> Path:
    """The letter: its opening paragraph, a row per 一…五, then the closing wish, issuer and date (the site's
    header, the title lines and the footer left out)."""
    return _sheet("1409", "一封信", "入冬以来", "一、加强值班", ("祝广大渔民朋友", "相关影视"))


def xlsx_1412() -> Path:
    """The reminder: its nine short opening lines, then a row per 1…3."""
    return _sheet("1412", "工作提醒", "11月17日起", "1.密切关注")


CHROME_1401 = ("當前位置: 首頁 > 信息公開 > 行政執(zhí)法 > 監(jiān)督檢查 > 安全生產(chǎn)", "×")
CHROME_1413 = (
    "欢迎访问成都高新区应急咨询服务协会 在线留言 联系我们",
    "全国服务热线:",
    "(028)87889078",
    "当前位置:首页>图文专区",
    "图文专区",
    "图片1.png",
)


def main() -> int:
    with_pdf = [docx_1401(), FRESH.docx_paragraphs("1403")]
    made = [*with_pdf, FRESH.docx_paragraphs("1413", chrome=CHROME_1413), xlsx_1409(), xlsx_1412()]
    pdf_only = [FRESH.docx_paragraphs("1405")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
