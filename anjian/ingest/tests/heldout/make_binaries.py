"""Build the .docx/.xlsx/.pdf renderings of some held-out documents (fixtures as code; the renderings are ours).

Run from the repository root: `python anjian/ingest/tests/heldout/make_binaries.py` (PDFs need LibreOffice).
Every cell and paragraph is cut from the document's `.txt` (docs/), whose text is the stored source; only
the layout changes: a table stored flattened becomes a Word or Excel table (merged cells where the source
shows them merged), a page becomes paragraphs. Website chrome above a document (forum and site headers,
document-sharing notices) is left out of the renderings. The checks at the end make sure every cell came
from the text. Each binary's gold label equals its `.txt` label except for `doc` (written here too).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl
from docx.enum.table import WD_TABLE_ALIGNMENT
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold"


def source_text(prefix: str) -> tuple[str, str]:
    """The stem and the stored text (without the `source:` line) of the document numbered `prefix`."""
    path = next(DOCS.glob(f"{prefix}_*.txt"))
    return path.stem, path.read_text(encoding="utf-8").split("\n", 2)[2]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_cut(text: str, pieces: list[str]) -> None:
    """Every piece of a rendering occurs in the source text (ignoring blanks)."""
    flat = _squash(text)
    for piece in pieces:
        assert _squash(piece) in flat, piece


def _paragraphs(document: docx.document.Document, lines: list[str]) -> None:
    for line in lines:
        if line.strip():
            document.add_paragraph(line.strip())


def _table(document: docx.document.Document, rows: list[list[str]]) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


CHROME_331 = (
    "当前位置:首页 > 安全生产重点领域信息公开 > 安全生产重点领域信息公开 > 生产安全事故挂牌督办信息",
    "【信息来源:【信息时间:2017-09-15 11:19  阅读次数: 】【字号 】【我要打印】【关闭",
)


def docx_paragraphs(prefix: str, chrome: tuple[str, ...] = ()) -> Path:
    """The page as Word paragraphs, one per non-empty line, without the lines in `chrome` (site links)."""
    stem, text = source_text(prefix)
    document = docx.Document()
    _paragraphs(document, [line for line in text.split("\n") if line.strip() not in chrome])
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def docx_309() -> Path:
    """The 考核表 as a six-column Word table; the 合计 label spans 序号 and 考核内容."""
    stem, text = source_text("309")
    cells = [c.strip() for c in text.split("|")]
    header = [c for c in cells[:6]]
    rows = [header]
    body = [c for c in cells[6:] if c]
    while body and body[0].isdigit():
        seq, content, rule, points = body[:4]
        rows.append([seq, content, rule, points, "", ""])
        body = body[4:]
    rows.append(["合 计", "", "", "100", "", ""])
    check_cut(text, [c for row in rows for c in row])
    document = docx.Document()
    table = _table(document, rows)
    last = len(rows) - 1
    table.cell(last, 0).merge(table.cell(last, 2)).text = "合 计"
    document.add_paragraph("被考核人:\t\t考核人:")
    document.add_paragraph("施工单位:某建筑工程有限公司")
    check_cut(text, ["被考核人:", "考核人:", "施工单位:某建筑工程有限公司"])
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def docx_310() -> Path:
    """The 安全文化 scoring table as a Word table whose 序号, 项目分值 and 备注 cells merge down each group."""
    stem, text = source_text("310")
    lines = [line.strip().strip("|").split("|") for line in text.split("\n") if line.strip()]
    header = [c.strip() for c in lines[0]]
    groups: list[tuple[str, str, list[str], str]] = []
    for cells in (list(map(str.strip, line)) for line in lines[1:]):
        cells = [c for c in cells if c]
        if len(cells) == 4:
            groups.append((cells[0], cells[1], [cells[2]], cells[3]))
        else:
            groups[-1][2].append(cells[0])
    rows = [header]
    spans = []
    for seq, name, standards, note in groups:
        spans.append((len(rows), len(rows) + len(standards) - 1))
        for i, standard in enumerate(standards):
            rows.append([seq if i == 0 else "", name if i == 0 else "", standard, note if i == 0 else ""])
    check_cut(text, [c for row in rows for c in row])
    document = docx.Document()
    table = _table(document, rows)
    for first, last in spans:
        for col in (0, 1, 3):
            keep = table.cell(first, col).text
            table.cell(first, col).merge(table.cell(last, col)).text = keep
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def docx_313() -> Path:
    """The 乡镇 考核细则 as a four-column Word table under its title."""
    stem, text = source_text("313")
    start = text.index("乡镇安全生产工作考核细则 项目")
    body = text[start:]
    rule = body[body.index("1、不认真") :].strip()
    rows = [["项目", "分值", "扣分标准", "考核方法"], ["加强领导落实责任", "20", rule, ""]]
    document = docx.Document()
    document.add_paragraph("乡镇安全生产工作考核细则")
    _table(document, rows)
    # The site shows the header's spaces as "??" (扣??分??标??准); the rendering has the plain header.
    check_cut(text.replace("??", ""), ["乡镇安全生产工作考核细则", "项目", "分值", "扣分标准", "考核方法", "加强领导落实责任", rule])
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def _sheet_text(ws: openpyxl.worksheet.worksheet.Worksheet, row: int, col: int, value: str, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if bold:
        cell.font = Font(bold=True)


def xlsx_307() -> Path:
    """The notice in column A, then the 考评细则 table with its two-row header (考评要素 over 一级/二级要素)."""
    stem, text = source_text("307")
    head, table = text.split("考评要素 | 标准 分值", 1)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "考评细则"
    row = 1
    for line in head.split("\n"):
        if line.strip():
            _sheet_text(ws, row, 1, line.strip())
            row += 1
    header_top = ["考评要素", "", "标准分值", "考评要点", "评分标准", "考评方式", "扣分说明", "扣分分值", "得分"]
    for col, value in enumerate(header_top, start=1):
        if value:
            _sheet_text(ws, row, col, value, bold=True)
    _sheet_text(ws, row + 1, 1, "一级要素", bold=True)
    _sheet_text(ws, row + 1, 2, "二级要素", bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for col in range(3, 10):
        ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
    data_line = next(line for line in table.split("\n") if line.startswith("安全生产监管规范化建设工作推进"))
    cells = [c.strip() for c in data_line.split("|")]
    rules = re.sub(r" (\d\.)", r"\n\1", cells[4])
    values = [cells[0], cells[1], cells[2], cells[3], rules]
    for col, value in enumerate(values, start=1):
        _sheet_text(ws, row + 2, col, value)
    check_cut(text, [v for v in header_top if v] + ["一级要素", "二级要素"])
    check_cut(text, values)
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


def xlsx_308() -> Path:
    """The county scoring table: header 考核项目|评分标准|分值, a merged group row per part, one row per 考核项目."""
    stem, text = source_text("308")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分标准"
    title = "附件 2018年度县(市、区)级党委政府安全生产工作考核评分标准"
    _sheet_text(ws, 1, 1, title, bold=True)
    ws.merge_cells("A1:C1")
    for col, value in enumerate(["考核项目", "评分标准", "分值"], start=1):
        _sheet_text(ws, 2, col, value, bold=True)
    _sheet_text(ws, 3, 1, "一、综合考核(20分)", bold=True)
    ws.merge_cells("A3:C3")
    flat = re.sub(r"\s*\n\s*", "", text)

    def between(start: str, end: str | None) -> str:
        a = flat.index(start) + len(start)
        return flat[a : flat.index(end, a)] if end else flat[a:]

    part1 = "(一)落实党政领导干部安全生产责任制"
    part2 = "(二)加大安全生产宣传教育力度"
    part3 = "(三)完成2018年安全生产领域改革发展重点任务"
    rules1 = between(part1, "8分").strip()
    rules2 = between(part2, "4分").strip()
    rules3 = between(part3, None).strip()
    rows = [(part1, rules1, "8分"), (part2, rules2, "4分"), (part3, rules3, "")]
    for r, (name, rules, points) in enumerate(rows, start=4):
        _sheet_text(ws, r, 1, name)
        _sheet_text(ws, r, 2, re.sub(r"(?<=[.;])\s*(\d+\.)", r"\n\1", rules))
        _sheet_text(ws, r, 3, points)
    check_cut(text, [title, "考核项目", "评分标准", "分值", "一、综合考核(20分)"])
    check_cut(text, [piece for row in rows for piece in row])
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


def docx_334() -> Path:
    """The 考评 table continued: 序号, 考评内容 and 考评方式 merge down each numbered row's criteria."""
    stem, text = source_text("334")
    groups = [
        ("4", "加强消防队伍建设,保障消防经费和消防装备逐年增加。", "听取汇报,查阅有关文件资料,实地检查。",
         [("3分", "未组织研究加强多种形式消防队伍建设的扣3分。"), ("4分", "未协调解决消防经费保障的扣4分。"),
          ("6分", "未组织研究消防装备建设的扣3分,消防装备建设未达到国家标准的,酌情扣2-6分。")]),
        ("5", "组织消防安全宣传教育", "听取汇报,查阅有关文件资料。",
         [("", "未组织协调有关部门加强消防宣传教育工作的扣3分。"), ("", "未组织研究开展消防安全宣传活动的扣3分。"),
          ("", "每年带队开展消防安全检查不少于2次,少一次扣3分。")]),
        ("6", "发生重大、特别重大火灾时,及时组织扑救,调查火灾原因", "听取汇报,查阅火灾情况报告、火灾档案。",
         [("", "发生重大、特别重大火灾事故未及时到场组织扑救的扣3分。")]),
    ]
    rows = [["序号", "考评内容", "分值", "评 分 标 准", "考评方式", "自评分", "考评分"]]
    spans = []
    for seq, content, method, criteria in groups:
        spans.append((len(rows), len(rows) + len(criteria) - 1))
        for i, (points, rule) in enumerate(criteria):
            first = i == 0
            rows.append([seq if first else "", content if first else "", points, rule, method if first else "", "", ""])
    check_cut(text, [c for row in rows for c in row])
    document = docx.Document()
    table = _table(document, rows)
    for first, last in spans:
        if last > first:
            for col in (0, 1, 4):
                keep = table.cell(first, col).text
                table.cell(first, col).merge(table.cell(last, col)).text = keep
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def xlsx_335() -> Path:
    """The 宝鸡 消防 考核细则: the notice, then a table whose 考核項目 and 考核內容 cells merge down their rows."""
    stem, text = source_text("335")
    head, table = text.split("考核項目 | ", 1)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "考核細則"
    row = 1
    for line in head.split("\n"):
        if line.strip():
            _sheet_text(ws, row, 1, line.strip())
            row += 1
    for col, value in ((1, "考核項目"), (2, "考 核 內(nèi) 容"), (4, "評 分 細(xì) 則")):
        _sheet_text(ws, row, col, value, bold=True)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    lines = [[c.strip() for c in line.split("|")] for line in table.split("\n")[1:] if line.strip()]
    first = lines[0]
    body = [(first[2], first[3])] + [(cells[0], cells[1] if len(cells) > 1 else "") for cells in lines[1:]]
    top = row + 1
    _sheet_text(ws, top, 1, first[0])
    _sheet_text(ws, top, 2, first[1])
    for i, (criterion, rule) in enumerate(body):
        _sheet_text(ws, top + i, 3, criterion)
        _sheet_text(ws, top + i, 4, rule)
    ws.merge_cells(start_row=top, start_column=1, end_row=top + len(body) - 1, end_column=1)
    ws.merge_cells(start_row=top, start_column=2, end_row=top + len(body) - 1, end_column=2)
    check_cut(text, [first[0], first[1], *[piece for pair in body for piece in pair]])
    out = DOCS / f"{stem}.xlsx"
    wb.save(str(out))
    return out


