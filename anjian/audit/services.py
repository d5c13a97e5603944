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


# Below this many entries one process verifies the chain; above it, one process per core takes a range.
PARALLEL_FROM = 50_000
_FIELDS = (
    "seq", "at", "actor_id", "actor_name", "action", "object_type", "object_id",
    "before", "after", "request_id", "prev_hash", "hash",
)


@dataclass(frozen=True)
class _Range:
    """What one walk over a range of the chain found; `first_prev` is the stored link of its first entry."""

    result: VerifyResult
    first_prev: str | None
    last_hash: str


def _walk(first_seq: int, prev: str | None, last_seq: int | None, batch: int) -> _Range:
    """Verify entries first_seq..last_seq (to the end when None) in order.

    With prev None the range starts from its first entry's stored link, which the caller checks against the
    previous range's last hash; otherwise the first link is checked here, as a single walk does.
    """
    expected_seq, checked, first_prev = first_seq, 0, None
    rows = AuditEntry.objects.filter(seq__gte=first_seq).order_by("seq")
    if last_seq is not None:
        rows = rows.filter(seq__lte=last_seq)
    for seq, at, actor_id, actor_name, action, otype, oid, before, after, rid, prev_hash, digest in (
            rows.values_list(*_FIELDS).iterator(chunk_size=batch)):
        if seq != expected_seq:
            return _Range(VerifyResult(False, checked, expected_seq, f"第 {expected_seq} 条缺失（被删除）/ entry missing"),
                          first_prev, prev or "")
        if prev is None:
            first_prev = prev = prev_hash
        if prev_hash != prev:
            return _Range(VerifyResult(False, checked, seq, f"第 {seq} 条链接断开（被替换或重排）/ chain link broken"),
                          first_prev, prev)
        content = canonical(
            seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, action=action, object_type=otype,
            object_id=oid, before=before, after=after, request_id=rid,
        )
        if link(prev, content) != digest:
            return _Range(VerifyResult(False, checked, seq, f"第 {seq} 条内容被篡改 / entry content altered"),
                          first_prev, prev)
        prev = digest
        expected_seq += 1
        checked += 1
    if last_seq is not None and expected_seq <= last_seq:
        return _Range(VerifyResult(False, checked, expected_seq, f"第 {expected_seq} 条缺失（被删除）/ entry missing"),
                      first_prev, prev or "")
    return _Range(VerifyResult(True, checked, None, "", prev or ""), first_prev, prev or "")


def _walk_in_child(first_seq: int, last_seq: int | None, batch: int) -> _Range:
    # Runs in a forked child: the parent closed its connections before forking, so this opens its own.
    from django.db import connections

    try:
        return _walk(first_seq, None, last_seq, batch)
    finally:
        connections.close_all()


def _parallel(first_seq: int, last_seq: int, base_hash: str, workers: int, batch: int) -> VerifyResult:
    """Split the chain from first_seq into `workers` ranges walked by forked processes (the last one to the
    end, past last_seq if rows were appended), then check the seams in order.

    Each entry's hash depends only on its own content and its stored link, so ranges verify independently;
    the seams (a range's first link = the previous range's last hash) are checked here, in chain order, so
    the first broken entry, its reason and the count before it are what one walk would report.
    """
    import multiprocessing

    from django.db import connections

    size = -(-(last_seq - first_seq + 1) // workers)
    starts = list(range(first_seq, last_seq + 1, size))
    bounds = [(a, a + size - 1 if i < len(starts) - 1 else None) for i, a in enumerate(starts)]
    connections.close_all()  # a forked child must not share the parent's database connections
    with multiprocessing.get_context("fork").Pool(len(bounds)) as pool:
        parts = pool.starmap(_walk_in_child, [(a, b, batch) for a, b in bounds])
    prev, checked = base_hash, 0
    for (a, _b), part in zip(bounds, parts, strict=True):
        # first_prev is None when the range's first entry was never read (missing, or nothing left to read).
        if part.first_prev is not None and part.first_prev != prev:
            return VerifyResult(False, checked, a, f"第 {a} 条链接断开（被替换或重排）/ chain link broken")
        if not part.result.ok:
            return VerifyResult(False, checked + part.result.checked, part.result.broken_seq, part.result.reason)
        checked += part.result.checked
        prev = part.last_hash or prev
    return VerifyResult(True, checked, head_hash=prev)


def verify(batch: int = 5000, workers: int | None = None) -> VerifyResult:
    """Walk the chain in order; report the first entry that was edited, deleted or swapped.

    A chain of PARALLEL_FROM entries or more is walked in ranges by one forked process per core (not
    inside a transaction, whose snapshot a child could not share); `workers` forces the number.
    """
    import os

    from django.db import connection

    head = AuditHead.objects.filter(id=1).first()
    base_seq = head.base_seq if head else 0
    base_hash = head.base_hash if head else GENESIS
    last_seq = head.last_seq if head else None
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if last_seq is not None and last_seq - base_seq >= PARALLEL_FROM else 1
    # Children open connections of their own: not inside a transaction (its snapshot cannot be shared) and
    # not for an in-memory SQLite database (closing the parent's connection would drop it).
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()  # type: ignore[attr-defined]
    forkable = not connection.in_atomic_block and not in_memory
    if workers > 1 and forkable and last_seq is not None and last_seq - base_seq >= workers:
        result = _parallel(base_seq + 1, last_seq, base_hash, workers, batch)
    else:
        result = _walk(base_seq + 1, base_hash, None, batch).result
    if not result.ok:
        return result
    checked, prev = result.checked, result.head_hash
    expected_seq = base_seq + 1 + checked
    if head and (head.last_seq != expected_seq - 1 or head.last_hash != prev):
        return VerifyResult(
            False, checked, expected_seq, f"链尾与链头记录不符（末尾条目被删除）/ tail does not match head #{head.last_seq}"
        )
    return VerifyResult(True, checked, head_hash=prev)
