"""Build the .docx/.xlsx/.pdf renderings of helper U10's unseen documents 921-933 (fixtures as code; ours, not the
offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen5/render_j.py` (PDFs need LibreOffice).
Nothing is re-implemented here, as in `../unseen4/render_h.py`: `../unseen/render_b.py` is loaded with importlib, and
with it the helpers it loads itself (`../make_binaries.py` as `RB.BASE`: the cut check, PDFs, gold files;
`../fresh/make_binaries.py` as `RB.FRESH`: pages as paragraphs); `render_b`'s `word_table` and `sheet_table` make the
Word and Excel tables (a header row, group cells merged down their rows). Their folders are pointed at this folder.
Every cell and paragraph is cut from the document's `.txt` (the helpers check it); the header cells of 923, 925 and
933 are the headers the sources print. Paragraph renderings leave out only the site lines listed in the `CHROME_*` tuples,
which carry no label. Each rendering's gold label equals its `.txt` label except `doc` (written here too).
"""

from __future__ import annotations

import importlib.util
import re
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

Rows = list[list[str]]
Merges = list[tuple[int, int, int, int]]


# 923: 特种设备目标考核表, stored flattened without separators: 序号 | 项目 | 标准分 | 考核内容和要求 | 扣分标准


def table_923(text: str) -> tuple[list[str], Rows, Merges]:
    """The title, then the header the source prints (it repeats it at a page break: dropped there) and one row per
    numbered 项目: 序号, 项目, 标准分 and 考核内容和要求 as listed below (where the requirement ends is read, the
    source prints no separator), 扣分标准 the rest of the row up to the next row's number and 项目."""
    body = text[text.index("扣分标准") + len("扣分标准"):].replace("目标考核表序号项目标准分考核内容和要求扣分标准", "")
    items = [
        ("1", "安全组织机构", "2", "查是否行文确定机构人员。"),
        ("2", "安全职责", "3", "查是否建立领导,管理人员职责并上墙。"),
        ("3", "参加安全会议情况", "2", "查是否参加安全会议。"),
        ("4", "安全管理制度情况以及落实情况", "3", "查是否建立以及落实情况。"),
        ("5", "重大安全隐患问题的整改情况", "5", "对重大安全隐患进行研究,提出整治计划报县质监局,并在规定的时间内完成整改。"),
        ("6", "按规定及时上报事故不得隐瞒、漏报", "5", "是否及时、真实上报事故。"),
        ("7", "操作规程", "3", "查是否建立各类设备的操作规程。"),
        ("8", "主动申请特种设备定期检验", "3", "查是否行文申请检验并抄报县质监局。"),
        ("9", "特种设备注册登记", "2", "查特种设备是否注册登记。"),
        ("10", "不准超检验周期使用特种设备(包括安全附件)", "4", "查是否超检验周期使用特种设备。"),
        ("11", "按规定进行特种设备维修保养", "5", "查记录是否按规定进行特种设备维修保养。"),
        ("12", "安全附件及其保护装置的检验情况", "3", "日常检查。"),
    ]
    rows: Rows = [["序号", "项目", "标准分", "考核内容和要求", "扣分标准"]]
    for k, (seq, item, points, need) in enumerate(items):
        start = body.index(seq + item + points + need) + len(seq + item + points + need)
        end = body.index(items[k + 1][0] + items[k + 1][1]) if k + 1 < len(items) else len(body)
        rows.append([seq, item, points, need, body[start:end].strip()])
    return ["特种设备目标考核表"], rows, []


def docx_923() -> Path:
    stem, text = BASE.source_text("923")
    before, rows, merges = table_923(text)
    return RB.word_table(stem, text, before, rows, merges)


def xlsx_923() -> Path:
    stem, text = BASE.source_text("923")
    before, rows, merges = table_923(text)
    return RB.sheet_table(stem, text, "目标考核表", before, rows, merges)


# 925: “消防安全社区”达标验收细则, stored one cell a line: 工作内容 | 工作标准 | 验收标准 | 扣分情况


