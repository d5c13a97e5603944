"""Build the .docx/.xlsx/.pdf renderings of helper U12's unseen documents 121-138 (fixtures as code; ours, not the
offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen6/render_l.py` (PDFs need LibreOffice).
Nothing is re-implemented here, as in `../unseen4/render_h.py`: `../unseen/render_b.py` is loaded with importlib, and
with it the helpers it loads itself (`../make_binaries.py` as `RB.BASE`: the cut check, PDFs, gold files;
`../fresh/make_binaries.py` as `RB.FRESH`: pages as paragraphs); `render_b`'s `word_table` and `sheet_table` make the
Word and Excel tables (a header row, group cells merged down their rows). Their folders are pointed at this folder.
Every cell and paragraph is cut from the document's `.txt` (the helpers check it); the header cells of 123, 131, 132
and 134 are the headers the source prints, those of 137 its field labels (and 序号). Paragraph renderings leave out only
the site lines listed in the `CHROME_*` tuples (breadcrumbs, sharing-site and platform lines), which carry no label.
Each rendering's gold label equals its `.txt` label except `doc` (written here too).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import docx

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold"


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RB: Any = _module(HERE.parent / "unseen" / "render_b.py", "unseen_render_b")
BASE: Any = RB.BASE
FRESH: Any = RB.FRESH
# every helper reads its source text from, and writes renderings and labels to, this folder
for module in (RB, BASE, FRESH, FRESH.BASE):
    module.DOCS, module.GOLD = DOCS, GOLD

Rows = list[list[str]]
Merges = list[tuple[int, int, int, int]]


def _lines(text: str, start: str, end: str | None = None) -> list[str]:
    """The non-empty stripped lines from the one starting with `start` up to (not including) the one starting with
    `end`."""
    lines = [line.strip() for line in text.split("\n")]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = (
        next(i for i, line in enumerate(lines) if i > first and line.startswith(end)) if end else len(lines)
    )
    return [line for line in lines[first:last] if line]


# --- 123 “等级平安校园”考核细则: a table stored one cell per line (the 项目 cells one character a line) --------------


def table_123(text: str) -> tuple[list[str], Rows, Merges]:
    """项目 | 分值 | 考核内容 | 评分标准(各分项的最低得分为0) | 评分方法 | 自评 | 考核, as the stored header prints them;
    a row per 项目 (组织领导 15, 制度建设 10, the second cut off where the stored text stops)."""
    before = ["“等级平安校园”考核细则", "学校:", "考核时间:"]
    head = ["项目", "分值", "考核内容", "评分标准(各分项的最低得分为0)", "评分方法", "自评", "考核"]
    one = _lines(text, "认真贯彻执行", "制")
    two = _lines(text, "平安建设。")
    rows: Rows = [
        head,
        ["组织领导", "15", "\n".join(one[:2]), "\n".join(one[2:4]), one[4], "", ""],
        ["制度建设", "10", "\n".join(two[:3]), "\n".join(two[3:5]), "", "", ""],
    ]
    return before, rows, []


def docx_123() -> Path:
    stem, text = BASE.source_text("123")
    before, rows, merges = table_123(text)
    return RB.word_table(stem, text, before, rows, merges)


def xlsx_123() -> Path:
    stem, text = BASE.source_text("123")
    before, rows, merges = table_123(text)
    return RB.sheet_table(stem, text, "考核细则", before, rows, merges)


# --- 131 田二小 安全检查记录: a table stored with "|" cell marks, 序号 and 检查项目 spanning several 检查内容 rows -------


def table_131(text: str) -> tuple[list[str], Rows, Merges]:
    """序号 | 检查项目 | 检查内容 | 检查结果 | 整改措施, as the stored header prints them; 序号 and 检查项目 merged down
    the rows of items 1 and 2 (three 检查内容 each); empty cells as stored (the stored empty row of item 2 dropped)."""
    before = ["田二小校舍及附属设施设备安全检查记录", "2024年2月25日"]
    rows: Rows = [
        ["序号", "检查项目", "检查内容", "检查结果", "整改措施"],
        [
            "1",
            "教学、办公及生活等建筑用房",
            "墙面、墙体是否完好",
            "橱窗宣传栏龙骨锈蚀严重,铝塑板损坏严重。",
            "已报修。",
        ],
        ["", "", "栏杆、扶手是否完好、牢固", "正常。", ""],
        ["", "", "门窗、玻璃是否完好、牢固", "六(5)班后窗户有一扇脱落。", "已修复。"],
        ["2", "消防", "消防通道是否畅通无阻挡", "正常。", ""],
        ["", "", "应急灯是否完好工作正常", "正常。", ""],
        ["", "", "灭火器是否能正常使用", "正常。", ""],
        ["3", "监控", "是否正常工作", "正常。", ""],
        [
            "4",
            "用电",
            "是否有裸露电线,电线有无老化,电器、 开关、插座等有无损坏",
            "五(6)、一(3)班、六(1)班日光灯管各损坏一个。",
            "已更换。",
        ],
        ["5", "路面、活动场地、运动场等", "是否存有安全隐患", "正常。", ""],
        ["6", "体育器材、旗杆等竖立物", "是否完好、牢固", "东边足球门有松动。", "已固定。"],
        ["7", "宣传栏、黑板等", "是否完好、牢固", "正常。", ""],
        ["8", "水路管网", "有无漏水、堵塞", "正常。", ""],
        ["9", "强弱电盒、触电保护装置、路面井盖", "是否完好、牢固", "正常。", ""],
        ["10", "校门、围墙、厕所、车库等附属设施", "是否完好、牢固、安全", "正常。", ""],
        ["11", "树木、绿植", "是否完好、牢固 、效果是否有待改善", "正常。", ""],
        ["12", "各功能室、专用教室等", "是否完好、正常使用", "正常。", ""],
    ]
    merges: Merges = [(1, 0, 3, 0), (1, 1, 3, 1), (4, 0, 6, 0), (4, 1, 6, 1)]
    return before, rows, merges


SIGNED_131 = "检查人:方杨 吴昊 王体雷 韦娜"


def docx_131() -> Path:
    """The record as a Word table between its title/date lines and the 检查人 line."""
    stem, text = BASE.source_text("131")
    before, rows, merges = table_131(text)
    BASE.check_cut(text, [SIGNED_131])
    out = RB.word_table(stem, text, before, rows, merges)
    document = docx.Document(str(out))
    document.add_paragraph(SIGNED_131)
    document.save(str(out))
    return out


def xlsx_131() -> Path:
    stem, text = BASE.source_text("131")
    before, rows, merges = table_131(text)
    return RB.sheet_table(stem, text, "检查记录", before + [SIGNED_131], rows, merges)


# --- 132 烟花爆竹经营(零售)单位安全审查得分表: a numbered table flattened into runs of text -----------------------


def table_132(text: str) -> tuple[list[str], Rows, Merges]:
    """序号 | 检查内容 | 标准得分 | 检查方法 | 检查情况 | 实得分, as the flattened header prints them; a row per numbered
    check (the site's chunk marker "2、" before row 4 left out), row 15 as far as the stored text goes ("定")."""
    before = ["烟花爆竹经营(零售)单位安全审查得分表", "单位名称:地址: 负责人:"]
    body = text.split("实得分", 1)[1].replace("\n2、", "")
    rows: Rows = [["序号", "检查内容", "标准得分", "检查方法", "检查情况", "实得分"]]
    for seq, check, points, method in re.findall(
        r"(\d+)(\D.*?。)(\d+)(现场查看|查考核合格证明|查文件|查记录)", body
    ):
        rows.append([seq, check, points, method, "", ""])
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 15)], rows
    rows.append(["15", "定", "", "", "", ""])
    return before, rows, []


