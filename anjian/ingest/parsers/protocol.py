"""The contract every document parser meets."""

from __future__ import annotations

from typing import Protocol

from anjian.ingest.document import SourceDocument
from anjian.ingest.records import Extraction


class Parser(Protocol):
    """A parser for one genre: how sure it is that a document is its genre, and the extraction."""

    name: str

    def detect(self, doc: SourceDocument) -> float:
        """Confidence in [0, 1] that `doc` belongs to this parser's genre."""
        ...

    def parse(self, doc: SourceDocument) -> Extraction:
        """Everything this genre yields from `doc`."""
        ...