def table_925(text: str) -> tuple[list[str], Rows, Merges]:
    """The title, then one row per numbered 工作标准 with its numbered 验收标准 rules in one cell (a line each) and an
    empty 扣分情况 cell; the 工作内容 cell (its printed lines kept, with its points) merged down its rows. The stored
    text stops at the third 工作内容 ("电气及 危险"), which is left out."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    lines = lines[lines.index("扣分情况") + 1: lines.index("电气及")]
    rows: Rows = [["工作内容", "工作标准", "验收标准", "扣分情况"]]
    group: list[str] = []
    pending = ""
    firsts: list[int] = []
    for line in lines:
        if re.match(r"\d+\.", line):  # a 工作标准, the first under a 工作内容 carries it
            if pending:
                firsts.append(len(rows))
            rows.append([pending, line, "", ""])
            pending = ""
        elif re.fullmatch(r"\(\d+分\)", line):  # the points closing a 工作内容
            pending = "\n".join(group + [line])
            group = []
        elif line.startswith("("):  # a numbered 验收标准 rule
            rows[-1][2] = f"{rows[-1][2]}\n{line}" if rows[-1][2] else line
        else:  # a line of a 工作内容
            group.append(line)
    ends = firsts[1:] + [len(rows)]
    merges: Merges = [(first, 0, end - 1, 0) for first, end in zip(firsts, ends, strict=False) if end - 1 > first]
    return ["“消防安全社区”达标验收细则"], rows, merges


def docx_925() -> Path:
    stem, text = BASE.source_text("925")
    before, rows, merges = table_925(text)
    return RB.word_table(stem, text, before, rows, merges)


def xlsx_925() -> Path:
    stem, text = BASE.source_text("925")
    before, rows, merges = table_925(text)
    return RB.sheet_table(stem, text, "达标验收细则", before, rows, merges)


# 933: 《全国综合减灾示范社区创建标准》评分参考表 (traditional characters with pinyin glosses), stored one cell a line,
# each cell closed by " |": 一级指标 | 二级指标 | 评定内容 | 满分分值 | 考核分数


def table_933(text: str) -> tuple[list[str], Rows, Merges]:
    """The title, the header row the source prints, then one row per 评定内容 with its 满分分值 and an empty 考核分数
    cell; 一级指标 and 二级指标 cells merged down their rows. The trailing "2.3" (nothing after it is stored) is left
    out."""
    lines = [line.strip() for line in text.split("\n")]
    title = lines[0]
    cells = [line.rstrip("|").strip() for line in lines[1:]]
    cells = [cell for cell in cells if cell]
    rows: Rows = [cells[:5]]
    top = sub = criterion = ""
    tops: list[int] = []
    subs: list[int] = []
    for cell in cells[5:]:
        if re.match(r"\d\. ", cell):
            top = cell
        elif re.match(r"\d\.\d", cell):
            sub = cell
        elif cell.isdigit():
            if top:
                tops.append(len(rows))
            if sub:
                subs.append(len(rows))
            rows.append([top, sub, criterion, cell, ""])
            top = sub = ""
        else:
            criterion = cell
    merges: Merges = []
    for starts, col in ((tops, 0), (subs, 1)):
        for k, first in enumerate(starts):
            last = (starts[k + 1] if k + 1 < len(starts) else len(rows)) - 1
            if col == 1:  # a 二级指标 ends where the next one or the next 一级指标 starts
                last = min([last] + [t - 1 for t in tops if t > first])
            if last > first:
                merges.append((first, col, last, col))
    return [title], rows, merges


def docx_933() -> Path:
    stem, text = BASE.source_text("933")
    before, rows, merges = table_933(text)
    return RB.word_table(stem, text, before, rows, merges)


def xlsx_933() -> Path:
    stem, text = BASE.source_text("933")
    before, rows, merges = table_933(text)
    return RB.sheet_table(stem, text, "评分参考表", before, rows, merges)


CHROME_926 = ("首页 >> 公开信息内容",)


def main() -> int:
    made = [
        docx_923(),
        xlsx_923(),
        docx_925(),
        xlsx_925(),
        docx_933(),
        xlsx_933(),
        FRESH.docx_paragraphs("922"),
        FRESH.docx_paragraphs("926", chrome=CHROME_926),
        FRESH.docx_paragraphs("928"),
        FRESH.docx_paragraphs("932"),
    ]
    # PDFs of 922, 926, 932 (from their paragraph .docx)
    return BASE.finish(made, [made[6], made[7], made[9]], HERE)


if __name__ == "__main__":
    sys.exit(main())
