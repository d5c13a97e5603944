"""The events of ledger items: one creator per kind of event, the only code that writes `ItemEvent` rows.

Each creator takes the item as it is after the change and writes one row (the bulk creator: one row per
item); the caller runs it in the transaction of the change, next to the change's audit entry.
(Saleor `order/events.py`.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from anjian import dbbulk as bulk
from anjian.ledger.choices import EventAction, HazardStatus
from anjian.ledger.models import Hazard, ItemEvent, Task

Item = Task | Hazard


def _write(item: Item, action: EventAction, *, actor: Any = None, from_status: str | None = None,
           reason: str = "", data: dict[str, Any] | None = None, at: datetime | None = None) -> ItemEvent:
    target = {"task": item} if isinstance(item, Task) else {"hazard": item}
    return ItemEvent.objects.create(
        action=action, from_status=item.status if from_status is None else from_status, to_status=item.status,
        actor=actor, reason=reason, data=data or {}, at=at or timezone.now(), **target,
    )


def item_created_event(item: Item, *, actor: Any, at: datetime | None = None) -> ItemEvent:
    """A task or hazard was registered (in its first status)."""
    return _write(item, EventAction.CREATE, actor=actor, from_status="", at=at)


def hazards_created_events(hazard_ids: Iterable[int], *, actor: Any, at: datetime) -> int:
    """The `create` events of hazards registered in bulk (in status found): one bulk insert (COPY on PostgreSQL, executemany on SQLite)."""
    actor_id = getattr(actor, "pk", None)
    rows: list[dict[str, Any]] = [{"hazard_id": pk, "action": EventAction.CREATE, "from_status": "", "to_status": HazardStatus.FOUND,
             "actor_id": actor_id, "reason": "", "data": {}, "at": at} for pk in hazard_ids]
    return bulk.insert_fields(ItemEvent, rows)


def item_transitioned_event(item: Item, *, action: str, from_status: str, actor: Any, reason: str = "",
                            at: datetime | None = None) -> ItemEvent:
    """The item moved along one declared edge (`action`, an `Action`) from `from_status` to its status now."""
    return _write(item, EventAction(action), actor=actor, from_status=from_status, reason=reason, at=at)


def steered_event(item: Item, *, action: str, actor: Any, reason: str = "", data: dict[str, Any] | None = None
                  ) -> ItemEvent:
    """The office steered an open item without moving its status (`action`: 催办, 改派, 调整时限 …)."""
    return _write(item, EventAction(action), actor=actor, reason=reason, data=data)


def split_off_event(task: Task, *, actor: Any, reason: str, from_task: int, at: datetime | None = None
                    ) -> ItemEvent:
    """A task made by splitting another (`from_task`) one task per owner: its first event."""
    return _write(task, EventAction.SPLIT, actor=actor, from_status="", reason=reason, data={"from": from_task},
                  at=at)


def progress_reported_event(item: Item, *, actor: Any, report_id: int, files: int) -> ItemEvent:
    """A progress statement was filed, with `files` evidence files."""
    return _write(item, EventAction.PROGRESS, actor=actor, data={"report": report_id, "files": files})


def evidence_added_event(item: Item, *, actor: Any, evidence_id: int, inspection_id: int | None = None) -> ItemEvent:
    """An evidence file was attached (`inspection_id`: a photo taken during that inspection)."""
    data: dict[str, Any] = {"evidence": evidence_id}
    if inspection_id is not None:
        data["inspection"] = inspection_id
    return _write(item, EventAction.EVIDENCE, actor=actor, data=data)


def five_in_place_event(hazard: Hazard, *, actor: Any, complete: bool) -> ItemEvent:
    """The 五落实 of a hazard were recorded or completed."""
    return _write(hazard, EventAction.FIVE_IN_PLACE, actor=actor, data={"complete": complete})


def task_revised_event(task: Task, *, actor: Any, reason: str, data: dict[str, Any]) -> ItemEvent:
    """A task's content, deadline or responsible units were revised (a re-import, a 待定 filled)."""
    return _write(task, EventAction.REVISE, actor=actor, reason=reason[:500], data=data)


def enforcement_event(hazard: Hazard, *, actor: Any, enforcement_id: int, kind: str) -> ItemEvent:
    """An enforcement measure was recorded against the hazard's unit for it."""
    return _write(hazard, EventAction.ENFORCEMENT, actor=actor, data={"enforcement": enforcement_id, "kind": kind})


def reminded_event(item: Item, *, due_date: date | None, as_of: date) -> ItemEvent:
    """The scanner reminded the owners of the coming due date (no actor: the system)."""
    return _write(item, EventAction.REMIND, data={"due_date": str(due_date), "as_of": str(as_of)})


def escalated_event(item: Item, *, step: str, from_level: int, to_level: int, due_date: date | None,
                    as_of: date) -> ItemEvent:
    """The scanner moved an overdue item up the ladder to step `step` (a `StepAction` value)."""
    return _write(item, EventAction.escalation(step), data={
        "from_level": from_level, "to_level": to_level, "step": step, "due_date": str(due_date), "as_of": str(as_of)})
