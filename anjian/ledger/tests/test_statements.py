"""The compiled statements of a transition answer exactly as the ORM and the policy do."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection

from anjian.accounts.choices import Role
from anjian.accounts.policy import POLICY, can
from anjian.accounts.services import grant_role
from anjian.audit.chain import canonical, link
from anjian.audit.models import AuditEntry
from anjian.errors import ConflictError
from anjian.fixtures import PHOTO, World
from anjian.ledger import statements
from anjian.ledger.choices import Action
from anjian.ledger.models import Hazard, ItemEvent, Task
from anjian.ledger.services import submit_progress, transition

ON_POSTGRES = pytest.mark.skipif(connection.vendor != "postgresql", reason="the one-statement change is PostgreSQL's")


def test_the_scoped_read_agrees_with_the_policy_for_every_actor_and_action(world: World) -> None:
    task, hazard = world.task(), world.hazard()
    actors = [world.clerk, world.officer, world.fire_officer, world.reviewer, world.principal, world.township_staff,
              world.leader, world.outsider, world.auditor]
    checked = 0
    for item in (task, hazard):
        kind = "task" if isinstance(item, Task) else "hazard"
        for (k, action) in POLICY:
            if k != kind:
                continue
            for actor in actors:
                row = statements.current_in_scope(type(item), actor, action, item.pk)
                assert (row is not None) == can(actor, action, item), (kind, action, actor.username)
                checked += 1
    assert checked > 100


def test_the_row_read_is_the_row_the_orm_reads(world: World) -> None:
    hazard = world.hazard(found_on=date(2024, 11, 2))
    row = statements.current_in_scope(Hazard, world.clerk, "view", hazard.pk)
    stored = Hazard.objects.get(pk=hazard.pk)
    for field in Hazard._meta.concrete_fields:
        assert getattr(row, field.attname) == getattr(stored, field.attname), field.name


def test_a_new_role_is_seen_at_once(world: World) -> None:
    task = world.task()
    assert statements.current_in_scope(Task, world.outsider, "cancel", task.pk) is None
    grant_role(actor=None, user=world.outsider, role=Role.OFFICE, region=world.county)
    world.outsider._anjian_roles = None  # type: ignore[attr-defined]  # the per-request cache of roles
    assert statements.current_in_scope(Task, world.outsider, "cancel", task.pk) is not None


def test_the_audit_entry_of_a_transition_hashes_as_the_verifier_computes(world: World) -> None:
    hazard = world.hazard()
    transition(item=hazard, action=Action.ASSIGN, actor=world.clerk)
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None and entry.action == "hazard.assign"
    prev = AuditEntry.objects.get(seq=entry.seq - 1)
    content = canonical(seq=entry.seq, at=entry.at, actor_id=entry.actor_id, actor_name=entry.actor_name,
                        action=entry.action, object_type=entry.object_type, object_id=entry.object_id,
                        before=entry.before, after=entry.after, request_id=entry.request_id)
    assert entry.prev_hash == prev.hash and entry.hash == link(prev.hash, content)


def test_constants_are_written_into_the_sqlite_read_and_only_the_key_stays_bound() -> None:
    sql = "SELECT a FROM t WHERE p LIKE %s ESCAPE '\\' AND k = %s AND f = %s AND n = %s AND q = '%%'"
    text, params, at = statements._inline_constants(sql, ["/41'0%s/%", statements._MARK, True, 7], 1)
    assert text == "SELECT a FROM t WHERE p LIKE '/41''0%%s/%%' ESCAPE '\\' AND k = %s AND f = 1 AND n = 7 AND q = '%%'"
    assert params == [statements._MARK] and at == 0
    # A value with no SQLite literal stays a parameter, in order.
    text, params, at = statements._inline_constants("x = %s AND y = %s", [b"\x00", statements._MARK], 1)
    assert text == "x = %s AND y = %s" and params == [b"\x00", statements._MARK] and at == 1


def test_an_inlined_pattern_matches_as_the_bound_one_did() -> None:
    import sqlite3

    from anjian.rawsql import _qmark

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, path TEXT)")
    db.executemany("INSERT INTO r VALUES (?, ?)", [(1, "/41'0%s/a/"), (2, "/41'0%s/"), (3, "/41'0Xs/a/"), (4, "/42/")])
    sql = "SELECT id FROM r WHERE path LIKE %s ESCAPE '\\' AND id > %s ORDER BY id"
    pattern = "/41'0\\%s/%"  # what Django binds for startswith("/41'0%s/"): the % escaped
    bound = [r[0] for r in db.execute(_qmark(sql), [pattern, 0])]
    text, params, _at = statements._inline_constants(sql, [pattern, statements._MARK], 1)
    inlined = [r[0] for r in db.execute(_qmark(text), [0])]
    assert bound == inlined == [1, 2]


def _outcome(item: Any, action: str, actor: Any) -> str:
    reason = "理由" if action in (Action.RETURN, Action.CANCEL) else ""
    try:
        moved = transition(item=item, action=action, actor=actor, reason=reason)
    except Exception as exc:  # noqa: BLE001 - the kind of refusal is the outcome compared
        return type(exc).__name__
    return f"{moved.status}/{moved.version}"


def _advance(item: Any, action: str, actors: list[Any]) -> Any:
    """`item` moved by `action` by the first of `actors` allowed to."""
    for actor in actors:
        if can(actor, action, item):
            if action == Action.SUBMIT:  # 提交验收 needs a progress report with a photo first
                submit_progress(actor=actor, item=item, text="已整改", files=[("after.png", PHOTO)])
            return transition(item=item, action=action, actor=actor)
    raise AssertionError(f"nobody may {action}")


@ON_POSTGRES
def test_the_one_statement_change_decides_as_the_read_then_write_path_for_every_actor_and_action(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every actor × action from each status, once through the one-statement path (with the scoped read
    made impossible) and once through read-then-write (with the one-statement path off): same outcome,
    same event and audit rows."""
    from anjian.ledger import services

    actors = [world.clerk, world.officer, world.fire_officer, world.reviewer, world.principal, world.township_staff,
              world.leader, world.outsider]
    reached = {"found": [], "assigned": [Action.ASSIGN], "rectifying": [Action.ASSIGN, Action.START],
               "submitted": [Action.ASSIGN, Action.SUBMIT]}
    compared = fast_taken = 0
    for status, path in reached.items():
        # 提交验收 reads the item's reports first (check_submit): it never takes the one-statement path.
        for action in (Action.ASSIGN, Action.START, Action.RETURN, Action.CANCEL):
            for actor in actors:
                outcomes = []
                for fast in (True, False):
                    hazard = world.hazard()
                    for step in path:
                        hazard = _advance(hazard, step, actors)
                    assert hazard.status == status
                    with monkeypatch.context() as m:
                        if fast:
                            def no_read(*_a: Any, **_k: Any) -> Any:
                                raise AssertionError("read")
                            m.setattr(statements, "current_in_scope", no_read)
                        else:
                            m.setattr(services, "_at_once_applies", lambda *_a, **_k: False)
                        outcome = _outcome(hazard, action, actor)
                    rows = (list(ItemEvent.objects.filter(hazard=hazard).order_by("id")
                                 .values_list("action", "from_status", "to_status", "actor_id", "reason")),
                            # (the progress report filed before 提交验收 names its own report row: not compared)
                            list(AuditEntry.objects.filter(object_type="hazard", object_id=str(hazard.pk))
                                 .exclude(action="hazard.progress").order_by("seq").values_list("action", "before", "after", "actor_id")))
                    outcomes.append((outcome, rows))
                    fast_taken += fast and outcome != "AssertionError"
                if outcomes[0][0] == "AssertionError":  # the fast path refused and fell back to the read
                    assert outcomes[1][0] in {"NotFound", "PermissionDenied", "TransitionNotAllowed"}, (
                        status, action, actor.username, outcomes[1][0])
                else:
                    assert outcomes[0] == outcomes[1], (status, action, actor.username)
                compared += 1
    assert compared == 4 * 4 * len(actors) and fast_taken > 10


