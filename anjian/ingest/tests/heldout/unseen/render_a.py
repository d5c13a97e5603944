"""Build the .docx/.xlsx/.pdf renderings of unseen documents 501-517 (fixtures as code; the renderings are ours).

Run from the repository root: `python anjian/ingest/tests/heldout/unseen/render_a.py` (PDFs need LibreOffice).
Made with the helpers of `../make_binaries.py` and `../fresh/make_binaries.py` (loaded by import, pointed at this
folder): every cell and paragraph is cut from the document's `.txt` (docs/), and the script checks it; only the
layout changes. Problem lists become Word or Excel TABLES (a merged group row or merged cells per place, kind or
section), notices become paragraphs. Site chrome above or below a document is left out of the renderings. Each
rendering's gold label equals its `.txt` label except for `doc` (written here too, from the `.txt` label).
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


# fresh/make_binaries.py loads ../make_binaries.py as its BASE; both are pointed at this folder
FRESH: Any = _load(HERE.parent / "fresh" / "make_binaries.py", "fresh_make_binaries")
BASE: Any = FRESH.BASE
FRESH.DOCS, FRESH.GOLD = DOCS, GOLD
BASE.DOCS, BASE.GOLD = DOCS, GOLD

# Header words of tables made for lists that print no header row of their own (layout, not content): the only
# cells not cut from the text. `check_labels.HEADERS` repeats them for the PDF check.
HEADERS = {"序号", "单位名称", "存在隐患", "存在问题", "地区"}
FRESH.HEADERS = FRESH.HEADERS | HEADERS

_table = BASE._table
_sheet_text = BASE._sheet_text
source_text = FRESH.source_text
check_cut = FRESH.check_cut
_save_docx = FRESH._save_docx


def _cut(text: str, start: str, end: str | None = None) -> str:
    """The text from `start` up to (not including) `end`, stripped."""
    a = text.index(start)
    return (text[a : text.index(end, a + len(start))] if end else text[a:]).strip()


def _merge_down(table: docx.table.Table, col: int, first: int, last: int) -> None:
    if last > first:
        keep = table.cell(first, col).text
        table.cell(first, col).merge(table.cell(last, col)).text = keep


def _save_xlsx(wb: openpyxl.Workbook, stem: str) -> Path:
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


# --- 501 高平: two units, each with an address, numbered hazards and one 处理结果 paragraph -------------------------


def _units_501(text: str) -> tuple[list[str], list[tuple[str, str, list[str], str]]]:
    head = [text.split("\n")[0], text.split("\n")[1]]
    units = []
    for block in re.split(r"\n(?=[一二]、)", text)[1:]:
        lines = block.split("\n")
        address = lines[1].removeprefix("单位地址:")
        problems = [line for line in lines if re.match(r"^\d\. ", line)]
        result = lines[lines.index("处理结果:") + 1]
        units.append((lines[0], address, problems, result))
    return head, units


def _rows_501(units: list[tuple[str, str, list[str], str]]) -> tuple[list[list[str]], list[tuple[int, int]]]:
    rows = [["单位名称", "单位地址", "序号", "存在隐患", "处理结果"]]
    spans = []
    for name, address, problems, result in units:
        spans.append((len(rows), len(rows) + len(problems) - 1))
        for i, problem in enumerate(problems):
            number, hazard = problem.split(" ", 1)
            first = i == 0
            rows.append(
                [name if first else "", address if first else "", number, hazard, result if first else ""]
            )
    return rows, spans


def docx_501() -> Path:
    """The exposure as a Word table 单位名称 | 单位地址 | 序号 | 存在隐患 | 处理结果, unit, address and result merged
    down each unit's hazards."""
    stem, text = source_text("501")
    head, units = _units_501(text)
    rows, spans = _rows_501(units)
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    table = _table(document, rows)
    for first, last in spans:
        for col in (0, 1, 4):
            _merge_down(table, col, first, last)
    return _save_docx(document, stem)


def xlsx_501() -> Path:
    """The same table in a sheet, the title and opening merged above it."""
    stem, text = source_text("501")
    head, units = _units_501(text)
    rows, spans = _rows_501(units)
    check_cut(text, head + [c for row in rows for c in row])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "火灾隐患单位"
    for r, line in enumerate(head, start=1):
        _sheet_text(ws, r, 1, line, bold=r == 1)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            if value:
                _sheet_text(ws, r, c, value, bold=r == 3)
    for first, last in spans:
        for col in (1, 2, 5):
            if last > first:
                ws.merge_cells(start_row=first + 3, start_column=col, end_row=last + 3, end_column=col)
    return _save_xlsx(wb, stem)


# --- 502 黄石: numbered blocks 01-06, each a unit with its hazards ------------------------------------------------


def _blocks_502(text: str) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    parts = re.split(r"\n(?=0\d\n)", text)
    head = [line for line in parts[0].split("\n") if line and line != "(相关资料图)"]
    blocks = []
    for part in parts[1:]:
        lines = part.split("\n")
        end = lines.index("隐患险于明火") if "隐患险于明火" in lines else len(lines)
        blocks.append((lines[0], lines[2], lines[4:end]))
    return head, blocks


