"""A small .xlsx writer for ledger sheets: the XML written as text, one pass, no object per cell.

A city's year ledger is 100 k rows × 7 columns. XlsxWriter keeps a tuple per cell and spends ≈ 6 µs a
cell in Python (4 s for that sheet); here a row is one f-string of its cells (≈ 1 µs a cell). It writes
only what the ledgers use: shared strings, numbers, booleans, dates, blanks; a fixed set of cell styles;
column widths, a frozen header, print titles and merged ranges (ECMA-376 part 1, SpreadsheetML). The
files are checked by reading them back with openpyxl and converting them with LibreOffice.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from anjian.publish.xmltext import xml_text

# Cell styles (indexes into cellXfs below).
DEFAULT, CAPTION, HEADER, BODY, DAY = range(5)

_EPOCH = datetime(1899, 12, 30)  # noqa: DTZ001 - serial dates are wall-clock, without a zone
# Characters XML 1.0 cannot carry, kept as Excel writes them (`_x000B_`, read back as the character), and
# text that already looks like such an escape.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def _excel_escape(match: re.Match[str]) -> str:
    text = match.group()
    return "_x005F" + text if len(text) > 1 else f"_x{ord(text):04X}_"


def _text(value: str) -> str:
    """Text for a <t> element: XML-escaped, unsafe characters as Excel writes them."""
    if _UNSAFE.search(value):
        value = _UNSAFE.sub(_excel_escape, value)
    # What Excel's escape cannot write (a lone surrogate) is removed, by the rule every writer shares.
    return escape(xml_text(value))


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def stored_width(width: float) -> float:
    """The width as Excel stores it: in characters of the default font's digit (7 px) plus 5 px padding."""
    if width <= 0:
        return 0.0
    pixels = int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)
    return int(pixels / 7 * 256) / 256


def excel_serial(value: date | datetime) -> float:
    """Days since 1899-12-30 (Excel's 1900 date system), a time as the fraction of a day; no time zone."""
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
    return float((value - _EPOCH.date()).days)


@dataclass
class SheetData:
    """What one worksheet holds, addressed by 0-based row and column from A1: the `head` rows (each cell a
    (value, style)), then the data `rows`, every cell in the BODY style (DAY for dates)."""

    title: str
    widths: Sequence[float]
    head: Sequence[Sequence[tuple[Any, int]]]
    rows: Sequence[Sequence[Any]]
    frozen_rows: int = 0
    print_title_row: int | None = None  # 0-based row repeated on every printed page
    merges: Sequence[tuple[int, int, int, int]] = ()  # (first row, first col, last row, last col)


