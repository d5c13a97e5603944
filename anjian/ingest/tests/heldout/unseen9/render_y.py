"""Build the .docx/.xlsx/.pdf renderings of helper y's unseen documents 1121-1134 (fixtures as code; ours, not the
offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen9/render_y.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_merge_down`, `_save_docx`, `_save_xlsx`, `finish`), as `../unseen8/render_w.py` does (its `_word`
and `_sheet` are copied here). Every cell and paragraph is cut from the document's `.txt` and checked; every header
cell is a header the source prints (one blank header cell in 1122, whose amount column prints no header). A cell that
the document-sharing site split with its chunk marker ("\\n2、") is made of its pieces (each checked) joined without
the marker. The scoring tables 1123, 1125 and 1126 become Word TABLES (group cells merged down their rows), 1122 and
1127 Excel tables; the 考核细则 1121, the report 1128 and the 通报 1134 become paragraphs, the report 1131 a PDF only.
Site chrome (1128's "扫一扫" line) is left out. Each rendering's gold label equals its `.txt` label except for `doc`
(written here from the `.txt` label).
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
from docx.shared import Cm

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

Cell = (
    str | tuple[str, ...]
)  # a cell, or the pieces of a cell split in the source by a chunk marker or stray text
Merge = tuple[int, int, int, int]  # r0, c0, r1, c1 (rows counted from the table's header row)


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else "".join(cell)


def _pieces(rows: list[list[Cell]]) -> list[str]:
    out: list[str] = []
    for row in rows:
        for cell in row:
            out += [cell] if isinstance(cell, str) else list(cell)
    return [p for p in out if p]


def _word(
    prefix: str,
    head: list[str],
    rows: list[list[Cell]],
    merges: list[Merge],
    tail: list[str] = (),
    lines_in_cells: bool = False,
    widths: tuple[float, ...] = (),
) -> Path:
    """Paragraphs `head`, a Word table of `rows` (row 0 the header, bold) with `merges` merged, paragraphs `tail`;
    with `lines_in_cells` the pieces of a cell are its lines, else the pieces of one split cell."""
    stem, text = source_text(prefix)
    check_cut(text, [*head, *tail, *_pieces(rows)])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    join = (lambda c: c if isinstance(c, str) else "\n".join(c)) if lines_in_cells else _text  # noqa: E731
    table = _table(document, [[join(c) for c in row] for row in rows])
    if widths:  # column widths in cm (the table's text is unchanged)
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
    for r0, c0, r1, c1 in merges:
        if c0 == c1:
            _merge_down(table, c0, r0, r1)
        else:
            keep = table.cell(r0, c0).text
            table.cell(r0, c0).merge(table.cell(r1, c1)).text = keep
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def _sheet(
    prefix: str,
    title: str,
    head: list[str],
    rows: list[list[Cell]],
    merges: list[Merge],
    widths: tuple[int, ...],
) -> Path:
    """A sheet `title`: the lines `head` merged across the table's width, then `rows` (row 0 bold) with `merges`."""
    stem, text = source_text(prefix)
    check_cut(text, [*head, *_pieces(rows)])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    cols = len(rows[0])
    for r, line in enumerate(head, start=1):
        _sheet_text(ws, r, 1, line, bold=r == 1)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=cols)
    top = len(head) + 1
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if _text(cell):
                _sheet_text(ws, top + r, c + 1, _text(cell), bold=r == 0)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    for c, width in enumerate(widths):
        ws.column_dimensions["ABCDEFGHI"[c]].width = width
    return _save_xlsx(wb, stem)


def _between(text: str, start: str, end: str) -> str:
    return _cut(text, start, end)


# --- 1122 非煤矿山地下开采企业安全生产等级评定标准: 项目 | 评定内容 | (amount) | 实际得分 | 备注 ----------------------


