"""Build the .docx/.xlsx/.pdf renderings of helper s's unseen documents 1221-1234 (fixtures as code; ours, not the
offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen10/render_s.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_merge_down`, `_save_docx`, `_save_xlsx`, `_cut`, `finish`), as `../unseen9/render_y.py` does
(its `_word` and `_sheet` are copied here). Every cell and paragraph is cut from the document's `.txt` and checked;
every header cell is a header the source prints, except blank header cells over columns the source prints without a
header (1223's row numbers). A cell that the document-sharing site split with its chunk marker ("\\n2、") is made of
its pieces (each checked) joined without the marker. The scoring tables 1221, 1222 and 1223 become Word TABLES with
the source's header, 1226 (a page that prints no header) a Word table without a header row; 1224 and 1228 become
Excel tables; the reports 1229 and 1232 become paragraphs, the report 1231 a PDF only. Site chrome (breadcrumbs,
share and print lines, the sharing sites' notice lists) is left out of the renderings; the metadata lines that print
a document's date are kept. Each rendering's gold label equals its `.txt` label except for `doc` (written here from
the `.txt` label).
"""

from __future__ import annotations

import importlib.util
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

Cell = str | tuple[str, ...]  # a cell, or the pieces of a cell (its lines, or the pieces split by a chunk marker)
Merge = tuple[int, int, int, int]  # r0, c0, r1, c1 (rows counted from the table's first row)


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
    header: bool = True,
) -> Path:
    """Paragraphs `head`, a Word table of `rows` (row 0 the header, bold, when `header`) with `merges` merged,
    paragraphs `tail`; with `lines_in_cells` the pieces of a cell are its lines, else the pieces of one split cell."""
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
    if header:
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


# --- 1221 抚州 2020年度县(区)政府应急管理综合考核日常评分标准: 考核项 | 考核内容 | 扣分情形 | 评分方式 | 评分单位 ----------


def docx_1221() -> Path:
    """The notice (title, addressee, body, signature, 印发 line) and the attachment's title as paragraphs, then a Word
    table with the source's header; 应急责任(11分) merged down its two rows; row 2 is cut by the page. The site's
    breadcrumb and 发布日期 line left out."""
    _, t = source_text("1221")
    b = lambda s, e=None: _cut(t, s, e)  # noqa: E731
    head = [
        "抚州市安全生产委员会办公室关于印发2020年度应急管理综合考核日常评分标准的通知",
        "各县(区)人民政府、抚州高新区管委会、东临新区管委会、市直有关单位:",
        b("根据《江西省人民政府办公厅", "\n"),
        "抚州市安全生产委员会办公室",
        "2020年12月25日",
        b("抚州市安全生产委员会办公室       20201225日印发", "\n"),
        "2020年度县(区)政府应急管理综合考核日常评分标准",
    ]
    rows: list[list[Cell]] = [
        ["考核项", "考核内容", "扣分情形", "评分方式", "评分单位"],
        [("应急", "责任", "(11分)"), b("1.深入学习", "\n"), b("县(区)宣传、贯彻", "\n"), "根据日常督查检查情况评分。",
         "各有关单位分别评分。"],
        ["", b("2.健全防灾减灾", "\n"), b("(1)县(区)未及时调整"), "", ""],
    ]
    return _word("1221", head, rows, [(1, 0, 2, 0)], lines_in_cells=True, widths=(1.6, 6.5, 4.5, 2.4, 2.0))


# --- 1222 广西 《2006年至2008年消防重点建设目标》考核验收内容及标准: 序号 | 项目 | 分值 | 标准及要求 | 扣分标准 | 考核办法 | 得分


ROWS_1222 = [
    # (序号, 项目, 分值, the first words of 扣分标准, the first words of 考核办法)
    ("1", "消防规划编制", "10", "地级市未完成的", "查阅消防规划编制文本"),
    ("2", "消防通信指挥系统建设", "10", "每少一个系统", "听取政府工作汇报,实地检查"),
    ("3", "消防指挥中心和消防站建设", "20", "指挥中心未竣工的", "听取政府工作汇报,查阅消防指挥中心"),
    ("4", "消防车配备", "20", "每少一辆扣3分", "听取政府工作汇报,查阅购置消防车"),
    ("5", "普通消防站抢险救援器材配备", "10", "每个消防站每缺一种器材", "听取政府工作汇报,逐个对照"),
]