class _Strings:
    """The shared string table."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def ref(self, text: str) -> int:
        self.count += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{_text(s)}</t></si>' for s in self.index)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" '
                f'count="{self.count}" uniqueCount="{len(self.index)}">{items}</sst>')


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _cell(ref: str, value: Any, style: int, strings: _Strings) -> str:
    if style == BODY and isinstance(value, date):
        style = DAY
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style}" t="s"><v>{strings.ref(value)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{style}"><v>{excel_serial(value)!r}</v></c>'
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, int | float):
        return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'
    raise TypeError(f"unsupported cell value {type(value).__name__}")


def _sheet_xml(sheet: SheetData, strings: _Strings) -> Iterable[str]:
    ncols = len(sheet.widths)
    letters = [column_letter(c) for c in range(max(ncols, 1))]
    last = len(sheet.head) + len(sheet.rows)
    dimension = f"A1:{letters[-1]}{last}" if last and ncols else "A1"
    yield (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetPr><pageSetUpPr fitToPage="0"/></sheetPr>'
           f'<dimension ref="{dimension}"/>')
    if sheet.frozen_rows:
        top = f"A{sheet.frozen_rows + 1}"
        yield (f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{sheet.frozen_rows}" topLeftCell="{top}" '
               f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="{top}" '
               f'sqref="{top}"/></sheetView></sheetViews>')
    else:
        yield '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    yield '<sheetFormatPr defaultRowHeight="15"/>'
    if ncols:
        cols = "".join(f'<col min="{c + 1}" max="{c + 1}" width="{stored_width(w)!r}" customWidth="1"/>'
                       for c, w in enumerate(sheet.widths))
        yield f"<cols>{cols}</cols>"
    yield "<sheetData>"
    for r, head in enumerate(sheet.head, start=1):
        yield f'<row r="{r}">' + "".join(
            _cell(f"{letters[c]}{r}", value, style, strings) for c, (value, style) in enumerate(head)) + "</row>"
    chunk: list[str] = []
    for r, values in enumerate(sheet.rows, start=len(sheet.head) + 1):
        row = str(r)
        chunk.append(f'<row r="{row}">' + "".join(
            _cell(letters[c] + row, value, BODY, strings) for c, value in enumerate(values)) + "</row>")
        if len(chunk) >= 1000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
    yield "</sheetData>"
    if sheet.merges:
        refs = "".join(f'<mergeCell ref="{letters[c1]}{r1 + 1}:{letters[c2]}{r2 + 1}"/>'
                       for r1, c1, r2, c2 in sheet.merges)
        yield f'<mergeCells count="{len(sheet.merges)}">{refs}</mergeCells>'
    yield ('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
           "</worksheet>")


def _styles(header_font: str, body_font: str, caption_font: str) -> str:
    grid = '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>' \
           '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>'
    fonts = (f'<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
             f'<font><sz val="16"/><name val={quoteattr(caption_font)}/></font>'
             f'<font><b/><sz val="11"/><name val={quoteattr(header_font)}/></font>'
             f'<font><sz val="11"/><name val={quoteattr(body_font)}/></font></fonts>')
    wrap = '<alignment vertical="center" wrapText="1"/>'
    xfs = ('<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
           '<alignment horizontal="center" vertical="center"/></xf>'
           '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" '
           'applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
           f'<xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" '
           f'applyAlignment="1">{wrap}</xf>'
           f'<xf numFmtId="164" fontId="3" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" '
           f'applyBorder="1" applyAlignment="1">{wrap}</xf></cellXfs>')
    return (f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
            f'</numFmts>{fonts}<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>{grid}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'{xfs}<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>")


def write(path_or_file: Any, sheets: Sequence[SheetData], *, header_font: str, body_font: str,
          caption_font: str) -> None:
    """Write the workbook: one worksheet per SheetData, in order (titles must already be valid and unique)."""
    strings = _Strings()
    n = len(sheets)
    with zipfile.ZipFile(path_or_file, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for i, sheet in enumerate(sheets, start=1):
            with z.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as out:
                for part in _sheet_xml(sheet, strings):
                    out.write(part.encode("utf-8"))
        z.writestr("xl/sharedStrings.xml", strings.xml())
        z.writestr("xl/styles.xml", _styles(header_font, body_font, caption_font))
        titles = "".join(f'<sheet name={quoteattr(s.title)} sheetId="{i}" r:id="rId{i}"/>'
                         for i, s in enumerate(sheets, start=1))
        names = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
            f"{escape(_quoted(s.title))}!${s.print_title_row + 1}:${s.print_title_row + 1}</definedName>"
            for i, s in enumerate(sheets) if s.print_title_row is not None)
        z.writestr("xl/workbook.xml", (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
            f"<sheets>{titles}</sheets>" + (f"<definedNames>{names}</definedNames>" if names else "")
            + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'))
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, n + 1))
        rels += (f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
                 f'<Relationship Id="rId{n + 2}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>')
        z.writestr("xl/_rels/workbook.xml.rels", f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>')
        z.writestr("_rels/.rels", (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sml}.worksheet+xml"/>'
                            for i in range(1, n + 1))
        z.writestr("[Content_Types].xml", (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sml}.sheet.main+xml"/>{overrides}'
            f'<Override PartName="/xl/styles.xml" ContentType="{sml}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sml}.sharedStrings+xml"/></Types>'))


def _quoted(title: str) -> str:
    """A sheet name as a formula reference: always quoted, inner quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


