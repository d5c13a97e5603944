"""Build the .docx/.xlsx/.pdf renderings of some fresh held-out documents (fixtures as code; the renderings are ours).

Run from the repository root: `python anjian/ingest/tests/heldout/fresh/make_binaries.py` (PDFs need LibreOffice).
Made the same way as `../make_binaries.py`: every cell and paragraph is cut from the document's `.txt` (docs/),
whose text is the stored source, and the script checks it; only the layout changes. Problem lists become Word or
Excel TABLES (group rows or merged cells per place or section, the shape offices send), notices become paragraphs.
Markdown marks (`#`, `**`, HTML signature tags) and site chrome above a document are left out of the renderings.
Each binary's gold label equals its `.txt` label except for `doc` (written here too).
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


def _base() -> ModuleType:
    """`../make_binaries.py` (table, sheet, PDF and label helpers shared with the first held-out corpus)."""
    spec = importlib.util.spec_from_file_location("heldout_make_binaries", HERE.parent / "make_binaries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BASE = _base()
BASE.DOCS, BASE.GOLD = DOCS, GOLD  # write_gold and source_text work on this folder
_table = BASE._table
_sheet_text = BASE._sheet_text


# Header words of tables made for lists that print no header row of their own: layout, not content, so they are
# the only cells not cut from the text.
HEADERS = {"序号", "单位名称", "存在隐患", "存在问题", "城市"}


def check_cut(text: str, pieces: list[str]) -> None:
    """Every piece of a rendering occurs in the source text (ignoring blanks), except the header words above."""
    BASE.check_cut(text, [piece for piece in pieces if piece not in HEADERS])


def source_text(prefix: str) -> tuple[str, str]:
    stem, text = BASE.source_text(prefix)
    return stem, text


def _plain(line: str) -> str:
    """A line without Markdown heading/bold marks or an HTML paragraph tag (the text a reader sees)."""
    line = re.sub(r"<[^>]+>", "", line)
    line = re.sub(r"^#+\s*", "", line.strip())
    return line.replace("**", "").strip()


def _save_docx(document: docx.document.Document, stem: str) -> Path:
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def docx_paragraphs(prefix: str, chrome: tuple[str, ...] = (), drop_after: str | None = None) -> Path:
    """The page as Word paragraphs, one per non-empty line (Markdown marks removed), without `chrome` lines and
    without anything from the line starting with `drop_after` (a repeated copy, a forum footer)."""
    stem, text = source_text(prefix)
    lines = []
    for raw in text.split("\n"):
        if drop_after is not None and raw.startswith(drop_after):
            break
        line = _plain(raw)
        if line and line not in chrome and not line.startswith("<div"):
            lines.append(line)
    check_cut(text, lines)
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def docx_403() -> Path:
    """The 防汛 notice as paragraphs, its 检查内容 as a Word table 序号 | 检查内容 | 完成时限."""
    stem, text = source_text("403")
    head = [_plain(line) for line in text[: text.index("###")].split("\n") if _plain(line)]
    rows = [["序号", "检查内容", "完成时限"]]
    for seq, start, end, limit in (
        ("1", "各部门、各主力店，各店铺要严格落实", "（完成时限4月20日前）", "4月20日前"),
        ("2", "工程物业部要对防汛重点部位", "（完成时限4月30日）", "4月30日"),
    ):
        a = text.index(start)
        rows.append([seq, text[a : text.index(end, a)].strip(), limit])
    tail_start = text.rindex("\n", 0, text.index("二、工作要求"))
    tail = [_plain(line) for line in text[tail_start:].split("\n") if _plain(line)]
    check_cut(text, head + tail + ["一、检查内容。"] + [c for row in rows for c in row])
    document = docx.Document()
    for line in head:
        document.add_paragraph(line)
    document.add_paragraph("一、检查内容。")
    _table(document, rows)
    for line in tail:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def _groups_405(text: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """The 泰安 exposure: its opening paragraph and (place, [problems]) in order."""
    intro = text.split("\n", 1)[0].strip()
    groups: list[tuple[str, list[str]]] = []
    for block in re.split(r"\n\n+", text.split("\n", 1)[1]):
        block = block.strip()
        if not block:
            continue
        if block.startswith("隐患:"):
            continue
        number = re.match(r"^(\d+)、(.+)$", block)
        if number:
            groups[-1][1].append(number.group(2))
        elif re.fullmatch(r"\d+", block) is None:
            groups.append((block, []))
    return intro, [(place, problems) for place, problems in groups if problems]


def docx_405() -> Path:
    """The exposure as a Word table 单位名称 | 序号 | 存在隐患, the place's cell merged down its problems."""
    stem, text = source_text("405")
    intro, groups = _groups_405(text)
    rows = [["单位名称", "序号", "存在隐患"]]
    spans = []
    for place, problems in groups:
        spans.append((len(rows), len(rows) + len(problems) - 1))
        rows += [[place if i == 0 else "", str(i + 1), problem] for i, problem in enumerate(problems)]
    check_cut(text, [intro] + [c for row in rows for c in row])
    document = docx.Document()
    document.add_paragraph(intro)
    table = _table(document, rows)
    for first, last in spans:
        if last > first:
            keep = table.cell(first, 0).text
            table.cell(first, 0).merge(table.cell(last, 0)).text = keep
    return _save_docx(document, stem)


