"""The rows of an .xlsx sheet as values, streamed straight from its XML (for large tabular imports).

openpyxl's read-only mode builds a cell object per value in pure Python; a 10,000-row hazard table
spends most of its import there. This reader walks the sheet with lxml's `iterparse`, keeps one row
in memory, and gives the values openpyxl's `iter_rows(values_only=True)` gives: shared, inline and
rich strings as text, numbers as int or float, date-formatted numbers as `datetime` (1900 or 1904
epoch), booleans, error codes as their text, a formula's cached result. The caller checks the
package first (`guard.check_file`): the archive's sizes and that no part declares a DTD.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _C, _V, _IS, _T, _R, _RPH, _F = (f"{_MAIN}{n}" for n in ("row", "c", "v", "is", "t", "r", "rPh", "f"))


@dataclass(frozen=True)
class _Workbook:
    sheet: str
    shared_strings: str | None
    styles: str | None
    epoch: Any


def _parse(stream: IO[bytes]) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.parse(stream, parser).getroot()


def _parts(archive: zipfile.ZipFile) -> _Workbook:
    """The first worksheet's part name, the shared strings and styles parts, the date epoch."""
    with archive.open("xl/workbook.xml") as fh:
        book = _parse(fh)
    pr = book.find(f"{_MAIN}workbookPr")
    epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in {"1", "true"} else CALENDAR_WINDOWS_1900
    first = book.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if first is None:
        raise ValueError("工作簿中没有工作表 / the workbook has no sheet")
    with archive.open("xl/_rels/workbook.xml.rels") as fh:
        rels = _parse(fh)
    targets: dict[str, str] = {}
    by_type: dict[str, str] = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id", "")] = name
        by_type[rel.get("Type", "").rsplit("/", 1)[-1]] = name
    sheet = targets.get(first.get(f"{_REL}id", ""))
    if sheet is None:
        raise ValueError("找不到第一个工作表 / the first sheet's part is missing")
    return _Workbook(sheet, by_type.get("sharedStrings"), by_type.get("styles"), epoch)


def _text(node: Any) -> str:
    """The text of a string item: its <t>, or its rich-text runs' <t>, without phonetic runs."""
    if len(node) == 1 and node[0].tag == _T:
        return node[0].text or ""  # the usual item: one plain <t>
    plain = "".join(t.text or "" for t in node.iterchildren(_T))
    return plain + "".join(t.text or "" for r in node.iterchildren(_R) for t in r.iterchildren(_T))


def _shared_strings(archive: zipfile.ZipFile, name: str | None) -> list[str]:
    if name is None or name not in archive.NameToInfo:
        return []
    out: list[str] = []
    with archive.open(name) as fh:
        for _event, si in etree.iterparse(fh, tag=f"{_MAIN}si", resolve_entities=False, no_network=True):
            out.append(_text(si))
            si.clear()
    return out


def _date_styles(archive: zipfile.ZipFile, name: str | None) -> tuple[set[int], set[int]]:
    """The cell style indexes whose number format is a date, and those that are durations."""
    if name is None or name not in archive.NameToInfo:
        return set(), set()
    with archive.open(name) as fh:
        styles = _parse(fh)
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
              for f in styles.iterfind(f"{_MAIN}numFmts/{_MAIN}numFmt")}
    dates: set[int] = set()
    durations: set[int] = set()
    for index, xf in enumerate(styles.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")):
        number = int(xf.get("numFmtId", "0"))
        code = custom.get(number) or builtin_format_code(number) or ""
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations


def _column(ref: str) -> int:
    """0-based column of a cell reference such as `AB12`."""
    number = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            number = number * 26 + ord(ch) - 64
        else:
            break
    return number - 1


def iter_rows(path: Path, *, formulas: bool = False) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(1-based row number, values) for every row of the first sheet that has a cell, in order.

    Only the cells the sheet holds are read: its declared dimension (`A1:XFD1048576`) is never used.
    With `formulas`, a formula cell gives its text (`=SUM(A1:A3)`), as openpyxl does with data_only=False.
    A damaged package or sheet raises ValueError (after the rows before the damage were given).
    """
    try:
        yield from _rows(path, formulas)
    except (KeyError, IndexError, zipfile.BadZipFile, etree.LxmlError, OverflowError) as exc:
        raise ValueError(f"xlsx 文件已损坏 / damaged xlsx: {type(exc).__name__}: {exc}") from exc


def _rows(path: Path, formulas: bool) -> Iterator[tuple[int, tuple[Any, ...]]]:
    with zipfile.ZipFile(path) as archive:
        book = _parts(archive)
        strings = _shared_strings(archive, book.shared_strings)
        dates, durations = _date_styles(archive, book.styles)
        epoch = book.epoch
        with archive.open(book.sheet) as fh:
            expected = 0
            for _event, row in etree.iterparse(fh, tag=_ROW, resolve_entities=False, no_network=True):
                expected = int(row.get("r") or expected + 1)
                values: list[Any] = []
                for cell in row.iterchildren(_C):
                    ref = cell.get("r")
                    if ref:
                        position = _column(ref)
                        if position > len(values):
                            values.extend([None] * (position - len(values)))
                    if formulas:
                        formula = cell.find(_F)
                        if formula is not None and formula.text:
                            values.append(f"={formula.text}")
                            continue
                    kind = cell.get("t")
                    if kind == "s":
                        raw = cell.findtext(_V)
                        values.append(strings[int(raw)] if raw is not None else None)
                    elif kind is None or kind == "n":
                        raw = cell.findtext(_V)
                        if raw is None:
                            values.append(None)
                            continue
                        number: int | float = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
                        style = int(cell.get("s") or 0)
                        if style in dates:
                            values.append(from_excel(number, epoch, timedelta=style in durations))
                        else:
                            values.append(number)
                    elif kind == "inlineStr":
                        inline = cell.find(_IS)
                        values.append(_text(inline) if inline is not None else None)
                    else:
                        values.append(_other(cell, kind))
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
                while values and values[-1] is None:
                    values.pop()
                if values:
                    yield expected, tuple(values)


def _other(cell: Any, kind: str) -> Any:
    """A boolean, ISO date, formula text or error cell."""
    raw = cell.findtext(_V)
    if raw is None:
        return None
    if kind == "b":
        return bool(int(raw))
    if kind == "d":
        return from_ISO8601(raw)
    return raw  # "str" (a formula's text result) and "e" (an error code such as #N/A)


def iter_rows_prefetched(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """`iter_rows`, parsed in a limited child (sandbox) while the caller validates and inserts what came before.

    Parsing is pure Python and about as long as an import's database side, so in one process the two
    add up; on two cores they overlap. The child comes from the sandbox's fork server (safe in a
    multi-threaded web worker), runs under its CPU and memory limits, and only reads the file.
    """
    from anjian.ingest.sandbox import stream_limited

    return stream_limited(iter_rows, path)
