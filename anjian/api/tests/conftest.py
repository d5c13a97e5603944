"""Fixtures of the API tests: isolated files and key, a fast hasher, tokens per named actor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from anjian.accounts.models import User
from anjian.api.services import issue_token
from anjian.fixtures import World
from anjian.tipoffs.fixtures import add_handler


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ANJIAN_TIPOFF_KEY = "test-key-for-tipoff-identities-0123456789"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def handler(world: World) -> User:
    return add_handler(world)


class ApiClient:
    """A test client that speaks JSON to /api/ with one user's bearer token."""

    def __init__(self, raw_token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, headers=self.headers)

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(f"/api{path}", body or {}, content_type="application/json", headers=self.headers)

    def put(self, path: str, body: Any) -> Any:
        return self.client.put(f"/api{path}", body, content_type="application/json", headers=self.headers)


@pytest.fixture
def as_user(world: World) -> Callable[[User | None], ApiClient]:
    """`as_user(world.clerk)` → a client authenticated by a fresh token of that user; None → anonymous."""

    def make(user: User | None) -> ApiClient:
        if user is None:
            return ApiClient(None)
        _, raw = issue_token(actor=None, user=user, name="test")
        return ApiClient(raw)

    return make
