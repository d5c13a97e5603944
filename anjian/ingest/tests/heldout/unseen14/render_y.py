"""Build the .docx/.xlsx/.pdf renderings of helper y's unseen documents 1621-1637 (fixtures as code; ours, not the
offices').

Run from the repository root: `.venv/bin/python anjian/ingest/tests/heldout/unseen14/render_y.py` (PDFs need
LibreOffice). It loads `../unseen13/render_y.py` by import (which loads `../unseen12/render_w.py` and through it
`../unseen11/render_u.py`, `../unseen10/render_s.py`, `../unseen/render_a.py`, `../fresh/make_binaries.py` and
`../make_binaries.py`), points all of them at this folder and reuses their helpers (`source_text`, `_cut`, `_word`,
`_sheet`, `docx_paragraphs`, `finish`); no helper code is copied. Every cell and paragraph is cut from the document's
`.txt` and checked by those helpers (a cell that the sharing site split with its chunk mark "\\n2、" is made of its
pieces, each checked, joined without the mark); every header cell is a header word the source prints (run together in
the flattened tables). The 文明交通星级社区 scoring table 1622 and the 港口危险货物码头 scoring table 1625 become Excel
sheets; the 吉林 小型水库 scoring table 1624 a Word table and a PDF of it; the 湖州 交通安全社区 page 1623 Word
paragraphs and a PDF of them; the 应急管理部 story 1631 Word paragraphs only; the county 打非治违 report 1635 a PDF only
(from a paragraph .docx not shipped). Site chrome left out of the renderings: the sharing sites' title, page-image,
download and copyright lines and chunk marks (1622, 1624, 1625), the law database's header line (1623), the news
site's 热点 breadcrumb (1631); the empty 得分/备注/考评评价 columns are left out of the tables. Each rendering's gold
label equals its `.txt` label except for `doc` (written here from the `.txt` label).
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


# `../unseen13/render_y.py` and the modules it loads, all pointed at this folder.
Y13: Any = _load(HERE.parent / "unseen13" / "render_y.py", "unseen13_render_y")
W: Any = Y13.W
U: Any = Y13.U
S: Any = Y13.S
RA: Any = Y13.RA
FRESH: Any = Y13.FRESH
BASE: Any = Y13.BASE
for _module in (Y13, W, U, S, RA, FRESH, BASE):
    _module.DOCS, _module.GOLD = DOCS, GOLD

source_text = FRESH.source_text
_cut = RA._cut
_word = S._word
_sheet = S._sheet
Cell = str | tuple[str, ...]
Merge = tuple[int, int, int, int]


# --- 1622 市中心城区文明交通星级社区考核标准: 类别 | 创建要求 | 分值 | 评分标准, as an Excel sheet -------------------------


def xlsx_1622() -> Path:
    """The title merged above a sheet with the source's header words (the empty 得分 column left out); the category
    基础工作(25分) merged down its six requirements, each with its points and scoring rule; the last rule is cut by the
    site ("视整..."). The site's 返回/时间/登录 lines are left out."""
    _, t = source_text("1622")
    rows: list[list[Cell]] = [
        ["类别", "创建要求", "分值", "评分标准"],
        [_cut(t, "基 础 工 作", "1、成立"), _cut(t, "1、成立", "2未成立"), "2", _cut(t, "未成立不得分", "2、有具体")],
        ["", _cut(t, "2、有具体", "2未制定"), "2", _cut(t, "未制定不得分", "3、配备")],
        ["", _cut(t, "3、配备", "2人员未"), "2", _cut(t, "人员未配备", "4、交通")],
        ["", _cut(t, "4、交通安全员", "4根据"), "4", _cut(t, "根据相关工作", "5、建立")],
        ["", _cut(t, "5、建立了", "5未建立"), "5", _cut(t, "未建立台账", "6、按照")],
        ["", _cut(t, "6、按照", "5未开展"), "5", _cut(t, "未开展非法", "\n")],
    ]
    merges: list[Merge] = [(1, 0, 6, 0)]
    return _sheet("1622", "考核标准", ["市中心城区文明交通星级社区考核标准"], rows, merges, (14, 60, 6, 44))


# --- 1624 吉林省小型水库工程管理考核标准: 类别 | 项目 | 考核内容 | 标准分 | 赋分原则, as a Word table ---------------------


