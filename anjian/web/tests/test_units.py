"""The unit page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.models import EnforcementAction, Inspection
from anjian.org.models import UnitGuarantor

Login = Callable[[User], Client]


def test_unit_page_shows_hazards_inspections_enforcement_principal_and_guarantors(world: World, login: Login) -> None:
    unit = world.gas_station
    hazard = world.hazard()
    inspection = Inspection.objects.create(unit=unit, region=unit.region, department=world.urban,
                                           inspected_on=date(2024, 10, 1), inspectors="赵城管")
    EnforcementAction.objects.create(unit=unit, region=unit.region, department=world.urban, inspection=inspection,
                                     kind="penalty", decided_on=date(2024, 10, 9), company_amount=30000,
                                     person_name="王建国", person_amount=5000)
    UnitGuarantor.objects.create(unit=unit, role="fire_or_police", name="钱消防", phone="13900000002")
    html = login(world.clerk).get(f"/units/{unit.pk}/").content.decode()
    assert f'href="/hazards/{hazard.pk}/"' in html
    assert "王建国" in html and "13800000001" in html
    assert "钱消防" in html
    assert "一案双罚" in html
    assert "30,000" in html or "30000" in html


@pytest.mark.parametrize("role", ["outsider", "fire_officer"])
def test_unit_page_outside_scope_is_not_found(world: World, login: Login, role: str) -> None:
    response = login(getattr(world, role)).get(f"/units/{world.gas_station.pk}/")
    assert response.status_code == (404 if role == "outsider" else 200)


def test_a_principal_sees_only_their_own_unit(world: World, login: Login) -> None:
    client = login(world.principal)
    assert client.get(f"/units/{world.gas_station.pk}/").status_code == 200
    assert client.get(f"/units/{world.other_unit.pk}/").status_code == 404
