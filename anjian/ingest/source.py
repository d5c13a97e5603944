"""A document as the importer sees it: genre, date, identity and items as schema dicts (SCHEMA.md).

Ordinary documents go through the pure extractor once. A large .xlsx ledger is streamed instead
(the streaming xlsx reader, a few hundred rows at a time through the same table parser), so a 5,000-row
ledger never sits in memory as a whole workbook. Both run in a limited child process (sandbox.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any

from anjian.ingest.errors import IngestError
from anjian.ingest.extract import extract_document, to_schema_json

# From this many sheet rows on, an .xlsx is read as a streamed ledger.
STREAM_ROWS = 1000
CHUNK_ROWS = 200
_DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,8}[〔\[（(]\d{4}[〕\]）)]\d+号"
    r"(?:签发人[:：][\u4e00-\u9fff]{2,3}?(?=办理结果|关于|[\u4e00-\u9fff]{2,3}(?:关于|对))[\u4e00-\u9fff]{0,3}?)?"
    r"(?:办理结果[:：][A-Za-z])?"
)
_MASTHEAD = re.compile(r"^.{2,40}?(?:文件|办公室文件)(?=.{6,})")


@dataclass(frozen=True)
class Source:
    """What the importer needs from one file; `items()` may be iterated more than once."""

    sha256: str
    genre: str
    issued: str | None
    title: str
    items: Callable[[], Iterator[dict[str, Any]]]
    count: int
    extraction: dict[str, Any]


def document_key(title: str, original_name: str) -> str:
    """The identity of a document across its versions: the title without masthead, number and spaces."""
    text = re.sub(r"\s", "", title)
    text = _MASTHEAD.sub("", text)
    text = _DOC_NUMBER.sub("", text)
    if len(text) < 6:
        stem = Path(original_name).stem
        text = re.sub(
            r"[\s_\-（(]*(?:v\d+|修订|修改|最终|终稿|定稿|副本|\d{6,8})[)）]?$", "", stem, flags=re.I
        )
    return text[:200]


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_source(path: str | Path) -> Source:
    """Read and extract a file in a limited child process (sandbox); raises IngestError for unreadable input."""
    from anjian.ingest.sandbox import run_limited

    read = run_limited(_read_file, str(path), STREAM_ROWS)
    items = read.items
    return Source(
        read.sha256, read.genre, read.issued, read.title, lambda: iter(items), len(items), read.extraction
    )


@dataclass(frozen=True)
class _Read:
    """What the parsing child hands back: plain values, the items already extracted."""

    sha256: str
    genre: str
    issued: str | None
    title: str
    items: tuple[dict[str, Any], ...]
    extraction: dict[str, Any]


def _read_file(name: str, stream_rows: int) -> _Read:
    """In the child: check, hash, read and extract the file (an .xlsx of `stream_rows` rows as a ledger)."""
    from anjian.ingest.parsers.outline import outline
    from anjian.ingest.readers import read_document
    from anjian.ingest.readers.guard import check_file

    path = Path(name)
    kind = check_file(path)
    digest = sha256_of(path)
    if kind == "xlsx":
        # Rows that have cells, never the sheet's declared dimension (A1:XFD1048576 costs nothing).
        rows = _stream_rows(path)
        head = list(islice(rows, stream_rows))
        if len(head) >= stream_rows:
            title = next((_only(cells) for number, cells in head if number <= 5 and _only(cells)), "")
            items = tuple(_stream_items(chain(head, rows)))
            return _Read(digest, "rectification", None, title, items, {})
    doc = read_document(path)
    extraction = to_schema_json(extract_document(doc))
    return _Read(
        digest, extraction["genre"], extraction["issued"], outline(doc).title, tuple(extraction["items"]),
        extraction,
    )


def _only(cells: tuple[str, ...]) -> str:
    """The text of a row with exactly one filled cell (a title row), else ''."""
    filled = [c for c in cells if c]
    return filled[0] if len(filled) == 1 else ""


def _stream_rows(path: Path) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row number, cells as text) of the first sheet's rows that have cells; formulas stay text."""
    from anjian.ingest.readers.xlsx_stream import iter_rows

    try:
        for number, values in iter_rows(path, formulas=True):
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            yield number, tuple(cells)
    except ValueError as exc:
        raise IngestError("corrupt", str(exc)[:200], str(exc)[:200]) from exc


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"  # the way documents write dates
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _stream_items(rows: Iterator[tuple[int, tuple[str, ...]]]) -> Iterator[dict[str, Any]]:
    """Items of a large ledger: header found in the first rows, then the body in chunks."""
    from anjian.ingest.parsers.tables import header_roles, table_items

    header: tuple[str, ...] | None = None
    roles: list[str] = []
    chunk: list[tuple[str, ...]] = []
    category: str | None = None
    done = 0
    for _number, row in rows:
        if header is None:
            if header_roles(row):
                header, roles = row, header_roles(row) or []
            continue
        if len([c for c in row if c]) < 2:
            continue
        # A vertically merged category cell is empty below its first row in read-only mode: fill down.
        if "category" in roles:
            col = roles.index("category")
            if col < len(row) and row[col]:
                category = row[col]
            elif category:
                row = (*row[:col], category, *row[col + 1 :]) if col < len(row) else row
        chunk.append(row)
        if len(chunk) >= CHUNK_ROWS:
            yield from _chunk_items(header, roles, chunk, done, table_items)
            done += len(chunk)
            chunk = []
    if header is None:
        raise IngestError(
            "corrupt", "未找到表头（序号/问题/整改措施/责任单位/整改时限）", "no header row found"
        )
    if chunk:
        yield from _chunk_items(header, roles, chunk, done, table_items)


def _chunk_items(
    header: tuple[str, ...],
    roles: list[str],
    chunk: list[tuple[str, ...]],
    offset: int,
    table_items: Callable[..., list[Any]],
) -> Iterator[dict[str, Any]]:
    from anjian.ingest.records import Extraction

    items = table_items((header, *chunk), None)
    numbered = "seq" in roles
    extraction = Extraction("rectification", None, tuple(items))
    for index, item in enumerate(to_schema_json(extraction)["items"], start=1):
        if not numbered and item["seq"] == str(index):
            item["seq"] = str(offset + index)
        yield item