def docx_1222() -> Path:
    """The notice's title and the attachment's heading as paragraphs, then a Word table with the source's header
    (printed run together, split into its words); each flattened row split into its cells at the start of the
    deduction rule and of the check method; row 5 is cut by the page. The site's name line left out."""
    _, t = source_text("1222")
    head = [
        "广西壮族自治区人民政府办公厅关于印发2006年至2008年消防重点建设目标考核验收方案的通知",
        "附件2",
        "《2006年至2008年消防重点建设目标》考核验收内容及标准",
    ]
    rows: list[list[Cell]] = [["序号", "项目", "分值", "标准及要求", "扣分标准", "考核办法", "得分"]]
    for seq, name, points, rule, method in ROWS_1222:
        line = t[t.index(f"\n{seq}{name}{points}") + 1 :].split("\n")[0].strip()
        body = line[len(f"{seq}{name}{points}") :]
        a, c = body.index(rule), body.index(method)
        rows.append([seq, name, points, body[:a], body[a:c], body[c:].strip(), ""])
    return _word("1222", head, rows, [], widths=(1.0, 2.4, 1.0, 4.6, 4.6, 4.0, 1.0))


# --- 1223 晋中市中小学创建“平安校园”评估标准: 考核项目 | (no.) | 考核内容 | 分值 | 评分标准 | 得分 ------------------------


def docx_1223() -> Path:
    """The attachment's heading, title, date and 说明 as paragraphs, then a Word table with the source's header (the
    row numbers, printed without a header of their own, get a blank header cell); 组织领导 11分 merged down its two
    rows; row 2 is cut by the page. The site's notice list and its run-together title line left out."""
    _, t = source_text("1223")
    head = [
        "附件1",
        "晋中市中小学创建“平安校园”评估标准",
        "(试行)",
        "二○一二年七月",
        "说 明",
        _cut(t, "为指导和规范全市中小学", "\n"),
        _cut(t, "考核标准体系分一级指标", "\n"),
        "晋中市中小学创建“平安校园”评估标准",
    ]
    rows: list[list[Cell]] = [
        ["考核项目", "", "考 核 内 容", "分值", "评 分 标 准", "得分"],
        [("组织领导", "11分"), "1", _cut(t, "学校建立行政一把手", "\n"), "3", _cut(t, "安全岗位职责不明确", "\n"), ""],
        ["", "2", _cut(t, "学校党政年度安排工作"), "", "", ""],
    ]
    return _word("1223", head, rows, [(1, 0, 2, 0)], lines_in_cells=True, widths=(1.8, 0.8, 6.5, 1.2, 5.0, 1.2))


# --- 1224 道路危险货物运输企业质量信誉考核企业自评表: 项目及分值 | 考核内容 | 考核分数 | 评分标准 | 扣分 | 扣分原因 | 得分


ROWS_1224 = [
    # (group, 考核内容, 考核分数, the words that follow the row's 评分标准)
    ("运输安全(200分)", "交通责任事故率", "30分", "交通责任事故死亡率"),
    ("", "交通责任事故死亡率", "100分", "交通责任事故伤人率"),
    ("", "交通责任事故伤人率", "40分", "环境污染责任事故率"),
    ("", "环境污染责任事故率", "30分", "安全管理(200分)"),
    ("安全管理(200分)", "安全管理制度", "20分", "安全管理机构"),
    ("", "安全管理机构", "10分", "企业经营管理"),
]


def xlsx_1224() -> Path:
    """The form's title and its 单位/考核年度 line merged above a sheet with the source's header; 运输安全(200分) and
    安全管理(200分) merged down their rows; 企业经营管理's rules, split by the site's chunk marker `\\n2、`, made of its
    two pieces; the last rule is cut by the page."""
    _, t = source_text("1224")
    table = t[t.index("运输安全(200分)") :]
    rows: list[list[Cell]] = [["项目及分值", "考核内容", "考核分数", "评分标准", "扣分", "扣分原因", "得分"]]
    for group, name, points, following in ROWS_1224:
        at = table.index(name + points)
        rule = table[at + len(name + points) : table.index(following, at + len(name + points))]
        rows.append([group, name, points, rule, "", "", ""])
    rules = table[table.index("企业经营管理100分") + len("企业经营管理100分") :]
    first, second = rules.split("\n2、")
    rows.append(["", "企业经营管理", "100分", (first, second), "", "", ""])
    head = ["道路危险货物运输企业质量信誉考核企业自评表", "单位: 考核年度: 年"]
    return _sheet("1224", "自评表", head, rows, [(1, 0, 4, 0), (5, 0, 7, 0)], (12, 18, 9, 50, 6, 10, 6))