def docx_502() -> Path:
    """The exposure as a Word table 序号 | 建筑(单位)名称 | 存在火灾隐患, number and name merged down each unit's
    hazards (kept with their own numbers)."""
    stem, text = source_text("502")
    head, blocks = _blocks_502(text)
    rows = [["序号", "建筑(单位)名称", "存在火灾隐患"]]
    spans = []
    for number, name, hazards in blocks:
        spans.append((len(rows), len(rows) + len(hazards) - 1))
        rows += [
            [number if i == 0 else "", name if i == 0 else "", hazard] for i, hazard in enumerate(hazards)
        ]
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    document.add_paragraph("".join(head[:1]))
    document.add_paragraph("".join(head[4:]))
    table = _table(document, rows)
    for first, last in spans:
        for col in (0, 1):
            _merge_down(table, col, first, last)
    return _save_docx(document, stem)


def xlsx_502() -> Path:
    """The exposure as a sheet: a group row per numbered unit (number | name), then its hazards below the name."""
    stem, text = source_text("502")
    head, blocks = _blocks_502(text)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "火灾隐患单位"
    _sheet_text(ws, 1, 1, head[0], bold=True)
    ws.merge_cells("A1:B1")
    _sheet_text(ws, 2, 1, "序号", bold=True)
    _sheet_text(ws, 2, 2, "存在火灾隐患", bold=True)
    row = 3
    cells = [head[0], "存在火灾隐患"]
    for number, name, hazards in blocks:
        _sheet_text(ws, row, 1, number, bold=True)
        _sheet_text(ws, row, 2, name, bold=True)
        row += 1
        for hazard in hazards:
            _sheet_text(ws, row, 2, hazard)
            row += 1
        cells += [number, name, *hazards]
    check_cut(text, cells)
    return _save_xlsx(wb, stem)


# --- 503 黄岩: kinds 01-05, units 一、二、 with address and inline numbered hazards --------------------------------


def docx_503() -> Path:
    """The exposure as a Word table 序号 | 单位名称 | 地址 | 隐患问题 with a merged group row per kind of place."""
    stem, text = source_text("503")
    lines = text.split("\n")
    rows: list[list[str] | str] = [["序号", "单位名称", "地址", "隐患问题"]]
    for i, line in enumerate(lines):
        if re.match(r"^0\d", line):
            rows.append(line)
        unit = re.match(r"^([一二])、(.+)$", line)
        if unit:
            address = lines[i + 1].removeprefix("地址:")
            hazards = lines[i + 2].removeprefix("隐患问题:")
            rows.append([unit.group(1) + "、", unit.group(2), address, hazards])
    check_cut(text, [lines[0]] + [c for row in rows for c in ([row] if isinstance(row, str) else row)])
    document = docx.Document()
    document.add_paragraph(lines[0])
    grid = [row if isinstance(row, list) else [row, "", "", ""] for row in rows]
    table = _table(document, grid)
    for r, row in enumerate(rows):
        if isinstance(row, str):
            table.cell(r, 0).merge(table.cell(r, 3)).text = row
    return _save_docx(document, stem)


# --- 504 舟山: numbered districts, two units each, one hazard per unit --------------------------------------------


