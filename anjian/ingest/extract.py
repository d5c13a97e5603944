"""The extraction entry points: a file or a text in, an `Extraction` or the schema JSON out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from anjian.ingest.deadline import RECURRING, Deadline
from anjian.ingest.document import SourceDocument
from anjian.ingest.parsers import choose_parser
from anjian.ingest.parsers.layout import forget_document
from anjian.ingest.parsers.list_tables import list_tables_as_paragraphs
from anjian.ingest.parsers.outline import outline
from anjian.ingest.parsers.records import records_as_tables
from anjian.ingest.parsers.title import doc_number
from anjian.ingest.readers.text import blocks_of_text
from anjian.ingest.records import Extraction

TEXT_HEAD = 30  # characters of a scored item's text kept as `text_head`


def extract_document(doc: SourceDocument) -> Extraction:
    """The extraction of an already-read document by the most confident genre parser, with its title and 文号."""
    try:
        doc = list_tables_as_paragraphs(records_as_tables(doc))
        found = choose_parser(doc).parse(doc)
        return replace(found, title=outline(doc).title, doc_number=doc_number(doc))
    finally:
        forget_document()


def extract_text(text: str) -> Extraction:
    """The extraction of a plain text (lines, TAB-separated table rows)."""
    return extract_document(SourceDocument(blocks_of_text(text), "text"))


def extract_file(path: str | Path) -> Extraction:
    """The extraction of a file of any supported format; raises IngestError for unreadable input."""
    from anjian.ingest.readers import read_document

    return extract_document(read_document(Path(path)))


def extract_file_json(path: str) -> dict[str, Any]:
    """The schema JSON of a file: what `anjian extract` runs in its limited child process (sandbox)."""
    import logging

    # The PDF library warns about every oddity of a damaged file; the user gets one error line instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return to_schema_json(extract_file(path))


# The frequencies eval/SCHEMA.md names; a weekly or daily duty (每周, 每日) has no `deadline` value there, though
# the ledger keeps it as a recurring deadline.
SCHEMA_FREQUENCIES = ("每月", "每季度", "每年")


def _schema_deadline(deadline: Deadline | None) -> str | None:
    if deadline is None or (deadline.kind == RECURRING and deadline.frequency not in SCHEMA_FREQUENCIES):
        return None
    return deadline.schema_value()


def to_schema_json(extraction: Extraction) -> dict[str, Any]:
    """The object described in eval/SCHEMA.md."""
    return {
        "genre": extraction.genre,
        "issued": extraction.issued,
        "items": [
            {
                "seq": item.seq,
                "category": item.category,
                "problem": item.problem,
                "measures": item.measures,
                "deadline_raw": item.deadline.raw if item.deadline else None,
                "deadline": _schema_deadline(item.deadline),
                "units": list(item.units),
            }
            for item in extraction.items
        ],
        "scores": [
            {
                "seq": s.seq,
                "section": s.section,
                "text_head": s.text[:TEXT_HEAD],
                "points": s.points,
                "kind": s.kind,
            }
            for s in extraction.scores
        ],
        "section_totals": dict(extraction.section_totals),
        "stats": [{"what": s.what, "value": s.value, "unit": s.unit} for s in extraction.stats],
    }
