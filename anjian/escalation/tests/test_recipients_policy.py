"""Notification recipients ask the policy: nobody hears about an item they may not open."""

from __future__ import annotations

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.services import grant_role
from anjian.escalation.services import recipients
from anjian.fixtures import PASSWORD, World


def test_a_department_role_held_elsewhere_hears_nothing_of_our_hazards(world: World) -> None:
    # given the supervising department's name held by someone whose role lies in another county
    hazard = world.hazard()
    assert hazard.supervising_department_id == world.urban.pk  # the gas sector's supervisor
    elsewhere = User.objects.create_user(username="elsewhere", password=PASSWORD)
    grant_role(actor=None, user=elsewhere, role=Role.DEPARTMENT, region=world.other_county, department=world.urban)
    # when the escalation worker picks the audience of a letter about the hazard
    heard = {u.username for u in recipients("hazard", hazard.pk, include_office=True)}
    # then the county's own people hear of it, the outsider does not
    assert {"officer", "principal", "clerk"} <= heard
    assert "elsewhere" not in heard and "outsider" not in heard