# --- 1226 职业健康 scheme, page 4: (考核内容 | 评分方法), no header printed on the page -----------------------------


def docx_1226() -> Path:
    """A Word table without a header row (the page prints none): one row per criterion, 考核内容 and 评分方法 as
    the page's "|" cells; 3.健康素养(15分) as a group row merged across; the last rule is cut by the page."""
    _, t = source_text("1226")
    rows: list[list[Cell]] = []
    for block in t.split("\n|\n"):
        lines = [line.lstrip("| ").strip() for line in block.split("\n") if line.strip("| ")]
        if lines[0].startswith("3.健康素养"):
            rows.append([lines[0], ""])
            lines = lines[1:]
        rows.append([lines[0], lines[1]])
    assert len(rows) == 8, len(rows)
    return _word("1226", [], rows, [(3, 0, 3, 1)], widths=(8.5, 8.5), header=False)


# --- 1228 辽宁省粮油仓储企业规范化管理考评标准: 序号 | 项目 | 指标 | 分值 | 基本要求 | 评分要点 --------------------------


ROWS_1228 = [
    # (序号, 项目, 指标, 分值, the first words of 评分要点, the words after the row)
    ("1", "基本条件", "基本条件", "10", "任何1项未达标", "2综合制度3"),
    ("2", "", "综合制度", "3", "缺少1项制度,扣1分", "3仓储管理制度3"),
    ("3", "", "仓储管理制度", "3", "缺少1项制度,扣1分", "4安全生产制度3"),
    ("4", "", "安全生产制度", "3", "缺少1项制度,扣1分", "5生产作业规程3"),
    ("5", "", "生产作业规程", "3", "缺少1项制度或规程", "6账务管理3"),
    ("6", "", "账务管理", "3", None, None),
]


def xlsx_1228() -> Path:
    """The scheme's title (from the page's breadcrumb) merged above a sheet with the source's header (printed run
    together, split into its words); each flattened row split into its cells at the start of its 评分要点; 项目 is
    printed for row 1 only; row 6 is cut by the page. The site's greeting left out."""
    _, t = source_text("1228")
    rows: list[list[Cell]] = [["序号", "项目", "指标", "分值", "基本要求", "评分要点"]]
    for seq, group, name, points, rule, following in ROWS_1228:
        start = f"{seq}{group}{name}{points}"
        at = t.index(start) + len(start)
        body = t[at : t.index(following, at)] if following else t[at:]
        a = body.index(rule) if rule else len(body)
        rows.append([seq, group, name, points, body[:a], body[a:]])
    return _sheet("1228", "考评标准", ["辽宁省粮油仓储企业规范化管理考评标准"], rows, [], (6, 10, 14, 6, 50, 50))


CHROME_1229: tuple[str, ...] = ()
CHROME_1231 = (
    "简体 繁体",
    "行业动态",
    "当前位置: 首页 > 行业动态 > 正文",
    "上一篇:我国养殖水产品占世界总产量60%以上 下一篇:农业农村部专家组调研武汉水产养殖全程机械化模式",
    "打印本页",
)
CHROME_1232 = ("首页>检索页>当前",)


def main() -> int:
    with_pdf = [
        docx_1221(),
        docx_1223(),
        FRESH.docx_paragraphs("1229", chrome=CHROME_1229),
        FRESH.docx_paragraphs("1232", chrome=CHROME_1232),
    ]
    made = [
        *with_pdf,
        docx_1222(),
        docx_1226(),
        xlsx_1224(),
        xlsx_1228(),
    ]
    pdf_only = [FRESH.docx_paragraphs("1231", chrome=CHROME_1231)]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
