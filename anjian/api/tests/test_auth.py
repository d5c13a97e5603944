"""Authentication (token and session with CSRF), the schema and the offline docs."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

from anjian.api.models import ApiToken
from anjian.api.services import issue_token, revoke_token
from anjian.fixtures import PASSWORD, World

from .conftest import ApiClient

AsUser = Callable[..., ApiClient]


def test_anonymous_gets_401_with_a_code(world: World) -> None:
    response = Client().get("/api/tasks")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_bearer_token_authenticates_and_is_touched(world: World) -> None:
    token, raw = issue_token(actor=world.clerk, user=world.clerk, name="省级平台上报")
    assert raw not in token.token_hash and token.prefix == raw[:10]
    response = Client().get("/api/tasks", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_or_forged_tokens_are_refused(world: World) -> None:
    token, raw = issue_token(actor=None, user=world.clerk, name="x")
    revoke_token(actor=None, token=token)
    for value in (raw, "aj_forged", "not-a-token"):
        assert Client().get("/api/tasks", headers={"Authorization": f"Bearer {value}"}).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_inactive_users_token_is_refused(world: World) -> None:
    _, raw = issue_token(actor=None, user=world.clerk, name="x")
    world.clerk.is_active = False
    world.clerk.save()
    assert Client().get("/api/tasks", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_session_auth_requires_csrf_for_writes(world: World) -> None:
    task = world.task()
    browser = Client(enforce_csrf_checks=True)
    browser.login(username="officer", password=PASSWORD)
    assert browser.get("/api/tasks").status_code == 200
    url = f"/api/tasks/{task.pk}/transitions"
    refused = browser.post(url, {"action": "start"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    browser.get("/api/docs")  # any page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post(url, {"action": "start"}, content_type="application/json", headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 200 and accepted.json()["status"] == "in_progress"


def test_token_writes_need_no_csrf(world: World, as_user: AsUser) -> None:
    task = world.task()
    response = as_user(world.officer).post(f"/tasks/{task.pk}/transitions", {"action": "start"})
    assert response.status_code == 200


def test_openapi_describes_every_endpoint(world: World) -> None:
    schema = Client().get("/api/openapi.json").json()
    paths = set(schema["paths"])
    for expected in ("/api/tasks", "/api/tasks/{task_id}/transitions", "/api/tasks/{task_id}/progress",
                     "/api/hazards/{hazard_id}/five-in-place", "/api/inspections", "/api/enforcement-actions",
                     "/api/units", "/api/regions", "/api/notifications", "/api/tipoffs", "/api/tipoffs/track",
                     "/api/tipoffs/{tipoff_id}/identity"):
        assert expected in paths
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    public = schema["paths"]["/api/tipoffs/track"]["post"]
    assert "security" not in public or public["security"] == []


def test_docs_are_served_offline(world: World) -> None:
    html = Client().get("/api/docs").content.decode()
    assert "swagger-ui" in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") or a.startswith("/api/") for a in assets), assets
    assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html
