"""Appending to and verifying the audit chain."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.audit.chain import GENESIS, canonical, link
from anjian.audit.context import current_request_id
from anjian.audit.models import AuditEntry, AuditHead
from anjian.audit.seal import anchor_problem


@dataclass(frozen=True)
class Pending:
    """An audit entry before it has its place in the chain (seq and links)."""

    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    before: Any
    after: Any
    request_id: str

    @classmethod
    def of(cls, *, actor: Any, action: str, object_type: str, object_id: Any, before: Any = None, after: Any = None,
           at: datetime | None = None) -> Pending:
        return cls(at or timezone.now(), getattr(actor, "pk", None), str(actor) if actor is not None else "system",
                   action, object_type, str(object_id or ""), before, after, current_request_id())

    def content(self, seq: int) -> str:
        """The canonical text that is hashed (chain.canonical)."""
        return canonical(seq=seq, at=self.at, actor_id=self.actor_id, actor_name=self.actor_name,
                         action=self.action, object_type=self.object_type,
                         object_id=self.object_id, before=self.before, after=self.after, request_id=self.request_id)


def record(*, actor: Any, action: str, object_type: str, object_id: Any, before: Any = None, after: Any = None) -> None:
    """Append one audit entry; must run inside the transaction of the change it records.

    No savepoint: an entry that cannot be written must undo the change it records, never be skipped,
    and the caller's transaction is the unit.
    """
    with transaction.atomic(savepoint=False):
        append(Pending.of(actor=actor, action=action, object_type=object_type, object_id=object_id,
                          before=before, after=after))


def append(entry: Pending) -> int:
    """Chain `entry` after the head, locked until the caller's transaction ends; returns its seq.

    The head row is read under `select_for_update` (on SQLite the IMMEDIATE transaction already holds
    the write lock), the link hashed in Python, the entry inserted and the head moved.
    """
    try:
        last_seq, last_hash = AuditHead.objects.select_for_update().values_list("last_seq", "last_hash").get(id=1)
    except AuditHead.DoesNotExist:
        # Seeded by migration 0004 (and after a flush by `seed_head`); creating it here let two processes
        # writing the first entries both start at seq 1 (issue 22).
        raise AuditHeadMissing("审计链头缺失，请先运行 anjian migrate / audit head row missing: run migrations") from None
    seq, prev = int(last_seq) + 1, str(last_hash)
    digest = link(prev, entry.content(seq))
    AuditEntry.objects.create(
        seq=seq, at=entry.at, actor_id=entry.actor_id, actor_name=entry.actor_name, action=entry.action,
        object_type=entry.object_type, object_id=entry.object_id, before=entry.before, after=entry.after,
        request_id=entry.request_id, prev_hash=prev, hash=digest,
    )
    AuditHead.objects.filter(id=1).update(last_seq=seq, last_hash=digest, prev_hash=prev)
    return seq


class AuditHeadMissing(RuntimeError):
    """The head row is seeded by migration; a database without it was not migrated."""


def seed_head(using: str = "default") -> None:
    """The genesis head and the closed purge permit, where they are missing (after migrate or a flush).

    The database refuses any other head or permit row to be created (migration 0004)."""
    from django.db import connections

    from anjian.audit.models import PurgePermit

    if AuditHead._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the audit tables
    AuditHead.objects.using(using).get_or_create(id=1)
    PurgePermit.objects.using(using).get_or_create(id=1)


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a chain verification: ok, or the first broken row and why."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    head_hash: str = GENESIS
    head_seq: int = 0


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


def verify(batch: int = 5000, workers: int | None = None,
           against: Sequence[ExportedHead] | None = None) -> VerifyResult:
    """Walk the chain in order; report the first entry that was edited, deleted or swapped.

    The chain must also end at the head and start at an anchor proved by the newest purge's seal (a
    moved anchor means deleted oldest entries); with `against` (heads exported off the machine,
    `read_exported_heads`) every exported head must still be in the chain (deleted newest entries).
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
    if base_seq or base_hash != GENESIS:
        purge = AuditEntry.objects.filter(seq__gt=base_seq, action__in=ANCHOR_ACTIONS).order_by("-seq").first()
        problem = anchor_problem(base_seq=base_seq, base_hash=base_hash,
                                 purge_after=purge.after if purge else None, purge_at=purge.at if purge else None)
        if problem:
            return VerifyResult(False, checked, base_seq + 1, problem)
    if against is not None:
        missing = _first_missing_export(against, base_seq, base_hash, expected_seq - 1)
        if missing is not None:
            return VerifyResult(False, checked, missing.seq or None,
                                f"导出于 {missing.exported_at} 的链头 #{missing.seq} 已不在链中（条目被删除或改写）"
                                f" / exported head #{missing.seq} is no longer in the chain")
    return VerifyResult(True, checked, head_hash=prev, head_seq=expected_seq - 1)


# The action of a retention purge's own entry, whose `after` carries the seal of the anchor it set; and of
# the entry migration 0004 wrote to seal the anchor of an installation that had purged before.
PURGE_ACTION = "audit.purge"
ANCHOR_ACTIONS = (PURGE_ACTION, "audit.anchor")


@dataclass(frozen=True)
class ExportedHead:
    """One line of a head export (`manage.py audit_export_head`): the chain's newest seq and hash then."""

    seq: int | None  # None in lines written before the seq was exported
    head_hash: str
    exported_at: str


def read_exported_heads(path: Path) -> list[ExportedHead]:
    """The verified heads of an export file (one JSON object a line; lines of a broken chain are skipped)."""
    heads = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if item.get("ok", True):
                seq = item.get("seq")
                heads.append(ExportedHead(None if seq is None else int(seq), str(item["head_hash"]),
                                          str(item.get("exported_at", ""))))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path}:{number}: 不是链头导出行 / not a head export line") from exc
    return heads


def _first_missing_export(heads: Sequence[ExportedHead], base_seq: int, base_hash: str,
                          last_seq: int) -> ExportedHead | None:
    """The first exported head that the verified chain (base_seq, base_hash .. last_seq) no longer holds.

    A head at or below the anchor was purged: it is the anchor itself or older (the seal proves the
    anchor). Lines without a seq are found by hash; if one is missing and a purge happened since, it
    cannot be told from a purged one and is passed over.
    """
    by_seq = {h.seq: h for h in heads if h.seq is not None}
    stored: dict[int, str] = {}
    wanted = [seq for seq in by_seq if base_seq < seq <= last_seq]
    for i in range(0, len(wanted), 500):
        stored.update(AuditEntry.objects.filter(seq__in=wanted[i:i + 500]).values_list("seq", "hash"))
    old = {h.head_hash for h in heads if h.seq is None and h.head_hash != GENESIS}
    found: set[str] = set()
    old_list = sorted(old)
    for i in range(0, len(old_list), 500):
        found.update(AuditEntry.objects.filter(hash__in=old_list[i:i + 500]).values_list("hash", flat=True))
    for h in heads:
        if h.seq is None:
            if h.head_hash in old and h.head_hash not in found and h.head_hash != base_hash and not base_seq:
                return h
        elif h.seq > last_seq or (h.seq == base_seq and h.head_hash != base_hash) or (
                base_seq < h.seq and stored.get(h.seq) != h.head_hash):
            return h
    return None
