"""The replica router's rules: writes and migrations on default, reads on the replica only when asked."""

from __future__ import annotations

import pytest
from django.db import connections

from anjian import dbrouter
from anjian.dbrouter import REPLICA, ReplicaRouter, use_replica
from anjian.org.models import Sector


@pytest.mark.django_db
def test_without_a_replica_alias_reads_stay_on_default() -> None:
    router = ReplicaRouter()
    with use_replica():
        assert router.db_for_read(Sector) is None
    assert router.db_for_write(Sector) == "default"


def test_only_default_is_migrated() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate("default", "org")
    assert not router.allow_migrate(REPLICA, "org")


def test_the_block_ends_the_routing(monkeypatch: pytest.MonkeyPatch) -> None:
    # A replica that answers (its probe, reachability and lag, is tested in web/tests/test_replica_fallback.py).
    monkeypatch.setattr(dbrouter, "replica_usable", lambda: True)
    router = ReplicaRouter()
    connections.settings[REPLICA] = {}
    try:
        with use_replica():
            assert router.db_for_read(Sector) == REPLICA
        assert router.db_for_read(Sector) is None
    finally:
        del connections.settings[REPLICA]
