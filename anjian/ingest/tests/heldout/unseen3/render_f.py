"""Build the .docx/.xlsx/.pdf renderings of helper U6's unseen documents 721-737 (fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen3/render_f.py` (PDFs need LibreOffice).
Nothing is re-implemented here, as in `../unseen2/render_d.py`: `../unseen/render_b.py` is loaded with importlib, and
with it the helpers it loads itself (`../make_binaries.py` as `RB.BASE`: the cut check, PDFs, gold files;
`../fresh/make_binaries.py` as `RB.FRESH`: pages as paragraphs); `render_b`'s `word_table` and `sheet_table` make the
Word and Excel tables (a header row, group cells merged down their rows). Their folders are pointed at this folder.
Every cell and paragraph is cut from the document's `.txt` (the helpers check it); header cells are the headers the
sources print (721, 722, 723), none from `render_b.HEADERS`. Paragraph renderings leave out only the site lines listed
in the `CHROME_*` tuples (link lists, login prompts), which carry no label. Each rendering's gold label equals its
`.txt` label except `doc` (written here too).
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


def _lines(text: str) -> list[str]:
    return text.split("\n")


# 721: 安徽华塑 建筑工地消防安全检查评分标准, one cell (or one wrapped cell line) per line in the source


def table_721(text: str) -> tuple[list[str], Rows]:
    """序号 | 检查内容 | 检查要点 (its numbered rules, one per line) | 标准分值 | 应得分数; row 3 stops in its rules."""
    lines = _lines(text)
    before = lines[lines.index("安徽华塑股份有限公司") : lines.index("序")]
    rows: Rows = [["序号", "检查内容", "检查要点", "标准分值", "应得分数"]]
    i1, i2, i3 = lines.index("1"), lines.index("2 预防及应急管理"), lines.index("3")
    rows.append(["1", "".join(lines[i1 + 1 : i1 + 4]), "\n".join(lines[i1 + 4 : i2 - 1]), lines[i2 - 1], ""])
    rows.append(["2", "预防及应急管理", "\n".join(lines[i2 + 1 : i3 - 1]), lines[i3 - 1], ""])
    end = len(lines) - 1 if lines[-1] == "" else len(lines)
    rows.append(["3", "".join(lines[i3 + 1 : i3 + 3]), "\n".join(lines[i3 + 3 : end]), "", ""])
    return before, rows


def docx_721() -> Path:
    stem, text = BASE.source_text("721")
    before, rows = table_721(text)
    return RB.word_table(stem, text, before, rows, [])


def xlsx_721() -> Path:
    stem, text = BASE.source_text("721")
    before, rows = table_721(text)
    return RB.sheet_table(stem, text, "评分标准", before, rows, [])


# 722: 水利工作考核指标体系及评分细则(乡镇街道), one cell per paragraph in the source


def table_722(text: str) -> tuple[Rows, Merges]:
    """序号 | 项目 | 分值 (merged down the group's rows) | 考核标准 (requirement and its rule) | 单项分值 | 得分."""
    paras = [p for p in _lines(text) if p.strip()]
    body = paras[paras.index("得分") + 1 :]
    rows: Rows = [["序号", "项目", "分值", "考核标准", "单项分值", "得分"]]
    merges: Merges = []
    group: list[str] = []
    standard: list[str] = []
    top = 0
    for k, para in enumerate(body):
        following = body[k + 1] if k + 1 < len(body) else ""
        if para.isdigit() and not standard and following and not following[0].isdigit():
            if len(rows) - 1 > top > 0:
                merges += [(top, c, len(rows) - 1, c) for c in range(3)]
            group, top = [para, following, body[k + 2]], len(rows)
        elif para.isdigit() and standard:
            rows.append([*(group if len(rows) == top else ["", "", ""]), "\n".join(standard), para, ""])
            standard = []
        elif group and para not in group[1:]:
            standard.append(para)
    if len(rows) - 1 > top:
        merges += [(top, c, len(rows) - 1, c) for c in range(3)]
    return rows, merges


def docx_722() -> Path:
    stem, text = BASE.source_text("722")
    rows, merges = table_722(text)
    return RB.word_table(stem, text, ["水利工作考核指标体系及评分细则(乡镇街道)"], rows, merges)


def xlsx_722() -> Path:
    stem, text = BASE.source_text("722")
    rows, merges = table_722(text)
    return RB.sheet_table(stem, text, "评分细则", ["水利工作考核指标体系及评分细则(乡镇街道)"], rows, merges)


# 723: 县直部门森林防灭火工作责任目标考评细则 (大田县), one cell per paragraph in the source


def table_723(text: str) -> tuple[list[str], Rows]:
    """检查考评项目 | 分值 | 检查考评标准 | 检查考评方法 | 得分; row 四 stops in its standard (no method)."""
    paras = [p.strip() for p in _lines(text) if p.strip()]
    start = paras.index("县直部门森林防灭火工作责任目标考评细则")
    before = paras[start : start + 3]
    body = paras[paras.index("得分") + 1 :]
    rows: Rows = [["检查考评项目", "分值", "检查考评标准", "检查考评方法", "得分"]]
    for k in range(0, len(body), 4):
        cells = body[k : k + 4]
        rows.append([*cells, *([""] * (5 - len(cells)))])
    return before, rows


def docx_723() -> Path:
    stem, text = BASE.source_text("723")
    before, rows = table_723(text)
    return RB.word_table(stem, text, before, rows, [])


def xlsx_723() -> Path:
    stem, text = BASE.source_text("723")
    before, rows = table_723(text)
    return RB.sheet_table(stem, text, "考评细则", before, rows, [])


CHROME_730 = ("[责任编辑:linlin]", "相关文章", "评论排行", "热门话题")
CHROME_734 = ("用户登录", "还没有账号?", "立即注册")
CHROME_737 = ("相关新闻",)


def main() -> int:
    made = [
        docx_721(),
        xlsx_721(),
        docx_722(),
        xlsx_722(),
        docx_723(),
        xlsx_723(),
        FRESH.docx_paragraphs("728"),
        FRESH.docx_paragraphs("729"),
        FRESH.docx_paragraphs("730", chrome=CHROME_730),
        FRESH.docx_paragraphs("734", chrome=CHROME_734),
        FRESH.docx_paragraphs("735"),
        FRESH.docx_paragraphs("737", chrome=CHROME_737),
    ]
    # PDFs of 721, 723, 728, 735, 737
    return BASE.finish(made, [made[0], made[4], made[6], made[10], made[11]], HERE)


if __name__ == "__main__":
    sys.exit(main())
