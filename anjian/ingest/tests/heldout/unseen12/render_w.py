"""Build the .docx/.xlsx/.pdf renderings of helper w's unseen documents 1421-1432 (fixtures as code; ours, not the
offices').

Run from the repository root: `.venv/bin/python anjian/ingest/tests/heldout/unseen12/render_w.py` (PDFs need
LibreOffice). It loads `../unseen11/render_u.py` by import (which loads `../unseen10/render_s.py`, `../unseen/render_a.py`,
`../fresh/make_binaries.py` and `../make_binaries.py`), points all of them at this folder and reuses their helpers
(`source_text`, `_cut`, `_sheet`, `docx_paragraphs`, `finish`). Every cell and paragraph is cut from the document's
`.txt` and checked by those helpers; every header cell is a header the source prints (1421's header is printed run
together and is split into its words). The hospital scoring table 1421 becomes an Excel table; the reports 1425, 1427
and 1428 become Word paragraphs and PDFs of them, the report 1432 Word paragraphs only, the report 1426 a PDF only (its
page chrome kept, as stored). Each rendering's gold label equals its `.txt` label except for `doc` (written here from
the `.txt` label).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# `../unseen11/render_u.py` and the modules it loads, all pointed at this folder.
U: Any = _load(HERE.parent / "unseen11" / "render_u.py", "unseen11_render_u")
S: Any = U.S
RA: Any = U.RA
FRESH: Any = U.FRESH
BASE: Any = U.BASE
for _module in (U, S, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

source_text = FRESH.source_text
_cut = RA._cut
_sheet = S._sheet
Cell = str | tuple[str, ...]
Merge = tuple[int, int, int, int]


# --- 1421 医院安全工作百分考核表: 序号 | 项目 | 分值 | 考查内容 | 检查方法和评定标准 ------------------------------------


def xlsx_1421() -> Path:
    """The table's title merged above a sheet with the source's header (printed run together, split into its words;
    the empty 自查得分/督查得分/备注 columns left out); one sheet row per scored row, 序号 and 项目 merged down a
    project's rows; each flattened row split at its 分值 into 考查内容 and 检查方法和评定标准 where the page runs the two
    together; the last row is cut by the page. The sharing site's upload and page lines are left out."""
    _, t = source_text("1421")
    rows: list[list[Cell]] = [["序号", "项目", "分值", "考查内容", "检查方法和评定标准"]]
    rows += [
        ["1", "各类事故控制", "15", "医疗事故", _cut(t, "年内无医疗事故", "15火灾")],
        ["", "", "15", "火灾事故", _cut(t, "年内无火灾事故", "2组织")],
        ["2", "组织机构及责任制", "10", _cut(t, "落实安全生产责任制", "未逐级"), _cut(t, "未逐级签订", "3基础")],
        ["3", "基础管理工作", "6", _cut(t, "每季度至少召开", "查会议记录"), _cut(t, "查会议记录", "6建立")],
        ["", "", "6", _cut(t, "建立、健全基本", "查台帐,缺少"), _cut(t, "查台帐,缺少", "6科室")],
        ["", "", "6", _cut(t, "科室内部成立", "未成立"), _cut(t, "未成立安全小组", "6每季度")],
        ["", "", "6", _cut(t, "每季度至少进行", "每缺少"), _cut(t, "每缺少一次", "6安全器材")],
        ["", "", "6", _cut(t, "安全器材按规定配置并", "未按规定配置"), _cut(t, "未按规定配置安全器材扣3分", "4安全教育")],
        ["4", "安全教育培训", "5", _cut(t, "对本科室员工", "查台帐,未进行"), _cut(t, "查台帐,未进行", "5参加")],
        ["", "", "5", _cut(t, "参加上级部门组织的培训", "不参加"), _cut(t, "不参加上级部")],
    ]
    merges: list[Merge] = [(1, 0, 2, 0), (1, 1, 2, 1), (4, 0, 8, 0), (4, 1, 8, 1), (9, 0, 10, 0), (9, 1, 10, 1)]
    return _sheet("1421", "安全工作百分考核表", ["安全工作百分考核表"], rows, merges, (6, 16, 6, 40, 44))


def main() -> int:
    with_pdf = [
        FRESH.docx_paragraphs("1425"),
        FRESH.docx_paragraphs("1427"),
        FRESH.docx_paragraphs("1428"),
    ]
    made = [*with_pdf, FRESH.docx_paragraphs("1432"), xlsx_1421()]
    pdf_only = [FRESH.docx_paragraphs("1426")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