def box_columns(text: str) -> list[str]:
    """Each column of a table drawn with box characters, its cell fragments joined top to bottom."""
    columns: list[str] = []
    for line in text.split("\n"):
        if not line.startswith("│") or "─" in line:
            continue
        for i, fragment in enumerate(line.split("│")[1:-1]):
            if i == len(columns):
                columns.append("")
            columns[i] += fragment.strip()
    return columns


def docx_333() -> Path:
    """The box-drawn 考评量化标准 as a Word table; 序号, 考评内容 and 考评方式 merge down row 1's three criteria."""
    stem, text = source_text("333")
    rows = [
        ["序号", "考评内容", "分值", "评 分 标 准", "考评方式", "自评分", "考评分"],
        ["1", "贯彻执行消防法律法规,落实消防安全责任制。", "6分", "未组织研究制定年度消防工作目标和任务的扣6分。",
         "听取汇报,查阅有关文件资料。", "", ""],
        ["", "", "5分", "未与下一级政府消防安全责任人签订消防安全责任书的扣5分。", "", "", ""],
        ["", "", "5分", "未对消防安全责任制的落实情况进行督促检查的扣5分。", "", "", ""],
        ["2", "组织制定和实施消防规划,保障城镇公共消防设施达到", "6分", "未组织研究落实城市消防规划的,酌情扣",
         "听取汇报,查阅有关文件资料,实地抽查", "", ""],
    ]
    columns = box_columns(text)
    for row in rows[1:]:
        for col, value in enumerate(row):
            assert _squash(value) in _squash(columns[col]), value
    check_cut(text.replace("评 分 标 准", "评分标准"), rows[0])
    document = docx.Document()
    for line in ("附表2", "各县、区政府消防安全责任人考评量化标准"):
        document.add_paragraph(line)
    table = _table(document, rows)
    for col in (0, 1, 4):
        keep = table.cell(1, col).text
        table.cell(1, col).merge(table.cell(3, col)).text = keep
    out = DOCS / f"{stem}.docx"
    document.save(str(out))
    return out


