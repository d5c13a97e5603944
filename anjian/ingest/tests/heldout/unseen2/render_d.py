"""Build the .docx/.xlsx/.pdf renderings of helper U4's unseen documents 621-638 (fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen2/render_d.py` (PDFs need LibreOffice).
Nothing is re-implemented here: `../unseen/render_b.py` is loaded with importlib, and with it the helpers it loads
itself (`../make_binaries.py` as `RB.BASE`: the cut check, PDFs, gold files; `../fresh/make_binaries.py` as `RB.FRESH`:
pages as paragraphs); `render_b`'s `word_table` and `sheet_table` make the Word and Excel tables (a header row, the
section cells merged down their rows). Their folders are pointed at this folder. Every cell and paragraph is cut from
the document's `.txt` (the helpers check it); where a site chunk marker ("\\n2、", "\\n3、") splits a cell, the cell is made
of the two pieces around it (each checked) and the marker is left out, as in part B. Header cells are the headers the
sources print (622, 623, 624, 626); the only header words not cut from the text are `render_b.HEADERS` (none used
here). Each rendering's gold label equals its `.txt` label except `doc` (written here too).
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

Cell = (
    str | tuple[str, ...]
)  # a cell, or the pieces of a cell split in the source by a site chunk marker (as render_b)


def _lines(text: str, start: str, end: str) -> list[str]:
    """The stored lines from the one equal to `start` up to (not including) the one equal to `end`."""
    lines = text.split("\n")
    i = lines.index(start)
    return lines[i : lines.index(end, i + 1)]


# 622: 建筑工程项目安全目标责任考核表, one cell per line in the source


def rows_622(text: str) -> list[list[Cell]]:
    """序号 | 目标责任制内容 | 标准分 | 考核细则 (its rules one per line) | 完成情况(扣 分) | 得分."""
    rows: list[list[Cell]] = [["序号", "目标责任制内容", "标准分", "考核细则", "完成情况(扣 分)", "得分"]]
    lines = text.split("\n")
    start = lines.index("得分") + 1
    end = lines.index("合计")
    body = lines[start:end]
    i = 0
    while i < len(body):
        seq, content, points = body[i], body[i + 1], body[i + 2]
        j = i + 3
        while j < len(body) and not (body[j].isdigit() and j + 2 < len(body) and body[j + 2].isdigit()):
            j += 1
        rows.append([seq, content, points, "\n".join(body[i + 3 : j]), "", ""])
        i = j
    rows.append(["合计", "", "", "", "", ""])
    return rows


def docx_622() -> Path:
    stem, text = BASE.source_text("622")
    before = ["建筑工程项目安全目标责任考核表", "考核部门: 考核部门/人: 考核时间: 年 月 日 得分: 分"]
    return RB.word_table(stem, text, before, rows_622(text), [])


def xlsx_622() -> Path:
    stem, text = BASE.source_text("622")
    return RB.sheet_table(stem, text, "考核表", ["建筑工程项目安全目标责任考核表"], rows_622(text), [])


# 623: 季度安全生产目标考核表, each row's 分值 run into the next row's number in the source


ROWS_623: list[tuple[str, str, list[tuple[str, Cell, str]]]] = [
    (
        "1",
        "全标安月50分",
        [
            ("1.1", "是否发生伤亡事故、重伤事故、一般以上火灾事故、一般以上交通事故等", "10"),
            ("1.2", "火灾事故直接经济损失是否超出企业下达指标", "10"),
            ("1.3", "设备事故直接经济损失是否超出企业下达指标", "10"),
            ("1.4", "轻伤事故(含中毒、窒息)是否超出企业下达指标", "10"),
            ("1.5", "职业病发生率是否超出企业下达指标", "5"),
            ("1.6", "环境污染事件直接经济损失是否超出企业下达指标", "5"),
        ],
    ),
    (
        "2",
        "全础理安基管15分",
        [
            ("2.1", "层层签订安全生产目标责任书,严格执行安全生产组织人员保证体系", "5"),
            ("2.2", "安全台账记录等基础资料齐全,记录真实完整", "2"),
            ("2.3", "各种计划、报表、总结上报及时", "3"),
            ("2.4", ("安全教育是", "否按规定开展"), "5"),
        ],
    ),
    (
        "3",
        "全查隐治安检和患理10分",
        [
            ("3.1", "按照规定的频次和项目要求进行安全检查,发现问题并及时整改,按规定上报", "5"),
            ("3.2", "对上级安全检查出的问题落实整改措施计划,按照规定时间进行整改", "3"),
            ("3.3", "对暂时不能整改的安全隐患,制定可靠的监控措施和应急方案", "2"),
        ],
    ),
    (
        "4",
        "场作全理现I业安管15分",
        [
            ("4.1", "严格执行做业管理制度,作业前进行风险评估,制定控制措施", "3"),
            ("4.2", "作业现场警示标志符合要求,配备必要的安全生产防护用品及消防设施器材", "3"),
            ("4.3", "严格执行操作规程,不违章指挥,违章操作,违反劳动纪律", "5"),
            ("4.4", "严格进行检修作业前的安全条件确认及作业完成后的安全验收,做到:工完、料尽、场地清", "4"),
        ],
    ),
    (
        "5",
        "职业卫生管理5分",
        [
            (
                "5.1",
                ("做到清洁文明生产,严", "防“跑、冒、滴、漏”,保证岗位职业有害因素监测合格率达到100%"),
                "2",
            ),
            ("5.2", "按要求组织职业健康查体", "2"),
            ("5.3", "按要求对职业卫生设施进行定期检查,落实专人维护保养", "1"),
        ],
    ),
    ("6", "应急管理5分", [("6.1", "", "")]),
]


def table_623() -> tuple[list[list[Cell]], list[tuple[int, int, int, int]]]:
    """序号 | 类别 (merged down its rows) | item number | 着重方面 | m (the source's 分值 header) | 考核情况."""
    rows: list[list[Cell]] = [["序号", "类别", "", "着重方面", "m", "考核情况"]]
    merges = []
    for seq, group, items in ROWS_623:
        top = len(rows)
        for k, (number, content, points) in enumerate(items):
            rows.append([seq if k == 0 else "", group if k == 0 else "", number, content, points, ""])
        if len(items) > 1:
            merges += [(top, 0, len(rows) - 1, 0), (top, 1, len(rows) - 1, 1)]
    return rows, merges


def docx_623() -> Path:
    stem, text = BASE.source_text("623")
    rows, merges = table_623()
    return RB.word_table(stem, text, ["季度安全生产目标考核表", "被考核部门:考核日期:年月日"], rows, merges)


def xlsx_623() -> Path:
    stem, text = BASE.source_text("623")
    rows, merges = table_623()
    return RB.sheet_table(stem, text, "季度考核表", ["季度安全生产目标考核表"], rows, merges)


# 624: 2018年全市“安全生产月”活动考核评分表, a Markdown-like table in the source


def table_624(text: str) -> tuple[list[list[Cell]], list[tuple[int, int, int, int]]]:
    """考核项目 (the one named group merged down its rows) | 考核标准 | 分值 | 评分方式 | 落实情况 | 考核得分: one row per
    stored line that has a 分值 cell, its cells as stored (the 小计分值 line included)."""
    rows: list[list[Cell]] = [["考核项目", "考核标准", "分值", "评分方式", "落实情况 (提供数据)", "考核得分"]]
    for line in text.split("\n"):
        cells = [c.strip() for c in line.split("|")]
        k = next((i for i, c in enumerate(cells) if c.isdigit()), None)
        if k is None or k == 0:
            continue
        group = cells[k - 2] if k >= 2 else ""
        rows.append([group, cells[k - 1], cells[k], cells[k + 1], cells[k + 2], ""])
    return rows, [(1, 0, 4, 0)]


def docx_624() -> Path:
    stem, text = BASE.source_text("624")
    rows, merges = table_624(text)
    return RB.word_table(stem, text, ["92018年全市“安全生产月”活动考核评分表", "考核单位:"], rows, merges)


def xlsx_624() -> Path:
    stem, text = BASE.source_text("624")
    rows, merges = table_624(text)
    return RB.sheet_table(stem, text, "考核评分表", ["92018年全市“安全生产月”活动考核评分表"], rows, merges)


# 626: the tail of one 考核评分标准 and 附件3 市级部门应急管理工作考核评分标准, one cell per line in the source


ROWS_626: list[list[Cell]] = [
    ["序号", "项 目", "内 容", "标准分", "评 分 标 准", "自测评分", "评审得分"],
    [
        "一",
        "组织体系建设情况(20分)",
        "应急管理机构",
        "10",
        "未明确分管领导的扣2分;未明确具体办事机构和专(兼)职人员的扣3分。",
        "",
        "",
    ],
    [
        "",
        "",
        "落实应急管理行政领导责任制情况",
        "10",
        "领导责任落实不到位的扣3分,造成不良影响和严重后果的一次扣5分。",
        "",
        "",
    ],
    [
        "二",
        "应急预案体系建设情况(15分)",
        "应急预案编修",
        "10",
        "未按要求及时编制和修订应急预案扣1-5分。",
        "",
        "",
    ],
    ["", "", "应急演练", "5", "不能积极开展及配合参加应急演练的扣1-3分。", "", ""],
    ["三", "应急值守和应急处置情况(20分)", "24小时值班", "5", "值班脱岗一次扣1分。", "", ""],
    ["", "", "监测预警", "5", "隐患排查措施不到位扣1-2分", "", ""],
    [
        "",
        "",
        "信息报告",
        "5",
        "突发公共事件信息迟报一次扣1分,谎报一次扣2分,漏报一次扣3分,瞒报一次扣4分。",
        "",
        "",
    ],
    ["", "", "应急处置", "5", "对突发公共事件的处置响应缓慢、处置不力、不及时,每次扣3分。", "", ""],
]
MERGES_626 = [(1, 0, 2, 0), (1, 1, 2, 1), (3, 0, 4, 0), (3, 1, 4, 1), (5, 0, 8, 0), (5, 1, 8, 1)]


def before_626(text: str) -> list[str]:
    """The previous table's tail (section 七) and 附件3's title lines, as the source stores them, one per line."""
    return [line for line in _lines(text, "七", "序号") if line.strip()]


def docx_626() -> Path:
    stem, text = BASE.source_text("626")
    return RB.word_table(stem, text, before_626(text), ROWS_626, MERGES_626)


def xlsx_626() -> Path:
    stem, text = BASE.source_text("626")
    return RB.sheet_table(stem, text, "评分标准", before_626(text), ROWS_626, MERGES_626)


CHROME_629 = ("精彩图片",)


def main() -> int:
    made = [
        docx_622(),
        xlsx_622(),
        docx_623(),
        xlsx_623(),
        docx_624(),
        xlsx_624(),
        docx_626(),
        xlsx_626(),
        FRESH.docx_paragraphs("629", chrome=CHROME_629),
        FRESH.docx_paragraphs("634"),
        FRESH.docx_paragraphs("638"),
    ]
    return BASE.finish(made, [made[0], made[4], made[6], made[8], made[9]], HERE)  # 622, 624, 626, 629, 634


if __name__ == "__main__":
    sys.exit(main())
