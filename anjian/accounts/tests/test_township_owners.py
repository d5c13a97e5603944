"""A county task given to "各乡" belongs to each named township: its staff see it and report on it."""

from __future__ import annotations

import pytest

from anjian.accounts.policy import can, scope_q
from anjian.fixtures import World
from anjian.ledger.models import Task
from anjian.ledger.services import OwnerSpec

pytestmark = pytest.mark.django_db


def test_a_township_owner_of_a_county_task_may_see_it_and_report_progress(world: World) -> None:
    task = world.task(owners=[OwnerSpec("区城管局", department=world.urban),
                              OwnerSpec("北书店乡", region=world.township)])
    assert task.region == world.county

    assert can(world.township_staff, "view", task)
    assert can(world.township_staff, "progress", task)
    assert can(world.township_staff, "submit", task)
    assert not can(world.township_staff, "close", task)
    assert Task.objects.filter(scope_q(world.township_staff, "task"), pk=task.pk).exists()


def test_a_county_task_not_given_to_the_township_stays_out_of_its_sight(world: World) -> None:
    task = world.task()  # owned by 区城管局 only
    assert not can(world.township_staff, "view", task)
    assert not can(world.township_staff, "progress", task)
