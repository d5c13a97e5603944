"""PDF: the text layer rebuilt into paragraphs, and ruled tables with wrapped cell text joined."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from anjian.ingest.document import Block, Paragraph, SourceDocument, Table
from anjian.ingest.errors import IngestError

_MARKER = re.compile(
    r"^(?:<p>)?\s*(?:\d{1,3}\s*[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)"
)
_ENDS = ("。", "：", ":", "；", ";", "！", "？", "）", ")")
_PAGE_NUMBER = re.compile(r"^[—\-–－\s]*\d{1,4}[—\-–－\s]*$|^第\s*\d+\s*页")


def read_pdf(path: Path) -> SourceDocument:
    """A PDF with a text layer as paragraphs and tables in page order."""
    import pdfplumber

    blocks: list[Block] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                _add_page(page, blocks)
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises assorted errors for damaged files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise IngestError("encrypted") from exc
        raise IngestError("corrupt", name, name) from exc
    return SourceDocument(tuple(blocks), "pdf")


def _add_page(page: Any, blocks: list[Block]) -> None:
    """Append one page's paragraphs and tables to `blocks`, continuing a paragraph cut by the page break."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    lines = [ln for ln in text_page.extract_text_lines() if ln["text"].strip()]
    placed: list[tuple[float, Table | dict[str, Any]]] = [(ln["top"], ln) for ln in lines]
    for table, box in zip(tables, boxes, strict=True):
        rows = tuple(
            tuple(re.sub(r"\s*\n\s*", "", cell or "").strip() for cell in row) for row in table.extract()
        )
        if rows:
            placed.append((box[1], Table(rows)))
    placed.sort(key=lambda item: item[0])
    left = min((ln["x0"] for ln in lines), default=0.0)
    # The text's right edge: a page of short lines and tables (a title, headings) has no full line of text.
    right = max([ln["x1"] for ln in lines] + [b[2] for b in boxes], default=0.0)
    # At the top of a page, a flush-left line continues an unfinished paragraph from the last page.
    open_paragraph = bool(blocks) and isinstance(blocks[-1], Paragraph) and _unfinished(blocks[-1].text)
    previous_full = open_paragraph
    first_on_page = True
    for _, thing in placed:
        if isinstance(thing, Table):
            last_block = blocks[-1] if blocks else None
            if first_on_page and isinstance(last_block, Table) and _width(last_block) == _width(thing):
                blocks[-1] = _continue_table(last_block, thing)
            else:
                blocks.append(thing)
            previous_full = False
            first_on_page = False
            continue
        first_on_page = False
        text = thing["text"].strip()
        if _PAGE_NUMBER.match(text):
            continue
        char = _char_width(thing)
        indented = thing["x0"] > left + 1.5 * char
        last = blocks[-1] if blocks else None
        # A flush-left `（一）`/`2.` after a sentence's end starts a paragraph even when the line above was full.
        # So does `9.` under a paragraph opened by `8.` (`…检查日期为6月28日` / `9.教研组…`).
        starts_new = (
            bool(_MARKER.match(text))
            and isinstance(last, Paragraph)
            and (last.text.endswith(_ENDS) or _counts_on(last.text, text))
        )
        if previous_full and not indented and isinstance(last, Paragraph) and not starts_new:
            blocks[-1] = Paragraph(last.text + text)
        else:
            blocks.append(Paragraph(text))
        previous_full = thing["x1"] >= right - 2 * char


_POINT = re.compile(r"^\s*(\d{1,3})\s*[.．、](?!\d)")


def _counts_on(last: str, text: str) -> bool:
    """Whether `text` opens with the point number after the one `last` opened with (`8.…` then `9.…`)."""
    before, after = _POINT.match(last), _POINT.match(text)
    return before is not None and after is not None and int(after.group(1)) == int(before.group(1)) + 1


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows), default=0)


def _starts_row(row: tuple[str, ...]) -> bool:
    """Whether a row begins a new record: some cell opens with a list marker or a heading."""
    return any(_MARKER.match(cell) for cell in row if cell)


def _continue_table(head: Table, tail: Table) -> Table:
    """A table broken by a page: drop a repeated header, glue a row split across the break."""
    rows = list(tail.rows)
    if rows and head.rows and rows[0] == head.rows[0]:
        rows = rows[1:]
    merged = list(head.rows)
    if rows and merged and not _starts_row(rows[0]) and not _next_number(merged[-1], rows[0]):
        merged[-1] = tuple(a + b for a, b in zip(merged[-1], rows[0], strict=False))
        rows = rows[1:]
    return Table(tuple(merged + rows))


def _next_number(last: tuple[str, ...], row: tuple[str, ...]) -> bool:
    """Whether a row opens with the number after the last row's (`1` then `2` in a 序号 column): a row of its own."""
    before, after = (r[0].strip() if r else "" for r in (last, row))
    return before.isdigit() and after.isdigit() and int(after) == int(before) + 1


def _unfinished(text: str) -> bool:
    return len(text) > 20 and not text.endswith(("。", "：", ":", "；", "！", "？"))


def _char_width(line: dict[str, Any]) -> float:
    chars = line.get("chars") or []
    if chars:
        return max(1.0, float(sum(c["x1"] - c["x0"] for c in chars)) / len(chars))
    return 10.0
