"""Build the .docx/.xlsx/.pdf renderings of helper w's unseen documents 1021-1036 (fixtures as code; ours, not the
offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen8/render_w.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_merge_down`, `_save_docx`, `_save_xlsx`, `finish`), as `../unseen7/render_m.py` does. Every cell
and paragraph is cut from the document's `.txt` and checked; every header cell is a header the source prints. A cell
that the document-sharing site split with one of its chunk markers ("\\n2、", "\\n3、") or with a stray fragment is
made of its pieces (each checked) joined without the marker. The scoring tables 1021, 1023, 1024 and 1027 become Word
TABLES (group cells merged down their rows, sub-group rows merged across), 1022, 1023 and 1025 Excel tables; the
reports 1028 and 1031 and the school's hazard report 1034 become paragraphs (1031 shipped as PDF only). Site chrome
(notice lists, footers, editor lines, related-article lists, comment tables) is left out. Each rendering's gold label
equals its `.txt` label except for `doc` (written here from the `.txt` label).
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
    prefix: str, head: list[str], rows: list[list[Cell]], merges: list[Merge], tail: list[str] = ()
) -> Path:
    """Paragraphs `head`, a Word table of `rows` (row 0 the header, bold) with `merges` merged, paragraphs `tail`."""
    stem, text = source_text(prefix)
    check_cut(text, [*head, *tail, *_pieces(rows)])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    table = _table(document, [[_text(c) for c in row] for row in rows])
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


# --- 1021 上海市养老机构消防安全标准化管理评分细则: 项目 | 序号 | 评分内容 | 评分标准 | 扣分 ------------------------


def docx_1021() -> Path:
    """Title, then a Word table with the source's header; 项目 `消防安全责任12分` merged down rows 1-5; row 6 (cut by
    the page) under `消防审批程序和建筑结构23分`, whose name the site split with its chunk marker `\\n3、`."""
    _, t = source_text("1021")
    b = lambda s, e: _between(t, s, e)  # noqa: E731
    rows: list[list[Cell]] = [
        ["项目", "序号", "评分内容", "评分标准", "扣分"],
        ["消防安全责任12分", "1", b("健全完善单位", "1.未确定"), b("1.未确定", "2明确专"), ""],
        ["", "2", b("明确专(兼)职", "未确定人员组织"), b("未确定人员组织", "3制定符合"), ""],
        [
            "",
            "3",
            b("制定符合本单位", "1.未制定消防工作计划"),
            (b("1.未制定消防工作计划", "\n2、传培训"), b("传培训等消防", "4属消防")),
            "",
        ],
        ["", "4", b("属消防重点单位", "1.未建立消防档案"), b("1.未建立消防档案", "5按规定"), ""],
        ["", "5", b("按规定建立志愿", "1.未建立志愿"), b("1.未建立志愿", "消防审"), ""],
        [
            ("消防审", b("批程序和建筑结构", "6养老")),
            "6",
            b("养老机构新建", "未依法办理"),
            t[t.index("未依法办理") :].strip(),
            "",
        ],
    ]
    return _word("1021", ["上海市养老机构消防安全标准化管理评分细则(试行)"], rows, [(1, 0, 5, 0)])


# --- 1022 重庆市交通运输企业评估细则: 类别 | 评估项目 | 评估内容 | 分值(分) | 评估标准 | 自评 | 初评 | 评定 | 否决 -------


def xlsx_1022() -> Path:
    """The scheme's title and part heading merged above a sheet with the source's nine-column header; the groups
    (一)/(二) in 类别, merged down their rows; the site's footer left out."""
    _, t = source_text("1022")
    b = lambda s, e: _between(t, s, e)  # noqa: E731
    head = [
        "重庆市交通运输企业第二批落实安全生产主体责任评估细则(行业要求)",
        "一、道路货物运输经营企业(不含道路危险货物运输企业)(400分)",
    ]
    rows: list[list[Cell]] = [
        ["类别", "评估项目", "评估内容", "分值(分)", "评估标准", "自评(分)", "初评(分)", "评定(分)", "否决"],
        [
            "(一)从业人员管理(100分)",
            "1.从业资格",
            b("驾驶人员应按照", "501."),
            "50",
            b("1. 不符合", "2.从业人员档案"),
            "",
            "",
            "",
            "",
        ],
        [
            "",
            "2.从业人员档案",
            b("建立健全从业人员管理档案", "50未建立"),
            "50",
            b("未建立档案", "(二)"),
            "",
            "",
            "",
            "",
        ],
        [
            "(二)企业经营管理(100分)",
            "1.保险",
            b("道路货物运输企业应当", "40有车辆"),
            "40",
            b("有车辆未按", "2.承包"),
            "",
            "",
            "",
            "",
        ],
        ["", "2.承包经营管理", b("企业应对承", "\nCopyright"), "", "", "", "", "", ""],
    ]
    return _sheet(
        "1022", "评估细则", head, rows, [(1, 0, 2, 0), (3, 0, 4, 0)], (16, 14, 50, 8, 40, 8, 8, 8, 6)
    )


