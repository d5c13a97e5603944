"""Scope: another county's rows are invisible in lists and 'not found' in detail; denials are audited."""

from __future__ import annotations

import pytest

from anjian.accounts.policy import POLICY, can, scope_q
from anjian.audit.models import AuditEntry
from anjian.errors import NotFound, PermissionDenied
from anjian.fixtures import World
from anjian.ledger.choices import Action
from anjian.ledger.models import Hazard, Task
from anjian.ledger.services import transition

pytestmark = pytest.mark.django_db


def test_other_county_rows_are_not_listed(world: World) -> None:
    task = world.task()
    hazard = world.hazard()
    assert not Task.objects.filter(scope_q(world.outsider, "task")).exists()
    assert not Hazard.objects.filter(scope_q(world.outsider, "hazard")).exists()
    assert list(Task.objects.filter(scope_q(world.clerk, "task"))) == [task]
    assert list(Hazard.objects.filter(scope_q(world.principal, "hazard"))) == [hazard]


def test_out_of_scope_detail_is_not_found_and_audited(world: World) -> None:
    task = world.task()
    with pytest.raises(NotFound):
        transition(item=task, action=Action.CANCEL, actor=world.outsider, reason="越权")
    denial = AuditEntry.objects.filter(action="denied:cancel").get()
    assert denial.actor_name == str(world.outsider)
    assert denial.after == {"visible": False}


def test_visible_but_forbidden_is_permission_denied(world: World) -> None:
    task = world.task()
    assert can(world.leader, "view", task)
    with pytest.raises(PermissionDenied):
        transition(item=task, action=Action.SUBMIT, actor=world.leader)


def test_department_sees_only_its_own_tasks(world: World) -> None:
    world.task()
    assert not Task.objects.filter(scope_q(world.fire_officer, "task")).exists()
    assert Task.objects.filter(scope_q(world.officer, "task")).count() == 1


def test_unit_principal_sees_only_own_unit(world: World) -> None:
    world.hazard()
    world.hazard(unit=world.other_unit, actor=world.outsider)
    visible = Hazard.objects.filter(scope_q(world.principal, "hazard"))
    assert [h.unit_id for h in visible] == [world.gas_station.pk]
    assert not Task.objects.filter(scope_q(world.principal, "task")).exists()


def test_every_policy_rule_names_known_roles() -> None:
    from anjian.accounts.choices import Role

    for (kind, action), rule in POLICY.items():
        assert kind and action
        assert set(rule) <= set(Role)
