"""Messages decided by state changes, written to the outbox in the changing transaction (or, for ledger
assignments, found from their events by the deliverer); `anjian.escalation.services.deliver` turns them into
inbox rows, mails and group-chat posts."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from anjian.notify.models import OutboxMessage

# Ledger events that tell the item's owners something new (a kind is one line: action → message kind).
ANNOUNCED_ACTIONS = {"assign": "assigned"}
# How far back the deliverer looks for events not yet announced (it runs every minute).
ANNOUNCE_WINDOW = timedelta(days=2)


def announce(*, key: str, kind: str, item_kind: str, item_id: int, title: str, body: str,
             event_id: int | None = None) -> OutboxMessage:
    """Write one outbox message (once per key), inside the caller's transaction."""
    message, _created = OutboxMessage.objects.get_or_create(
        key=key[:120], defaults={"kind": kind, "item_kind": item_kind, "item_id": item_id, "title": title[:200],
                                 "body": body, "event_id": event_id})
    return message


def _assignment_text(event: object) -> tuple[str, str]:
    from anjian.ledger.models import ItemEvent

    assert isinstance(event, ItemEvent)
    item = event.task or event.hazard
    assert item is not None
    due = f"截止 {item.due_date:%Y-%m-%d}" if item.due_date else (item.deadline_raw or "时限待定")
    if event.task is not None:
        task = event.task
        label = f"任务 {task.seq} {(task.problem or task.measures)[:30]}".strip()
        return f"【新交办】{label}", f"您有新交办的整改任务（{due}），请按时整改并报送进展。"
    hazard = event.hazard
    assert hazard is not None
    return f"【新交办】隐患：{hazard.unit.name} {hazard.description[:30]}", f"该隐患已交办（{due}），请按时整改并报送进展。"


def announce_events(now: object = None) -> int:
    """Outbox rows for recent ledger events that announce something (a new assignment) and have none yet."""
    from anjian.ledger.models import ItemEvent

    since = (now or timezone.now()) - ANNOUNCE_WINDOW  # type: ignore[operator]
    announced = OutboxMessage.objects.filter(event_id=OuterRef("pk"))
    events = (ItemEvent.objects.filter(action__in=list(ANNOUNCED_ACTIONS), at__gte=since)
              .filter(~Exists(announced)).select_related("task", "hazard__unit").order_by("pk"))
    count = 0
    for event in events.iterator(chunk_size=500):
        item_kind = "task" if event.task_id else "hazard"
        title, body = _assignment_text(event)
        try:
            with transaction.atomic():
                announce(key=f"{item_kind}:{event.task_id or event.hazard_id}:{event.action}:{event.pk}",
                         kind=ANNOUNCED_ACTIONS[event.action], item_kind=item_kind,
                         item_id=event.task_id or event.hazard_id or 0, title=title, body=body, event_id=event.pk)
        except IntegrityError:
            continue  # another deliverer announced it first
        count += 1
    return count