# --- 1023 道路运输企业行业部分评估扣分标准: 类别 | 序号 | 评分指标 | 扣分 | 调整分 -----------------------------------


def _rows_1023() -> tuple[list[str], list[list[Cell]], list[Merge]]:
    _, t = source_text("1023")
    head = ["附件", "道路运输企业行业部分评估扣分标准"]
    rows: list[list[Cell]] = [["类别", "序号", "评分指标", "扣分", "调整分"]]
    merges: list[Merge] = []
    for line in t.split("\n")[3:]:
        cells = [c.strip() for c in line.split("|")]
        if line.startswith("从业人员管理"):
            continue
        if not cells[0].isdigit():  # a sub-project row (二、驾驶员考评30分), merged across the row
            rows.append(["", cells[0], "", "", ""])
            merges.append((len(rows) - 1, 1, len(rows) - 1, 4))
        elif len(cells) >= 4 and not cells[1].replace("-", "").isdigit():  # 序号 | 评分指标 | 扣分 | 调整分
            rows.append(["", cells[0], cells[1], cells[2], cells[3]])
        elif len(cells) >= 4:  # rows 4 and 11: the 评分指标 cell is not stored
            rows.append(["", cells[0], "", cells[1], cells[2]])
        else:  # row 16, cut by the page
            rows.append(["", cells[0], cells[1], "", ""])
    rows[1][0] = "从业人员管理 六个项目17项评估内容100分"
    merges.append((1, 0, len(rows) - 1, 0))
    return head, rows, merges


def docx_1023() -> Path:
    """Title lines, then a Word table with the source's header: 类别 merged down all rows, the sub-project rows
    (二、…五、) merged across the other columns, rows 4 and 11 without their 评分指标 (not stored)."""
    head, rows, merges = _rows_1023()
    return _word("1023", head, rows, merges)


def xlsx_1023() -> Path:
    """The same table as a sheet."""
    head, rows, merges = _rows_1023()
    return _sheet("1023", "扣分标准", head, rows, merges, (14, 6, 70, 8, 8))


# --- 1024 消防安全专项检查评分表: 序号 | 检查项目 | 检查内容与评分标准 | 标准分数 | 扣减分数 | 实得分数 --------------


def docx_1024() -> Path:
    """The table's title and a six-column Word table with the source's header; row 2 is cut by the page; the site's
    notice list left out."""
    _, t = source_text("1024")
    rows: list[list[Cell]] = [
        ["序号", "检查项目", "检查内容与评分标准", "标准分数", "扣减分数", "实得分数"],
        ["1", "消防管理组织、制度", _between(t, "有明确的组织机构", "\n5\n2"), "5", "", ""],
        ["2", "消防安全责任制", t[t.index("有逐级消防安全责任制") :].strip(), "", "", ""],
    ]
    return _word("1024", ["消防安全专项检查评分表"], rows, [])


# --- 1025 驾驶人员安全等级动态评价标准: 序号 | 一类指标 | 二类指标 | 评分标准 | 分值 ---------------------------------

