"""Fixtures of the workspace tests: a signed-in client per named actor, media in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from anjian.accounts.models import User


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    """Evidence and import files go to a temporary folder; passwords hash fast (the world has nine users)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    return tmp_path / "media"


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    """Sign a named actor in (force_login: the sign-in page has its own tests)."""

    def sign_in(user: User) -> Client:
        client.force_login(user)
        return client

    return sign_in


# The smallest valid PNG: 1×1 pixel.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
