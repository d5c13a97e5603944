"""The preview of an import: each extracted item validated, its owners resolved, and compared with the
task an earlier import of the same document created (created / updated / unchanged / rejected)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils import timezone

from anjian.ingest.models import ImportRunItem
from anjian.ingest.owners import OwnerResolver, Resolution, ResolvedOwner
from anjian.ledger.choices import TASK_TERMINAL
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Task, TaskOwner
from anjian.org.models import Region

Outcome = ImportRunItem.Outcome
# The schema's deadline tokens as the clerk reads and types them (SCHEMA.md keeps the tokens).
DEADLINE_LABELS = {"immediate": "立行立改", "long-term": "长期"}
_LABEL_TOKENS = {"立行立改": "immediate", "立即": "immediate", "立即整改": "immediate", "长期": "long-term",
                 "长期坚持": "long-term"}
# What a deadline cell suggests; a date is typed as 2030-06-30 or as printed (2030年6月30日前).
DEADLINE_WORDS = ("立行立改", "长期", "每月", "每季度", "每半年", "每年", "待定")
PENDING_WORDS = frozenset({"", "待定", "未定", "无"})


def deadline_label(value: str | None) -> str:
    """A schema deadline value in Chinese: 2030-06-30, 立行立改, 长期, 每季度; '' when there is none."""
    if not value:
        return ""
    if value.startswith("recurring:"):
        return value.split(":", 1)[1]
    return DEADLINE_LABELS.get(value, value)


def deadline_from_label(text: str, year: int) -> str | None:
    """What the clerk typed in the deadline cell, back to a schema value (None for 待定 or empty).

    Unreadable text is returned as typed, so the planner rejects the row with a reason.
    """
    from anjian.ingest.deadline import resolve_deadline
    from anjian.ledger.deadlines import RECURRENCE_WORDS

    text = text.strip()
    if text in PENDING_WORDS:
        return None
    if text in _LABEL_TOKENS:
        return _LABEL_TOKENS[text]
    if text in RECURRENCE_WORDS:
        return f"recurring:{text}"
    if text in DEADLINE_LABELS or text.startswith("recurring:") or re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    guess = resolve_deadline(text, year, field=True)
    return (guess.schema_value() if guess is not None else None) or text


@dataclass(frozen=True)
class PreviewRow:
    """One extracted item as the clerk sees it before confirming, with what importing it would do."""

    seq: str
    category: str
    problem: str
    measures: str
    deadline_raw: str
    deadline: str | None
    units: tuple[str, ...]
    owners: tuple[ResolvedOwner, ...]
    unknown_units: tuple[str, ...]
    existing_task_id: int | None
    outcome: str
    reason: str = ""
    changes: dict[str, list[Any]] = field(default_factory=dict)
    deadline_inferred: bool = False
    pending: bool = False

    @property
    def deadline_label(self) -> str:
        """The deadline as the clerk reads it (立行立改, 长期, 每季度, a date), never the schema token."""
        return deadline_label(self.deadline)

    @property
    def missing(self) -> tuple[str, ...]:
        """What a new task from this row would lack: 责任单位 and/or 时限."""
        if self.outcome != Outcome.CREATED:
            return ()
        return tuple(
            name for name, absent in (("责任单位", not self.units), ("时限", self.deadline is None)) if absent
        )

    def as_item(self) -> dict[str, Any]:
        """The row as a schema item dict, the shape `apply_import(rows=…)` takes back."""
        return {
            "seq": self.seq,
            "category": self.category,
            "problem": self.problem,
            "measures": self.measures,
            "deadline_raw": self.deadline_raw,
            "deadline": self.deadline,
            "units": list(self.units),
            "deadline_inferred": self.deadline_inferred,
            "pending": self.pending,
        }


@dataclass(frozen=True)
class ImportPreview:
    """What importing a file would do, row by row; nothing has been written."""

    original_name: str
    sha256: str
    genre: str
    issued: str | None
    title: str
    document_key: str
    rows: list[PreviewRow]
    has_scheme: bool
    unknown_units: tuple[str, ...] = ()

    def missing(self) -> list[PreviewRow]:
        """The rows that would create a task without a responsible unit or a deadline."""
        return [r for r in self.rows if r.missing]

    def counts(self) -> dict[str, int]:
        """How many rows would be created, updated, left unchanged and rejected."""
        found = Counter(r.outcome for r in self.rows)
        return {o.value: found.get(o.value, 0) for o in Outcome}


@dataclass(frozen=True)
class _Existing:
    task_id: int
    status: str
    problem: str
    measures: str
    deadline: str | None
    deadline_raw: str
    owners: frozenset[tuple[str, int | None, str | None, str]]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _units(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        from anjian.ingest.parsers.units import split_units

        return tuple(split_units(value))
    return tuple(_text(v) for v in value or () if _text(v))


class Planner:
    """Turns schema items into preview rows against the tasks already in the ledger."""

    def __init__(self, region: Region, key: str, issued: str | None, resolver: OwnerResolver) -> None:
        self.region = region
        self.year = int(issued[:4]) if issued else timezone.localdate().year
        self.resolver = resolver
        self.seen: Counter[tuple[str, str]] = Counter()
        self.existing = self._existing(key)

    def _existing(self, key: str) -> dict[tuple[str, str, int], _Existing]:
        if not key:
            return {}
        tasks = Task.objects.filter(region=self.region, source_ref=key).order_by("id")
        owners: dict[int, set[tuple[str, int | None, str | None, str]]] = {}
        rows = TaskOwner.objects.filter(task__in=tasks).values_list(
            "task_id", "name", "department_id", "region__code", "role"
        )
        for task_id, name, dept, code, role in rows.iterator(chunk_size=2000):
            owners.setdefault(task_id, set()).add((name, dept, code, role))
        found: dict[tuple[str, str, int], _Existing] = {}
        count: Counter[tuple[str, str]] = Counter()
        for t in tasks.iterator(chunk_size=2000):
            count[(t.seq, t.category)] += 1
            spec = DeadlineSpec(t.deadline_kind, t.due_date, t.recurrence, t.deadline_raw)
            found[(t.seq, t.category, count[(t.seq, t.category)])] = _Existing(
                t.pk,
                t.status,
                t.problem,
                t.measures,
                spec.to_schema(),
                t.deadline_raw,
                frozenset(owners.get(t.pk, set())),
            )
        return found

    def row(self, item: dict[str, Any]) -> PreviewRow:
        """The preview of one item: validated, resolved and compared."""
        from anjian.ingest.deadline import resolve_deadline

        seq, category = _text(item.get("seq"))[:20], _text(item.get("category"))[:200]
        problem, measures = _text(item.get("problem")), _text(item.get("measures"))
        raw, value = _text(item.get("deadline_raw"))[:100], _text(item.get("deadline")) or None
        units = _units(item.get("units"))
        self.seen[(seq, category)] += 1
        existing = self.existing.get((seq, category, self.seen[(seq, category)]))
        inferred = bool(item.get("deadline_inferred"))
        # Rows coming back from a preview say themselves whether their deadline was inferred: they are
        # taken as the clerk left them, never parsed again.
        if "deadline_inferred" not in item and value is None and raw:
            # A month without a year (10月底) in a document without its own date: the import's year.
            guess = resolve_deadline(raw, self.year, field=True)
            if guess is not None and guess.schema_value():
                value, inferred = guess.schema_value(), True
        resolution = self.resolver.resolve(units)
        base = PreviewRow(
            seq=seq,
            category=category,
            problem=problem,
            measures=measures,
            deadline_raw=raw,
            deadline=value,
            units=units,
            owners=resolution.owners,
            unknown_units=resolution.unknown,
            existing_task_id=existing.task_id if existing else None,
            deadline_inferred=inferred,
            pending=bool(item.get("pending")),
            outcome=Outcome.CREATED,
        )
        if not problem and not measures:
            return replace(base, outcome=Outcome.REJECTED, reason="问题和整改措施均为空")
        try:
            DeadlineSpec.from_schema(value, raw)
        except ValueError:
            return replace(base, outcome=Outcome.REJECTED, reason=f"整改时限无法识别：{value}")
        if existing is None:
            return base
        changes = self._changes(existing, problem, measures, value, raw, inferred, resolution)
        if not changes:
            return replace(base, outcome=Outcome.UNCHANGED)
        if existing.status in TASK_TERMINAL:
            return replace(base, outcome=Outcome.REJECTED, changes=changes, reason="任务已销号或撤销，未按新文件修改")
        return replace(base, outcome=Outcome.UPDATED, changes=changes)

    @staticmethod
    def _changes(
        old: _Existing,
        problem: str,
        measures: str,
        deadline: str | None,
        raw: str,
        inferred: bool,
        resolution: Resolution,
    ) -> dict[str, list[Any]]:
        changes: dict[str, list[Any]] = {}
        if old.problem != problem:
            changes["problem"] = [old.problem, problem]
        if old.measures != measures:
            changes["measures"] = [old.measures, measures]
        # An inferred year is not news when the printed time limit itself did not change.
        same_raw = inferred and old.deadline_raw == raw
        if not same_raw and (old.deadline != deadline or old.deadline_raw != raw):
            changes["deadline"] = [old.deadline_raw or deadline_label(old.deadline), raw or deadline_label(deadline)]
        new_owners = frozenset(o.key() for o in resolution.owners) | frozenset(
            (name, None, None, "cooperate") for name in resolution.unknown
        )
        if _owner_names(old.owners) != _owner_names(new_owners):
            changes["owners"] = [sorted(_owner_names(old.owners)), sorted(_owner_names(new_owners))]
        return changes


def _owner_names(owners: Iterable[tuple[str, int | None, str | None, str]]) -> set[str]:
    return {
        f"{name}→{dept or code or '?'}:{role}" if dept or code else name for name, dept, code, role in owners
    }
