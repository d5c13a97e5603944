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


def test_a_migrated_database_has_the_default_policies(db: None) -> None:
    from anjian.escalation.models import DEFAULT_LADDER, EscalationPolicy

    for kind in ("task", "hazard"):
        policy = EscalationPolicy.objects.get(item_kind=kind, grade="")
        assert [(s.level, s.action, s.days_after_due) for s in policy.steps.order_by("level")] == DEFAULT_LADDER


def test_reading_a_policy_writes_nothing(db: None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anjian.escalation.models import DEFAULT_LADDER, EscalationPolicy, ladder, policy_for

    # given an installation whose administrator deleted every policy
    EscalationPolicy.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        policy = policy_for("hazard", "major")
        steps = ladder(policy)
    # then the defaults are read, and the read wrote nothing
    assert [q["sql"].split()[0].upper() for q in queries.captured_queries] == ["SELECT"]
    assert [(s.level, s.action, s.days_after_due) for s in steps] == DEFAULT_LADDER
    assert policy.remind_days_before == 3 and not EscalationPolicy.objects.exists()
