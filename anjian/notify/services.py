"""Messages decided by state changes, written to the outbox in the changing transaction (or, for ledger
assignments, found from their events by the deliverer); `anjian.escalation.services.deliver` turns them into
inbox rows, mails and group-chat posts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from anjian.notify.models import OutboxMessage

# Ledger events that tell someone something new (a kind is one line: action → message kind). The steering
# notices go to the item's owners; a 交办 to the supervising department; a submission and an extension request
# to the people who decide them (see `DECIDING` and `anjian.escalation.services.audience`).
ANNOUNCED_ACTIONS = {"assign": "assigned", "urge": "urge", "reassign": "reassign",
                     "change_deadline": "change_deadline", "hand_over": "hand_over", "submit": "review_waiting",
                     "request_extension": "extension_requested"}
# Message kinds for the people who act on the item next (the action they may take), not its owners.
DECIDING = {"review_waiting": "close", "extension_requested": "approve_extension"}
# An import that left rows 待定 (no responsible unit or no deadline) tells the office that imported it, once
# per import run; its audience is whoever the policy lets fill the run's tasks (`audience`).
IMPORT_PENDING = "import_pending"
# How far back the deliverer looks for events not yet announced (it runs every minute).
ANNOUNCE_WINDOW = timedelta(days=2)


def announce(*, key: str, kind: str, item_kind: str, item_id: int, title: str, body: str,
             event_id: int | None = None) -> OutboxMessage:
    """Write one outbox message (once per key), inside the caller's transaction."""
    message, _created = OutboxMessage.objects.get_or_create(
        key=key[:120], defaults={"kind": kind, "item_kind": item_kind, "item_id": item_id, "title": title[:200],
                                 "body": body, "event_id": event_id})
    return message


def announce_pending_import(*, run: Any, tasks: list[Any]) -> OutboxMessage | None:
    """The office's notice that an import left these tasks 待定, inside the import's transaction (None when
    every row was complete)."""
    from anjian.ledger.choices import DeadlineKind

    if not tasks:
        return None
    lines = []
    for task in tasks:
        missing = [name for name, lacking in (("责任单位", not task.owners.all()),
                                              ("时限", task.deadline_kind == DeadlineKind.NONE)) if lacking]
        lines.append(f"第{task.seq or '?'}项（缺{'、'.join(missing) or '责任单位/时限'}）")
    name = (run.title or run.original_name)[:60]
    return announce(
        key=f"import:{run.pk}:pending", kind=IMPORT_PENDING, item_kind="import", item_id=run.pk,
        title=f"【待补全】{name}：{len(tasks)}项责任单位或时限待定",
        body=f"{'；'.join(lines[:20])}{'等' if len(lines) > 20 else ''}。请补全后交办，补全前不会提醒或督办。")


def _label(event: Any) -> str:
    if event.task is not None:
        task = event.task
        return f"任务 {task.seq} {(task.problem or task.measures)[:30]}".strip()
    return f"隐患：{event.hazard.unit.name} {event.hazard.description[:30]}"


def _text(event: object) -> tuple[str, str]:
    """The title and body of the message announcing `event` (one of ANNOUNCED_ACTIONS)."""
    from anjian.ledger.models import ItemEvent

    assert isinstance(event, ItemEvent)
    item = event.task or event.hazard
    assert item is not None
    due = f"截止 {item.due_date:%Y-%m-%d}" if item.due_date else (item.deadline_raw or "时限待定")
    label, data, reason = _label(event), event.data or {}, event.reason
    if event.action == "urge":
        times = data.get("times", 1)
        return f"【催办】（第{times}次）{label}", f"{reason or '请抓紧办理并及时报送整改进展。'}（{due}）"
    if event.action == "reassign":
        return f"【改派】{label}", f"现由{'、'.join(data.get('after', []))}办理。理由：{reason}"
    if event.action == "change_deadline":
        return f"【时限调整】{label}", f"截止日期调整为 {data.get('after', '')}。理由：{reason}"
    if event.action == "hand_over":
        return f"【企业自报交办】{label}", f"{item.unit.name} 自查发现并上报，请督促整改并验收。"  # type: ignore[union-attr]
    if event.action == "submit":
        return f"【待验收】{label}", "责任单位已提交验收，请审核整改进展与佐证材料，填写验收意见。"
    if event.action == "request_extension":
        until = data.get("until") or "（未填）"
        return f"【延期申请】{label}", f"申请延期至 {until}（现{due}）。理由：{reason}"
    if event.task is not None:
        return f"【新交办】{label}", f"您有新交办的整改任务（{due}），请按时整改并报送进展。"
    return f"【新交办】{label}", f"该隐患已交办（{due}），请按时整改并报送进展。"


def announce_events(now: object = None) -> int:
    """Outbox rows for recent ledger events that announce something (ANNOUNCED_ACTIONS) and have none yet."""
    from anjian.ledger.models import ItemEvent

    since = (now or timezone.now()) - ANNOUNCE_WINDOW  # type: ignore[operator]
    announced = OutboxMessage.objects.filter(event_id=OuterRef("pk"))
    events = (ItemEvent.objects.filter(action__in=list(ANNOUNCED_ACTIONS), at__gte=since)
              .filter(~Exists(announced)).select_related("task", "hazard__unit").order_by("pk"))
    count = 0
    for event in events.iterator(chunk_size=500):
        item_kind = "task" if event.task_id else "hazard"
        title, body = _text(event)
        try:
            with transaction.atomic():
                announce(key=f"{item_kind}:{event.task_id or event.hazard_id}:{event.action}:{event.pk}",
                         kind=ANNOUNCED_ACTIONS[event.action], item_kind=item_kind,
                         item_id=event.task_id or event.hazard_id or 0, title=title, body=body, event_id=event.pk)
        except IntegrityError:
            continue  # another deliverer announced it first
        count += 1
    return count