def docx_1624() -> Path:
    """The title, then a Word table with the source's header words (the empty 备注 column left out): 一、组织管理(150分)
    merged down its four rows, each row's 项目, 考核内容, 标准分 and 赋分原则 in their own cells (row 2's 赋分原则 made of
    the two pieces the site's chunk mark "2、" splits); 二、安全管理(400分) holds only row 5, cut by the page. The
    sharing site's page-image, download and copyright lines are left out."""
    _, t = source_text("1624")
    rows: list[list[Cell]] = [
        ["类别", "项 目", "考 核 内 容", "标准分", "赋 分 原 则"],
        [
            "一、组织管理(150分)",
            "1、管理体制及机构设置、人员配备",
            _cut(t, "管理体制顺畅", "40管理"),
            "40",
            _cut(t, "管理体制不顺畅", "2、规章"),
        ],
        [
            "",
            "2、规章制度",
            _cut(t, "建立、健全各项", "40规章"),
            "40",
            (_cut(t, "规章制度不健全", "\n"), _cut(t, "度执行效果差", "3、档案")),
        ],
        ["", "3、档案管理", _cut(t, "档案有专人管理", "30无人"), "30", _cut(t, "无人管理的", "4、单位")],
        ["", "4、单位面貌", _cut(t, "庭院整洁", "40绿化"), "40", _cut(t, "绿化程度在本地区", "二、安全")],
        ["二、安全管理(400分)", "5、确权划界依法管护", _cut(t, "按照规定对水库"), "", ""],
    ]
    merges: list[Merge] = [(1, 0, 4, 0)]
    return _word("1624", ["吉林省小型水库工程管理考核标准"], rows, merges, widths=(2.6, 3.0, 5.6, 1.4, 5.4))


# --- 1625 港口危险货物码头企业安全生产达标考评指标: 考评内容 (two levels) | 考评要点 | 分值, as an Excel sheet ----------


def xlsx_1625() -> Path:
    """The title merged above a sheet with the source's header words (考评内容 over its two levels; the empty 考评评价/
    得分 columns left out), one row per 考评要点 with its points, the 一级 and 二级 headings merged down their rows; the
    安全管理机构 row made of the two pieces the site's chunk mark "2、" splits; the last row is cut by the page."""
    _, t = source_text("1625")
    rows: list[list[Cell]] = [
        ["考评内容", "", "考 评 要 点", "分值"],
        ["一、安全目标35分", "1.安全工作方针与目标", _cut(t, "制定企业安全生产方针", "5制定实现"), "5"],
        ["", "", _cut(t, "制定实现安全", "52.中长期"), "5"],
        ["", "2.中长期规划", _cut(t, "制订和实施", "53.年度"), "5"],
        ["", "3.年度计划", _cut(t, "根据中长期规划", "54.目标"), "5"],
        ["", "4.目标考核", _cut(t, "将安全生产管理指标", "5制定安全"), "5"],
        ["", "", _cut(t, "制定安全生产目标考核", "5定期"), "5"],
        ["", "", _cut(t, "定期考核年度", "5二、"), "5"],
        [
            "二、管理机构和人员40分",
            "1.安全管理机构",
            (_cut(t, "成立安全生", "\n"), _cut(t, "产委员会", "10按规定")),
            "10",
        ],
        ["", "", _cut(t, "按规定设置", "15定期"), "15"],
        ["", "", _cut(t, "定期召开安全生产委员会", "52.管理"), "5"],
        ["", "2.管理人员配备", _cut(t, "按规定足额", "10三、"), "10"],
        ["三、安全责任体系45分", "1.健全责任制", _cut(t, "企业主要负责人", "10主要"), "10"],
        ["", "", _cut(t, "主要负责人或实际控制人"), ""],
    ]
    merges: list[Merge] = [
        (0, 0, 0, 1),
        (1, 0, 7, 0),
        (8, 0, 11, 0),
        (12, 0, 13, 0),
        (1, 1, 2, 1),
        (5, 1, 7, 1),
        (8, 1, 10, 1),
        (12, 1, 13, 1),
    ]
    head = ["十二、港口危险货物码头企业安全生产达标考评指标"]
    return _sheet("1625", "考评指标", head, rows, merges, (16, 18, 70, 6))


CHROME_1623 = ("法搜网--中国法律信息搜索网",)
CHROME_1631 = ("热点", "您现在的位置:网站首页 > 热点")


def main() -> int:
    with_pdf = [docx_1624(), FRESH.docx_paragraphs("1623", chrome=CHROME_1623)]
    made = [*with_pdf, FRESH.docx_paragraphs("1631", chrome=CHROME_1631), xlsx_1622(), xlsx_1625()]
    pdf_only = [FRESH.docx_paragraphs("1635")]
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
