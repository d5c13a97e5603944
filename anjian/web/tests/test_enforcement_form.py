"""The unit page's enforcement form: who sees it, what it records, how it reports a broken rule."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.models import EnforcementAction

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]


def test_the_unit_page_form_records_the_measure(world: World, login: Login) -> None:
    client = login(world.officer)
    page = client.get(f"/units/{world.gas_station.pk}/").content.decode()
    assert f"/units/{world.gas_station.pk}/enforcement/new/" in page
    response = client.post(f"/units/{world.gas_station.pk}/enforcement/new/", {
        "kind": "penalty", "decided_on": "2024-11-20", "company_amount": "30000", "document_number": "X-1"})
    assert response.status_code == 302
    assert EnforcementAction.objects.get().company_amount == Decimal("30000")
    assert "30000" in client.get(f"/units/{world.gas_station.pk}/").content.decode()


def test_the_form_shows_the_rule_broken_and_keeps_the_input(world: World, login: Login) -> None:
    client = login(world.officer)
    response = client.post(f"/units/{world.gas_station.pk}/enforcement/new/", {
        "kind": "penalty", "decided_on": "2024-11-20", "document_number": "X-2"})
    html = response.content.decode()
    assert response.status_code == 200 and "罚款金额" in html and 'value="X-2"' in html
    assert not EnforcementAction.objects.exists()


def test_roles_that_may_not_record_get_404_and_no_button(world: World, login: Login) -> None:
    for user in (world.clerk, world.principal, world.leader):
        client = login(user)
        assert client.get(f"/units/{world.gas_station.pk}/enforcement/new/").status_code == 404
        page = client.get(f"/units/{world.gas_station.pk}/")
        assert "/enforcement/new/" not in page.content.decode()
