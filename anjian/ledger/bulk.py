"""Registering hazards in bulk (a hazard table import): the ledger's rules, many rows a statement.

The rows come validated (unit, rights, dates, deadline) from the importer; here they become hazards with
the same derived fields as `services.report_hazard` (region and sector from the unit, the supervising
department by the one rule of `ledger.supervision`), each with its `create` event (`ledger.events`), and
one audit entry per batch of rows naming the source and the ids created. Run inside the caller's
transaction: a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian import dbbulk as bulk
from anjian.audit.services import record
from anjian.ledger import events
from anjian.ledger.choices import HazardStatus
from anjian.ledger.models import Hazard
from anjian.ledger.supervision import SupervisingDepartments


@dataclass(frozen=True)
class NewHazard:
    """One validated row of a hazard import: the unit (with its region path and sector) and the hazard."""

    unit_id: int
    region_id: int
    region_path: str
    sector_id: int
    description: str
    location: str
    grade: str
    channel: str
    found_on: date
    deadline_kind: str
    due_date: date | None
    recurrence: str
    deadline_raw: str
    deadline_estimated: bool


class HazardRegistration:
    """The hazards of one import, added chunk by chunk; an audit entry whenever `batch` rows are written."""

    def __init__(self, *, actor: Any, source_sha256: str, batch: int) -> None:
        self.actor, self.source, self.batch = actor, source_sha256, batch
        self.supervisors = SupervisingDepartments()
        self.at = timezone.now()
        self.created = self.batches = 0
        self.first_id: int | None = None  # the range of ids created
        self.last_id = 0
        self._batch_first: int | None = None
        self._batch_last = 0
        self._batch_rows = 0

    def add(self, rows: Sequence[NewHazard]) -> list[int]:
        """Create the hazards of `rows` with their `create` events; returns their ids."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("bulk hazard registration must run inside the import's transaction")
        if not rows:
            return []
        actor_id = getattr(self.actor, "pk", None)
        fields = [{
            "unit_id": r.unit_id, "region_id": r.region_id, "sector_id": r.sector_id,
            "supervising_department_id": self.supervisors.of(r.region_path, r.sector_id),
            "description": r.description, "location": r.location, "grade": r.grade, "channel": r.channel,
            "found_on": r.found_on, "status": HazardStatus.FOUND, "created_by_id": actor_id, "created_at": self.at,
            "deadline_kind": r.deadline_kind, "due_date": r.due_date, "recurrence": r.recurrence,
            "deadline_raw": r.deadline_raw, "deadline_estimated": r.deadline_estimated,
        } for r in rows]
        # Rows by the model's field names in one bulk statement (COPY on PostgreSQL, executemany on SQLite):
        # bulk_create's per-value preparation and the model instances cost several times the insert (G1).
        ids = bulk.insert_new(Hazard, fields)
        events.hazards_created_events(ids, actor=self.actor, at=self.at)
        first, last = min(ids), max(ids)
        self.first_id = first if self.first_id is None else min(self.first_id, first)
        self.last_id = max(self.last_id, last)
        self._batch_first = first if self._batch_first is None else min(self._batch_first, first)
        self._batch_last = max(self._batch_last, last)
        self.created += len(ids)
        self._batch_rows += len(ids)
        if self._batch_rows >= self.batch:
            self._audit_batch()
        return ids

    def finish(self) -> None:
        """The audit entry of the last, partial batch."""
        if self._batch_rows:
            self._audit_batch()

    def _audit_batch(self) -> None:
        self.batches += 1
        record(actor=self.actor, action="hazard.import_batch", object_type="import", object_id=self.source[:16],
               after={"sha256": self.source, "batch": self.batches, "rows": self._batch_rows,
                      "first_id": self._batch_first, "last_id": self._batch_last})
        self._batch_first, self._batch_rows, self._batch_last = None, 0, 0
