"""A document seen as parts (main text, attachments), its title and its own date."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from anjian.ingest.deadline import find_dates, resolve_deadline
from anjian.ingest.document import Paragraph, SourceDocument, Table
from anjian.ingest.parsers.assessment import Scheme, is_scheme, scored_scheme, table_scheme
from anjian.ingest.parsers.criteria import criteria_scheme
from anjian.ingest.parsers.flat import flat_scheme
from anjian.ingest.parsers.glued import glued_scheme
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.layout import clean, is_date_line, join_broken, parse_line, split_parts, unflatten
from anjian.ingest.parsers.prose import apply_governing, heading_text, letter_deadline, prose_items
from anjian.ingest.parsers.tables import table_items
from anjian.ingest.parsers.title import doc_number, is_site_notice, title_text
from anjian.ingest.records import Item, Score

# `（2023年9月23日，陈杰）` under the title of a speech or report.
# `（2024年3月5日在全县安全生产工作会议上）`: a speech's header, the date followed by the occasion.
_HEADER_DATE = re.compile(
    r"^[（(]\s*(?P<d>[^，,、）)]{6,20}?[日号]|[^，,、）)]{6,20})\s*(?:[，,、在]\s*[^）)]{1,30})?[）)]$"
)

_PUBLISHED = re.compile(r"(?:发布|发文|成文|信息|更新)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]")
_NUMBER_YEAR = re.compile(r"[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]")


@dataclass(frozen=True)
class Part:
    """The main document or one attachment: its paragraphs (broken lines rejoined) and tables."""

    texts: tuple[str, ...]
    tables: tuple[Table, ...]
    table_headings: tuple[str | None, ...] = ()  # the heading each table sits under
    table_heading_seqs: tuple[str, ...] = ()  # that heading's marker as a seq prefix (`(一)`, `一、`)


@dataclass(frozen=True)
class Outline:
    """The parts of a document, its title and its own date."""

    parts: tuple[Part, ...]
    title: str
    issued: date | None
    number_year: int | None = None  # the year of its 文号 (`宝经开安〔2018〕6号`), else of its page's 发布时间

    @property
    def year(self) -> int | None:
        """The document's own year, used for deadlines printed without one: the year of its date, else of
        its 文号 (a page that stops before the 落款 still prints its number)."""
        return self.issued.year if self.issued else self.number_year


def issued_date(first_part: list[Paragraph | Table]) -> date | None:
    """The 落款 date of the main document: a lone date line or a dated header; None without one."""
    for block in first_part:
        if not isinstance(block, Paragraph):
            continue
        text = clean(block.text)
        header = _HEADER_DATE.match(re.sub(r"\s", "", text))
        candidate = header.group("d") if header else (text if is_date_line(text) else "")
        dates = find_dates(candidate) if candidate else []
        if dates and dates[0].due and dates[0].precision == "day":
            return dates[0].due
    return None


@lru_cache(maxsize=4)
def outline(doc: SourceDocument) -> Outline:
    """Split a document into parts and find its title and date."""
    raw_parts = split_parts(doc)
    parts = []
    for raw in raw_parts:
        paragraphs = [b.text for b in raw if isinstance(b, Paragraph) and not is_site_notice(b.text)]
        texts = [piece for text in join_broken(paragraphs) for piece in unflatten(text)]
        headings: list[str | None] = []
        heading_seqs: list[str] = []
        heading: str | None = None
        heading_seq = ""
        for block in raw:
            if isinstance(block, Table):
                headings.append(heading)
                heading_seqs.append(heading_seq)
                continue
            line = parse_line(block.text)
            if line.level in (1, 2) and len(line.body) <= 40 and "。" not in line.body.rstrip("。"):
                heading = heading_text(line)
                heading_seq = line.seq + ("、" if line.level == 1 else "")
        tables = tuple(b for b in raw if isinstance(b, Table))
        parts.append(Part(tuple(texts), tables, tuple(headings), tuple(heading_seqs)))
    issued = issued_date(raw_parts[0]) if raw_parts else None
    number = _NUMBER_YEAR.search(doc_number(doc) or "")
    year = int(number.group(1)) if number else _published_year(doc)
    return Outline(tuple(parts), title_text(doc), issued, year)


def _published_year(doc: SourceDocument) -> int | None:
    """The year a website page says it was published (`发布时间：2020-12-24`), read in its opening lines."""
    for block in doc.blocks[:20]:
        if isinstance(block, Paragraph):
            found = _PUBLISHED.search(block.text)
            if found:
                return int(found.group(1))
    return None


def _part_scheme(part: Part) -> Scheme:
    scheme = scored_scheme(list(part.texts))
    scores, totals = list(scheme.scores), list(scheme.totals)
    header: tuple[str, ...] = ()  # the header row of the part's last scoring table
    for table in part.tables:
        found = table_scheme(table.rows)
        if found.scores:
            header = table.rows[0]
        elif header and table.rows and max(len(row) for row in table.rows) <= len(header):
            # A scoring table cut by a line printed between its rows continues without its header row.
            found = table_scheme((header, *table.rows))
        scores += found.scores
        totals += found.totals
        if not found.scores:
            criteria_scores, criteria_totals = criteria_scheme(table.rows)
            if not criteria_scores:
                # No header row to read it by (a page of a longer table): its cells as the lines they print,
                # `(6)…(5分)` | `查阅…扣3分` | `3.健康素养(15分)`.
                loose = scored_scheme([cell for row in table.rows for cell in row if cell.strip()])
                if len(loose.scores) >= 3:
                    criteria_scores, criteria_totals = list(loose.scores), list(loose.totals)
            scores += criteria_scores
            totals += criteria_totals
    # A scoring table flattened to text (a web page, a copied PDF): its header words mark it. It is read
    # as a table when no scheme was found otherwise, or when the prose reading found less in it.
    flat_scores, flat_totals, flat_start = flat_scheme(list(part.texts))
    # A scoring table a sharing site's preview glued into one run of text (no separator left at all).
    glued_scores, glued_totals, glued_start = glued_scheme(list(part.texts))
    glued = len(glued_scores) + len(glued_totals)
    # Chosen when it finds more, or as much with more of the sections' totals (its structure is the table's), or
    # the sections' totals the other readings missed.
    more = (
        glued > len(scores) + len(totals)
        or (glued == len(scores) + len(totals) and len(glued_totals) > len(totals))
        or bool(glued_totals and not totals and not part.tables)
    )
    over_flat = glued > len(flat_scores) + len(flat_totals) or bool(glued_totals and not flat_totals)
    if len(glued_scores) >= 3 and more and over_flat:
        return Scheme(tuple(glued_scores), tuple(glued_totals), glued_start)
    if flat_scores and (
        not is_scheme(Scheme(tuple(scores), tuple(totals)))
        or (not part.tables and len(flat_scores) + len(flat_totals) > len(scores) + len(totals))
    ):
        return Scheme(tuple(flat_scores), tuple(flat_totals), flat_start)
    return Scheme(tuple(scores), tuple(totals), scheme.start)


@lru_cache(maxsize=4)
def schemes(doc_outline: Outline) -> tuple[Scheme, int | None]:
    """All scored schemes of the document, and the index of the first part that holds one."""
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    first: int | None = None
    start: int | None = None
    for index, part in enumerate(doc_outline.parts):
        scheme = _part_scheme(part)
        if is_scheme(scheme) or any(s.kind != "item" for s in scheme.scores):
            scores += scheme.scores
            totals += scheme.totals
            if first is None:
                first, start = index, scheme.start
    return Scheme(tuple(scores), tuple(totals), start), first


def task_items(doc_outline: Outline, *, problem_list: bool = False) -> list[Item]:
    """Items of every part before the first scored scheme (what follows a scheme explains it)."""
    return list(_task_items(doc_outline, problem_list))


def _prefixed_restarts(per_table: list[list[Item]], prefixes: tuple[str, ...]) -> list[list[Item]]:
    """Tables under `（一）…` headings whose rows number from 1 again: each row's seq gets its heading's marker
    in front (`(一)1`), as the prose outline does for restarting lists."""
    starts = [found[0].seq for found, prefix in zip(per_table, prefixes, strict=False) if found and prefix]
    if len(starts) < 2 or sum(1 for seq in starts if seq == "1") < 2:
        return per_table
    return [
        [replace(i, seq=prefix + i.seq) if prefix and i.seq.isdigit() else i for i in found]
        for found, prefix in zip(per_table, prefixes, strict=False)
    ]


# `1.疏散指示灯被遮挡；2.防火门损坏；`: the `；` after a listed item separates it from the next one.
_SEPARATOR_END = re.compile(r"\s*[；;]+\s*$")


def _without_separator(item: Item) -> Item:
    """An item whose problem or measures ends with the list's separator, without it."""
    problem = _SEPARATOR_END.sub("", item.problem) if item.problem else item.problem
    measures = _SEPARATOR_END.sub("", item.measures) if item.measures else item.measures
    if (problem, measures) == (item.problem, item.measures):
        return item
    return replace(item, problem=problem or None, measures=measures or None)