SPLIT_1025 = [
    # 序号, 一类指标, 二类指标, 评分标准 (pieces), 分值
    ("1", "疲劳驾驶", "疲劳驾驶", ("连续驾驶时间超过4小时",), "每次-5分"),
    ("2", "超速", "短时间匝道一般超速", ("匝道连续40秒(含)-60秒超速在限速值20%(含)-50%",), "每次-2分"),
    ("3", "", "较长时间匝道一般超速", ("匝道连续60秒(含)-180秒超速在限速值20%(含)50%",), "每次-4分"),
    ("4", "", "长时间匝道一般超速", ("匝道连续180秒(含)以上超速在限速值20%(含)-50%",), "每次-6分"),
    ("5", "", "短时间匝道严重超速", ("匝道连续40秒(含)60秒超速在限速值50%", "(含)以上"), "每次-3分"),
    ("6", "", "较长时间匝道严重超速", ("匝道连续60秒(含)-180秒超速在限速值50%(含)以上",), "每次-6分"),
    ("7", "", "长时间匝道严重超速", ("匝道连续180秒(含)以上超速在限速值50%(含)以上",), "每次-9分"),
    ("8", "", "短时间主线一般超速", ("主线连续40秒(含)-60秒超速在限速值10%(含)-30%",), "每次-1分"),
    ("9", "", "较长时间主线一般超速", ("主线连续60秒(含)-180秒超速在限速值10%(含)-30%",), "每次-2分"),
    ("10", "", "长时间主线一般超速", ("主线连续180秒(含)以上超速在限速值10%(含)-30%",), ""),
]


def xlsx_1025() -> Path:
    """The title merged above a sheet with the source's header; 一类指标 `超速` merged down rows 2-10; row 5's stray
    `(含)以上` (stored after its 分值) put back into its 评分标准; row 10 is cut by the page (its 分值 not stored)."""
    _, t = source_text("1025")
    first = _between(t, "连续驾驶时间超过4小时", "每次-5分")
    rows: list[list[Cell]] = [["序号", "一类指标", "二类指标", "评分标准", "分值"]]
    for seq, kind, sub, criteria, points in SPLIT_1025:
        rows.append([seq, kind, sub, (first,) if seq == "1" else criteria, points])
    return _sheet(
        "1025",
        "动态评价标准",
        ["道路客运和危险货物运输驾驶人员安全等级动态评价标准"],
        rows,
        [(2, 1, 10, 1)],
        (6, 10, 22, 70, 10),
    )


# --- 1027 防震减灾绩效考评各县(区)任务分解责任表: 三级指标 | 分值 | 评分标准 | 评估数据采集来源 | 责任单位 ------------


def docx_1027() -> Path:
    """The attachment's two title lines, then a Word table with the source's header; 三级指标 `防震减灾` and its 分值
    merged down the four criteria rows; the last row is cut by the page."""
    _, t = source_text("1027")
    b = lambda s, e: _between(t, s, e).rstrip("|").strip()  # noqa: E731
    rows: list[list[Cell]] = [
        ["三级指标", "分值", "评分标准", "评估数据采集来源", "责任单位"],
        [
            "防震减灾",
            "10",
            b("落实领导责任", "| 各县(区)政府或"),
            b("各县(区)政府或本级", "| 各县(区)政府、县发改局"),
            "各县(区)政府、县发改局、地震局",
        ],
        [
            "",
            "",
            b("条件保障(2分)", "| 2010年"),
            b("2010年经费投入", "| 各县(区)政府、县财政局"),
            "各县(区)政府、县财政局",
        ],
        ["", "", b("开展监测活动", "| 9月1日前"), b("9月1日前上报", "| 各县(区)政府\n"), "各县(区)政府"],
        [
            "",
            "",
            b("建设工程抗震设防要求管理(3分)", "| ①当地"),
            t[t.index("①当地政务服务中心") :].strip(),
            "",
        ],
    ]
    head = ["附件2", "2011年度防震减灾绩效考评各县(区)任务分解责任表"]
    return _word("1027", head, rows, [(1, 0, 4, 0), (1, 1, 4, 1)])


CHROME_1028 = ("责任编辑:王渊", "本网首发", "丹阳视觉", "丹阳热点")
CHROME_1031 = ("网友 | 评论 | 评论时间 | ||||", "|")
CHROME_1034 = ("时间:2021-06-12 19:29:47 自查报告 我要投稿",)


def main() -> int:
    with_pdf = [
        docx_1021(),
        docx_1024(),
        FRESH.docx_paragraphs("1028", chrome=CHROME_1028),
    ]
    made = [
        *with_pdf,
        xlsx_1022(),
        docx_1023(),
        xlsx_1023(),
        xlsx_1025(),
        docx_1027(),
        FRESH.docx_paragraphs("1034", chrome=CHROME_1034, drop_after="【学校安全隐患自查报告】相关文章"),
    ]
    pdf_only = [FRESH.docx_paragraphs("1031", chrome=CHROME_1031)]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
