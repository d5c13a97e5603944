"""Build the .docx/.xlsx/.pdf renderings of helper U14's unseen documents 021-035 (fixtures as code; ours, not the
offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen7/render_n.py` (PDFs need LibreOffice).
Nothing is re-implemented here, as in `../unseen4/render_h.py`: `../unseen/render_b.py` is loaded with importlib, and
with it the helpers it loads itself (`../make_binaries.py` as `RB.BASE`: the cut check, PDFs, gold files;
`../fresh/make_binaries.py` as `RB.FRESH`: pages as paragraphs); `render_b`'s `word_table` and `sheet_table` make the
Word and Excel tables (a header row, group cells merged down their rows). Their folders are pointed at this folder.
Every cell and paragraph is cut from the document's `.txt` (the helpers check it); the header cells of 021, 024 and 026
are the headers the source prints. The doc-sharing sites' chunk markers ("\\n2、", "\\n3、") that split a cell are left
out, the cell being made of the pieces around them (each checked). Paragraph renderings leave out only the site lines
listed in the `CHROME_*` tuples (upload/thumbnail lines, breadcrumbs, side columns), which carry no label. Each
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

Cell = Any  # str, or a tuple of the pieces of a cell split in the source by a chunk marker
Rows = list[list[Cell]]
Merges = list[tuple[int, int, int, int]]


def _cut(text: str, start: str, end: str) -> str:
    """The source text from `start` up to (not including) `end`, stripped."""
    first = text.index(start)
    return text[first : text.index(end, first + len(start))].strip()


# --- 021 危险化学品生产企业安全生产等级评定标准: 基础分项 and 调整分项 (减分项 1-7, 加分项 1-14) -------------------

DED_021 = [
    ("1、未认真填写山东省安全生产监督管理信息系统并及时更新的", "-2"),
    ("2、剧毒化学品对外销售的危险化学品生产企业", "-1"),
    ("3、易制毒化学品生产企业未按要求及时、准确填报非药品类易制毒化学 品综合管理信息系统的", "-2"),
    ("4、无正规设计且未经设计诊断消除安全隐患的", "-2"),
    ("5、未按时上报隐患自查自纠情况的", "-2"),
    ("6、标准化达标企业未按规定每年进行自评的", "-3"),
    ("7、年内受到 1次安全生产行政处罚的", "-1"),
]
BON_021: list[tuple[Cell, str]] = [
    ("1、进入化工园区或者化工企业集中区的", "2"),
    ("2、注册安全工程师及安全工程硕士在 3人以上", "1"),
    ("3、注册安全工程师及安全工程硕士在 5人以上", "2"),
    ("4、 5年内无死亡生产安全事故的企业", "2"),
    (
        "5、 涉及危险化工工艺和重点监管危险化学品的化工生产装置进行过危险与可操作性分析( HAZOP)并定期应用先进的"
        "工艺(过程)安全分析技术开展工艺(过程)安全分析",
        "2",
    ),
    ("6、省级政府表彰的安全生产先进单位", "2"),
    ("7、市级政府表彰的安全生产先进单位", "1"),
    ("8、积极开展企业安全文化建设,荣获国家级示范企业", "3"),
    ("9、积极开展企业安全文化建设,荣获省级示范企业", "2"),
    (("10、积极开展企业安全文化建设,荣获市", "级示范企业"), "1"),
    ("11、积极开展企业班组安全建设,所属班组荣获省级“安全 生产优秀班组”", "2"),
    ("12、积极开展企业班组安全建设,所属班组荣获省级安全生产“双十佳”班组", "2"),
    ("13、积极开展企业班组安全建设,所属班组荣获市级“安全生产优秀班组”", "1"),
    ("14、积极开展企业班组安全建设,所属班组荣获市级安全生产“双十佳”班组", "1"),
]


def table_021() -> tuple[list[str], Rows, Merges]:
    """项目 (two columns: group and 减分项/加分项) | 评定内容 | 应得(扣)分 | 实际得分 | 备注, as the source's header
    prints it; the groups merged down their rows, 小计 rows after each list."""
    before = ["危险化学品生产企业安全生产等级评定标准"]
    rows: Rows = [["项目", "", "评定内容", "应得(扣)分", "实际 得分", "备注"]]
    merges: Merges = [(0, 0, 0, 1)]
    base = len(rows)
    for content, points in (("一级安全生产标准", "90"), ("二级安全生产标准化", "80"), ("三级安全生产标准化", "70")):
        rows.append(["基 础 分 项" if len(rows) == base else "", "", content, points, "", ""])
    rows.append(["", "", "实际得分", "", "", ""])
    merges.append((base, 0, len(rows) - 1, 1))
    adjust = len(rows)
    for name, entries in (("减 分 项", DED_021), ("加 分 项", BON_021)):
        first = len(rows)
        for k, (content, points) in enumerate(entries):
            rows.append(["调 整 分 项" if len(rows) == adjust else "", name if k == 0 else "", content, points, "", ""])
        rows.append(["", "", "小计", "", "", ""])
        merges.append((first, 1, len(rows) - 1, 1))
    merges.append((adjust, 0, len(rows) - 1, 0))
    for last in ("综合得分", "降 级 标 准"):
        rows.append([last, "", "", "", "", ""])
        merges.append((len(rows) - 1, 0, len(rows) - 1, 1))
    return before, rows, merges


def docx_021() -> Path:
    stem, text = BASE.source_text("021")
    before, rows, merges = table_021()
    return RB.word_table(stem, text, before, rows, merges)


def xlsx_021() -> Path:
    stem, text = BASE.source_text("021")
    before, rows, merges = table_021()
    return RB.sheet_table(stem, text, "等级评定标准", before, rows, merges)


# --- 024 校园安全管理考核表: 序号 | 检查内容 | 分值 | 评分标准 | 扣分 | 得分, rows 1-2 and the cut row 3 ---------------


def docx_024() -> Path:
    stem, text = BASE.source_text("024")
    rows: Rows = [
        ["序号", "检查内容", "分值", "评分标准", "扣分", "得分"],
        [
            "1",
            _cut(text, "安全管理工作有完善的组织机构", "6安全管理工作无明确"),
            "6",
            _cut(text, "安全管理工作无明确的组织机构", "2安全管理有计划"),
            "",
            "",
        ],
        [
            "2",
            (_cut(text, "安全管理有计划、有方案", "\n\n2、、节假日"), _cut(text, "、节假日值班、校领导值(带)班均有完整的记录。", "8安全")),
            "8",
            _cut(text, "安全管理无计划、无方案", "3安全管理制度健全"),
            "",
            "",
        ],
        ["3", text[text.index("安全管理制度健全") :].strip(), "", "", "", ""],
    ]
    return RB.word_table(stem, text, ["校园安全管理考核表"], rows, [])


# --- 026 燃气企业安全生产目标管理考核评分细则: 序号 | 项目 | 考核内容(100分) | 考核方法及评分标准 | 考核情况 | 得分 ---


def table_026(text: str) -> tuple[list[str], Rows, Merges]:
    """One row per 项目 (领导责任, 二 安全生产责任制), its numbered contents and its numbered methods each in one cell
    (the first 项目 prints no 序号 in the source)."""
    before = ["附表1:燃气企业安全生产目标管理考核评分细则(工作指标100分)", "被考核单位:考核时间:"]
    rows: Rows = [
        ["序号", "项目", "考核内容(100分)", "考核方法及评分标准", "考核情况", "得分"],
        [
            "",
            "领导责任12分",
            _cut(text, "1、建立企业主要负责人", "1、查阅相关文件或资料"),
            (_cut(text, "1、查阅相关文件或资料", "\n2、会议的"), _cut(text, "会议的,不得 分", "二安全生产责任制")),
            "",
            "",
        ],
        [
            "二",
            "安全生产责任制6分",
            _cut(text, "1、签订安全生产目标责任书", "1、查阅企业内部"),
            (_cut(text, "1、查阅企业内部", "\n3、少1次"), text[text.index("少1次扣1分,扣") :].strip()),
            "",
            "",
        ],
    ]
    return before, rows, []


def docx_026() -> Path:
    stem, text = BASE.source_text("026")
    before, rows, merges = table_026(text)
    return RB.word_table(stem, text, before, rows, merges)


def xlsx_026() -> Path:
    stem, text = BASE.source_text("026")
    before, rows, merges = table_026(text)
    return RB.sheet_table(stem, text, "考核评分细则", before, rows, merges)


# --- paragraph renderings -----------------------------------------------------------------------------------------

CHROME_023 = (
    "上传人:桔 文档编号:513876081 上传时间:2024-01-08 格式:DOC 页数:7 大小:16.50KB",
    "返回 下载 相关 举报",
    *(f"平安校园建设考核评估细则_第{k}页" for k in range(1, 6)),
    *(f"第{k}页 / 共7页" for k in range(1, 6)),
    "点击查看更多>>",
    "资源描述",
    "《平安校园建设考核评估细则》由会员分享,可在线阅读,更多相关《平安校园建设考核评估细则(7页珍藏版)》请在金锄头文库上搜索。",
)
CHROME_032 = ("新闻中心", "当前位置:首页 > 新闻中心 > 本市消防 >", "最新更新", "热门文章")


def main() -> int:
    made = [
        docx_021(),
        xlsx_021(),
        docx_024(),
        docx_026(),
        xlsx_026(),
        FRESH.docx_paragraphs("023", chrome=CHROME_023),
        FRESH.docx_paragraphs("028"),
        FRESH.docx_paragraphs("032", chrome=CHROME_032),
        FRESH.docx_paragraphs("033"),
        FRESH.docx_paragraphs("034"),
    ]
    # PDFs of 023, 028, 033, 034 (from their paragraph .docx)
    return BASE.finish(made, [made[5], made[6], made[8], made[9]], HERE)


if __name__ == "__main__":
    sys.exit(main())