# What a notice asks to be reported (`一、报送内容` over 1. 2. 3.), and the date it is asked for, wherever the notice
# states it (`二、工作要求 … 3.请各单位于每年1月15日前…报送`).
_TO_REPORT = re.compile(r"报送(?:内容|事项|材料|范围)|上报(?:内容|事项|材料)")
_REPORT_BY = re.compile(r"于[^。；;]{0,24}前[^。；;]{0,60}?(?:报送|上报|报)")


def _reported_by(items: list[Item], doc_outline: Outline) -> list[Item]:
    """Items listing what is to be reported take the date the notice sets for reporting them."""
    undated = {id(i) for i in items if i.category and not i.deadline and _TO_REPORT.search(simplified(i.category))}
    if not undated:
        return items
    texts = [simplified(t) for part in doc_outline.parts for t in part.texts]
    asked = next((found for t in texts if (found := _REPORT_BY.search(t)) is not None), None)
    due = resolve_deadline(asked.group(), doc_outline.year) if asked is not None else None
    if due is None:
        return items
    return [replace(i, deadline=due) if id(i) in undated else i for i in items]


@lru_cache(maxsize=8)
def _task_items(doc_outline: Outline, problem_list: bool) -> tuple[Item, ...]:
    scheme, first_scheme = schemes(doc_outline)
    items: list[Item] = []
    letter = (
        letter_deadline(list(doc_outline.parts[0].texts), doc_outline.year) if doc_outline.parts else None
    )
    for index, part in enumerate(doc_outline.parts):
        texts = list(part.texts)
        if first_scheme is not None and index > first_scheme:
            break
        if index == first_scheme:
            # A scheme printed in the letter itself, without an 附件 line: the tasks come before it.
            texts = texts[: scheme.start or 0]
        found_here = prose_items(texts, doc_outline.year, problem_list=problem_list)
        if index > 0 and letter is not None:  # problems sent in an attachment take the letter's deadline
            found_here = [
                i if i.deadline or not i.problem else replace(i, deadline=letter) for i in found_here
            ]
        items += found_here
        per_table = [
            table_items(table.rows, doc_outline.year, heading, table.continued)
            for table, heading in zip(part.tables, part.table_headings, strict=False)
        ]
        table_found = [
            item for found in _prefixed_restarts(per_table, part.table_heading_seqs) for item in found
        ]
        # A heading that only introduces its table (`一、检查内容。` over the table) is not an item itself.
        introduced = {
            (seq.rstrip("、"), heading)
            for found, seq, heading in zip(
                per_table, part.table_heading_seqs, part.table_headings, strict=False
            )
            if found and seq and heading
        }
        items = [i for i in items if (i.seq, (i.measures or "").rstrip("。")) not in introduced]
        # `以上问题务必于…前整改到位` under a table governs the table's rows that print no deadline.
        items += apply_governing(table_found, texts, doc_outline.year) if table_found else []
    items = _reported_by(items, doc_outline)
    # A page that stores its text twice lists each item twice: the same number, heading and text is one item.
    seen: set[tuple[str, str | None, str | None, str | None]] = set()
    unique = []
    for item in map(_without_separator, items):
        key = (item.seq, item.category, item.problem, item.measures)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return tuple(unique)
