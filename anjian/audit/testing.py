"""Test support: act on the audit tables as a database administrator would, with their triggers off.

Nothing here is reachable from the application: it does what anyone who owns the tables can do (disable
or drop the triggers), which is exactly what the tamper tests need to show that `verify()` still notices,
and what the test suite's flush needs (the triggers let no young entry be deleted, rightly).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

TABLES = ("audit_auditentry", "audit_audithead", "audit_purgepermit")


@contextmanager
def triggers_off(tables: tuple[str, ...] = TABLES) -> Iterator[None]:
    """The audit tables without their triggers for the block (PostgreSQL: disabled; SQLite: dropped, then
    created again from their saved definitions)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A table with pending deferred trigger events cannot be altered: run the head's check now.
            cursor.execute("SET CONSTRAINTS audit_head_at_commit IMMEDIATE")
            cursor.execute("SET CONSTRAINTS audit_head_at_commit DEFERRED")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            try:
                yield
            finally:
                for table in tables:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            return
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
                       list(tables))
        saved = cursor.fetchall()
        for name, _sql in saved:
            cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            yield
        finally:
            for _name, sql in saved:
                cursor.execute(sql)


def empty_audit_log() -> None:
    """Delete every audit entry and reset the head and the permit to genesis (before a test's flush)."""
    from anjian.audit.chain import GENESIS
    from anjian.audit.models import AuditEntry, AuditHead, PurgePermit

    with triggers_off():
        AuditEntry.objects.all().delete()
        AuditHead.objects.filter(id=1).update(last_seq=0, last_hash=GENESIS, prev_hash=GENESIS, base_seq=0,
                                              base_hash=GENESIS)
        PurgePermit.objects.filter(id=1).update(upto_seq=0)


def backdate(days: int, upto_seq: int) -> None:
    """Make the entries up to `upto_seq` `days` old, as the passing of time would, and re-chain the log so
    it verifies (time cannot pass in a test; only possible with the triggers off)."""
    from datetime import timedelta

    from django.utils import timezone

    from anjian.audit.chain import canonical, link
    from anjian.audit.models import AuditEntry, AuditHead

    old = timezone.now() - timedelta(days=days)
    head = AuditHead.objects.get(id=1)
    prev = head.base_hash
    with triggers_off():
        for entry in AuditEntry.objects.filter(seq__gt=head.base_seq).order_by("seq"):
            at = old if entry.seq <= upto_seq else entry.at
            content = canonical(seq=entry.seq, at=at, actor_id=entry.actor_id, actor_name=entry.actor_name,
                                action=entry.action, object_type=entry.object_type, object_id=entry.object_id,
                                before=entry.before, after=entry.after, request_id=entry.request_id)
            digest = link(prev, content)
            AuditEntry.objects.filter(pk=entry.pk).update(at=at, prev_hash=prev, hash=digest)
            prev = digest
        AuditHead.objects.filter(id=1).update(last_hash=prev)
