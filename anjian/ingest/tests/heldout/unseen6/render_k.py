"""Build the .docx/.xlsx/.pdf renderings of unseen documents of part k (101-115; fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen6/render_k.py` (PDFs need LibreOffice).
It loads `../unseen/render_a.py` by import (which loads `../fresh/make_binaries.py` and `../make_binaries.py`), points
all three at this folder and reuses their helpers (`_table`, `_sheet_text`, `source_text`, `check_cut`,
`docx_paragraphs`, `_cut`, `_save_docx`, `_save_xlsx`, `pdf_from`, `write_gold`, `finish`), as `../unseen4/render_g.py`
does. Every cell and paragraph is cut from the document's `.txt` and checked; the only cell that is not is the header
word `序号` of tables made for lists that print no header row (shared with parts A, C, E and G). The school's
整改报告 101 becomes Word and Excel TABLES (a row per 隐患: 序号 | 隐患 | 整改措施), the construction-site exposure 109
an Excel table of its five problems (the forum's inserted character runs left out); the others become paragraphs.
Site chrome (breadcrumbs, page links, print/QR lines, footers) is left out. Each rendering's gold label equals its
`.txt` label except for `doc` (written here from the `.txt` label).
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
    """The non-empty lines from the one starting with `start` up to (not including) the one starting with `end`."""
    lines = [line.strip() for line in text.split("\n")]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = (
        next(i for i, line in enumerate(lines) if i > first and line.startswith(end)) if end else len(lines)
    )
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


# --- 101 南湖中学: five 隐患, each with its 整改措施 (the fifth's measure printed without the label) ---------------


def _parts_101(text: str) -> tuple[list[str], list[list[str]]]:
    head = _lines(text, "无锡市南湖中学安全隐患整改报告\n".strip(), "隐患1")[1:]
    rows = [["序号", "隐患", "整改措施"]]
    for item in _items("101"):
        rows.append([item["seq"], item["problem"], item["measures"]])
    return head, rows


def docx_101() -> Path:
    """The report's heading lines as paragraphs above a Word table 序号 | 隐患 | 整改措施, a row per 隐患 (the page's
    title line "…报告3.5" left out)."""
    stem, text = source_text("101")
    head, rows = _parts_101(text)
    check_cut(text, head + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


def xlsx_101() -> Path:
    """The same as a sheet: the heading lines merged above the table."""
    stem, text = source_text("101")
    head, rows = _parts_101(text)
    check_cut(text, head + [c for row in rows for c in row])
    return _save_xlsx(_sheet("整改报告", head, rows, (6, 40, 90)), stem)


# --- 109 广元 exposure: five numbered problems, the forum's inserted character runs left out ----------------------


def xlsx_109() -> Path:
    """The exposure as a sheet: its title and opening sentence merged above a table 序号 | 问题, a row per problem,
    and the closing sentence below it."""
    stem, text = source_text("109")
    head = [
        _cut(text, "曝光!广元建设发布", "4 I- x1"),
        _cut(text, "9月13日,市住房城乡建设局", "$ y6"),
    ]
    rows = [["序号", "问题"]] + [[item["seq"], item["problem"]] for item in _items("109")]
    tail = [_cut(text, "目前,已对该项目", "(来源:广元建设)")]
    check_cut(text, head + tail + [c for row in rows for c in row])
    wb = _sheet("问题", head, rows, (8, 90))
    ws = wb.active
    r = len(head) + len(rows) + 2
    _sheet_text(ws, r, 1, tail[0])
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    return _save_xlsx(wb, stem)


CHROME_102 = (
    "返回首页",
    "微文呈现 > 百科 > 经典方案 > 正文",
    "2025/08/25经典方案",
    "微文呈现整理的整治方案(精选4篇),汇集精品内容供参考,请您欣赏。",
)
CHROME_103 = (
    "精选整治方案范文汇编六篇",
    "为了确保事情或工作有序有力开展,常常需要提前制定一份优秀的方案,方案的内容多是上级对下级或涉及面比较大的工作,"
    "一般都用带“文件头”形式下发。方案应该怎么制定才好呢?以下是小编帮大家整理的整治方案6篇,希望对大家有所帮助。",
)
CHROME_104 = ("首页 > 珍爱生命 预防溺水", "weixin", "扫码关注", "官方微信公众号", "官方新浪微博", "官方抖音号")
CHROME_114 = (
    "】 【打 印】",
    "【 第1页 第2页 第3页 第4页 第5页 第6页 】",
    "扫描二维码访问中评网移动版 】 【打 印扫描二维码访问中评社微信",
    "相关新闻:",
)
CHROME_115 = (
    "主办:晋安区人民政府办公室承办:晋安区大数据服务中心联系电话:0591-83640512",
    "为确保最佳浏览效果,建议您使用以下浏览器版本:IE浏览器9.0版本及以上; Google Chrome浏览器 63版本及以上; "
    "360浏览器9.1版本及以上,且IE内核9.0及以上。",
)


def main() -> int:
    with_pdf = [
        docx_101(),
        FRESH.docx_paragraphs("104", chrome=CHROME_104),
        FRESH.docx_paragraphs("114", chrome=CHROME_114),
        FRESH.docx_paragraphs("115", chrome=CHROME_115),
    ]
    made = [
        *with_pdf,
        xlsx_101(),
        xlsx_109(),
        FRESH.docx_paragraphs("102", chrome=CHROME_102),
        FRESH.docx_paragraphs("103", chrome=CHROME_103),
        FRESH.docx_paragraphs("112"),
    ]
    return BASE.finish(made, with_pdf, HERE)


if __name__ == "__main__":
    sys.exit(main())
