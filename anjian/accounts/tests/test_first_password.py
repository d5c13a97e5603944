"""Accounts made by someone else: the password rules apply, and the owner replaces the password first
(issue 17, finding 12)."""

from __future__ import annotations

import pytest
from django.test import Client

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.services import create_user, create_user_with_role
from anjian.cli import main
from anjian.errors import DomainError
from anjian.fixtures import World

GIVEN = "Given-pass-2025"
OWN = "Own-choice-2026!"


def _new_account(world: World, password: str) -> Client:
    client = Client()
    client.force_login(world.clerk)
    return client.post("/manage/users/", {  # type: ignore[return-value]
        "username": "newbie", "display_name": "新同事", "password": password, "role": "township",
        "region": world.township.pk})


@pytest.mark.parametrize("level3", [False, True], ids=["standard", "level3"])
@pytest.mark.parametrize("password", ["12345678", "password1", "newbie2025"])
def test_weak_passwords_are_refused_on_office_created_accounts(
    world: World, settings: pytest.FixtureRequest, level3: bool, password: str
) -> None:
    settings.ANJIAN_LEVEL3 = level3  # type: ignore[attr-defined]
    response = _new_account(world, password)
    assert response.status_code == 200
    assert not User.objects.filter(username="newbie").exists()
    with pytest.raises(DomainError):
        create_user(actor=world.clerk, username="newbie", display_name="", password=password, role=Role.TOWNSHIP,
                    region=world.township)
    with pytest.raises(DomainError):
        create_user_with_role(username="newbie", password=password, role=Role.TOWNSHIP,
                              region_code=world.township.code)
    assert main(["createuser", "newbie", "--password", password, "--region", world.township.code,
                 "--role", "township"]) != 0
    assert not User.objects.filter(username="newbie").exists()


def test_an_account_made_by_the_office_changes_its_password_at_first_sign_in(world: World) -> None:
    assert _new_account(world, GIVEN).status_code == 302
    newbie = User.objects.get(username="newbie")
    assert newbie.must_change_password
    client = Client()
    assert client.login(username="newbie", password=GIVEN)
    page = client.get("/tasks/")
    assert page.status_code == 302 and page["Location"] == "/password/"
    api = client.get("/api/tasks")
    assert api.status_code == 403 and api.json()["code"] == "password_expired"
    response = client.post("/password/", {"old_password": GIVEN, "new_password1": OWN, "new_password2": OWN})
    assert response.status_code == 302
    newbie.refresh_from_db()
    assert not newbie.must_change_password
    assert client.get("/tasks/").status_code == 200
    assert client.get("/api/tasks").status_code == 200


def test_the_operators_own_bootstrap_account_is_not_forced(world: World) -> None:
    user = create_user_with_role(username="first", password=GIVEN, role=Role.SECURITY_ADMIN,
                                 region_code=world.county.code)
    assert not user.must_change_password