def pdf_from(docx_path: Path) -> Path | None:
    """A PDF of a .docx by LibreOffice (None without it)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [binary, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )
        made = Path(tmp) / (docx_path.stem + ".pdf")
        out = docx_path.with_suffix(".pdf")
        shutil.copyfile(made, out)
    return out


def write_gold(binary: Path) -> None:
    """The binary's label: the `.txt` label with `doc` naming the binary."""
    gold = json.loads((GOLD / f"{binary.stem}.json").read_text(encoding="utf-8"))
    gold["doc"] = binary.name
    (GOLD / f"{binary.name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def finish(made: list[Path], with_pdf: Sequence[Path], folder: Path, pdf_only: Sequence[Path] = ()) -> int:
    """Close a rendering run: a PDF of each of `with_pdf` and `pdf_only` (LibreOffice; skipped with a message
    without it), the Word files made only for their PDF removed, a label for every rendering, each printed."""
    for source in (*with_pdf, *pdf_only):
        pdf = pdf_from(source)
        if pdf is None:
            print("LibreOffice not found: PDFs not made", file=sys.stderr)
            break
        made.append(pdf)
    for source in pdf_only:  # shipped as PDF only
        source.unlink()
    for path in made:
        write_gold(path)
        print(path.relative_to(folder))
    return 0


def main() -> int:
    made = [
        docx_309(),
        docx_310(),
        docx_313(),
        xlsx_307(),
        xlsx_308(),
        docx_paragraphs("316", chrome=("打印此文", "关闭窗口")),
        docx_paragraphs("322"),
        docx_paragraphs("326"),
        docx_334(),
        xlsx_335(),
        docx_paragraphs("331", chrome=CHROME_331),
        docx_paragraphs("337"),
        docx_333(),
    ]
    pdf_only = [docx_paragraphs("301"), docx_paragraphs("346", chrome=("微信“扫一扫”添加“学习微平台”",))]
    pdf_only += [docx_paragraphs(n) for n in ("302", "305", "324", "328", "338", "347", "348", "351")]
    with_pdf = [made[0], made[1], made[5], made[6], made[7], made[8], made[10], made[12]]
    return finish(made, with_pdf, HERE, pdf_only)


if __name__ == "__main__":
    sys.exit(main())
