"""Django's superuser flag gives nothing in the ledger, the tip-offs or the audit log (issue 17, finding 2).

The demo's system administrator was a superuser, and the policy answered "everything" to the flag: it
read reporters' names and phones and closed hazards. Now what a person may do comes from their roles only.
"""

from __future__ import annotations

import pytest
from django.test import Client

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.policy import Where, allowed, require, scope_q
from anjian.accounts.services import create_user_with_role
from anjian.errors import NotFound, PermissionDenied
from anjian.fixtures import PASSWORD, World
from anjian.ledger.choices import Action
from anjian.ledger.models import Hazard, Task
from anjian.ledger.services import transition
from anjian.tipoffs.choices import TipOffCategory
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE
from anjian.tipoffs.models import TipOff
from anjian.tipoffs.services import ReporterInfo, submit_tipoff


@pytest.fixture
def admin(world: World) -> User:
    """The system administrator as the demo used to make it: the admin role and Django's superuser flag."""
    return create_user_with_role(username="sysadmin", password=PASSWORD, role=Role.ADMIN,
                                 region_code=world.county.code, superuser=True)


@pytest.fixture
def tipoff(world: World) -> TipOff:
    return submit_tipoff(region=world.county, category=TipOffCategory.MAJOR_HAZARD, place="北书店乡加油站",
                         description="夜间违规储存液化气", unit_name=world.gas_station.name,
                         reporter=ReporterInfo(name=REPORTER_NAME, phone=REPORTER_PHONE)).tipoff


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_superuser_admin_cannot_unmask_a_reporter(admin: User, tipoff: TipOff) -> None:
    client = _client(admin)
    api = client.post(f"/api/tipoffs/{tipoff.pk}/identity", content_type="application/json")
    assert api.status_code in {403, 404}
    web = [client.get(f"/tipoff/queue/{tipoff.pk}/reveal/"), client.post(f"/tipoff/queue/{tipoff.pk}/reveal/")]
    assert all(r.status_code in {403, 404, 405} for r in web)
    for body in [api.content.decode()] + [r.content.decode() for r in web]:
        assert REPORTER_PHONE not in body and REPORTER_NAME not in body


def test_superuser_admin_cannot_close_a_hazard(world: World, admin: User) -> None:
    # given a hazard rectified and submitted, waiting for the supervising department's sign-off
    hazard = world.hazard()
    for action, actor in ((Action.ASSIGN, world.clerk), (Action.START, world.principal)):
        hazard = transition(item=hazard, action=action, actor=actor)
    hazard = world.submit(hazard, world.principal)  # type: ignore[assignment]
    status = hazard.status
    response = _client(admin).post(f"/api/hazards/{hazard.pk}/transitions", {"action": "close", "reason": "x"},
                                   content_type="application/json")
    assert response.status_code in {403, 404}
    with pytest.raises((PermissionDenied, NotFound)):
        require(admin, "close", hazard)
    hazard.refresh_from_db()
    assert hazard.status == status


def test_a_superuser_flag_without_roles_sees_and_does_nothing(world: World) -> None:
    flag_only = User.objects.create_user(username="root", password=PASSWORD, is_superuser=True, is_staff=True)
    world.task()
    world.hazard()
    assert not Task.objects.filter(scope_q(flag_only, "task")).exists()
    assert not Hazard.objects.filter(scope_q(flag_only, "hazard")).exists()
    assert not allowed(flag_only, "create", Where("hazard", world.county.path))
    assert not allowed(flag_only, "edit", Where("sector"))
    client = _client(flag_only)
    assert client.get("/api/tasks").json()["items"] == []
    assert client.get("/manage/").status_code == 404
    assert client.get("/audit/").status_code in {403, 404}
