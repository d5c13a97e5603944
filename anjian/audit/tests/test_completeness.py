"""The chain proves its own completeness: truncation at either end is refused by the database, and with the
triggers dropped it is still caught (the oldest end by the purge seal, the newest by an exported head)."""

from __future__ import annotations

import importlib
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from anjian.audit.models import AuditEntry, AuditHead, PurgePermit
from anjian.audit.services import read_exported_heads, record, verify
from anjian.audit.testing import backdate, triggers_off
from anjian.cli import main
from anjian.fixtures import World
from anjian.security.services import export_chain_head, purge_audit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _audit_key(settings: Any, tmp_path: Path) -> None:
    settings.ANJIAN_AUDIT_KEY = ""
    settings.ANJIAN_AUDIT_KEY_FILE = tmp_path / "audit_key"


def _entries(count: int) -> None:
    for i in range(count):
        record(actor=None, action="test.change", object_type="test", object_id=i)


def _hash(seq: int) -> str:
    return AuditEntry.objects.get(seq=seq).hash


def _sql(*statements: tuple[str, list[Any]]) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)


def _refused(statement: tuple[str, list[Any]]) -> None:
    """The statement fails, at once or (PostgreSQL's head check, deferred) when its transaction commits."""
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql(statement)
        if connection.vendor == "postgresql":
            _sql(("SET CONSTRAINTS audit_head_at_commit IMMEDIATE", []))  # what COMMIT would run now
    if connection.vendor == "postgresql":
        _sql(("SET CONSTRAINTS audit_head_at_commit DEFERRED", []))


def _open_permit(upto: int) -> tuple[str, list[Any]]:
    # An upsert: the permit row need not exist (before migration 0004 only a purge created it).
    return ("INSERT INTO audit_purgepermit (id, upto_seq) VALUES (1, %s) "
            "ON CONFLICT (id) DO UPDATE SET upto_seq = excluded.upto_seq", [upto])


def _permit(upto: int) -> tuple[str, list[Any]]:
    return ("UPDATE audit_purgepermit SET upto_seq = %s WHERE id = 1", [upto])


def _attack_a(keep: int) -> None:
    """Finding 9 (a): rewrite the purge permit and the head table, delete the newest entries after `keep`."""
    last = AuditHead.objects.get(id=1).last_seq
    _sql(_open_permit(last),
         ("UPDATE audit_audithead SET last_seq = %s, last_hash = %s, prev_hash = %s WHERE id = 1",
          [keep, _hash(keep), _hash(keep - 1)]),
         ("DELETE FROM audit_auditentry WHERE seq > %s", [keep]),
         _open_permit(0))


def _attack_b(upto: int) -> None:
    """Finding 9 (b): delete the oldest entries up to `upto` and move the anchor, though they are young."""
    _sql(_open_permit(upto),
         ("UPDATE audit_audithead SET base_seq = %s, base_hash = %s WHERE id = 1", [upto, _hash(upto)]),
         ("DELETE FROM audit_auditentry WHERE seq <= %s", [upto]),
         _open_permit(0))


def test_deleting_the_newest_entries_is_refused_by_the_database(world: World) -> None:
    _entries(40)
    last = AuditHead.objects.get(id=1).last_seq
    with pytest.raises(DatabaseError), transaction.atomic():
        _attack_a(keep=last - 30)
    assert AuditEntry.objects.count() == last and verify().ok