def docx_132() -> Path:
    stem, text = BASE.source_text("132")
    before, rows, merges = table_132(text)
    return RB.word_table(stem, text, before, rows, merges)


def xlsx_132() -> Path:
    stem, text = BASE.source_text("132")
    before, rows, merges = table_132(text)
    return RB.sheet_table(stem, text, "得分表", before, rows, merges)


# --- 134 施工企业 安全生产管理制度考核表: a table stored one cell per line, with the site's pinyin glosses -----------


def table_134(text: str) -> tuple[list[str], Rows, Merges]:
    """序号 | 评分项目 | 评分标准 | 评分方法 | 应得分 | 扣减分 | 实得分, as the stored header prints them; a row per
    评分项目, its ● rules one a line in the 评分标准 cell; row 3 as far as the stored text goes."""
    before = ["施工企业安全生产主体(zhǔtǐ)责任考核表", "安全(ānquán)生产管理制度(zhìdù)考核表"]
    one = _lines(text, "●未按规定建立按恒产", "25")
    two = _lines(text, "●未按规定建立制度或制度不齐全", "20")
    three = _lines(text, "●未按规定建立制度,扣20分")
    rows: Rows = [
        ["序号", "评分项目", "评分标准", "评分方法", "应得分", "扣减分", "实得分"],
        ["1", "安全生产责任制度", "\n".join(one[:-1]), one[-1], "25", "", ""],
        ["2", "安全生产资金保障制度", "\n".join(two), "", "20", "", ""],
        ["3", "安全教育培训制度", "\n".join(three), "", "", "", ""],
    ]
    return before, rows, []


