"""Readers: a file path in, a `SourceDocument` out, after the guard has checked the file."""

from __future__ import annotations

from pathlib import Path

from anjian.ingest.document import SourceDocument
from anjian.ingest.errors import IngestError


def read_document(path: Path) -> SourceDocument:
    """Read any supported file, dispatching on its sniffed type rather than trusting the extension; a document
    of more paragraphs than the parsers' budget is refused, naming the limit."""
    from anjian.ingest.readers.guard import MAX_PARAGRAPHS, too_many_paragraphs

    document = _read(path)
    paragraphs = len(document.paragraphs())
    if paragraphs > MAX_PARAGRAPHS:
        raise too_many_paragraphs(paragraphs)
    return document


def _read(path: Path) -> SourceDocument:
    from anjian.ingest.readers.guard import check_file

    kind = check_file(path)
    if kind == "text":
        from anjian.ingest.readers.text import read_text

        return read_text(path)
    if kind == "docx":
        from anjian.ingest.readers.docx import read_docx

        return read_docx(path)
    if kind == "xlsx":
        from anjian.ingest.readers.xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "pdf":
        from anjian.ingest.readers.pdf import read_pdf

        return read_pdf(path)
    if kind in ("doc", "xls", "wps", "et"):
        from anjian.ingest.readers.legacy import read_legacy

        return read_legacy(path, kind)
    raise IngestError("unsupported", path.suffix or "无扩展名", path.suffix or "no extension")
