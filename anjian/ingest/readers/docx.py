"""Word .docx: paragraphs and tables in body order, merged cells once, list numbers rendered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from anjian.ingest.document import Block, Paragraph, SourceDocument, Table
from anjian.ingest.errors import IngestError
from anjian.ingest.readers.guard import (
    MAX_GRID_SPAN,
    MAX_PARAGRAPHS,
    MAX_TABLE_CELLS,
    too_many_cells,
    too_many_paragraphs,
)
from anjian.ingest.readers.numbering import ListNumbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> SourceDocument:
    """A .docx file as paragraphs and tables in the order they appear in the body."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises assorted errors for damaged packages
        raise IngestError("corrupt", type(exc).__name__, type(exc).__name__) from exc
    numbering = ListNumbering.from_document(document)
    blocks: list[Block] = []
    cells = paragraphs = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            text = _paragraph_text(element, numbering)
            if text.strip():
                blocks.append(Paragraph(text))
                paragraphs += 1
                if paragraphs > MAX_PARAGRAPHS:  # refused before the rest is read
                    raise too_many_paragraphs(paragraphs)
        elif element.tag == f"{W}tbl":
            rows, continued = _table_rows(element, numbering)
            cells += sum(1 for row in rows for cell in row if cell)
            if cells > MAX_TABLE_CELLS:
                raise too_many_cells(cells)
            if rows:
                blocks.append(Table(rows, continued))
    return SourceDocument(tuple(blocks), "docx")


def _paragraph_text(p: Any, numbering: ListNumbering) -> str:
    text = "".join(
        (node.text or "") if node.tag == f"{W}t" else ("\t" if node.tag == f"{W}tab" else "\n")
        for node in p.iter(f"{W}t", f"{W}tab", f"{W}br")
    )
    # Word's automatic list numbers are not in the text; render them so `1.` and `（一）` survive.
    return numbering.prefix(p) + text


def _cell_text(tc: Any, numbering: ListNumbering) -> str:
    parts = [_paragraph_text(p, numbering) for p in tc.iterchildren(f"{W}p")]
    return "\n".join(part for part in parts if part.strip())


def _table_rows(
    tbl: Any, numbering: ListNumbering
) -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[int, int]]]:
    rows: list[tuple[str, ...]] = []
    continued_cells: set[tuple[int, int]] = set()
    for tr in tbl.iterchildren(f"{W}tr"):
        cells: list[str] = []
        merged_columns: list[int] = []
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span, continued = 1, False
            if props is not None:
                grid = props.find(f"{W}gridSpan")
                if grid is not None:
                    value = grid.get(f"{W}val", "1")
                    span = max(1, min(int(value) if value.isdigit() else 1, MAX_GRID_SPAN))
                merge = props.find(f"{W}vMerge")
                # <w:vMerge/> without a value continues the cell above; "restart" begins a merge.
                continued = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            text = "" if continued else _cell_text(tc, numbering)
            if continued:
                merged_columns.extend(range(len(cells), len(cells) + span))
            cells.extend([text] + [""] * (span - 1))
        if any(c.strip() for c in cells):
            continued_cells.update((len(rows), column) for column in merged_columns)
            rows.append(tuple(cells))
    return tuple(rows), frozenset(continued_cells)