def xlsx_1122() -> Path:
    """The title merged above a sheet with the source's header (the amount column prints none); 基础分项 and 调整分项
    merged down their rows, 减分项/加分项 as group rows merged across; bonus 2, split by the site's chunk marker
    `\\n2、`, made of its two pieces."""
    _, t = source_text("1122")
    ded = re.findall(r"(?<=[项\d-])(\d、[^-]+?)(-\d)", t[t.index("减分项") : t.index("小计")])
    bon_text = t[t.index("加分项") + 3 : t.rindex("小计")].replace("\n2、", "\n")
    bon = re.findall(r"(\d+、.+?)(\d)(?=\d+、|$)", bon_text, re.S)
    assert len(ded) == 7 and len(bon) == 13, (len(ded), len(bon))
    rows: list[list[Cell]] = [["项目", "评定内容", "", "实际得分", "备注"]]
    rows += [["基础分项", f"{k}级安全生产标准化", v, "", ""] for k, v in (("一", "90"), ("二", "80"), ("三", "70"))]
    rows += [["", "实际得分", "", "", ""], ["调整分项", "减分项", "", "", ""]]
    rows += [["", text, amount, "", ""] for text, amount in ded]
    rows += [["", "小计", "", "", ""], ["", "加分项", "", "", ""]]
    for text, amount in bon:
        cell: Cell = tuple(text.split("\n")) if "\n" in text else text
        rows.append(["", cell, amount, "", ""])
    rows += [["", "小计", "", "", ""], ["综合得分", "", "", "", ""], ["降级标准", "1、发生一般生产安全责任事故,级别", "", "", ""]]
    last_adjust = len(rows) - 3
    merges: list[Merge] = [(1, 0, 4, 0), (5, 0, last_adjust, 0), (5, 1, 5, 4), (14, 1, 14, 4)]
    assert rows[14][1] == "加分项"
    return _sheet("1122", "评定标准", ["非煤矿山地下开采企业安全生产等级评定标准"], rows, merges, (10, 60, 8, 10, 8))


# --- 1123 园区(镇街)住建部门防震减灾年度工作量化评价细则: 序号 | 评价指标 | 分值 | 评分标准 | 备注 ---------------------


def docx_1123() -> Path:
    """The attachment's title, then a Word table with the source's header; each row's numbered criteria on separate
    lines of its 评分标准 cell; row 2 is cut by the page. The site's file details and notice list left out."""
    _, t = source_text("1123")
    b = lambda s, e: _between(t, s, e)  # noqa: E731

    def lines(segment: str) -> tuple[str, ...]:
        return tuple(p for p in re.split(r"(?=\(\d\))", segment) if p)

    rows: list[list[Cell]] = [
        ["序号", "评价指标", "分值", "评分标准", "备注"],
        ["1", "地震监测 方面情况", "4分", lines(b("(1)园区、镇街住建局是否协助 开展地震监测", "2震灾预防")), ""],
        ["2", "震灾预防 方面情况", "8分", lines(t[t.index("(1)园区、镇街住建局是否协助 参加") :].strip()), ""],
    ]
    return _word("1123", ["附件2-9园区(镇街)住建部门防震减灾年度工作量化评价细则"], rows, [], lines_in_cells=True, widths=(1.2, 2.5, 1.5, 10, 1.5))


# --- 1125 安全管理检查评分表: 序号 | 检查项目 (two columns) | 扣分标准 | 应得分数 | 扣减分数 | 实得分数 -----------------

ITEMS_1125 = ["安全生产责 任 制", "目标管理", "施工组织 设 计", "分部分项 工程安全 技术交底", "安全检查", "安全教育"]


def docx_1125() -> Path:
    """The form's title, then a Word table with the source's header (检查项目 merged over two columns); 保证项目 merged
    down rows 1-6; each row's deduction rules on separate lines of its 扣分标准 cell; the 小计 row (cut) left out."""
    _, t = source_text("1125")
    body = t[t.index("1 保 证 项 目 ") :]
    rows: list[list[Cell]] = [["序号", "检查项目", "", "扣 分 标 准", "应得分数", "扣减 分数", "实得 分数"]]
    for k, name in enumerate(ITEMS_1125, 1):
        start = body.index(name) + len(name)
        end = body.index(f" 10 {k + 1} " if k < 6 else " 10 小")
        rules = tuple(r for r in re.split(r"(?<=分) ", body[start:end].strip()))
        rows.append([str(k), "保 证 项 目" if k == 1 else "", name, rules, "10", "", ""])
    return _word(
        "1125", ["安全管理检查评分表"], rows, [(0, 1, 0, 2), (1, 1, 6, 1)], lines_in_cells=True, widths=(1.0, 1.2, 2.2, 9.0, 1.4, 1.4, 1.4)
    )


