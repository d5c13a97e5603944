"""Build the .docx/.xlsx/.pdf renderings of helper U2's unseen documents 521-540 (fixtures as code; ours, not the offices').

Run from the repository root: `python anjian/ingest/tests/heldout/unseen/render_b.py` (PDFs need LibreOffice).
Made with the helpers of `../make_binaries.py` (tables, sheet cells, the cut check, PDFs, gold files) and
`../fresh/make_binaries.py` (pages as paragraphs), loaded with importlib as `../fresh/make_binaries.py` loads its base:
every cell and paragraph is cut from the document's `.txt`, whose text is the stored source, and the script checks it;
only the layout changes. A scoring table stored flattened becomes a Word or Excel TABLE with a header row and the
section cell merged down its rows (or a merged group row per section); the site's chunk markers ("\\n2、", "\\n3、")
that split a cell are left out, the cell being made of the two pieces around them (each checked). Table header words
that the source does not print (`HEADERS`) are the only cells not cut from the text. Each rendering's gold label equals
its `.txt` label except `doc` (written here too).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import docx
import openpyxl

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold"


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BASE = _module(HERE.parent / "make_binaries.py", "heldout_make_binaries")
FRESH = _module(HERE.parent / "fresh" / "make_binaries.py", "fresh_make_binaries")
BASE.DOCS, BASE.GOLD = DOCS, GOLD  # source_text, write_gold work on this folder
FRESH.DOCS, FRESH.GOLD = DOCS, GOLD
FRESH.BASE.DOCS, FRESH.BASE.GOLD = DOCS, GOLD  # fresh's docx_paragraphs reads and writes here

# Header words of tables whose source prints no usable header row (528 prints none; 521 prints its header with
# doubled characters): layout, not content.
HEADERS = {"序号", "评分标准", "考核项目", "分值", "考核方法"}
Cell = str | tuple[str, ...]  # a cell, or the pieces of a cell split in the source by a site chunk marker


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else "".join(cell)


def _pieces(rows: list[list[Cell]]) -> list[str]:
    out: list[str] = []
    for row in rows:
        for cell in row:
            out += [cell] if isinstance(cell, str) else list(cell)
    return [p for p in out if p and p not in HEADERS]


def word_table(
    stem: str, text: str, before: list[str], rows: list[list[Cell]], merges: list[tuple[int, int, int, int]]
) -> Path:
    """Paragraphs `before`, then a Word table of `rows` (row 0 the header) with the cell ranges `merges` merged
    (r0, c0, r1, c1; the first cell's text kept)."""
    BASE.check_cut(text, before + _pieces(rows))
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = BASE._table(document, [[_text(c) for c in row] for row in rows])
    for r0, c0, r1, c1 in merges:
        keep = table.cell(r0, c0).text
        table.cell(r0, c0).merge(table.cell(r1, c1)).text = keep
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def sheet_table(
    stem: str,
    text: str,
    title: str,
    before: list[str],
    rows: list[list[Cell]],
    merges: list[tuple[int, int, int, int]],
) -> Path:
    """A sheet `title`: the lines `before` in column A, then `rows` (row 0 the header, bold) with `merges`."""
    BASE.check_cut(text, before + _pieces(rows))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r, line in enumerate(before, start=1):
        BASE._sheet_text(ws, r, 1, line, bold=r == 1)
    top = len(before) + 1
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if _text(cell):
                BASE._sheet_text(ws, top + r, c + 1, _text(cell), bold=r == 0)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    for col, width in zip("ABCDEFG", (8, 16, 30, 8, 30, 40, 8), strict=True):
        ws.column_dimensions[col].width = width
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


def rows_521() -> list[list[Cell]]:
    """521's 考评表: 序号 | 项目 (section merged down, item) | 分值 | 考核内容及要求 | 评分标准 | 得分."""
    cut = "突破控制指标直接扣除25分,未突破指标得10分"
    return [
        ["序号", "项目", "", "分值", "考核内容及要求", "评分标准", "得分"],
        [
            "1",
            "1、安全目标(50分)",
            "发生重大火灾事故、死亡及重伤事故、重大设备事故重大交通事故",
            "50",
            "死亡人数不突破控制指标",
            "突破控制指标直接扣除50分,未突破指标得10分,本条实行一票否决,本年度发生1件不得参加评奖。",
            "",
        ],
        ["2", "", "火灾事故直接经济损失超公司下达的考核指标", "25", "火灾事故损失不突破控制指标", cut, ""],
        ["3", "", "设备事故直接经济损失超公司下达的考核指标", "25", "设备事故损失不突破控制指标", cut, ""],
        ["", "", "轻伤事故超公司下达的考核指标", "25", ("轻伤事故不突", "破控制指标"), cut, ""],
        ["4", "", "隐患自检率及整改合格率超公司下达的考核指标", "25", "隐患自查率不突破控制指标", cut, ""],
        [
            "5",
            "2、安全基础管理(15分)",
            "层层签订安全目标责任书",
            "5",
            "签订安全目标责任书",
            "一项不符扣1分,扣完为止",
            "",
        ],
        ["6", "", "安全台帐,记录", "5", "基础资料齐全,记录真实完整", "一项不符扣0.5分,扣完为止。", ""],
        [
            "7",
            "",
            "安全教育",
            "5",
            "上报及时按时按计划进行,并做好相关记录",
            (
                "二,三级安全教育,一项不符扣0.5分;按要求进行管理人员和员工安全培训考核,一项不符扣0.5分;按要求进行转岗,复工,"
                "新工艺,新技术,新设备投产前安全培训,一项不符扣0.5分;领导及管理人员按要求参加班组安全",
                "活动,一项不符扣0.5分;班组安全活动符合要求,一项不符扣0.5分,扣完为止。",
            ),
            "",
        ],
        [
            "8",
            "3、安全检查和隐患治理(10分)",
            "安全检查",
            "4",
            "按规定的频次和项目要求进行安全检查,发现问题和隐患及时整改,并按要求上报",
            "一项不符扣1分,扣完为止。",
            "",
        ],
        ["9", "", "对上级下达的隐患整改项目", "3", "落实“五定”责任制,按计划完", "", ""],
    ]


MERGES_521 = [(0, 1, 0, 2), (1, 1, 5, 1), (6, 1, 8, 1), (9, 1, 10, 1)]


def docx_521() -> Path:
    stem, text = BASE.source_text("521")
    return word_table(stem, text, [], rows_521(), MERGES_521)


def xlsx_521() -> Path:
    stem, text = BASE.source_text("521")
    return sheet_table(stem, text, "考评表", [], rows_521(), MERGES_521)


def docx_523() -> Path:
    """523: title lines, the part heading, and the 考核项目 | 考核内容 | 评分标准 | … table, 考核项目 1 merged down."""
    stem, text = BASE.source_text("523")
    before = [
        "2017年度市属以上重点企业安全生产目标管理考核评分标准",
        "葫芦岛市 安全生产目标管理考核领导小组",
        "一、安全生产工作 指标( 100分)",
    ]
    head = ["考核项目", "考核内容", "评分标准", "考核组现场考核情况", "得分", "扣分原因"]
    group = (
        "1、企业严格落实安全生产和职业病防治主体责任,依法建立安全生产领导机构和管理机构,按规定配齐配强安全管理人员"
        "( 12 分)"
    )
    rows: list[list[Cell]] = [
        head,
        [
            group,
            "( 1)企业主要负责人履行安全生产工作职责(安全生产法第十八条规定的 7 项职责)( 2分)",
            ("未履", "行的每项扣 0.3 分;2017 年企业发生造成人员死亡的生产安全事故的,每起扣 1 分;"),
            "",
            "",
            "",
        ],
        [
            "",
            "( 2)按照安全生产法第二十一条之规定,设置安全生产管理机构(或者配备专、兼职安全生产管理人员)( 2 分)",
            "未按规 定设置的,扣 2 分;",
            "",
            "",
            "",
        ],
        [
            "",
            "( 3)按照工作场所职业卫生监督管理规定第八条之规定设置或者指定职业卫生管理机构或者组织,配备专职职业卫生管理人员( 2分)",
            "未按照规定设置的,扣 2分",
            "",
            "",
            "",
        ],
        [
            "",
            "( 4)安全生产管理机构、安全生产管理人员未履行安全生产工作职责的(安全生产法第二十二条规定的 7 项职责) ( 2 分)",
            "未履行的每家扣 2 分",
            "",
            "",
            "",
        ],
        [
            "",
            (
                "( 5)国有大中型企业或规模以上企业,建立安全生产委员会,董事长",
                "或总经理担任企业安委会主任 ( 2 分)",
            ),
            "未建立安全生产委员会,或未担任安委会主任的,扣 2分",
            "",
            "",
            "",
        ],
        [
            "",
            "( 6)危险物品的生产、储存单位以及矿山、金属冶炼单位安全生产管理人员中配注册安全工程师 ( 2 分)",
            "未配的,扣 2 分",
            "",
            "",
            "",
        ],
        [
            "2、督促企业建立全过程安全生产和职业病防治管理制度,实行全员安全生产责任制度。完善混合所有制企业及跨地区",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    return word_table(stem, text, before, rows, [(1, 0, 6, 0)])


def rows_524() -> list[list[Cell]]:
    """524's 考核細則 (traditional characters): 序號 | 專案 | 標準分 | 目標任務 | 考核標準, tasks one per line in a cell."""
    return [
        ["序號", "專案", "標準分", "目 標 任 務", "考 核 標 準"],
        [
            "1",
            "組織領導",
            "5分",
            "1、成立安全生產領導機構和工作機構,做到“有牌子、有機構、有場所、有專人、有經費”,計4分。\n"
            "2、建立社會化監管網路,明確村級安全生產協管員、資訊員、宣傳員,落實工作經費,計1分。",
            "1、未成立安全生產領導機構和工作機構扣1分,無專職安全生產監督管理人員扣1分,未掛牌、缺乏專門的辦公場所扣1分,工作經費未落實扣1分。\n"
            "2、村級安全生產協管員、資訊員、宣傳員未落實到人扣1分。",
        ],
        [
            "2",
            "責任落實",
            "20分",
            "1、有責任制。建立鄉鎮、村安全生產責任分工表,全面實施安全生產目標管理,制定安全生產目標管理辦法和考核細則,計3分。\n"
            "2、有責任狀。逐村(居)委會逐企業簽訂安全生產責任狀,嚴格年終考核,落實“一票否決”制度,計2分。\n"
            "3、有社會化包保臺帳。建立轄區內生產經營單位及安全責任包保等工作臺帳,計7分。\n"
            "4、有工作方案。每季召開1次安全生產工作例會,每年組織4次以上安全生產大檢查,做到有方案、有記錄、有總結,計8分。",
            "1、無鄉鎮、村(居)委會安全生產責任分工的扣2分,未制訂安全生產目標管理辦法和細則的扣1分。\n"
            "2、未層層簽訂責任狀的,每發現1例扣1分;未落實“一票否決”制度的扣1分。\n"
            "3、無鄉村幹部包車輛(船舶)、包路段、包業主臺帳,無生產經營單位管理臺帳,無各類非法生產經營業主包保臺帳的,分別扣2分。\n"
            "4、未按季召開政府安全工作例會,每少1次扣1分(查會議紀要或記錄);安全檢查方案、通報或總結每少1次扣1分。",
        ],
        ["3", "宣傳培訓", "", "", ""],
    ]


def docx_524() -> Path:
    stem, text = BASE.source_text("524")
    return word_table(stem, text, ["2010年度鄉鎮安全生產工作目標管理考核細則"], rows_524(), [])


def xlsx_524() -> Path:
    stem, text = BASE.source_text("524")
    return sheet_table(stem, text, "考核細則", ["2010年度鄉鎮安全生產工作目標管理考核細則"], rows_524(), [])


def rows_528() -> list[list[Cell]]:
    """528's 考核细则 (the site's inserted words kept): a merged group row per section, then one row per 考核项目."""

    def group(line: str) -> list[Cell]:
        return [line, "", "", ""]

    return [
        ["考核项目", "分值", "考核方法", "评分标准"],
        group("一、来自安全事故(否决指标琉璃井路知道"),
        [
            "1、职工1-2人蒸硫小怕较清谁径死亡",
            "61",
            "查事故及事故定性,查县安委办记录",
            "有前五项其收赶中一项即扣除相应分值;有第六项每次扣10分。在总分中扣除",
        ],
        ["2、职工2-9人重伤", "61", "", ""],
        ["3、直接经济损失5万元以上的火灾、爆炸事故", "61", "", ""],
        ["4、重大水、陆交通事故", "101", "", ""],
        ["5、其他较大以上事故", "101", "", ""],
        ["6、其他事故", "", "", ""],
        group("二、安全生产工作部署及开展情况 10分"),
        ["1、安全生产纳入年度工作计划", "3分", "查看资料", "有明确的指导思想、工作措施及要求少一项扣1分"],
        ["2、季度召开安全生产专题会议情况", "4分", "查内毫把磁段济呀京看资料", "少一次扣1分"],
        [
            "毫欢到硫波陈同3、参加县级安全生产会议、安委会、安领厚先类衣二委办会议情况",
            "3分",
            "查安委办记录",
            "未按要求参加1次扣0.5分",
        ],
        group("三、安全生产制度建设情况 6分"),
        ["1、建立健全安全生产管理责任制", "2分", "查资料", "未建立安全管理责任制扣2分"],
        [
            "2、与系统内层层签订安全生产目标责任书",
            "2分",
            "查看责任书(状)",
            "未签订安全生产目标管妒端光衡样万钢金先理责任书(状)扣2分,少一份扣0.5分,累计袁程新岁促记负分",
        ],
        ["3、加强日常性检查、指导和监督", "2分", "查看资料", "未检查、指导和监督执行扣2分"],
        group("四、安全生产专项整治情况 15分"),
        ["1、元旦、春节、五一、国庆等工作部署情况", "巴带7分", "查看资料", "少一次扣1分"],
        [
            "2、如印消副快要如取娘本行业本部门专项整治开展情况",
            "差树日8分",
            "查资料\n查检查记录",
            "未制定方案扣3分,治理不到位扣5分",
        ],
        group("四、专项行动开展情况 30分"),
        ["1、安全生产年开展情况", "10分", "查看资料", "未制活动方案的扣2分,执法伤关额行行动、治"],
    ]


def _group_merges(rows: list[list[Cell]]) -> list[tuple[int, int, int, int]]:
    return [
        (r, 0, r, len(row) - 1)
        for r, row in enumerate(rows)
        if r and not any(_text(c) for c in row[1:]) and re.match(r"^[一二三四五六七八九十]、", _text(row[0]))
    ]


def docx_528() -> Path:
    stem, text = BASE.source_text("528")
    rows = rows_528()
    return word_table(stem, text, ["安全生产普尽去全原兴去打至考核细则有哪些呢?"], rows, _group_merges(rows))


def xlsx_528() -> Path:
    stem, text = BASE.source_text("528")
    rows = rows_528()
    return sheet_table(stem, text, "考核细则", [], rows, _group_merges(rows))


def docx_526() -> Path:
    """526 (stored as one paragraph): one Word paragraph per heading 一、… and per item (一)…."""
    stem, text = BASE.source_text("526")
    body = text.strip()
    parts = [p for p in re.split(r"(?=[一二三四]、|\([一二三四五六]\))", body) if p.strip()]
    BASE.check_cut(text, parts)
    document = docx.Document()
    for part in parts:
        document.add_paragraph(part)
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


CHROME_529 = (
    "詳細(xì)信息",
    "【字體:   保護(hù)視力色: 杏仁黃 秋葉褐 胭脂紅 芥末綠 天藍(lán) 雪青 灰 銀河白(默認(rèn)色)",
)
CHROME_532 = (
    "- 2021-04-17 发布 |",
    "- 37.5 KB |",
    "- 5页",
    "文档介绍",
    "申明敬告: 本站不保证该用户上传的文档完整性,不预览、不比对内容而直接下载产生的反悔问题本站不予受理。",
)


def main() -> int:
    made = [
        docx_521(),
        xlsx_521(),
        docx_523(),
        docx_524(),
        xlsx_524(),
        docx_528(),
        xlsx_528(),
        docx_526(),
        FRESH.docx_paragraphs("529", chrome=CHROME_529),
        FRESH.docx_paragraphs("532", chrome=CHROME_532),
    ]
    return BASE.finish(made, [made[2], made[3], made[7], made[8]], HERE)  # 523, 524, 526, 529


if __name__ == "__main__":
    sys.exit(main())
