"""The search module: FTS5 trigram (SQLite) / pg_trgm (PostgreSQL) with the short-query fallback."""

from __future__ import annotations

import pytest
from django.db import connection

from anjian.core.search import SEARCH_TABLES, apply_search, fts_table
from anjian.fixtures import World
from anjian.ledger.models import Hazard, Task

FIELDS = ("problem", "measures", "category")


def _ids(q: str) -> set[int]:
    return set(apply_search(Task.objects.all(), FIELDS, q).values_list("pk", flat=True))


def test_two_character_words_use_the_base_table(world: World) -> None:
    gas = world.task()
    world.task(problem="消防通道堵塞", measures="清理杂物")
    assert _ids("燃气") == {gas.pk}
    assert _ids("堵塞") != {gas.pk}


def test_terms_are_combined_with_and(world: World) -> None:
    gas = world.task()
    world.task(problem="燃气管道老化", measures="更换管道")
    assert _ids("燃气 百日行动") == {gas.pk}


def test_query_syntax_is_taken_literally(world: World) -> None:
    world.task()
    assert _ids('"燃气" OR 1') == set()
    assert _ids("燃气* NEAR") == set()


def test_related_fields_are_searched_with_like(world: World) -> None:
    hazard = world.hazard()
    qs = apply_search(Hazard.objects.all(), ("description", "unit__name"), "北书店液化")
    assert list(qs.values_list("pk", flat=True)) == [hazard.pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 tables exist on SQLite only")
def test_fts_tables_follow_inserts_updates_and_deletes(world: World) -> None:
    task = world.task()

    def matches(term: str) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {fts_table('ledger_task')} WHERE {fts_table('ledger_task')} MATCH %s",
                           [f'"{term}"'])
            return [row[0] for row in cursor.fetchall()]

    assert matches("百日行动") == [task.pk]
    Task.objects.filter(pk=task.pk).update(measures="开展专项检查")
    assert matches("百日行动") == []
    assert matches("专项检查") == [task.pk]
    Task.objects.filter(pk=task.pk).delete()
    assert matches("专项检查") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm indexes exist on PostgreSQL only")
def test_trigram_indexes_exist_on_postgresql(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'web_trgm_%%'")
        names = {row[0] for row in cursor.fetchall()}
    expected = {f"web_trgm_{t}_{c}" for t, cols in SEARCH_TABLES.items() for c in cols}
    assert expected <= names
