"""A replica that may fail (anjian/dbrouter.py): dashboards fall back to the primary; roles are read there.

The replica here is a real second alias: one that cannot be reached (a SQLite file in a missing folder, or a
PostgreSQL port nobody listens on), or one that reaches the test database itself.
"""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections, router
from django.db.utils import load_backend
from django.test import Client
from django.utils.connection import ConnectionDoesNotExist

from anjian import dbrouter
from anjian.accounts.models import RoleAssignment, User
from anjian.fixtures import World
from anjian.ledger.models import Task

Login = Callable[[User], Client]


@pytest.fixture
def replica(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[Callable[..., None]]:
    """Configure the `replica` alias (a copy of default's settings with some changed) and the router.

    The connection is made here rather than listed in the settings the test runner saw, which would have
    it build (or forbid) a test database for it.
    """

    def drop() -> None:
        with contextlib.suppress(AttributeError, ConnectionDoesNotExist):  # never connected
            connections[dbrouter.REPLICA].close()
            del connections[dbrouter.REPLICA]

    def configure(**changes: Any) -> None:
        drop()
        alias = copy.deepcopy(connections.settings["default"]) | changes
        settings.DATABASES = {**settings.DATABASES, dbrouter.REPLICA: alias}
        connections[dbrouter.REPLICA] = load_backend(alias["ENGINE"]).DatabaseWrapper(alias, dbrouter.REPLICA)
        dbrouter.forget_replica_state()

    monkeypatch.setattr(router, "routers", [dbrouter.ReplicaRouter()])
    yield configure
    drop()
    dbrouter.forget_replica_state()


def _unreachable(tmp_path: Path) -> dict[str, Any]:
    if connections["default"].vendor == "sqlite":
        return {"NAME": str(tmp_path / "no-such-folder" / "replica.sqlite3")}
    return {"HOST": "127.0.0.1", "PORT": "1", "OPTIONS": {"connect_timeout": "2"}}


def test_dashboards_answer_from_the_primary_when_the_replica_is_down(
        world: World, login: Login, replica: Callable[..., None], tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    replica(**_unreachable(tmp_path))
    client = login(world.clerk)

    with caplog.at_level(logging.WARNING, logger="anjian.dbrouter"):
        response = client.get("/stats/")

    assert response.status_code == 200
    assert any("replica unreachable" in r.getMessage() and "reading the primary" in r.getMessage()
               for r in caplog.records)
    # the verdict is kept for a few seconds: the next page does not wait for the replica again
    with dbrouter.use_replica():
        assert router.db_for_read(Task) == "default"


def test_role_lookups_read_the_primary_even_inside_a_replica_block(replica: Callable[..., None], db: None) -> None:
    replica()  # a replica that answers (the test database itself)
    with dbrouter.use_replica():
        assert router.db_for_read(Task) == dbrouter.REPLICA
        assert router.db_for_read(RoleAssignment) == "default"
        assert router.db_for_read(User) == "default"
    assert router.db_for_read(Task) == "default"


def test_a_replica_lagging_beyond_the_bound_is_not_read(
        replica: Callable[..., None], settings: Any, caplog: pytest.LogCaptureFixture, db: None) -> None:
    if connections["default"].vendor != "postgresql":
        pytest.skip("replication lag exists on PostgreSQL only")
    replica()
    settings.ANJIAN_REPLICA_MAX_LAG_SECONDS = -1  # any replica, even one with no lag, is beyond it
    with caplog.at_level(logging.WARNING, logger="anjian.dbrouter"), dbrouter.use_replica():
        assert router.db_for_read(Task) == "default"
    assert any("lags" in r.getMessage() for r in caplog.records)


def test_the_replica_gets_connect_and_statement_timeouts(tmp_path: Path) -> None:
    options = dbrouter.replica_database("postgres://ro@10.0.0.2:5432/anjian", tmp_path)["OPTIONS"]
    assert options["connect_timeout"] == "3"  # type: ignore[index]
    assert options["options"] == "-c statement_timeout=30000"  # type: ignore[index]
