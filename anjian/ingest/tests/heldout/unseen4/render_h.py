"""Build the .docx/.xlsx/.pdf renderings of helper U8's unseen documents 821-835 (fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen4/render_h.py` (PDFs need LibreOffice).
Nothing is re-implemented here, as in `../unseen2/render_d.py` and `../unseen3/render_f.py`: `../unseen/render_b.py`
is loaded with importlib, and with it the helpers it loads itself (`../make_binaries.py` as `RB.BASE`: the cut check,
PDFs, gold files; `../fresh/make_binaries.py` as `RB.FRESH`: pages as paragraphs); `render_b`'s `word_table` and
`sheet_table` make the Word and Excel tables (a header row, group cells merged down their rows). Their folders are
pointed at this folder. Every cell and paragraph is cut from the document's `.txt` (the helpers check it); the header
cells of 823 are the headers the source prints. Paragraph renderings leave out only the site lines listed in the
`CHROME_*` tuples (page thumbnails, comment boxes, previous/next links, footers), which carry no label. Each
rendering's gold label equals its `.txt` label except `doc` (written here too).
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

Rows = list[list[str]]
Merges = list[tuple[int, int, int, int]]


# 823: 平安农机 县(区、市) 考评 table, one table row per line in the source, cells separated by " | "


def table_823(text: str) -> tuple[Rows, Merges]:
    """考评项目 | 考评内容 (its numbered heading, and one rule a row) | 考评方法 | 自评得分 | 省级考评得分, as the
    source's header row prints it (考评内容 spans the heading and rule columns); 考评项目 and each heading merged down
    their rows (the source repeats 考评项目 at the top of a new page: a new group there)."""
    lines = [line for line in text.split("\n") if line.strip() and line.strip() != "|"]
    rows: Rows = [["考评项目", "考评内容", "", "考评方法", "自评得分", "省级考评得分"]]
    merges: Merges = [(0, 1, 0, 2)]
    tops: list[int] = []
    subs: list[int] = []
    for line in lines[1:]:
        parts = [part.strip() for part in line.split("|")]
        while parts and not parts[-1]:
            parts.pop()
        top = sub = ""
        if parts[0].startswith("一、"):
            top, sub, parts = parts[0], parts[1], parts[2:]
            tops.append(len(rows))
            subs.append(len(rows))
        elif parts[0][0].isdigit():
            sub, parts = parts[0], parts[1:]
            subs.append(len(rows))
        rule = parts[0]
        method = parts[1] if len(parts) > 1 else ""
        rows.append([top, sub, rule, method, "", ""])
    end = len(rows)
    for starts, col in ((tops, 0), (subs, 1)):
        for k, first in enumerate(starts):
            last = (starts[k + 1] if k + 1 < len(starts) else end) - 1
            if last > first:
                merges.append((first, col, last, col))
    return rows, merges


def docx_823() -> Path:
    stem, text = BASE.source_text("823")
    rows, merges = table_823(text)
    return RB.word_table(stem, text, [], rows, merges)


def xlsx_823() -> Path:
    stem, text = BASE.source_text("823")
    rows, merges = table_823(text)
    return RB.sheet_table(stem, text, "考评标准", [], rows, merges)


CHROME_824 = tuple(f"附件5平安农机示范乡镇(场)考评标准及评分细则_第{k}页" for k in range(1, 6))
CHROME_826 = (
    "相关新闻",
    "查看评论发表评论 | 所有评论仅代表网友观点,本网保持中立",
    "看不清楚?点击换一张",
)
CHROME_829 = (
    "版权声明  新闻爆料热线:0535-6631311",
    "关于水母网 | 广告服务 | 联系方法 | 版权声明 | 平台公约",
    "中国互联网举报中心电话:12",
)
CHROME_830 = (
    "- ·上一篇文章:15头野象一路向北连穿滇中3县,看沿途如何殷勤接访",
    "- ·下一篇文章:【网络媒体革命老区行】踏访山西红色足迹 感知革命老区的生生不息",
)


def main() -> int:
    made = [
        docx_823(),
        xlsx_823(),
        FRESH.docx_paragraphs("821"),
        FRESH.docx_paragraphs("824", chrome=CHROME_824),
        FRESH.docx_paragraphs("826", chrome=CHROME_826),
        FRESH.docx_paragraphs("829", chrome=CHROME_829),
        FRESH.docx_paragraphs("830", chrome=CHROME_830),
        FRESH.docx_paragraphs("831"),
        FRESH.docx_paragraphs("835"),
    ]
    # PDFs of 821, 826, 831, 835 (from their paragraph .docx)
    return BASE.finish(made, [made[2], made[4], made[7], made[8]], HERE)


if __name__ == "__main__":
    sys.exit(main())
