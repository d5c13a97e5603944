"""Build the .docx/.xlsx/.pdf renderings of helper y's unseen documents 1521-1534 (fixtures as code; ours, not the
offices').

Run from the repository root: `.venv/bin/python anjian/ingest/tests/heldout/unseen13/render_y.py` (PDFs need
LibreOffice). It loads `../unseen12/render_w.py` by import (which loads `../unseen11/render_u.py` and through it
`../unseen10/render_s.py`, `../unseen/render_a.py`, `../fresh/make_binaries.py` and `../make_binaries.py`), points all
of them at this folder and reuses their helpers (`source_text`, `_cut`, `_word`, `_sheet`, `docx_paragraphs`,
`finish`); no helper code is copied. Every cell and paragraph is cut from the document's `.txt` and checked by those
helpers; every header cell is a header word the source prints (run together in the flattened table). The 平安校园
scheme 1521 becomes a Word table (section cell merged down its items, item and points in their own cells) and a PDF of
it; the 特种设备 scoring table 1523 and the 采煤 scoring table 1524 Excel sheets; the 宁夏 消防 story 1527 Word paragraphs
and a PDF of them, the 池州 report 1530 Word paragraphs only; the 永春 燃气 story 1532 and the 万盛 建筑工地 story 1534 PDFs
only (from paragraph .docx not shipped). Site chrome left out of the renderings: 1521's sharing-site title line, 1523's
and 1524's copyright and 文檔簡介 lines and the header rows the flattened tables repeat, 1527's 关键词/图文推荐 footer.
Each rendering's gold label equals its `.txt` label except for `doc` (written here from the `.txt` label).
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


# `../unseen12/render_w.py` and the modules it loads, all pointed at this folder.
W: Any = _load(HERE.parent / "unseen12" / "render_w.py", "unseen12_render_w")
U: Any = W.U
S: Any = W.S
RA: Any = W.RA
FRESH: Any = W.FRESH
BASE: Any = W.BASE
for _module in (W, U, S, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

source_text = FRESH.source_text
_cut = RA._cut
_word = S._word
_sheet = S._sheet
Cell = str | tuple[str, ...]
Merge = tuple[int, int, int, int]


def _line(text: str, start: str) -> str:
    """The rest of the line that holds `start` (unique in the text), from `start` on."""
    assert text.count(start) == 1, start
    return text[text.index(start) :].split("\n", 1)[0].strip()


# --- 1521 “平安校园”考评细则: section | item | points, as a Word table ------------------------------------------------


def docx_1521() -> Path:
    """The title, then a Word table without a header row (the page prints none): the section heading merged down its
    items, the numbered item (its further lines as lines of the cell) and its points, which the page prints at the
    start of the next line; the last item is cut by the page. The sharing site's title line is left out."""
    _, t = source_text("1521")
    rows: list[list[Cell]] = [
        ["一、组织领导:(6分)", _cut(t, "1、建立创建", "\n(2分)2、"), "(2分)"],
        ["", _line(t, "2、制定合理"), "(2分)"],
        ["", _line(t, "3、领导小组"), "(2分)"],
        ["二、基础建设:(24分)", _line(t, "1、校园能够"), "(1分)"],
        ["", (_line(t, "2、大门旁"), _line(t, "门卫治安室内要"), "室内设立报警电话。", "门卫治安室制度齐全。"), "(4分)"],
        ["", _line(t, "3、大门、校园"), "(3分)"],
        ["", (_line(t, "4、有专门的"), _line(t, "千人以下规模")), "(2分)"],
        ["", _line(t, "5、教学、生活"), "(2分)"],
        ["", ("6、无D级危房。", _line(t, "B、C级危房")), "(2分)"],
        ["", _line(t, "7、消防、防盗"), "(2分)"],
        ["", _line(t, "8、安全通道"), "(3分)"],
        ["", _line(t, "9、化学实验"), "(1分)"],
        ["", _line(t, "10、供水"), "(1分)"],
        ["", _line(t, "11、校园周围"), "(1分)"],
        ["", _line(t, "12、按照学生卫"), ""],
    ]
    merges: list[Merge] = [(0, 0, 2, 0), (3, 0, 14, 0)]
    return _word("1521", ["“平安校园”考评细则"], rows, merges, lines_in_cells=True, widths=(3.5, 11, 1.8), header=False)


# --- 1523 特種設備安全監察工作目標責任考核評分表: 項目 | 目標 | 考評內容 | 分值 | 檢查方法 | 評分標準 -------------------


