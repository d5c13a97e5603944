"""Genre parsers, registered by name in one explicit registry."""

from __future__ import annotations

from anjian.ingest.document import SourceDocument
from anjian.ingest.parsers.genres import AssessmentParser, RectificationParser, ReminderParser, ReportParser
from anjian.ingest.parsers.protocol import Parser

PARSERS: dict[str, Parser] = {
    "rectification": RectificationParser(),
    "reminder": ReminderParser(),
    "assessment": AssessmentParser(),
    "report": ReportParser(),
}


def choose_parser(doc: SourceDocument) -> Parser:
    """The registered parser most confident about `doc` (ties go to the earlier registration)."""
    return max(PARSERS.values(), key=lambda p: p.detect(doc))