# --- 1126 基层应急管理工作目标考核标准: 序号 | 考核内容 | 考核标准 | 考核俪W (as stored) | 总分 -------------------------

GROUPS_1126 = [
    ("1", "机构建设", "2预案建设", [8, 4, 8]),
    ("2", "预案建设", "3救援队伍", [5, 10, 5]),
    ("3", "救援队伍 建 设", None, [4, 5, 3, 3, None]),
]


def docx_1126() -> Path:
    """The table's title, then a Word table with the source's header (its misread `考核俪W` kept); 序号, 考核内容 and
    总分 merged down each group; one row per criterion with its points; criterion 3(5) is cut by the page."""
    _, t = source_text("1126")
    rows: list[list[Cell]] = [["序号", "考核内容", "考核标准", "考核俪W", "总分"]]
    merges: list[Merge] = []
    for seq, name, end, points in GROUPS_1126:
        a = t.index(seq + name) + len(seq + name)
        segment = t[a : t.index(end) if end else len(t)].strip()
        parts = [p for p in re.split(r"(?=\(\d\))", segment) if p]
        assert len(parts) == len(points), (seq, len(parts))
        first = len(rows)
        for k, (part, p) in enumerate(zip(parts, points, strict=False), strict=False):
            suffix = "" if p is None else f"{p}分" + ("20分" if k == 0 else "")
            assert part.endswith(suffix), (part, suffix)
            criterion = re.sub(r"\s+", "", part[: len(part) - len(suffix)])
            rows.append(
                [seq if k == 0 else "", name if k == 0 else "", criterion, "" if p is None else f"{p}分",
                 "20分" if k == 0 else ""]
            )
        merges += [(first, 0, len(rows) - 1, 0), (first, 1, len(rows) - 1, 1), (first, 4, len(rows) - 1, 4)]
    return _word("1126", ["基层应急管理工作目标考核标准"], rows, merges, widths=(1.0, 2.2, 10.0, 1.6, 1.6))


# --- 1127 2011年度对各市局工作考核表: 考核项目 | 序号 | 分值 | 考核内容和评分标准 | 自评分 | 省局评分 | 总得分 ----------


def xlsx_1127() -> Path:
    """The end of 表一's 说明 lines, the table's title lines, then a sheet with the source's seven-column header; the
    group row `一、基本工作` merged across; row 2 is cut by the page."""
    _, t = source_text("1127")
    notes = t[: t.index("表二")].strip().split("\n")
    head = [*notes, "表二:2011年度对各市局工作考核表", "填报单位(盖章)", "(内陆市局)"]
    rules1 = _between(t, "1、认真贯彻浙政发", "\n|")
    rules2 = t[t.index("1、建立现代渔业园区") :].strip()
    rows: list[list[Cell]] = [
        ["考核项目", "序号", "分值", "考核内容和评分标准", "自评\n分", "省局\n评分", "总\n得分"],
        ["一、基本工作", "", "", "", "", "", ""],
        ["渔业生产\n安全监管*", "1", "30", rules1, "", "", ""],
        ["现代渔业园区建设", "2", "20", rules2, "", "", ""],
    ]
    return _sheet("1127", "考核表", head, rows, [(1, 0, 1, 6)], (16, 6, 6, 70, 6, 6, 6))


CHROME_1128 = ("扫一扫在手机端打开当前页面",)


def main() -> int:
    with_pdf = [
        FRESH.docx_paragraphs("1121"),
        docx_1123(),
        docx_1125(),
        FRESH.docx_paragraphs("1128", chrome=CHROME_1128),
    ]
    made = [
        *with_pdf,
        xlsx_1122(),
        docx_1126(),
        xlsx_1127(),
        FRESH.docx_paragraphs("1134"),
    ]
    pdf_only = [FRESH.docx_paragraphs("1131")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
