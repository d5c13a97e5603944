"""Real routing against a second database: a replica alias backed by its own SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections

from anjian.dbrouter import REPLICA, use_replica
from anjian.org.models import Sector


@pytest.fixture(scope="module")
def replica_alias(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any
) -> Iterator[None]:
    """Register `replica` after the test databases exist and before the test case starts.

    The test case must know every alias it lets tests use; the test-database setup must not
    replace this file with a migrated copy of default.
    """
    path = tmp_path_factory.mktemp("replica") / "replica.sqlite3"
    # configure_settings fills in Django's defaults; it insists on seeing `default` too.
    connections.settings[REPLICA] = connections.configure_settings({
        "default": connections.settings["default"],
        REPLICA: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)},
    })[REPLICA]
    try:
        with django_db_blocker.unblock():
            with connections[REPLICA].schema_editor() as editor:
                editor.create_model(Sector)
            Sector.objects.using(REPLICA).create(code="replica_only", name="只在副本")
        yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.fixture
def routed(replica_alias: None, settings: Any) -> None:
    settings.DATABASE_ROUTERS = ["anjian.dbrouter.ReplicaRouter"]


@pytest.mark.django_db(databases=["default", REPLICA])
def test_reads_inside_use_replica_come_from_the_replica(routed: None) -> None:
    # given a row that exists only in the replica, only reads inside the block see it
    assert not Sector.objects.filter(code="replica_only").exists()
    with use_replica():
        assert Sector.objects.filter(code="replica_only").exists()
        assert Sector.objects.all().db == REPLICA


@pytest.mark.django_db(databases=["default", REPLICA])
def test_writes_inside_use_replica_go_to_default(routed: None) -> None:
    with use_replica():
        Sector.objects.create(code="written", name="写入主库")
    assert Sector.objects.filter(code="written").exists()
    assert not Sector.objects.using(REPLICA).filter(code="written").exists()


@pytest.mark.django_db(databases=["default", REPLICA])
def test_a_view_marked_reads_from_replica_reads_there_and_only_while_it_runs(routed: None) -> None:
    from django.http import HttpResponse

    from anjian.dbrouter import reads_from_replica

    @reads_from_replica
    def view(_request: object) -> HttpResponse:
        return HttpResponse(",".join(Sector.objects.values_list("code", flat=True)))

    assert view(None).content.decode() == "replica_only"
    assert not Sector.objects.filter(code="replica_only").exists()


def test_the_statistics_pages_read_from_the_replica_and_the_ledger_pages_do_not() -> None:
    # Dashboards tolerate a second of lag; a ledger page must show what its user has just done.
    from anjian.ledger.views import items, lists
    from anjian.stats import views as stats_views

    assert stats_views.dashboard.reads_from_replica and stats_views.table.reads_from_replica
    for view in (lists.hazard_list, lists.task_list, items.hazard_detail):
        assert not getattr(view, "reads_from_replica", False)
