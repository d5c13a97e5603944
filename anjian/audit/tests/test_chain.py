"""The audit chain: one row per change, append-only in the database, tampering pinpointed."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.audit.testing import triggers_off
from anjian.fixtures import World
from anjian.ledger.choices import Action
from anjian.ledger.services import transition

pytestmark = pytest.mark.django_db


def _without_triggers(sql: str, params: list[object]) -> None:
    """Tamper as a database administrator would: bypass the append-only triggers."""
    with triggers_off(("audit_auditentry",)), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _populate(world: World) -> None:
    task = world.task()
    world.submit(task, world.officer)
    transition(item=task, action=Action.RETURN, actor=world.reviewer, reason="材料不全")


def test_one_audit_row_per_transition(world: World) -> None:
    task = world.task(assign=False)
    before = AuditEntry.objects.count()
    transition(item=task, action=Action.ASSIGN, actor=world.clerk)
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.last().action == "task.assign"  # type: ignore[union-attr]


def test_intact_chain_verifies(world: World) -> None:
    _populate(world)
    result = verify()
    assert result.ok and result.checked == AuditEntry.objects.count()


def test_update_and_delete_are_refused_by_the_database(world: World) -> None:
    _populate(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(seq=2).update(actor_name="someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(seq=2).delete()


def test_edited_row_is_pinpointed(world: World) -> None:
    _populate(world)
    _without_triggers("UPDATE audit_auditentry SET actor_name = %s WHERE seq = %s", ["篡改者", 5])
    result = verify()
    assert not result.ok and result.broken_seq == 5


def test_deleted_row_is_pinpointed(world: World) -> None:
    _populate(world)
    _without_triggers("DELETE FROM audit_auditentry WHERE seq = %s", [4])
    result = verify()
    assert not result.ok and result.broken_seq == 4


def test_deleted_tail_is_detected(world: World) -> None:
    _populate(world)
    last = AuditEntry.objects.order_by("-seq").first()
    assert last is not None
    _without_triggers("DELETE FROM audit_auditentry WHERE seq = %s", [last.seq])
    assert not verify().ok


def test_swapped_rows_are_pinpointed(world: World) -> None:
    _populate(world)
    a, b = AuditEntry.objects.filter(seq__in=[3, 6]).order_by("seq")
    # swap the contents of two rows, keeping their sequence numbers
    for target, source in ((3, b), (6, a)):
        _without_triggers(
            "UPDATE audit_auditentry SET action=%s, object_id=%s, hash=%s, prev_hash=%s WHERE seq=%s",
            [source.action, source.object_id, source.hash, source.prev_hash, target],
        )
    result = verify()
    assert not result.ok and result.broken_seq == 3
