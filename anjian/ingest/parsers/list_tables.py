"""Numbered points laid out as a table without a header, read as the paragraphs they are.

A sheet or a Word table may hold a letter's numbered requirements one a row, the marker in one cell and the
text in the next, with no header row (`1 | 密切关注天气变化。…`, `一 | 加强值班瞭望…`, `一是 | 加强…`), and the letter's opening
lines merged across the columns above them. Nothing in such a table names a column, so the table readers find no
field in it; as paragraphs (`1.密切关注天气变化。…`) the prose readers read the points as they do in a text.
A table becomes paragraphs only when every row is a marker with one text cell or a single cell, its markers
count on from the first (1, 2, 3 or 一是, 二是…), and there are at least two of them. A sheet cut from the middle of
a plan may open at a later point (`(三) | 严格管理…`), and after a row of one cell (a heading merged across,
`三、工作措施`) the count may start again from 1. A header of two cells, the number's and the points' name
(`序号 | 整治步骤`, under the heading `五、整治步骤`), names nothing a field is read from and is left out.
"""

from __future__ import annotations

import re

from anjian.ingest.document import Block, Paragraph, SourceDocument, Table
from anjian.ingest.parsers.columns import cell_field
from anjian.ingest.parsers.layout import number_value

_CN = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"^(?:(?P<d>\d{{1,2}})[.．、]?|(?P<c>[{_CN}]{{1,3}})(?P<is>是|要|、)?|[（(](?P<b>[{_CN}]{{1,3}}|\d{{1,2}})[）)])$"
)
_MIN_POINTS = 2
_NAME_HEADER = re.compile(r"^[\u4e00-\u9fa5]{2,8}$")


def _name_header(row: tuple[str, ...]) -> bool:
    """Whether a row is a header of two cells, the number's and the points' (`序号 | 整治步骤`), the points' naming
    no field (a table headed `序号 | 存在问题` is read by its columns)."""
    cells = [cell.strip() for cell in row if cell.strip()]
    return (
        len(cells) == 2
        and cell_field(cells[0]) == "seq"
        and bool(_NAME_HEADER.match(cells[1]))
        and not cell_field(cells[1])
    )


def _point(row: tuple[str, ...]) -> tuple[int, str] | None:
    """(the marker's number, the row as a paragraph) when the row is a marker cell and one text cell."""
    cells = [cell.strip() for cell in row if cell.strip()]
    if len(cells) != 2:
        return None
    found = _MARKER.match(cells[0])
    if found is None or _MARKER.match(cells[1]):
        return None
    number = number_value(found.group("d") or found.group("c") or found.group("b"))
    if found.group("d"):
        return number, f"{found.group('d')}.{cells[1]}"  # `1 | 密切关注…`: `1.密切关注…`
    if found.group("c") and not found.group("is"):
        return number, f"{cells[0]}、{cells[1]}"  # `一 | 加强…`: `一、加强…`
    return number, f"{cells[0]}{cells[1]}"  # `一是`, `一、`, `(1)` are markers as they stand


def _as_paragraphs(table: Table) -> list[Paragraph] | None:
    """The table's rows as paragraphs, or None when it is not a headerless list of numbered points."""
    out: list[Paragraph] = []
    expected: int | None = None  # the first point may be any: a page may open in the middle of a list
    restart = False  # a one-cell row since the last point: the count may start again from 1
    points = 0
    rows = table.rows[1:] if table.rows and _name_header(table.rows[0]) else table.rows
    for row in rows:
        point = _point(row)
        if point is None:
            cells = [cell.strip() for cell in row if cell.strip()]
            if len(set(cells)) > 1:
                return None  # two different texts in a row that is no point: a header or a data row
            if cells:
                out.append(Paragraph(cells[0]))
                restart = True
            continue
        number, text = point
        if expected is not None and number != expected and not (restart and number == 1):
            return None
        restart = False
        expected = number + 1
        points += 1
        out.append(Paragraph(text))
    return out if points >= _MIN_POINTS else None


def list_tables_as_paragraphs(doc: SourceDocument) -> SourceDocument:
    """The document with every headerless table of numbered points replaced by its paragraphs (the same
    document when there is none)."""
    blocks: list[Block] = []
    changed = False
    for block in doc.blocks:
        paragraphs = _as_paragraphs(block) if isinstance(block, Table) else None
        if paragraphs is None:
            blocks.append(block)
        else:
            blocks.extend(paragraphs)
            changed = True
    return SourceDocument(tuple(blocks), doc.source_format) if changed else doc
