"""Typed deadlines: from a spec (a date, 长期, 立行立改, 每月…) to the due date the scanner watches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from anjian.ledger.choices import DeadlineKind, Recurrence
from anjian.workdays.calendar import add_workdays, month_end, next_period_end, period_end

MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.HALF_YEARLY: 6, Recurrence.YEARLY: 12}
# The extraction schema's words for recurrence (SCHEMA.md: recurring:每月 …).
RECURRENCE_WORDS = {
    "每月": Recurrence.MONTHLY,
    "每季度": Recurrence.QUARTERLY,
    "每半年": Recurrence.HALF_YEARLY,
    "每年": Recurrence.YEARLY,
}
# A long-term item reports progress monthly (当月工作开展情况) instead of having a due date.
LONG_TERM_REPORT_MONTHS = 1


@dataclass(frozen=True)
class DeadlineSpec:
    """What a person or a document said the deadline is."""

    kind: str = DeadlineKind.NONE
    due: date | None = None
    recurrence: str = ""
    raw: str = ""

    @classmethod
    def from_schema(cls, value: str | None, raw: str | None = None) -> DeadlineSpec:
        """From the extractor's `deadline` value: ISO date, long-term, immediate, recurring:每月 or null."""
        raw = raw or ""
        if not value:
            return cls(DeadlineKind.NONE, raw=raw)
        if value == "long-term":
            return cls(DeadlineKind.LONG_TERM, raw=raw)
        if value == "immediate":
            return cls(DeadlineKind.IMMEDIATE, raw=raw)
        if value.startswith("recurring:"):
            word = value.split(":", 1)[1]
            recurrence = RECURRENCE_WORDS.get(word)
            if recurrence is None:
                return cls(DeadlineKind.NONE, raw=raw)
            return cls(DeadlineKind.RECURRING, recurrence=recurrence, raw=raw)
        return cls(DeadlineKind.DATE, due=date.fromisoformat(value), raw=raw)

    def to_schema(self) -> str | None:
        """The inverse of `from_schema`, for comparing a stored task with a re-extracted item."""
        if self.kind == DeadlineKind.DATE and self.due:
            return self.due.isoformat()
        if self.kind == DeadlineKind.LONG_TERM:
            return "long-term"
        if self.kind == DeadlineKind.IMMEDIATE:
            return "immediate"
        if self.kind == DeadlineKind.RECURRING:
            words = {v: k for k, v in RECURRENCE_WORDS.items()}
            return f"recurring:{words.get(Recurrence(self.recurrence), '每月')}"
        return None


@dataclass(frozen=True)
class Due:
    """The date the scanner watches, and whether the working-day calendar had to estimate it."""

    due_date: date | None
    estimated: bool = False


def first_due(spec: DeadlineSpec, *, start: date, immediate_workdays: int) -> Due:
    """The first date by which something must happen, counted from `start` (the assignment day)."""
    if spec.kind == DeadlineKind.DATE:
        return Due(spec.due)
    if spec.kind == DeadlineKind.IMMEDIATE:
        day, estimated = add_workdays(start, max(1, immediate_workdays))
        return Due(day, estimated)
    if spec.kind == DeadlineKind.LONG_TERM:
        return Due(month_end(start))
    if spec.kind == DeadlineKind.RECURRING:
        return Due(period_end(start, MONTHS[Recurrence(spec.recurrence)]))
    return Due(None)


def due_after_progress(kind: str, recurrence: str, period_day: date) -> date | None:
    """For periodic items, the next due date once the period containing `period_day` is reported."""
    if kind == DeadlineKind.LONG_TERM:
        return next_period_end(period_day, LONG_TERM_REPORT_MONTHS)
    if kind == DeadlineKind.RECURRING:
        return next_period_end(period_day, MONTHS[Recurrence(recurrence)])
    return None
