"""What the parsers produce: items, scores, totals and figures of one document."""

from __future__ import annotations

from dataclasses import dataclass, field

from anjian.ingest.deadline import Deadline


@dataclass(frozen=True)
class Item:
    """One numbered task or problem with its measures, deadline and responsible units."""

    seq: str
    category: str | None
    problem: str | None
    measures: str | None
    deadline: Deadline | None
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Score:
    """One scored line of an assessment scheme."""

    seq: str
    section: str
    text: str
    points: float | None
    kind: str  # "item" | "deduction" | "bonus"


@dataclass(frozen=True)
class Stat:
    """One stated quantity of a report, normalised to an absolute value."""

    what: str
    value: float
    unit: str


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    genre: str
    issued: str | None = None
    items: tuple[Item, ...] = ()
    scores: tuple[Score, ...] = ()
    section_totals: tuple[tuple[str, float], ...] = ()
    stats: tuple[Stat, ...] = field(default_factory=tuple)
    title: str = ""  # the title past any website chrome, blanks removed
    doc_number: str | None = None  # the 文号 printed in the opening (沪建质安〔2025〕209号)
