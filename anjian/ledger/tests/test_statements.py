"""The compiled statements of a transition answer exactly as the ORM and the policy do."""

from __future__ import annotations

from datetime import date

from anjian.accounts.choices import Role
from anjian.accounts.policy import POLICY, can
from anjian.accounts.services import grant_role
from anjian.audit.chain import canonical, link
from anjian.audit.models import AuditEntry
from anjian.fixtures import World
from anjian.ledger import statements
from anjian.ledger.choices import Action
from anjian.ledger.models import Hazard, Task
from anjian.ledger.services import transition


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
