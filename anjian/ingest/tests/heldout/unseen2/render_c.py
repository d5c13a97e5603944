"""Build the .docx/.xlsx/.pdf renderings of unseen documents 602-613 of part C (fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen2/render_c.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_merge_down`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`). Every cell and
paragraph is cut from the document's `.txt` and checked; the only cells that are not are the header words of
tables made for lists that print no header row (`序号`, `存在问题`, shared with part A). Problem and task lists become
Word or Excel TABLES (group rows, merged responsibility cells); notices become paragraphs. Site chrome (the
document-sharing notices, the law database's 法宝 lines) is left out. Each rendering's gold label equals its `.txt`
label except for `doc` (written here from the `.txt` label).
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
_merge_down = RA._merge_down


def _items(prefix: str) -> list[dict[str, Any]]:
    """The labelled items of the document numbered `prefix` (their texts are cut from the .txt)."""
    stem, _ = source_text(prefix)
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    return list(gold["items"])


def _lines(text: str, start: str, end: str) -> list[str]:
    """The non-empty lines from the one starting with `start` up to (not including) the one starting with `end`."""
    lines = [line.strip() for line in text.split("\n")]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(i for i, line in enumerate(lines) if i > first and line.startswith(end))
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


# --- 602 冶金机械等行业专项整治: tasks 5-6 as paragraphs, 五、整治步骤 as a table of stages ---------------------


def docx_602() -> Path:
    """Tasks 5 and 6 as paragraphs, then 五、整治步骤 as a Word table 序号 | 整治步骤 (stage name and time over its
    paragraph in one cell), then the start of 六、工作要求."""
    stem, text = source_text("602")
    tasks = [_cut(text, "5.建立健全", " 6."), _cut(text, "6.建立健全", " 五、")]
    rows = [["序号", "整治步骤"]]
    for mark, end in (
        ("(一)", " (二)"),
        ("(二)", " (三)"),
        ("(三)", " (四)"),
        ("(四)", " (五)"),
        ("(五)", " 六、"),
    ):
        stage = _cut(text, mark, end).removeprefix(mark)
        name, body = stage.split(" ", 1)
        rows.append([mark, f"{name}\n{body.strip()}"])
    tail = [_cut(text, "六、工作要求", " (一)加强领导"), _cut(text, "(一)加强领导")]
    check_cut(text, tasks + ["五、整治步骤"] + [c for row in rows for c in row] + tail)
    document = docx.Document()
    for line in tasks + ["五、整治步骤"]:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


# --- 604 / 605 schools: 检查情况 with a numbered list of problems ------------------------------------------------


def _problems(prefix: str) -> list[list[str]]:
    return [[item["seq"].split("、")[1], item["problem"]] for item in _items(prefix)]


def _head_604(text: str) -> list[str]:
    opening = _lines(text, "2010年農", "……(新文秘")
    return opening + ["全隱患。"]


def docx_604() -> Path:
    """The 通报 as paragraphs (without the site's outline and member notices), 存在問題 as a Word table
    序号 | 存在問題."""
    stem, text = source_text("604")
    head = _head_604(text)
    rows = [["序号", "存在問題"], *_problems("604")]
    check_cut(text, head + ["二、存在問題"] + [c for row in rows for c in row])
    document = docx.Document()
    for line in head + ["二、存在問題"]:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


def xlsx_604() -> Path:
    """The same as a sheet: title, addressee and opening merged above the table 序号 | 存在問題."""
    stem, text = source_text("604")
    head = _head_604(text)
    rows = [["序号", "存在問題"], *_problems("604")]
    check_cut(text, head + [c for row in rows for c in row])
    return _save_xlsx(_sheet("检查情况通报", head, rows, (8, 90)), stem)


def _head_605(text: str) -> list[str]:
    return _lines(text, "##鄉", "……(新文秘") + _lines(text, "和學校的地理", "1、##")


def docx_605() -> Path:
    """The 汇报 as paragraphs (without the site's member notices), 四、存在的問題 as a Word table
    序号 | 存在的問題."""
    stem, text = source_text("605")
    head = _head_605(text)
    rows = [["序号", "存在的問題"], *_problems("605")]
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


def xlsx_605() -> Path:
    """The same as a sheet: the 汇报's opening merged above the table 序号 | 存在的問題."""
    stem, text = source_text("605")
    head = _head_605(text)
    rows = [["序号", "存在的問題"], *_problems("605")]
    check_cut(text, head + [c for row in rows for c in row])
    return _save_xlsx(_sheet("存在的问题", head, rows, (8, 90)), stem)


# --- 606 中心小学自查报告: five headed problems ------------------------------------------------------------------


def _rows_606(prefix: str = "606") -> tuple[list[list[str]], list[int]]:
    """Header row, then per problem a group row (number | heading) and a row with its paragraph."""
    rows, groups = [["序号", "存在问题"]], []
    for item in _items(prefix):
        heading, body = item["problem"].split("\n", 1)
        groups.append(len(rows))
        rows += [[item["seq"], heading.strip()], ["", body.strip()]]
    return rows, groups


def docx_606() -> Path:
    """The report as paragraphs with its problems as a Word table 序号 | 存在问题: a bold group row per heading, the
    paragraph below it; the site's list of related articles left out."""
    stem, text = source_text("606")
    head = _lines(text, "最新的中心小学安全自查报告", "一、伙房")[2:]
    tail = _lines(text, "具体要求", "【最新的")
    rows, groups = _rows_606()
    check_cut(text, head + tail + [c for row in rows for c in row])
    document = docx.Document()
    document.add_paragraph(_lines(text, "最新的中心小学安全自查报告", "时间")[0])
    for line in head:
        document.add_paragraph(line)
    table = _table(document, rows)
    for first in groups:
        for run in table.cell(first, 1).paragraphs[0].runs:
            run.bold = True
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def xlsx_606() -> Path:
    """The problems as a sheet: a bold group row per heading, its paragraph below (number merged down)."""
    stem, text = source_text("606")
    rows, groups = _rows_606()
    head = _lines(text, "最新的中心小学安全自查报告", "时间")[:1] + _lines(text, "区教体局安全科", "一、伙房")
    check_cut(text, head + [c for row in rows for c in row])
    wb = _sheet("自查报告", head, rows, (8, 90))
    ws = wb.active
    for first in groups:
        r = first + len(head) + 1
        _sheet_text(ws, r, 2, rows[first][1], bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
    return _save_xlsx(wb, stem)


# --- 608 运城 责任分解: tasks with one 责任单位 parenthetical -------------------------------------------------------

CHROME_608 = ("【法宝引证码】CLI.1.304262", "【时效性】尚未施行")


def _rows_608(text: str) -> tuple[list[str], list[list[str]], list[int], tuple[int, int]]:
    """Notice lines; table rows 序号 | 具体建设任务 | 责任单位 with group rows ((一), 1., 2.); the group-row indices;
    the first and last row of the (1)-(4) tasks sharing one 责任单位 cell."""
    notice = [line for line in _lines(text, "运城市人民政府办公厅关于", "(一)") if line not in CHROME_608]
    notice = notice[1:]  # the title is printed twice on the page
    units = _cut(text, "市直各有关单位、各县", ")\n2.")
    tasks = _items("608")
    rows = [
        ["序号", "具体建设任务", "责任单位"],
        ["(一)", "“一案三制”建设", ""],
        ["1.", "完善应急预案体系", ""],
    ]
    first = len(rows)
    for n, item in enumerate(tasks[:4], start=1):
        rows.append([f"({n})", item["measures"], units if n == 1 else ""])
    span = (first, len(rows) - 1)
    rows += [["2.", "健全应急管理体制和运行机制", ""], ["(1)", tasks[4]["measures"], ""]]
    return notice, rows, [1, 2, span[1] + 1], span


def docx_608() -> Path:
    """The notice as paragraphs, the tasks as a Word table 序号 | 具体建设任务 | 责任单位 with bold group rows and the
    one 责任单位 cell merged down over tasks (1)-(4)."""
    stem, text = source_text("608")
    notice, rows, groups, (first, last) = _rows_608(text)
    check_cut(text, notice + [c for row in rows for c in row])
    document = docx.Document()
    for line in notice:
        document.add_paragraph(line)
    table = _table(document, rows)
    for g in groups:
        for cell in table.rows[g].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    _merge_down(table, 2, first, last)
    return _save_docx(document, stem)


def xlsx_608() -> Path:
    """The same table in a sheet under the notice's heading lines, 责任单位 merged down over tasks (1)-(4)."""
    stem, text = source_text("608")
    notice, rows, groups, (first, last) = _rows_608(text)
    head = [
        notice[0],
        "2017年4月13日",
        _lines(text, "运城市突发事件应急体系建设“十三五”规划责任分解", "为提高")[0],
    ]
    check_cut(text, head + [c for row in rows for c in row])
    wb = _sheet("责任分解", head, rows, (8, 80, 30))
    ws = wb.active
    for g in groups:
        for c, value in enumerate(rows[g], start=1):
            if value:
                _sheet_text(ws, g + len(head) + 1, c, value, bold=True)
    ws.merge_cells(
        start_row=first + len(head) + 1, start_column=3, end_row=last + len(head) + 1, end_column=3
    )
    return _save_xlsx(wb, stem)


# --- 616 徐庄镇: the 专项整治安排表 (stored flattened) as a real table ----------------------------------------------


def _parts_616(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """Notice and plan lines above the table, the table rows (header first), the lines below it."""
    head = _lines(text, "各行政村", "专项整治行业名称")
    body = _lines(text, "专项整治行业名称", "二、工作要求")
    rows = [[cell.strip() for cell in line.split("|")[:3]] for line in body]
    tail = _lines(text, "二、工作要求", "镇安委会办公室负责") + [_cut(text, "镇安委会办公室负责")]
    return head, rows, tail


def docx_616() -> Path:
    """The notice and plan as paragraphs, 一、专项整治安排表 as a Word table 专项整治行业名称 | 时间安排 | 责任单位."""
    stem, text = source_text("616")
    head, rows, tail = _parts_616(text)
    check_cut(text, head + [c for row in rows for c in row] + tail)
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def xlsx_616() -> Path:
    """The plan as a sheet: the notice lines merged above the table, the 工作要求 below it in column A."""
    stem, text = source_text("616")
    head, rows, tail = _parts_616(text)
    check_cut(text, head + [c for row in rows for c in row] + tail)
    wb = _sheet("专项整治安排表", head, rows, (34, 12, 30))
    ws = wb.active
    for r, line in enumerate(tail, start=len(head) + len(rows) + 2):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    return _save_xlsx(wb, stem)


# --- 617 火灾隐患 处理: rules grouped under three kinds of place ---------------------------------------------------


def docx_617() -> Path:
    """The rules as a Word table 序号 | 存在隐患: a merged bold group row per kind of place ((一)-(三)), then a row
    per numbered rule (its number, its text)."""
    stem, text = source_text("617")
    rows, groups = [["序号", "存在隐患"]], []
    for line in [line.strip() for line in text.split("\n") if line.strip()]:
        if line.startswith("("):
            groups.append(len(rows))
            rows.append([line, ""])
        else:
            number, body = line.split(".", 1)
            rows.append([number, body])
    check_cut(text, [c for row in rows for c in row])
    document = docx.Document()
    table = _table(document, rows)
    for g in groups:
        merged = table.cell(g, 0).merge(table.cell(g, 1))
        merged.text = rows[g][0]
        for run in merged.paragraphs[0].runs:
            run.bold = True
    return _save_docx(document, stem)


def main() -> int:
    with_pdf = [
        docx_602(),
        docx_604(),
        FRESH.docx_paragraphs("607"),
        docx_608(),
        FRESH.docx_paragraphs("613"),
        docx_616(),
        docx_617(),
    ]
    made = [*with_pdf, xlsx_604(), docx_605(), xlsx_605(), docx_606(), xlsx_606(), xlsx_608(), xlsx_616()]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
