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


def test_an_enterprise_writes_only_about_its_own_unit(world: World) -> None:
    from datetime import date

    from anjian.errors import PermissionDenied
    from anjian.ledger.services import report_hazard
    from anjian.org.models import Unit
    from anjian.stats.services import record_obligation

    neighbour = Unit.objects.create(name="北书店另一加油站", sector=world.gas, region=world.township)
    with pytest.raises(PermissionDenied):
        report_hazard(actor=world.principal, unit=neighbour, description="竞争对手的隐患", channel="self_report",
                      found_on=date(2024, 11, 1))
    with pytest.raises(PermissionDenied):
        record_obligation(actor=world.principal, unit=neighbour, obligation="training", done_on=date(2024, 11, 1))
    own = report_hazard(actor=world.principal, unit=world.gas_station, description="本单位隐患",
                        channel="self_report", found_on=date(2024, 11, 1))
    assert own.unit == world.gas_station
    # The township's staff still register hazards on any unit of the township.
    assert report_hazard(actor=world.township_staff, unit=neighbour, description="网格员发现", channel="other",
                         found_on=date(2024, 11, 1)).unit == neighbour
