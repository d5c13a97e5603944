"""The change counter the page cache keys on (PostgreSQL): every table carries its trigger."""

from __future__ import annotations

import pytest
from django.db import connection

from anjian.core.dataversion import TABLE, TRIGGER, install_triggers

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keys on PRAGMA data_version"),
]


def test_every_table_carries_the_change_trigger() -> None:
    tables = set(connection.introspection.table_names()) - {TABLE}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRIGGER])
        covered = {row[0].strip('"') for row in cursor.fetchall()}
    assert tables and tables <= covered


def test_installing_again_changes_nothing() -> None:
    assert install_triggers(connection) == []
