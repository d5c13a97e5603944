"""Worst-case files for the bounded-reader tests, generated in the test (no binaries in git)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xfd_xlsx(path: Path) -> Path:
    """A title in A1 and one cell at XFD1048576: the sheet declares A1:XFD1048576 (about 5 KB)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "隐患排查整治台账"
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    return path


def with_sheet(path: Path, sheet_xml: str) -> Path:
    """An openpyxl-made workbook whose first sheet is replaced by `sheet_xml` (fast for large sheets)."""
    openpyxl.Workbook().save(path)
    staged = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = sheet_xml.encode() if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, data)
    staged.replace(path)
    return path


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xlsx(path: Path, rows: int) -> Path:
    """A ledger sheet: a header row and `rows` rows of five cells (number and inline strings)."""
    head = "".join(_inline(f"{c}1", t) for c, t in zip("ABCDE", ["序号", "问题", "整改措施", "责任单位", "整改时限"],
                                                        strict=True))
    body = [f'<row r="1">{head}</row>']
    for i in range(2, rows + 2):
        body.append(
            f'<row r="{i}"><c r="A{i}"><v>{i - 1}</v></c>{_inline(f"B{i}", f"第{i}项问题：消防通道堆放杂物")}'
            f'{_inline(f"C{i}", "清理杂物并建立巡查制度")}{_inline(f"D{i}", "县应急管理局")}'
            f'{_inline(f"E{i}", "2026年6月30日")}</row>'
        )
    return with_sheet(path, f'<worksheet {S}><sheetData>{"".join(body)}</sheetData></worksheet>')


def far_columns_xlsx(path: Path, rows: int) -> Path:
    """Rows with a cell in A and one in XFD: a grid padded to the last column is rows × 16,384 cells."""
    body = "".join(f'<row r="{i}">{_inline(f"A{i}", "甲")}{_inline(f"XFD{i}", "乙")}</row>' for i in range(1, rows + 1))
    return with_sheet(path, f'<worksheet {S}><sheetData>{body}</sheetData></worksheet>')


def paragraphs_docx(path: Path, paragraphs: int) -> Path:
    """A .docx of numbered paragraphs, written straight into the package."""
    body = "".join(
        f"<w:p><w:r><w:t>{i}. 第{i}条 加强安全生产隐患排查治理工作，落实企业主体责任。</w:t></w:r></w:p>"
        for i in range(1, paragraphs + 1)
    )
    return _docx_package(path, body)


def table_docx(path: Path, rows: int) -> Path:
    """A .docx holding one two-column Word table of `rows` rows, written straight into the package."""
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    body = "".join(f"<w:tr>{cell.format(i)}{cell.format('消防通道堵塞')}</w:tr>" for i in range(1, rows + 1))
    return _docx_package(path, f"<w:tbl>{body}</w:tbl>")


def _docx_package(path: Path, body: str) -> Path:
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>'
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", document)
    return path
