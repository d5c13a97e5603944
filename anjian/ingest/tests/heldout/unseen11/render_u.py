"""Build the .docx/.xlsx/.pdf renderings of helper u's unseen documents 1321-1334 (fixtures as code; ours, not the
offices').

Run from the repository root: `.venv/bin/python anjian/ingest/tests/heldout/unseen11/render_u.py` (PDFs need
LibreOffice). It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and
`../make_binaries.py`), points all three at this folder and reuses their helpers (`_table`, `_sheet_text`,
`source_text`, `check_cut`, `docx_paragraphs`, `_merge_down`, `_save_docx`, `_save_xlsx`, `_cut`, `finish`), as
`../unseen10/render_s.py` does (whose `_word` and `_sheet` it loads and reuses). Every cell and paragraph is cut from the
document's `.txt` and checked; every header cell is a header the source prints (1322's and 1324's headers are printed
run together and are split into their words). A cell that the document-sharing site split with its chunk marker
("\\n2、") is made of its pieces (each checked) joined without the marker. The scoring table 1326 becomes a Word TABLE
with the source's header (and a PDF of it); the scoring tables 1322 and 1324 become Excel tables; the 森林防火 scheme
1321 and the reports 1328, 1332, 1334 become Word paragraphs (1321, 1328, 1334 also PDFs); the report 1330 a PDF only.
Site chrome (1321's "第一篇:"/"文章標題:" lines and the site's source line with the next document's title after it,
1326's notice lines) is left out of the renderings. Each rendering's gold label equals its `.txt` label except for
`doc` (written here from the `.txt` label).
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


# `../unseen10/render_s.py` and the three it loads, all pointed at this folder: its `_word` and `_sheet` are reused.
S: Any = _load(HERE.parent / "unseen10" / "render_s.py", "unseen10_render_s")
RA: Any = S.RA
FRESH: Any = RA.FRESH
BASE: Any = RA.BASE
for _module in (S, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

source_text = FRESH.source_text
_cut = RA._cut
_word = S._word
_sheet = S._sheet
Cell = str | tuple[str, ...]  # a cell, or the pieces of a cell (its lines, or the pieces split by a chunk marker)
Merge = tuple[int, int, int, int]  # r0, c0, r1, c1 (rows counted from the table's first row)


# --- 1321 縣森林防火目標考核辦法: paragraphs, without the sharing site's lines --------------------------------------

CHROME_1321 = ("第一篇:縣森林防火目標考核辦法", "文章標題:縣森林防火目標考核辦法")
DROP_1321 = "《縣森林防火目標考核辦法》來源于"


# --- 1322 武汉市建筑施工现场安全质量标准化考核评分表: 序号 | 项目 | 考核内容 | 应得分值 | 扣减分 | 实得分值 ----------


def xlsx_1322() -> Path:
    """The attachment line and the title merged above a sheet with the source's header (printed run together, split
    into its words); one sheet row per deduction rule, 序号/项目/应得分值 merged down a criterion's rules; row 1's
    text spans 项目 and 考核内容; 项目 of row 5 is printed split by the page ("推行安全质量标准" … "化工作") and is kept
    so; the 总计 row and the 一票否决 row follow. The site's "下载后可任意编辑" marks, the form's 总承包单位… fields, the
    signature lines and the notes are left out."""
    _, t = source_text("1322")
    rows: list[list[Cell]] = [["序号", "项目", "考核内容", "应得分值", "扣减分", "实得分值"]]
    rows.append(["1", "根据安全检查评分表检查评分后,按满分60分折算。", "", "60分", "", ""])
    criteria = [
        ("2", "安全文明措施费", "5 分", ["未制定监控方案,扣5 分。", "未制定使用计划,扣3 分。"]),
        ("3", "重大危险源监控", "10分", ["未制定监控方案,扣10分。", "监控方案未进行公示的,扣5 分。",
                                       "未实施方案监控,扣5 分。", "实施监控方案不足的,扣5 分。"]),
        ("4", "应急救援", "10分", ["未制定应急救援预案,扣10分。", "应急救援预案操作性不强的,扣3分。",
                                 "未进行应急救援演练,扣3 分。", "应急救援预案未进行交底的,扣3分。"]),
    ]
    merges: list[Merge] = [(1, 1, 1, 2)]
    for seq, name, points, rules in criteria:
        first = len(rows)
        rows.append([seq, name, rules[0], points, "", ""])
        rows += [["", "", rule, "", "", ""] for rule in rules[1:]]
        merges += [(first, col, len(rows) - 1, col) for col in (0, 1, 3)]
    rows.append(["5", "推行安全质量标准", "未推行安全质量标准化工作,扣15分。", "15分", "", ""])
    rows.append(["", "化工作", "未落实安全质量标准化工作制度,缺一项扣3 分。", "", "", ""])
    merges += [(len(rows) - 2, col, len(rows) - 1, col) for col in (0, 3)]
    rows.append(["总 计", "", "", "100分", "", ""])
    merges.append((len(rows) - 1, 0, len(rows) - 1, 2))
    rows.append(["一票否决", _cut(t, "发生一起一般以上(含)生产安全事故的", " 施工企业自评"), "", "", "", ""])
    merges.append((len(rows) - 1, 1, len(rows) - 1, 5))
    head = ["附 件 2", "武 汉 市 建 筑 施 工 现 场 安 全 质 量 标 准 化 考 核 评分 表"]
    return _sheet("1322", "考核评分表", head, rows, merges, (8, 18, 40, 10, 8, 10))


# --- 1324 上海市文物建筑消防安全标准化考核评分细则表: 项目 | 序号 | 评分内容 | 评分标准 | 扣分 -------------------------


def xlsx_1324() -> Path:
    """The title merged above a sheet with the source's header (printed run together, split into its words); one row
    per criterion, 评分内容 and 评分标准 as the page prints them; 项目 消防安全责任 14 分 (printed after row 5, in the
    middle of its merged cell) merged down rows 1–6, 项目 of rows 7–8 not on the page; row 3's and row 6's 评分内容,
    split by the site's chunk markers ("\\n2、", "\\n3、"), made of their pieces; row 8 is cut by the page."""
    _, t = source_text("1324")
    rows: list[list[Cell]] = [["项目", "序号", "评分内容", "评分标准", "扣分"]]
    rows += [
        [("消防安全责任", "14 分"), "1", _cut(t, "建立消防安全管理体系", "1.未确定"),
         _cut(t, "1.未确定各级", "2文物消防"), ""],
        ["", "2", _cut(t, "文物消防安全重点单位应明确", "未确定人员"), _cut(t, "未确定人员组织", "3 制定"), ""],
        ["", "3", ("制定符合本单位实际的消防安全制度和操作规程,各项活动正常开展", "(4 分)。"),
         _cut(t, "1.消防安全制度和操作规程不齐全", "4 每半年"), ""],
        ["", "4", _cut(t, "每半年至少召开", " 1.未能"), _cut(t, "1.未能每半年", "5 制定"), ""],
        ["", "5", _cut(t, "制定单位年度消防工作计划", " 未制定消防"), _cut(t, "未制定消防工作计划扣", "消防安全责任14"), ""],
        ["", "6", (_cut(t, "文物消防安全重点单位的消防安全责任人", "\n"), "防器材装备。基本消防单位按照本场所消防职责配备兼职消防队员(2 分)。"),
         "未配备消防队员扣 2 分。", ""],
        ["", "7", _cut(t, "文物单位新建、改建", " 未依法办理"), _cut(t, "未依法办理消防审核", "8文物保护"), ""],
        ["", "8", _cut(t, "文物保护单位的保护范围"), "", ""],
    ]
    return _sheet("1324", "考核评分细则", ["上海市文物建筑消防安全标准化考核评分细则表(试行)"], rows, [(1, 0, 6, 0)],
                  (12, 6, 50, 50, 6))


