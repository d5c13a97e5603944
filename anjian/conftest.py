"""Shared pytest fixtures: the jurisdiction of anjian.fixtures, and a pinned clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from anjian.fixtures import World, build_world


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Tests create many users; MD5 keeps that quick. Production hashing is set in settings.py."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: object, tmp_path: object) -> None:
    """Evidence files (a submission carries a photo) go to the test's own folder, never the data folder."""
    settings.MEDIA_ROOT = str(tmp_path) + "/media"  # type: ignore[attr-defined]


@pytest.fixture
def world(db: None) -> World:
    """The named jurisdiction and actors."""
    return build_world()


@pytest.fixture(autouse=True)
def _audit_log_flushable(request: pytest.FixtureRequest) -> Iterator[None]:
    """Transactional tests end with a flush; the audit log's triggers refuse to delete young entries (rightly),
    so its rows are removed first with the triggers off, as only the tables' owner can (audit.testing)."""
    transactional = "transactional_db" in request.fixturenames or any(
        m.kwargs.get("transaction") for m in request.node.iter_markers("django_db")
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from anjian.audit.testing import empty_audit_log

    empty_audit_log()

pytest_plugins = ["anjian.e2e"]
