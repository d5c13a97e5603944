"""The level-3 profile: session limits, password complexity and optional rotation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from anjian.audit.models import AuditEntry
from anjian.fixtures import PASSWORD, World
from anjian.security import middleware


@pytest.fixture
def level3(settings: pytest.FixtureRequest) -> None:
    settings.ANJIAN_LEVEL3 = True  # type: ignore[attr-defined]


@pytest.fixture
def clerk(world: World, level3: None) -> Client:
    client = Client()
    assert client.login(username=world.clerk.username, password=PASSWORD)
    assert client.get("/").status_code == 200
    return client


def _shift(client: Client, key: str, seconds: float) -> None:
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_idle_session_ends_after_thirty_minutes(clerk: Client, world: World) -> None:
    _shift(clerk, middleware.SEEN, 29 * 60)
    assert clerk.get("/").status_code == 200
    _shift(clerk, middleware.SEEN, 31 * 60)
    response = clerk.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert AuditEntry.objects.filter(action="session.idle", actor_id=world.clerk.pk).count() == 1


def test_every_session_ends_after_twelve_hours_even_when_active(clerk: Client) -> None:
    _shift(clerk, middleware.STARTED, 11 * 3600)
    assert clerk.get("/").status_code == 200
    _shift(clerk, middleware.STARTED, 1 * 3600 + 60)
    assert clerk.get("/").status_code == 302


def test_without_the_profile_sessions_are_not_cut(world: World, settings: pytest.FixtureRequest) -> None:
    settings.ANJIAN_LEVEL3 = False  # type: ignore[attr-defined]
    client = Client()
    client.login(username=world.clerk.username, password=PASSWORD)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("password", ["alllowercase1", "ALLUPPERCASE", "lowerUPPERonly"])
def test_level3_password_needs_three_character_classes(password: str, level3: None) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_level3_password_of_three_classes_passes(level3: None) -> None:
    validate_password("Anjian-2024x")


def test_expired_password_sends_the_user_to_change_it(
    clerk: Client, world: World, settings: pytest.FixtureRequest
) -> None:
    settings.ANJIAN_PASSWORD_MAX_AGE_DAYS = 90  # type: ignore[attr-defined]
    world.clerk.password_changed_at = timezone.now() - timedelta(days=91)
    world.clerk.save(update_fields=["password_changed_at"])
    response = clerk.get("/tasks/")
    assert response.status_code == 302 and response["Location"] == "/password/"
    assert clerk.get("/password/").status_code == 200
    api = clerk.get("/api/tasks")
    assert api.status_code == 403 and api.json()["code"] == "password_expired"
    world.clerk.password_changed_at = timezone.now()
    world.clerk.save(update_fields=["password_changed_at"])
    assert clerk.get("/tasks/").status_code == 200


def test_five_failed_logins_lock_the_account(world: World, level3: None) -> None:
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": world.clerk.username, "password": "wrong"})
    world.clerk.refresh_from_db()
    assert world.clerk.locked_until is not None
    assert world.clerk.locked_until - timezone.now() > timedelta(minutes=29)
    response = client.post("/login/", {"username": world.clerk.username, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