# --- 1326 安全生产第一责任人履职考核表(一类): 序号 | 考核内容 | 应得分 | 自评分 | 考核分 | 扣分标准 -------------------


def docx_1326() -> Path:
    """The attachment line, title and 单位/姓名/职务/总得分 line as paragraphs, then a Word table with the source's
    header (printed run together, split into its words as the page spaces them); each flattened row split at its
    应得分 into 考核内容 and 扣分标准; row 5 is cut by the page. The sharing site's notice lines are left out."""
    _, t = source_text("1326")
    head = ["附件1", "安全生产第一责任人履职考核表(一类)", "单位: 姓名: 职务: 总得分:"]
    rows: list[list[Cell]] = [["序号", "考 核 内 容", "应得分", "自评分", "考核分", "扣 分 标 准"]]
    rows += [
        ["1", _cut(t, "1在布置经济工作", "61布置"), "6", "", "", _cut(t, "1布置经济工作的同时没有", "2落实")],
        ["2", "落实安全生产工作责任制。", "8", "", "", _cut(t, "1没制订安全生产工作制度", "3建立")],
        ["3", _cut(t, "建立本单位(系统)", "41全年"), "4", "", "", _cut(t, "1全年防范", "41明确")],
        ["4", _cut(t, "1明确工作目标", "61没与"), "6", "", "", _cut(t, "1没与下属单位", "51重新")],
        ["5", _cut(t, "1重新修改完善"), "", "", "", ""],
    ]
    return _word("1326", head, rows, [], widths=(1.0, 6.0, 1.2, 1.2, 1.2, 6.5))


def main() -> int:
    with_pdf = [
        FRESH.docx_paragraphs("1321", chrome=CHROME_1321, drop_after=DROP_1321),
        docx_1326(),
        FRESH.docx_paragraphs("1328"),
        FRESH.docx_paragraphs("1334"),
    ]
    made = [
        *with_pdf,
        FRESH.docx_paragraphs("1332"),
        xlsx_1322(),
        xlsx_1324(),
    ]
    pdf_only = [FRESH.docx_paragraphs("1330")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
