"""Appending to and verifying the audit chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.audit.chain import GENESIS, canonical, link
from anjian.audit.context import current_request_id
from anjian.audit.models import AuditEntry, AuditHead


def record(*, actor: Any, action: str, object_type: str, object_id: Any, before: Any = None, after: Any = None) -> AuditEntry:
    """Append one audit entry; must run inside the transaction of the change it records.

    No savepoint: an entry that cannot be written must undo the change it records, never be skipped,
    and the caller's transaction is the unit (two round trips fewer per change on PostgreSQL).
    """
    with transaction.atomic(savepoint=False):
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
        seq = head.last_seq + 1
        at = timezone.now()
        actor_id = getattr(actor, "pk", None)
        actor_name = str(actor) if actor is not None else "system"
        content = canonical(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            object_type=object_type,
            object_id=str(object_id or ""),
            before=before,
            after=after,
            request_id=current_request_id(),
        )
        digest = link(head.last_hash, content)
        entry = AuditEntry.objects.create(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            object_type=object_type,
            object_id=str(object_id or ""),
            before=before,
            after=after,
            request_id=current_request_id(),
            prev_hash=head.last_hash,
            hash=digest,
        )
        AuditHead.objects.filter(id=1).update(last_seq=seq, last_hash=digest)
        return entry


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a chain verification: ok, or the first broken row and why."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    head_hash: str = GENESIS


def verify(batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first entry that was edited, deleted or swapped."""
    head = AuditHead.objects.filter(id=1).first()
    expected_seq = (head.base_seq if head else 0) + 1
    prev = head.base_hash if head else GENESIS
    checked = 0
    fields = (
        "seq", "at", "actor_id", "actor_name", "action", "object_type", "object_id",
        "before", "after", "request_id", "prev_hash", "hash",
    )
    rows = AuditEntry.objects.order_by("seq").values_list(*fields).iterator(chunk_size=batch)
    for seq, at, actor_id, actor_name, action, otype, oid, before, after, rid, prev_hash, digest in rows:
        if seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"第 {expected_seq} 条缺失（被删除）/ entry missing")
        if prev_hash != prev:
            return VerifyResult(False, checked, seq, f"第 {seq} 条链接断开（被替换或重排）/ chain link broken")
        content = canonical(
            seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, action=action, object_type=otype,
            object_id=oid, before=before, after=after, request_id=rid,
        )
        if link(prev, content) != digest:
            return VerifyResult(False, checked, seq, f"第 {seq} 条内容被篡改 / entry content altered")
        prev = digest
        expected_seq += 1
        checked += 1
    if head and (head.last_seq != expected_seq - 1 or head.last_hash != prev):
        return VerifyResult(
            False, checked, expected_seq, f"链尾与链头记录不符（末尾条目被删除）/ tail does not match head #{head.last_seq}"
        )
    return VerifyResult(True, checked, head_hash=prev)