def xlsx_405() -> Path:
    """The exposure as a sheet: a merged group row per place, then 序号 | 隐患 rows."""
    stem, text = source_text("405")
    intro, groups = _groups_405(text)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "隐患曝光"
    _sheet_text(ws, 1, 1, intro)
    ws.merge_cells("A1:B1")
    _sheet_text(ws, 2, 1, "序号", bold=True)
    _sheet_text(ws, 2, 2, "存在隐患", bold=True)
    row = 3
    cells = [intro]
    for place, problems in groups:
        _sheet_text(ws, row, 1, place, bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        row += 1
        for i, problem in enumerate(problems, 1):
            _sheet_text(ws, row, 1, str(i))
            _sheet_text(ws, row, 2, problem)
            row += 1
        cells += [place, *problems]
    check_cut(text, cells)
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


def docx_407() -> Path:
    """The 考核表 (traditional characters) as a six-column Word table; 合計 spans 序號 and 考核內容."""
    stem, text = source_text("407")
    cells = [c.strip() for c in text.split("|")]
    rows = [cells[:6]]
    body = [c for c in cells[6:] if c]
    while body and body[0].isdigit():
        seq, content, rule, points = body[:4]
        rows.append([seq, content, rule, points, "", ""])
        body = body[4:]
    rows.append(["合 計", "", "", "100", "", ""])
    check_cut(text, [c for row in rows for c in row] + ["被考核人:", "考核人:"])
    document = docx.Document()
    table = _table(document, rows)
    last = len(rows) - 1
    table.cell(last, 0).merge(table.cell(last, 2)).text = "合 計"
    document.add_paragraph("被考核人:\t\t考核人:")
    return _save_docx(document, stem)


def xlsx_408() -> Path:
    """The 目标考核表 as a sheet: header 序号 | 考核项目 (two columns) | 考核内容及要求 | 应得分 | 评分细则 | 扣分情况 |
    实得分, the group 安全生产管理情况 merged down its four rows, each rule cell with its numbered rules."""
    stem, text = source_text("408")

    def between(start: str, end: str) -> str:
        a = text.index(start)
        return text[a : text.index(end, a + len(start))].strip()

    rows = [
        (
            "1",
            "安全责任制",
            between("建立健全安全生产责任制,", ".41、"),
            "4",
            between("1、未建立安全生产责任制", "2安全管理网络"),
        ),
        (
            "2",
            "安全管理网络",
            between("建立和完善安全生产管理网络", "。61、") + "。",
            "6",
            between("1、未建立安全生产管理小组", "3安全目标与责任状"),
        ),
        (
            "3",
            "安全目标与责任状",
            between("根据公司年度安全工作要点", ".41、未制定") + ".",
            "4",
            between("1、未制定年度安全工作计划", "4安全资金保障"),
        ),
        (
            "4",
            "安全资金保障",
            between("执行安全生产资金保障制度", ".61、未根据") + ".",
            "6",
            between("1、未根据公司年度安全投入", "5安全教育培训"),
        ),
        ("5", "安全教育培训", text[text.index("执行公司安全教育培训制度") :].strip(), "", ""),
    ]
    header = ["序号", "考核项目", "", "考核内容及要求", "应得分", "评分细则", "扣分情况", "实得分"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "安全生产目标考核表"
    _sheet_text(ws, 1, 1, "安全生产目标考核表", bold=True)
    ws.merge_cells("A1:H1")
    _sheet_text(ws, 2, 1, "被考核单位:")
    _sheet_text(ws, 2, 5, "考核评价:")
    for col, value in enumerate(header, start=1):
        if value:
            _sheet_text(ws, 3, col, value, bold=True)
    ws.merge_cells("B3:C3")
    for r, (seq, item, content, points, rules) in enumerate(rows, start=4):
        for col, value in ((1, seq), (3, item), (4, content), (5, points), (6, rules)):
            if value:
                _sheet_text(ws, r, col, value)
    _sheet_text(ws, 4, 2, "安全生产管理情况")
    ws.merge_cells("B4:B7")
    check_cut(
        text,
        ["安全生产目标考核表", "被考核单位:", "考核评价:", "安全生产管理情况"] + [h for h in header if h],
    )
    check_cut(text, [piece for row in rows for piece in row])
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


def docx_409() -> Path:
    """The 消防 考核评分表 (traditional characters) as paragraphs: title, each section heading and each item."""
    stem, text = source_text("409")
    body = text[text.index("消防安全管理工作考核評分表模板") :]
    pieces = re.split(r"(?=[一二三四]、)|(?<=[。)等])(?=\d\.)|(?=被考核單位)|(?=考核日期)", body)
    lines = [p.strip() for p in pieces if p.strip()]
    check_cut(text, lines)
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def docx_417() -> Path:
    """The school's 排查整改方案 as a title, its opening and a Word table 序号 | 存在问题 | 整改措施 with a merged
    group row per section (the page's second, repeated copy is left out)."""
    stem, text = source_text("417")
    first = text.split("\n", 1)[0]

    def cut(start: str, end: str | None = None) -> str:
        a = first.index(start)
        return first[a : first.index(end, a + len(start))].strip() if end else first[a:].strip()

    title = "XX 小学校园及周边安全隐患排查整改方案"
    opening = cut("为预防安全事故发生", " 一、")
    table_rows: list[list[str] | str] = [
        ["序号", "存在问题", "整改措施"],
        "一、 校舍安全",
        ["1", cut("教学楼二楼阳台护栏", " 整改措施"), cut("拉警戒线", " 2、教学楼")],
        ["2", cut("教学楼二楼三、五", " 整改措施"), cut("因创业园正在爆破施工", " 3、")],
        ["3", cut("教师宿舍楼梯", " 整改措施"), "加固关好。"],
        "二、 体育设施安全",
        ["", cut("大榕树下兵乓球台", " 整改措施"), "拆除。"],
        "三、 交通安全",
        ["1", cut("个别学生年龄未满", " 2、"), cut("对未满 12周岁骑自行车上学")],
        ["2", "校门外入校路口未设置警示牌。", ""],
    ]
    pieces = [title, opening] + [c for row in table_rows for c in ([row] if isinstance(row, str) else row)]
    check_cut(first, pieces)
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(opening)
    grid = [row if isinstance(row, list) else [row, "", ""] for row in table_rows]
    table = _table(document, grid)
    for r, row in enumerate(table_rows):
        if isinstance(row, str):
            table.cell(r, 0).merge(table.cell(r, 2)).text = row
    return _save_docx(document, stem)


def xlsx_431() -> Path:
    """The 宁夏 exposure as a sheet 城市 | 隐患单位 | 序号 | 存在隐患 | 整改措施, with 城市, 隐患单位 and 整改措施
    merged down each unit's problems."""
    stem, text = source_text("431")
    units = [
        (
            "银川市",
            "中环大厦",
            [
                "一层中庭自动扶梯下设置商铺摊位、摆放可燃物品",
                "消防控制室值班记录填写不规范",
                "随机拉动微型消防站,处置初起火灾程序不规范",
                "消防控制室值班人员未能达到24时双人持证上岗。",
            ],
            "责令限期整改",
        ),
        ("固原市", "隆德县名羊天下羊肉馆", ["厨房电器线路敷设不符合要求。"], "责令限期改正"),
        ("中卫市", "中卫市云鼎娱乐会所", ["安全出口被堵塞", "一具安全指示标志灯不亮。"], "责令限期整改"),
    ]
    intro = text.split("\n", 1)[0].strip()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "火灾隐患单位曝光"
    _sheet_text(ws, 1, 1, intro)
    ws.merge_cells("A1:E1")
    header = ["城市", "隐患单位", "序号", "存在隐患", "整改措施"]
    for col, value in enumerate(header, start=1):
        _sheet_text(ws, 2, col, value, bold=True)
    row = 3
    for city, unit, problems, measure in units:
        for i, problem in enumerate(problems):
            _sheet_text(ws, row + i, 3, str(i + 1) if len(problems) > 1 else "")
            _sheet_text(ws, row + i, 4, problem)
        for col, value in ((1, city), (2, unit), (5, measure)):
            _sheet_text(ws, row, col, value)
            if len(problems) > 1:
                ws.merge_cells(
                    start_row=row, start_column=col, end_row=row + len(problems) - 1, end_column=col
                )
        row += len(problems)
    _sheet_text(ws, row, 1, "来源:宁夏消防")
    check_cut(text, [intro, "来源:宁夏消防", "隐患单位", "存在隐患", "整改措施"])
    check_cut(
        text, [piece for city, unit, problems, measure in units for piece in (city, unit, measure, *problems)]
    )
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


def docx_437() -> Path:
    """The 宿迁 分工方案, stored as one line, as Word paragraphs: one per heading, task and 责任单位 line."""
    stem, text = source_text("437")
    body = text[text.index("区各部门、各招商局") :]
    pieces = re.split(r" (?=一、|\(一\)|\(二\)|1、|2、|责任单位:)|\n", body)
    lines = [piece.strip() for piece in pieces if piece.strip()]
    check_cut(text, lines)
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return _save_docx(document, stem)


def docx_438() -> Path:
    """The 西安 notice's page as paragraphs, its 督查组分组表 as a Word table 分组 | 督查组牵头单位 | 督查单位 | 备注."""
    stem, text = source_text("438")
    head, table = text.split("分 组\n", 1)
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    cells = [c.strip() for c in table.split("|")]
    header = ["分 组", cells[1], cells[2], cells[3]]
    rows = [header]
    body = [c for c in cells[4:] if c]
    while body:
        group, lead, unit = (body + ["", ""])[:3]
        rows.append([group, lead, unit, ""])
        body = body[3:]
    check_cut(text, lines + [c for row in rows for c in row])
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    _table(document, rows)
    return _save_docx(document, stem)


def xlsx_439() -> Path:
    """The 丰台 督导 story's problems as a sheet: the opening sentence, a merged group row per project, then
    序号 | 存在问题 rows (一是, 二是 …), and the closing requirement below the table."""
    stem, text = source_text("439")
    projects = [
        (
            "国家矿产资源综合利用技术创新基地项目土护降工程",
            ["基坑外边东北方向井口缺少防护。", "办公室使用旧国标插线板。", "需完善隐患排查台账。"],
        ),
        (
            "北京市丰台区玉泉营街道纪家庙村JJM-007地块R2二居住用地JJM-012地块A33基础教育用地项目",
            ["木料露天堆放过多。", "堆料阻挡消防通道。"],
        ),
    ]
    opening = text[: text.index("发现国家")].strip()
    closing = text[text.index("针对上述发现的问题") :].strip()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "督导发现问题"
    _sheet_text(ws, 1, 1, opening)
    ws.merge_cells("A1:B1")
    _sheet_text(ws, 2, 1, "序号", bold=True)
    _sheet_text(ws, 2, 2, "存在问题", bold=True)
    row = 3
    for project, problems in projects:
        _sheet_text(ws, row, 1, project, bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        row += 1
        for marker, problem in zip(("一是", "二是", "三是"), problems, strict=False):
            _sheet_text(ws, row, 1, marker)
            _sheet_text(ws, row, 2, problem)
            row += 1
    _sheet_text(ws, row + 1, 1, closing)
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=2)
    check_cut(text, [opening, closing, "一是", "二是", "三是"] + [x for p, ps in projects for x in (p, *ps)])
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


FORUM_424 = ("找回密码", "立即注册", "扫一扫,访问微社区", "[复制链接]")
CHROME_412 = ("内容概述",)  # the 索引号/发布日期 line stays: it carries the page's date


def main() -> int:
    made = [
        docx_paragraphs("402"),
        docx_403(),
        docx_405(),
        xlsx_405(),
        docx_407(),
        xlsx_408(),
        docx_409(),
        docx_paragraphs("410"),
        docx_417(),
        xlsx_431(),
        docx_paragraphs("435", chrome=("|",)),
        docx_437(),
        docx_438(),
        xlsx_439(),
    ]
    with_pdf = [made[0], made[1], made[2], made[4], made[6], made[7], made[8], made[12]]
    # 424 without the forum's menus above the story
    stem424, text424 = source_text("424")
    start = text424.index("银川市政府对8家")
    pdf_only = [docx_paragraphs("412", chrome=CHROME_412), docx_paragraphs("423", chrome=("|",))]
    body = [
        line.strip()
        for line in text424[start:].split("\n")
        if line.strip() and line.strip() not in FORUM_424 and not line.startswith("发表于")
    ]
    check_cut(text424, body)
    document = docx.Document()
    for line in body:
        document.add_paragraph(line)
    pdf_only.append(_save_docx(document, stem424))
    return BASE.finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