def xlsx_134() -> Path:
    stem, text = BASE.source_text("134")
    before, rows, merges = table_134(text)
    return RB.sheet_table(stem, text, "考核表", before, rows, merges)


# --- 137 伊春 exposure: four units, each with 单位名称/隐患情况/所属行业/责任部门/整改时限 lines ------------------------


def table_137(text: str) -> tuple[list[str], Rows, Merges]:
    """序号 | 单位名称 | 隐患情况 | 所属行业 | 责任部门 | 整改时限, the field labels the stored lines print (序号 is the
    header word the earlier parts use for a list with no header row); a row per unit, each cell the text after its
    label (unit 1's 隐患情况 with its continuation lines, the portal's "(资料图片)" among them, as stored)."""
    before = _lines(text, "为进一步做好伊春市", "1、单位名称")
    rows: Rows = [["序号", "单位名称", "隐患情况", "所属行业", "责任部门", "整改时限"]]
    for block in text.split("单位名称:")[1:]:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        fields = {"单位名称": lines[0]}
        label = ""
        for line in lines[1:]:
            if ":" in line and line.split(":", 1)[0] in ("隐患情况", "所属行业", "责任部门", "整改时限"):
                label, value = line.split(":", 1)
                fields[label] = value
            elif label == "隐患情况":
                fields[label] += "\n" + line
        rows.append([str(len(rows)), *(fields[key] for key in rows[0][1:])])
    return before, rows, []


def xlsx_137() -> Path:
    stem, text = BASE.source_text("137")
    before, rows, merges = table_137(text)
    return RB.sheet_table(stem, text, "隐患曝光", before, rows, merges)


CHROME_122 = ("您现在的位置:首页", "> 政务公开 > 政策文件 > 部门文件")
CHROME_127 = (
    "整理文档很辛苦,赏杯茶钱您下走!",
    "免费阅读已结束,点击下载阅读编辑剩下 ...",
    "阅读已结束,您可以下载文档离线阅读编辑",
    "资源描述",
)
CHROME_130 = (
    "数数",
    "创建于08-31",
    "阅读 583",
    "收藏TA",
    "需扫码在手机上打开",
    "文章后点击更新提醒",
    "文章由 美篇工作版 编辑制作",
    "投诉",
)


def main() -> int:
    made = [
        docx_123(),
        xlsx_123(),
        docx_131(),
        xlsx_131(),
        FRESH.docx_paragraphs("121"),
        FRESH.docx_paragraphs("122", chrome=CHROME_122),
        FRESH.docx_paragraphs("124"),
        FRESH.docx_paragraphs("127", chrome=CHROME_127),
        FRESH.docx_paragraphs("130", chrome=CHROME_130),
        docx_132(),
        xlsx_132(),
        xlsx_134(),
        FRESH.docx_paragraphs("133"),
        xlsx_137(),
        FRESH.docx_paragraphs("138"),
    ]
    # PDFs of 131 (its Word table), 121, 124, 130, 133 and 138 (their paragraph .docx)
    return BASE.finish(made, [made[2], made[4], made[6], made[8], made[12], made[14]], HERE)


if __name__ == "__main__":
    sys.exit(main())
