"""Due checks reach the to-do source of the home page and menu; the unit list shows each unit's highest grade."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from anjian.fixtures import World, signed_in
from anjian.prevention.models import CheckPlan
from anjian.prevention.tests.inventory import tank_area
from anjian.web.todos import counts, todos

pytestmark = pytest.mark.django_db


def test_a_due_check_is_a_to_do_of_its_responsible_person_and_opens_its_check_page(world: World) -> None:
    today = timezone.localdate()
    point = tank_area(world, today=today)
    plans = CheckPlan.objects.filter(risk_point=point)
    assert plans.exists()
    plans.update(next_due=today + timedelta(days=3))  # not due yet: nothing to do
    assert counts(world.principal, today)["risk_check_due"] == 0
    plans.update(next_due=today - timedelta(days=1))
    box = next(b for b in todos(world.principal, today) if b.key == "risk_check_due")
    assert box.count == plans.count() and {row.pk for row in box.rows} == set(plans.values_list("pk", flat=True))
    assert counts(world.principal, today)["risk_check_due"] == plans.count()
    assert counts(world.clerk, today)["risk_check_due"] == 0  # the office does not do the enterprise's checks
    client = signed_in(world.principal)
    page = client.get("/").content.decode()
    assert 'data-todo="risk_check_due"' in page
    plan = plans.first()
    assert plan is not None
    assert f"/prevention/points/{point.pk}/check/" in page  # the enterprise home links the check page
    answer = client.get(f"/prevention/plans/{plan.pk}/check/")
    assert answer.status_code == 302 and answer["Location"].endswith(f"/prevention/points/{point.pk}/check/?plan={plan.pk}")


def test_the_unit_list_shows_each_units_highest_risk_grade(world: World) -> None:
    tank_area(world)
    page = signed_in(world.clerk).get("/units/").content.decode()
    assert "风险点最高等级" in page
    assert "data-highest-grade>重大风险<" in page
