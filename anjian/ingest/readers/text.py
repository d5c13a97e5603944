"""Plain text: decode safely, then lines become paragraphs and TAB-separated runs become tables."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from anjian.ingest.document import Block, Paragraph, SourceDocument, Table
from anjian.ingest.errors import IngestError
from anjian.ingest.readers.pipes import cells_per_line, is_pipe_row, led_cells, pipe_cells, pipe_table
from anjian.ingest.readers.stacked import stacked_tables

# Chinese files come as UTF-8 or GB18030 (a superset of GBK and GB2312); UTF-16 only with a BOM.
_FALLBACKS = ("utf-8", "gb18030")


def decode(data: bytes) -> str:
    """Text of a byte string: BOM first, then strict UTF-8, then GB18030; never silently garbled."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if data[:4096].count(b"\x00") > len(data[:4096]) // 10:
        return _detected(data)  # UTF-16 without a BOM, or binary: let detection decide or refuse
    data = data.replace(b"\x00", b"")
    encoding = _plain_encoding(data, final=True)
    return data.decode(encoding) if encoding else _detected(data)


def stream_encoding(sample: bytes) -> str:
    """The encoding to read a file in, by the same rules as `decode`, from its first bytes only (a file too
    large to hold, such as a table being imported row by row); "utf-8-sig" drops a UTF-8 BOM."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    encoding = _plain_encoding(sample, final=False)
    if encoding:
        return encoding
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise IngestError("undecodable")
    return str(best.encoding)


def _plain_encoding(data: bytes, *, final: bool) -> str | None:
    """Strict UTF-8, else GB18030 if it reads as real Chinese, else None. With final=False a multi-byte
    character cut at the end of a sample is not an error."""
    for encoding in _FALLBACKS:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=final)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _plausible_chinese(text):
            return None
        return encoding
    return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError("undecodable", encoding, encoding) from exc


def _plausible_chinese(text: str) -> bool:
    # GB18030 decodes almost any byte string, and UTF-8 read as GB18030 is all ideographs too; real
    # Chinese text is almost entirely the 3755 common characters (GB2312 level 1, lead bytes B0–D7).
    ideographs = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not ideographs:
        return not any(not ch.isascii() and not ch.isspace() for ch in text)
    common = sum(1 for ch in ideographs if _level_one(ch))
    return common / len(ideographs) > 0.85


def _level_one(ch: str) -> bool:
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise IngestError("undecodable")
    return str(best)


# A page that lost its line breaks runs its paragraphs into one line, each numbered paragraph after a blank:
# `… 5.建立健全… 6.建立… 五、整治步骤 (一)安排部署…`.
_RUN_ON_MARKER = re.compile(
    r"\s+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?![\d.．、])))"
)
_RUN_ON_LENGTH = 300


def paragraphs_of_run_on(line: str) -> list[str]:
    """A long line holding three or more numbered paragraphs, each after a blank, as those paragraphs; any
    other line as it is."""
    if len(line) < _RUN_ON_LENGTH or "\t" in line:
        return [line]
    parts = _RUN_ON_MARKER.split(line)
    return [part for part in parts if part.strip()] if len(parts) >= 4 else [line]


# A web page stored with its HTML markup: `<p class="ql-block">…</p>`, `<strong>`, `<br/>`.
_TAG = re.compile(r"</?(?:p|span|strong|div|br|b|em|font|section)\b[^<>]{0,200}>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|section)>", re.IGNORECASE)


def without_markup(line: str) -> list[str]:
    """A line of a page stored with its HTML tags as the paragraphs they mark, the tags dropped; a line of a table
    (TABs: a cell may hold several `<p>` paragraphs) or without tags as it is."""
    if "\t" in line or not _TAG.search(line):
        return [line]
    return [part for part in _TAG.sub("", _BREAK.sub("\n", line)).split("\n") if part.strip()] or [""]


def blocks_of_text(text: str) -> tuple[Block, ...]:
    """Lines as paragraphs; consecutive lines holding TABs (blank lines between allowed) as one table,
    two or more consecutive lines with `|` cell marks as another (`readers.pipes`), and a table printed one
    cell per line under a 序号 header as a third (`readers.stacked`)."""
    from anjian.ingest.readers.guard import MAX_TABLE_CELLS, too_many_cells

    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    stacked = False  # whether `rows` holds a stacked table's rows (else TAB rows): the two never merge
    piped: list[str] = []
    cells = 0

    def end_rows() -> None:
        if rows:
            blocks.append(Table(tuple(rows)))
            rows.clear()

    def end_pipes() -> None:
        if len(piped) >= 2:
            blocks.append(pipe_table(piped))
        else:
            blocks.extend(Paragraph(line.strip()) for line in piped)
        piped.clear()

    lines = [
        part
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for unmarked in without_markup(line)
        for part in paragraphs_of_run_on(unmarked)
    ]
    for raw in stacked_tables(cells_per_line(led_cells(lines))):
        if isinstance(raw, tuple):  # a row of a table printed one cell per line
            end_pipes()
            if not stacked:
                end_rows()
            stacked = True
            rows.append(raw)
            cells += sum(1 for cell in raw if cell)
            if cells > MAX_TABLE_CELLS:
                raise too_many_cells(cells)
            continue
        line = raw.rstrip("\r\n ")  # trailing TABs are empty cells: keep them
        if piped and line.strip() and not line.strip().strip("| "):
            continue  # a line of marks only between a pipe table's rows (`| |||||`): its empty cells
        # A table drawn with border marks (`| a | b |`) goes on only with bordered lines; one drawn without them
        # goes on with a line that opens with a mark (`| 1.… | 2 |`: its first cell merged from above).
        same_kind = not piped or not piped[0].lstrip().startswith("|") or line.lstrip().startswith("|")
        if piped and not same_kind:
            end_pipes()
        if "\t" not in line and is_pipe_row(line, in_table=bool(piped)):
            end_rows()
            piped.append(line)
            cells += len(pipe_cells(line))
            if cells > MAX_TABLE_CELLS:
                raise too_many_cells(cells)
            continue
        if piped and line.strip():
            end_pipes()
        if "\t" in line and line.strip():
            if stacked:
                end_rows()
            stacked = False
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
            cells += sum(1 for cell in rows[-1] if cell)
            if cells > MAX_TABLE_CELLS:
                raise too_many_cells(cells)
            continue
        if not line.strip():
            continue
        end_rows()
        blocks.append(Paragraph(line.strip()))
    end_pipes()
    end_rows()
    return tuple(blocks)


def read_text(path: Path) -> SourceDocument:
    """A plain-text file as a document."""
    return SourceDocument(blocks_of_text(decode(path.read_bytes())), "text")
