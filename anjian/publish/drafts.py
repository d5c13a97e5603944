"""A 公文 as data that can wait in the database: JSON in and out, its author placeholders, and edits to them.

A draft keeps the OfficialDocument a report kind built (without a 文号) as JSON. The builders leave
【请…】 where only a person can write; such a paragraph is editable in the draft and blocks issuing
until its placeholder is replaced, so no placeholder reaches an issued file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from anjian.publish.gbt9704 import (
    Appendix,
    AttachmentNote,
    Block,
    Heading,
    Masthead,
    OfficialDocument,
    Paragraph,
    Table,
)

PLACEHOLDER = re.compile(r"【请[^】]*】")

_BLOCKS: dict[str, type[Any]] = {"heading": Heading, "paragraph": Paragraph, "table": Table,
                                 "attachments": AttachmentNote}
_NAMES = {cls: name for name, cls in _BLOCKS.items()}


def unnumbered(prefix: str, year: int) -> str:
    """The number line of a draft: the prefix and year, the sequence left blank (e.g. 龙安生委〔2026〕  号)."""
    return f"{prefix}〔{year}〕    号"


def _block_to_json(block: Block) -> dict[str, Any]:
    data = dataclasses.asdict(block)
    data["type"] = _NAMES[type(block)]
    return data


def _block_from_json(data: dict[str, Any]) -> Block:
    values = dict(data)
    cls = _BLOCKS[values.pop("type")]
    if cls is Table:
        values["header"] = tuple(values["header"])
        values["rows"] = tuple(tuple(r) for r in values["rows"])
        if values.get("column_widths_mm") is not None:
            values["column_widths_mm"] = tuple(values["column_widths_mm"])
    if cls is AttachmentNote:
        values["names"] = tuple(values["names"])
    block: Block = cls(**values)
    return block


def to_json(doc: OfficialDocument) -> dict[str, Any]:
    """The document as JSON-safe data (dates as ISO strings)."""
    return {
        "title": doc.title, "body": [_block_to_json(b) for b in doc.body], "date": doc.date.isoformat(),
        "issuer_mark": doc.issuer_mark, "doc_number": doc.doc_number, "signer": doc.signer,
        "addressee": doc.addressee, "signature_org": doc.signature_org, "sealed": doc.sealed,
        "appendices": [{"title": a.title, "label": a.label, "body": [_block_to_json(b) for b in a.body]}
                       for a in doc.appendices],
        "cc": doc.cc, "printer_org": doc.printer_org,
        "print_date": doc.print_date.isoformat() if doc.print_date else None, "masthead": doc.masthead.value,
    }


def from_json(data: dict[str, Any]) -> OfficialDocument:
    """The document `to_json` wrote."""
    return OfficialDocument(
        title=data["title"], body=tuple(_block_from_json(b) for b in data["body"]),
        date=dt.date.fromisoformat(data["date"]), issuer_mark=data["issuer_mark"], doc_number=data["doc_number"],
        signer=data["signer"], addressee=data["addressee"], signature_org=data["signature_org"],
        sealed=data["sealed"],
        appendices=tuple(Appendix(title=a["title"], label=a["label"],
                                  body=tuple(_block_from_json(b) for b in a["body"])) for a in data["appendices"]),
        cc=data["cc"], printer_org=data["printer_org"],
        print_date=dt.date.fromisoformat(data["print_date"]) if data["print_date"] else None,
        masthead=Masthead(data["masthead"]),
    )


@dataclasses.dataclass(frozen=True)
class EditableParagraph:
    """A body paragraph the drafter may rewrite: where it is, its text, and whether a placeholder is left."""

    index: int
    text: str

    @property
    def unfilled(self) -> bool:
        return bool(PLACEHOLDER.search(self.text))


def editable(doc: OfficialDocument, *, template: OfficialDocument | None = None) -> list[EditableParagraph]:
    """The paragraphs that had a placeholder when built (`template`, default: the document itself)."""
    base = template or doc
    return [EditableParagraph(i, block.text) for i, (block, first) in enumerate(zip(doc.body, base.body, strict=True))
            if isinstance(block, Paragraph) and isinstance(first, Paragraph) and PLACEHOLDER.search(first.text)]


def placeholders(doc: OfficialDocument) -> list[str]:
    """Every placeholder still in the document's text (title, body, tables, appendices)."""
    texts = [doc.title, doc.addressee, doc.cc]

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, Heading):
                texts.extend([block.text, block.run_in])
            elif isinstance(block, Table):
                texts.extend([*block.header, *(cell for row in block.rows for cell in row)])
            else:
                texts.extend(block.names)

    walk(doc.body)
    for appendix in doc.appendices:
        texts.append(appendix.title)
        walk(appendix.body)
    return [m.group(0) for t in texts for m in PLACEHOLDER.finditer(t)]


def with_texts(doc: OfficialDocument, texts: dict[int, str], *, template: OfficialDocument) -> OfficialDocument:
    """The document with the given editable paragraphs rewritten; other indexes are refused."""
    allowed = {p.index for p in editable(doc, template=template)}
    unknown = set(texts) - allowed
    if unknown:
        raise ValueError(f"paragraphs {sorted(unknown)} are not editable")
    body = tuple(Paragraph(texts[i].strip()) if i in texts else block for i, block in enumerate(doc.body))
    return dataclasses.replace(doc, body=body)
