"""Test documents built by code: .docx, .xlsx and .pdf versions of texts, ledgers, hostile files."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
from docx.shared import Pt

# A plan with gaps the import preview must show: row 2 has no responsible unit, row 3 no deadline (the staged
# import's tests and browser walk); GAS_PLAN adds row 5, whose 10月底 has no year (an inferred deadline).
GAS_PLAN_FOUR_ROWS = """龙亭区城镇燃气安全整改方案
一、整改内容
1.瓶装液化气钢瓶管理不规范。
整改措施：开展瓶装液化气专项检查，建立钢瓶追溯台账。
整改时限：2030年12月31日前
责任单位：区城市管理局
2.部分餐饮场所未安装可燃气体报警装置。
整改措施：督促餐饮场所安装报警装置并联网。
整改时限：长期
3.燃气管道占压问题未彻底解决。
整改措施：逐一排查燃气管道占压并建立清单。
责任单位：区应急管理局
4.燃气企业安全检查流于形式。
整改措施：每季度开展一次燃气企业安全检查。
整改时限：每季度
责任单位：区应急管理局
"""
GAS_PLAN = GAS_PLAN_FOUR_ROWS + """5.液化气站应急演练不足。
整改措施：组织液化气站开展应急演练。
整改时限：10月底前
责任单位：区消防救援大队
"""


def text_blocks(text: str) -> list[str | list[list[str]]]:
    """Lines as paragraphs and runs of TAB-separated lines as tables (the seeds' flattened tables)."""
    out: list[str | list[list[str]]] = []
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if "\t" in line and line.strip():
            rows.append([c.strip() for c in line.split("\t")])
            continue
        if not line.strip():
            continue
        if rows:
            out.append(rows)
            rows = []
        out.append(line.strip())
    if rows:
        out.append(rows)
    return out


def docx_from_text(text: str, path: Path) -> Path:
    """A .docx whose paragraphs are the text's lines and whose tables are real Word tables with borders."""
    document = docx.Document()
    for block in text_blocks(text):
        if isinstance(block, str):
            paragraph = document.add_paragraph(block)
            # 公文 paragraphs open with a two-character indent; the PDF reader relies on it.
            paragraph.paragraph_format.first_line_indent = Pt(24)
            continue
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block):
            for c in range(width):
                table.cell(r, c).text = row[c] if c < len(row) else ""
    document.save(str(path))
    return path


def xlsx_from_text(text: str, path: Path) -> Path:
    """An .xlsx with one line per row and TAB-separated cells in separate columns."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    r = 1
    for block in text_blocks(text):
        rows = [[block]] if isinstance(block, str) else block
        for row in rows:
            for c, value in enumerate(row, start=1):
                if value:
                    sheet.cell(row=r, column=c, value=value)
            r += 1
    workbook.save(str(path))
    return path


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_from_docx(source: Path, out_dir: Path) -> Path:
    """A PDF made by LibreOffice from a .docx (private profile, so parallel runs do not collide)."""
    binary = soffice()
    assert binary is not None
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / f"{source.stem}.pdf"


def merged_cell_docx(path: Path) -> Path:
    """A rectification table whose 问题类别 column is merged down over two rows."""
    document = docx.Document()
    document.add_paragraph("督导检查发现问题整改措施表")
    table = document.add_table(rows=3, cols=5)
    table.style = "Table Grid"
    header = ["问题类别", "存在问题", "整改措施", "完成时限", "责任单位"]
    for c, value in enumerate(header):
        table.cell(0, c).text = value
    rows = [
        [
            "消防安全",
            "1. 部分单位消防通道堵塞。",
            "开展消防通道专项清理。",
            "2023年10月底前",
            "区消防救援大队",
        ],
        ["", "2. 微型消防站器材配备不足。", "按标准补齐器材。", "2023年12月31日前", "各乡镇、区应急局"],
    ]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    document.save(str(path))
    return path


def ledger_xlsx(path: Path) -> Path:
    """A hazard ledger: a merged title row, a header, and a 类别 column merged over two rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "安全生产问题隐患整改台账"
    sheet.merge_cells("A1:F1")
    for c, value in enumerate(["序号", "问题类别", "问题描述", "整改措施", "整改时限", "责任单位"], start=1):
        sheet.cell(row=2, column=c, value=value)
    sheet.append(
        ["1", "燃气安全", "餐饮场所未安装燃气泄漏报警装置。", "督促限期安装。", "2024年6月底前", "区城管局"]
    )
    sheet.append(["2", None, "瓶装液化气存放不规范。", "开展专项检查。", "长期", "区城管局、区市场监管局"])
    sheet.append(
        [
            "3",
            "道路交通",
            "货车超载。",
            '=CONCATENATE("联合","执法")',
            "立即",
            "区交通运输局牵头，公安交警大队配合",
        ]
    )
    sheet.merge_cells("B3:B4")
    workbook.save(str(path))
    return path


def zip_bomb_by_ratio(path: Path) -> Path:
    """A .docx-named zip with one 60 MB part of zeros (compresses about 1000×)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return path


def zip_bomb_by_entries(path: Path) -> Path:
    """A .docx-named zip with 5000 tiny entries."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(5000):
            archive.writestr(f"word/media/{i}.xml", "")
    return path


def xxe_docx(path: Path) -> Path:
    """A .docx whose document part declares an external entity."""
    document = docx.Document()
    document.add_paragraph("x")
    document.save(str(path))
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + parts["word/document.xml"].split(b"?>", 1)[1]
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def encrypted_ooxml(path: Path) -> Path:
    """What Office writes for a password-protected .docx: a CFB container with an EncryptedPackage stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 40 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(header + directory + b"\0" * 1024)
    return path