def xlsx_1523() -> Path:
    """The attachment line, title and issuing-office line merged above a sheet with the source's header words (the empty
    考評結果/備注 columns left out); 項目 1 merged down its three rows, its 目標 建立安全領導小組 over the first two; the
    numbered rules stay in one 評分標準 cell; 項目 2 holds only the start of row 2.1, cut by the page. The repeated
    header row and the sharing site's lines are left out."""
    _, t = source_text("1523")
    head = ["附件1", _cut(t, "特種設(shè)備安全監(jiān)察", "質(zhì)量技術(shù)"), "質(zhì)量技術(shù)監(jiān)督局"]
    rows: list[list[Cell]] = [
        ["項目", "目標(biāo)", "考評內(nèi)容", "分值", "檢查方法", "評分標(biāo)準(zhǔn)"],
        [
            _cut(t, "1、動態(tài)", "建立安全領(lǐng)"),
            _cut(t, "建立安全領(lǐng)", "領(lǐng)導(dǎo)小組5"),
            "領(lǐng)導(dǎo)小組",
            "5",
            "查文件資料",
            _cut(t, "1、成立或", "人員到崗3"),
        ],
        ["", "", "人員到崗", "3", _cut(t, "聽匯報,查文件", "1、配備"), _cut(t, "1、配備", "信息準(zhǔn)確")],
        [
            "",
            "信息準(zhǔn)確反映快捷",
            "數(shù)據(jù)庫管理",
            "8",
            _cut(t, "聽匯報,查數(shù)據(jù)庫", "數(shù)據(jù)及時"),
            _cut(t, "數(shù)據(jù)及時", "項目目標(biāo)"),
        ],
        [_cut(t, "2、管理工作", "2.1"), "", _cut(t, "2.1分別"), "", "", ""],
    ]
    merges: list[Merge] = [(1, 0, 3, 0), (1, 1, 2, 1)]
    return _sheet("1523", "考核評分表", head, rows, merges, (16, 14, 12, 6, 18, 60))


# --- 1524 采煤安全質量標準化評分表: 檢查項目 | 項目質量標準 | 標準分 | 檢查評分方法 -----------------------------------


def xlsx_1524() -> Path:
    """The table's title merged above a sheet with the source's header words (the empty 實際得分 column left out), the
    overall standard as a row, then a row per numbered standard with its points and scoring method, the 檢查項目 merged
    down its rows; the 煤壁 row is cut by the page. The repeated header row and the sharing site's lines are left out."""
    _, t = source_text("1524")
    rows: list[list[Cell]] = [
        ["檢查項(xiàng)目", "項(xiàng)目質(zhì)量標(biāo)準(zhǔn)", "標(biāo)準(zhǔn)分", "檢查評(píng)分方法"],
        ["", _cut(t, "總的標(biāo)準(zhǔn)是", "總分100分"), "總分100分", _cut(t, "采煤面現(xiàn)場(chǎng)", "一、采面")],
        [_cut(t, "一、采面", "1采面支架"), _cut(t, "1采面支架", "4拉線"), "4", _cut(t, "拉線檢查", "2排距")],
        ["", _cut(t, "2排距", "5均勻選5"), "5", _cut(t, "均勻選5", "3支柱")],
        ["", _cut(t, "3支柱", "2均勻選2"), "2", _cut(t, "均勻選2", "4有不低于")],
        ["", _cut(t, "4有不低于", "2全面檢查"), "2", _cut(t, "全面檢查,數(shù)量", "5工作面")],
        ["", _cut(t, "5工作面", "5全面檢查"), "5", _cut(t, "全面檢查,出現(xiàn)", "檢查項(xiàng)目項(xiàng)目")],
        [_cut(t, "二、煤壁", "1煤壁"), _cut(t, "1煤壁采成"), "", ""],
    ]
    merges: list[Merge] = [(2, 0, 6, 0)]
    return _sheet("1524", "采煤評分表", ["采煤安全質(zhì)量標(biāo)準(zhǔn)化評(píng)分表"], rows, merges, (18, 60, 8, 48))


CHROME_1527 = ("关键词: 消防控制室 火灾隐患 消防救援", "图文推荐", "热门文字", "标签", "精彩赏析")


def main() -> int:
    with_pdf = [docx_1521(), FRESH.docx_paragraphs("1527", chrome=CHROME_1527)]
    made = [*with_pdf, FRESH.docx_paragraphs("1530"), xlsx_1523(), xlsx_1524()]
    pdf_only = [FRESH.docx_paragraphs("1532"), FRESH.docx_paragraphs("1534")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
