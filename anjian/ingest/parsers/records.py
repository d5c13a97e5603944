"""Records printed as labelled lines, read as the table they are.

An exposure or a check list prints each finding as a record of labelled lines, the same labels every time,
often under a number of its own:

    01
    学校名称：城西学校
    问题隐患：校内多处地砖脱落
    整改时限：2025年8月28日

Two records or more whose labels name a problem or a measure (`columns.cell_field`) become a table whose
header is the labels (and 序号 when the records are numbered), so that the table reader gives each column its
field as it does for a Word table. A line of another kind (a heading between them) ends the records.
"""

from __future__ import annotations

import re

from anjian.ingest.document import Block, Paragraph, SourceDocument, Table
from anjian.ingest.parsers.columns import cell_field
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.layout import UNIT_LABEL

_LABELLED = re.compile(r"^(?P<label>[^:：]{2,40}?)\s*[:：]\s*(?P<value>\S.*)$", re.S)
_LABEL = re.compile(r"^[^\s:：，,。；;（）()]{2,10}$")
_RECORD_NUMBER = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.．、]?$")
_MIN_RECORDS = 2
_COUNTED_LABEL = re.compile(r"^(?P<base>[^\d]{2,8}?)(?P<n>\d{1,3})$")
_UNIT_FIRST = re.compile(rf"^{UNIT_LABEL}$")
_ITEM_FIELDS = {"problem", "measures"}


def _label(text: str) -> tuple[str, str] | None:
    found = _LABELLED.match(text.strip())
    if found is None:
        return None
    label = simplified(found.group("label"))  # `學(xué)校名稱`: a repost's pinyin glosses dropped
    return (label, found.group("value").strip()) if _LABEL.match(label) else None


def _records(paragraphs: list[str], start: int) -> tuple[list[str], list[tuple[str, dict[str, str]]], int]:
    """The labels and the (number, fields) records of the run of records starting at `start`, and the index
    after the last paragraph looked at; no labels when no run of two records or more starts there."""
    records: list[tuple[str, dict[str, str]]] = []
    labels: list[str] = []
    number = ""
    current: dict[str, str] | None = None
    end = start + 1
    for at in range(start, len(paragraphs)):
        compact = paragraphs[at].strip()
        labelled = _label(compact)
        if _RECORD_NUMBER.match(compact):
            if current is not None:
                records.append((number, current))
                current = None
            number = compact.rstrip(".．、")
            continue
        if labelled is None:
            break  # a line of another kind (a heading, the text going on) ends the records
        label, value = labelled
        counted = _COUNTED_LABEL.match(label)
        if counted:  # `隐患1：…` / `整改措施：…` / `隐患2：…`: the record's number rides on its first label
            label = counted.group("base")
        if current is not None and label in current:  # the first label again: the next record
            records.append((number, current))
            current, number = None, ""
        if counted:
            number = counted.group("n")
        if current is None:
            if records and label != labels[0]:
                break  # a record opens with the first record's first label
            current = {}
        if not records and label not in labels:
            labels.append(label)
        elif label not in labels:
            break  # a label the first record did not print: the records have ended
        current[label] = value
        end = at + 1
    if current is not None:
        records.append((number, current))
    fields = {cell_field(label) for label in labels}
    if len(records) < _MIN_RECORDS or len(labels) < 2 or not fields & _ITEM_FIELDS:
        return [], [], end
    if labels and _UNIT_FIRST.match(labels[0]):
        # `隐患单位：` records are the prose reader's: the site their category, its problems split
        return [], [], end
    return labels, records, end


def records_as_tables(doc: SourceDocument) -> SourceDocument:
    """The document with every run of labelled records replaced by a table (the same document when none).
    Linear: a run that is not one is passed over whole."""
    blocks: list[Block] = []
    changed = False
    index = 0
    while index < len(doc.blocks):
        if not isinstance(doc.blocks[index], Paragraph):
            blocks.append(doc.blocks[index])
            index += 1
            continue
        end = index
        while end < len(doc.blocks) and isinstance(doc.blocks[end], Paragraph):
            end += 1
        texts = [b.text for b in doc.blocks[index:end] if isinstance(b, Paragraph)]
        at = 0
        while at < len(texts):
            if _label(texts[at]) is None and not _RECORD_NUMBER.match(texts[at].strip()):
                blocks.append(Paragraph(texts[at]))
                at += 1
                continue
            labels, records, after = _records(texts, at)
            if not labels:
                blocks.extend(Paragraph(t) for t in texts[at:after])
                at = after
                continue
            numbered = any(number for number, _ in records)
            header = (("序号",) if numbered else ()) + tuple(labels)
            rows = [
                ((number,) if numbered else ()) + tuple(fields.get(label, "") for label in labels)
                for number, fields in records
            ]
            blocks.append(Table((header, *rows)))
            changed = True
            at = after
        index = end
    return SourceDocument(tuple(blocks), doc.source_format) if changed else doc
