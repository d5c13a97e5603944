"""A transition acts on the row as stored now, as the policy judges it now, and chains its audit entry."""

from __future__ import annotations

import pytest

from anjian.accounts.choices import Role
from anjian.accounts.services import grant_role
from anjian.audit.chain import canonical, link
from anjian.audit.models import AuditEntry
from anjian.errors import ConflictError, NotFound, PermissionDenied
from anjian.fixtures import World
from anjian.ledger.choices import Action
from anjian.ledger.models import Hazard, ItemEvent
from anjian.ledger.services import transition


def test_a_new_role_is_seen_at_once(world: World) -> None:
    task = world.task()
    with pytest.raises((NotFound, PermissionDenied)):
        transition(item=task, action=Action.CANCEL, actor=world.outsider, reason="重复")
    grant_role(actor=None, user=world.outsider, role=Role.OFFICE, region=world.county)
    world.outsider._anjian_roles = None  # type: ignore[attr-defined]  # the per-request cache of roles
    assert transition(item=task, action=Action.CANCEL, actor=world.outsider, reason="重复").status == "cancelled"


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