def xlsx_504() -> Path:
    """The exposure as a sheet 序号 | 地区 | 隐患单位 | 存在隐患, number and district merged down their two units."""
    stem, text = source_text("504")
    intro = [_cut(text, "隐患险于明火", "\n"), _cut(text, "舟山市消防救援支队以", "\n")]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "隐患曝光"
    for r, line in enumerate(intro, start=1):
        _sheet_text(ws, r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    for c, value in enumerate(("序号", "地区", "隐患单位", "存在隐患"), start=1):
        _sheet_text(ws, 3, c, value, bold=True)
    row = 4
    cells = [*intro, "隐患单位", "存在隐患"]
    for number, district, body in re.findall(r"\n(0\d)\n(【.+?】)\n(.+?)(?=\n0\d\n|\n如何举报)", text, re.S):
        units = re.findall(r"隐患单位\n(.+)\n存在隐患:(.+)", body)
        _sheet_text(ws, row, 1, number)
        _sheet_text(ws, row, 2, district)
        for i, (unit, hazard) in enumerate(units):
            _sheet_text(ws, row + i, 3, unit)
            _sheet_text(ws, row + i, 4, hazard)
            cells += [unit, hazard]
        for col in (1, 2):
            ws.merge_cells(start_row=row, start_column=col, end_row=row + len(units) - 1, end_column=col)
        row += len(units)
        cells += [number, district]
    check_cut(text, cells)
    return _save_xlsx(wb, stem)


# --- 505 海北: counties, one unit each, numbered hazards ---------------------------------------------------------


def docx_505() -> Path:
    """The exposure as a Word table 地区 | 隐患单位 | 序号 | 存在隐患, county and unit merged down the hazards."""
    stem, text = source_text("505")
    lines = text.split("\n")
    rows = [["地区", "隐患单位", "序号", "存在隐患"]]
    spans = []
    for i, line in enumerate(lines):
        if line == "存在隐患:":
            county, unit = lines[i - 2], lines[i - 1]
            hazards: list[re.Match[str]] = []
            for following in lines[i + 1 :]:
                hazard = re.match(r"^(\d+)、(.+)$", following)
                if hazard is None:
                    break
                hazards.append(hazard)
            spans.append((len(rows), len(rows) + len(hazards) - 1))
            rows += [
                [county if k == 0 else "", unit if k == 0 else "", h.group(1), h.group(2)]
                for k, h in enumerate(hazards)
            ]
    check_cut(text, [lines[0]] + [c for row in rows for c in row])
    document = docx.Document()
    document.add_paragraph(lines[0])
    table = _table(document, rows)
    for first, last in spans:
        for col in (0, 1):
            _merge_down(table, col, first, last)
    return _save_docx(document, stem)


# --- 506 施工现场: problems under six numbered headings ------------------------------------------------------------


def xlsx_506() -> Path:
    """The problem list as a sheet: a merged group row per heading (一、场容场貌 …), then 序号 | 存在问题 rows."""
    stem, text = source_text("506")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "存在问题"
    _sheet_text(ws, 1, 1, "序号", bold=True)
    _sheet_text(ws, 1, 2, "存在问题", bold=True)
    cells = []
    for row, line in enumerate(text.strip().split("\n"), start=2):
        item = re.match(r"^(\d+)\.(.+)$", line)
        if item:
            _sheet_text(ws, row, 1, item.group(1))
            _sheet_text(ws, row, 2, item.group(2))
            cells += [item.group(1), item.group(2)]
        else:
            _sheet_text(ws, row, 1, line, bold=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            cells.append(line)
    check_cut(text, cells)
    return _save_xlsx(wb, stem)


# --- 507 斜店乡中心小学: problems by part of the campus, then numbered measures --------------------------------------


def docx_507() -> Path:
    """The school's report as its title and opening, a Word table 序号 | 存在问题 with a merged group row for the
    outside and the inside of the campus, and a table 序号 | 整改措施 (the sharing site's page markers stay where
    they fall inside a cell, as stored)."""
    stem, text = source_text("507")
    title = "斜店乡中心小学校园及周边平安隐患排 查整改报告"
    opening = _cut(text, "为减少、杜绝平安事故的发生", " 一、")
    outside = _cut(text, "校园外部排查 1、", " 校园内部排查").removeprefix("校园外部排查 ")
    inside = _cut(text, "校园内部排查 1、", " 二、整改措施").removeprefix("校园内部排查 ")
    measures = _cut(text, "二、整改措施: 1、").removeprefix("二、整改措施: ")

    def numbered(body: str) -> list[list[str]]:
        return [[n, t.strip()] for n, t in re.findall(r"(?:^| )(\d+)、(.+?)(?= \d+、|$)", body, re.S)]

    problems: list[list[str] | str] = [["序号", "存在问题"], "一、平安隐患问题:校园外部排查"]
    problems += numbered(outside)
    problems += ["校园内部排查", *numbered(inside)]
    actions = [["序号", "整改措施"], *numbered(measures)]
    pieces = [title, opening, "二、整改措施:"] + [
        c for row in problems + actions for c in ([row] if isinstance(row, str) else row)
    ]
    check_cut(text, pieces)
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(opening)
    table = _table(document, [row if isinstance(row, list) else [row, ""] for row in problems])
    for r, row in enumerate(problems):
        if isinstance(row, str):
            table.cell(r, 0).merge(table.cell(r, 1)).text = row
    document.add_paragraph("二、整改措施:")
    _table(document, actions)
    return _save_docx(document, stem)


# --- 509 萍开安办: the notice as paragraphs ------------------------------------------------------------------------


def docx_509() -> Path:
    """The 两会 notice as Word paragraphs: number, title, addressees, opening and one paragraph per requirement
    (the sharing notice above it is left out; requirement 1 keeps the page marker "2、" where the stored page breaks)."""
    stem, text = source_text("509")
    lines = [
        "萍开安办字20XX5号",
        "关于切实做好20XX年全国“两会”期间安全生产工作的通知",
        "区安委会成员单位、各社会工作管理局:",
        _cut(text, "全国“两会”召开在即", "1、持续强化"),
        _cut(text, "1、持续强化", "2、持续做好"),
        _cut(text, "2、持续做好", "3、加强安全"),
        _cut(text, "3、加强安全"),
    ]
    check_cut(text, lines)
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return _save_docx(document, stem)


CHROME_514 = ("乐雨", "收藏TA", "需扫码在手机上打开", "文章后点击更新提醒", "创建于02-07 阅读238")


def main() -> int:
    with_pdf = [docx_501(), docx_503(), docx_505(), docx_509()]
    made = [
        *with_pdf,
        xlsx_501(),
        docx_502(),
        xlsx_502(),
        xlsx_504(),
        xlsx_506(),
        docx_507(),
        FRESH.docx_paragraphs("514", chrome=CHROME_514),
    ]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