def test_deleting_the_newest_entries_around_the_triggers_is_caught_by_the_exported_head(
        world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _entries(40)
    exported = tmp_path / "audit-head.jsonl"
    export_chain_head(exported)
    last = AuditHead.objects.get(id=1).last_seq
    with triggers_off():
        _attack_a(keep=last - 30)
    # the chain in the database is consistent again; only the head kept off the machine knows better
    result = verify(against=read_exported_heads(exported))
    assert not result.ok and result.broken_seq == last and "已不在链中" in result.reason
    assert main(["audit", "verify", "--against", str(exported)]) == 1
    assert f"BROKEN at #{last}" in capsys.readouterr().err


def test_deleting_the_oldest_entries_is_refused_by_the_database(world: World) -> None:
    _entries(130)
    with pytest.raises(DatabaseError), transaction.atomic():
        _attack_b(upto=100)
    assert AuditEntry.objects.filter(seq__lte=100).count() == 100 and verify().ok


def test_deleting_the_oldest_entries_around_the_triggers_is_caught_by_the_purge_seal(world: World) -> None:
    _entries(130)
    with triggers_off():
        _attack_b(upto=100)
    result = verify()
    assert not result.ok and result.broken_seq == 101 and "没有清理记录" in result.reason
    assert main(["audit", "verify"]) == 1


def test_old_entries_deleted_without_a_purge_are_caught_too(world: World) -> None:
    # old enough to purge, but deleted around the triggers instead of by purge_audit: no seal
    _entries(20)
    backdate(400, upto_seq=10)
    with triggers_off():
        _attack_b(upto=10)
    assert not verify().ok


def test_moving_the_anchor_past_a_real_purge_is_caught(world: World) -> None:
    _entries(20)
    backdate(400, upto_seq=10)
    purge_audit(actor=world.auditor, before=timezone.now() - timedelta(days=200))
    assert verify().ok
    with triggers_off():
        _attack_b(upto=15)
    result = verify()
    assert not result.ok and "最近一次清理记录不符" in result.reason


def test_a_purge_entry_forged_without_the_key_is_caught(world: World) -> None:
    _entries(130)
    with triggers_off():
        _attack_b(upto=100)
        # the attacker also appends a purge entry for the new anchor, chained like any other
        record(actor=None, action="audit.purge", object_type="audit", object_id=100,
               after={"purged": 100, "base_seq": 100, "base_hash": AuditHead.objects.get(id=1).base_hash,
                      "before": (timezone.now() - timedelta(days=400)).isoformat(), "seal": "0" * 64})
    result = verify()
    assert not result.ok and result.broken_seq == 101


def test_a_real_purge_verifies_with_the_key_and_names_a_missing_or_other_key(
        world: World, settings: Any, tmp_path: Path) -> None:
    _entries(20)
    backdate(400, upto_seq=10)
    purge_audit(actor=world.auditor, before=timezone.now() - timedelta(days=200))
    assert verify().ok
    settings.ANJIAN_AUDIT_KEY_FILE = tmp_path / "elsewhere" / "audit_key"
    assert "缺少审计密钥" in verify().reason
    settings.ANJIAN_AUDIT_KEY = "another key of this installation, long enough"
    assert "另一审计密钥" in verify().reason


def test_the_permit_and_the_anchor_follow_the_retention_rule(world: World) -> None:
    _entries(10)
    backdate(400, upto_seq=5)
    for statement in (
        _open_permit(6),  # entry 6 is young
        _open_permit(99),  # beyond the head
        ("UPDATE audit_audithead SET base_seq = 5, base_hash = %s WHERE id = 1", [_hash(5)]),  # no permit
        ("DELETE FROM audit_auditentry WHERE seq = 1", []),  # no permit, no anchor
        ("UPDATE audit_audithead SET last_seq = last_seq - 1 WHERE id = 1", []),  # the head goes back
        ("UPDATE audit_audithead SET last_seq = last_seq + 1 WHERE id = 1", []),  # to an entry not there
        ("DELETE FROM audit_audithead", []),
        ("DELETE FROM audit_purgepermit", []),
        ("INSERT INTO audit_purgepermit (id, upto_seq) VALUES (2, 5)", []),
    ):
        _refused(statement)
    _sql(_permit(5))
    for statement in (
        ("UPDATE audit_audithead SET base_seq = 5, base_hash = %s WHERE id = 1", [_hash(4)]),  # wrong hash
        ("DELETE FROM audit_auditentry WHERE seq = 1", []),  # anchor not moved yet
    ):
        _refused(statement)
    # the order purge_audit follows is let through
    _sql(("UPDATE audit_audithead SET base_seq = 5, base_hash = %s WHERE id = 1", [_hash(5)]),
         ("DELETE FROM audit_auditentry WHERE seq <= 5", []), _permit(0))
    assert AuditEntry.objects.filter(seq__lte=5).count() == 0
    assert PurgePermit.objects.get(id=1).upto_seq == 0


def test_an_entry_cannot_be_replaced_on_sqlite(world: World) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite: INSERT OR REPLACE deletes without firing the delete trigger")
    _entries(2)
    entry = AuditEntry.objects.get(seq=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql(("INSERT OR REPLACE INTO audit_auditentry (id, seq, at, actor_name, action, object_type, object_id, "
              "request_id, prev_hash, hash) VALUES (%s, 1, %s, 'x', 'x', 'x', '', '', %s, %s)",
              [entry.pk, entry.at, entry.prev_hash, entry.hash]))
    assert AuditEntry.objects.get(seq=1).action == entry.action


def test_export_lines_name_the_seq_and_old_lines_are_checked_by_hash(world: World, tmp_path: Path) -> None:
    _entries(5)
    exported = tmp_path / "audit-head.jsonl"
    line = export_chain_head(exported)
    assert line["seq"] == AuditHead.objects.get(id=1).last_seq
    # a line written before the seq was exported
    old = {"exported_at": "2026-01-01T00:00:00+00:00", "ok": True, "entries": 3, "head_hash": _hash(3),
           "broken_seq": None}
    old_file = tmp_path / "old-heads.jsonl"
    old_file.write_text(json.dumps(old) + "\n")
    assert verify(against=read_exported_heads(exported)).ok
    assert verify(against=read_exported_heads(old_file)).ok
    with triggers_off():
        _attack_a(keep=2)
    assert not verify(against=read_exported_heads(old_file)).ok


def test_an_anchor_set_by_a_purge_before_the_seal_is_sealed_by_the_migration(world: World) -> None:
    # given an installation that purged with the old code: anchor moved, purge entry without a seal
    _entries(20)
    backdate(400, upto_seq=10)
    with triggers_off():
        _attack_b(upto=10)
        record(actor=None, action="audit.purge", object_type="audit", object_id=10,
               after={"purged": 10, "before": "2025-01-01T00:00:00+00:00", "base_hash": _hash_of_anchor()})
    assert "最近一次清理记录不符" in verify().reason
    # when migration 0004 runs, it seals the anchor as it is (the entries purged before cannot be proved)
    migration = importlib.import_module("anjian.audit.migrations.0004_guarded_head_and_permit")
    migration.seal_old_anchor(AuditEntry, AuditHead)
    assert verify().ok
    assert AuditEntry.objects.order_by("-seq").first().action == "audit.anchor"  # type: ignore[union-attr]


def _hash_of_anchor() -> str:
    return AuditHead.objects.get(id=1).base_hash