@ON_POSTGRES
def test_a_stale_copy_is_read_again_and_the_change_applies_to_the_row_as_stored(world: World) -> None:
    hazard = world.hazard()
    stale = Hazard.objects.get(pk=hazard.pk)
    transition(item=hazard, action=Action.ASSIGN, actor=world.clerk)
    moved = transition(item=stale, action=Action.CANCEL, actor=world.clerk, reason="重复登记")
    assert moved.status == "cancelled" and moved.version == stale.version + 2
    assert list(ItemEvent.objects.filter(hazard=hazard).order_by("id").values_list("from_status", "to_status")) == [
        ("", "found"), ("found", "assigned"), ("assigned", "cancelled")]
    with pytest.raises(ConflictError):
        transition(item=stale, action=Action.CANCEL, actor=world.clerk, reason="x", expected_version=stale.version)


def test_a_copy_read_with_deferred_fields_is_not_trusted(world: World) -> None:
    from anjian.ledger import services
    from anjian.ledger.choices import HAZARD_TRANSITIONS

    hazard = world.hazard()
    partial = Hazard.objects.only("id", "version", "status").get(pk=hazard.pk)
    edge = HAZARD_TRANSITIONS[Action.ASSIGN]
    assert not services._at_once_applies(partial, edge, Action.ASSIGN, "", None, None)
    full = Hazard.objects.get(pk=hazard.pk)
    assert services._at_once_applies(full, edge, Action.ASSIGN, "", None, None) == (connection.vendor == "postgresql")
