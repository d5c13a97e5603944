"""What a reader produces: a document as paragraphs and tables in reading order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or one line of a plain-text file)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table as rows of cell strings; merged cells are already resolved by the reader.

    `continued` names the (row, column) cells that continue a vertical merge from the row above: the
    reader prints a merged value once, and a parser may carry it down (a 责任单位 shared by three rows).
    """

    rows: tuple[tuple[str, ...], ...]
    continued: frozenset[tuple[int, int]] = frozenset()


Block = Paragraph | Table


@dataclass(frozen=True)
class SourceDocument:
    """A whole document: its blocks in body order and the format it was read from."""

    blocks: tuple[Block, ...]
    source_format: str = "text"

    def paragraphs(self) -> list[str]:
        """The paragraph texts only, in order."""
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]
