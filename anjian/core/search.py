"""Chinese full-text search behind one function, with a backend per database vendor.

SQLite: an FTS5 trigram table per searchable model answers terms of three or more characters;
shorter terms go to the base table with LIKE, because SQLite 3.40's trigram table wrongly returns
no rows for two-character CJK patterns (research/ecosystem.md §7). PostgreSQL: pg_trgm GIN indexes
on UPPER(column), which is exactly the expression Django's `icontains` compares, so ILIKE-style
matching uses the index for three or more characters and stays correct (a scan) for fewer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

# db_table → columns kept in its FTS5 trigram table / pg_trgm indexes (created by web's migrations).
SEARCH_TABLES: dict[str, tuple[str, ...]] = {
    "ledger_task": ("seq", "category", "problem", "measures", "deadline_raw"),
    "ledger_hazard": ("description", "location", "found_by"),
    "ledger_inspection": ("inspectors", "notes"),
    "ledger_enforcementaction": ("document_number", "person_name", "notes"),
    "org_unit": ("name", "address", "credit_code", "principal_name"),
}
TRIGRAM = 3
MAX_QUERY = 100
# SQLite: a table named here skips its per-row insert trigger (see `indexed_after_load`).
DEFERRED = "web_fts_deferred"


def fts_table(db_table: str) -> str:
    """The name of the FTS5 table that mirrors `db_table`."""
    return f"web_fts_{db_table}"


def _phrase(term: str) -> str:
    # An FTS5 string literal: the whole term as one phrase, quotes doubled, so no query syntax leaks in.
    return '"' + term.replace('"', '""') + '"'


def _term_q(model: type[Any], fields: Sequence[str], term: str, vendor: str) -> Q:
    table = model._meta.db_table
    indexed = SEARCH_TABLES.get(table, ())
    condition = Q(pk__in=[])
    rest = list(fields)
    if vendor == "sqlite" and indexed and len(term) >= TRIGRAM:
        sql = f"SELECT rowid FROM {fts_table(table)} WHERE {fts_table(table)} MATCH %s"  # noqa: S608 (fixed names)
        condition |= Q(pk__in=RawSQL(sql, (_phrase(term),)))
        rest = [f for f in fields if f not in indexed]
    for field in rest:
        condition |= Q(**{f"{field}__icontains": term})
    return condition


def apply_search(qs: QuerySet[Any], fields: Sequence[str], q: str) -> QuerySet[Any]:
    """Rows of `qs` where every whitespace-separated term of `q` occurs in one of `fields`."""
    terms = [t for t in (q or "").strip()[:MAX_QUERY].split() if t]
    if not terms or not fields:
        return qs
    vendor = connections[qs.db].vendor
    for term in terms:
        qs = qs.filter(_term_q(qs.model, fields, term, vendor))
    return qs


def _insert_trigger(table: str, columns: tuple[str, ...]) -> str:
    fts = fts_table(table)
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    return (f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} "
            f"WHEN NOT EXISTS (SELECT 1 FROM {DEFERRED} WHERE tbl = '{table}') BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")


def _sqlite_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    fts = fts_table(table)
    cols = ", ".join(columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE TABLE IF NOT EXISTS {DEFERRED} (tbl TEXT PRIMARY KEY)",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='trigram')",
        _insert_trigger(table, columns),
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        _update_trigger(table, columns),
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _update_trigger(table: str, columns: tuple[str, ...]) -> str:
    # Only an UPDATE that sets a searched column re-indexes the row: a state change (status, version)
    # re-tokenised the description every time (≈ 0.1 ms of every transition on SQLite).
    fts = fts_table(table)
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return (f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")


def deferrable_insert_triggers(schema_editor: Any, tables: dict[str, tuple[str, ...]]) -> None:
    """SQLite: replace each insert trigger by one a bulk load can defer, and each update trigger by one
    that fires only when a searched column is set (a migration calls this)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    existing = set(schema_editor.connection.introspection.table_names())
    schema_editor.execute(f"CREATE TABLE IF NOT EXISTS {DEFERRED} (tbl TEXT PRIMARY KEY)")
    for table, columns in tables.items():
        if table in existing:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts_table(table)}_ai")
            schema_editor.execute(_insert_trigger(table, columns))
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts_table(table)}_au")
            schema_editor.execute(_update_trigger(table, columns))


@contextmanager
def indexed_after_load(table: str) -> Iterator[Callable[[int, int], None]]:
    """Inside a transaction: rows the block inserts into `table` skip the per-row search trigger, and the
    yielded function indexes a range of their ids in one statement (call it before the block ends).

    Per row, SQLite's FTS5 trigram trigger costs ≈ 53 µs; one INSERT … SELECT over 10,000 rows ≈ 3 µs a
    row. Only the importing transaction holds SQLite's write lock, so no other writer ever sees the
    deferral, and a rollback takes it back with the rows. PostgreSQL's trigram indexes need nothing.
    """
    columns = SEARCH_TABLES.get(table)
    if connection.vendor != "sqlite" or not columns:
        yield lambda first, last: None
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexed_after_load must run inside a transaction")
    fts = fts_table(table)
    cols = ", ".join(columns)

    def index(first: int, last: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {fts}(rowid, {cols}) SELECT id, {cols} FROM {table} "  # noqa: S608
                           "WHERE id BETWEEN %s AND %s", [first, last])

    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {DEFERRED} (tbl) VALUES (%s)", [table])  # noqa: S608 (fixed name)
    try:
        yield index
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {DEFERRED} WHERE tbl = %s", [table])  # noqa: S608 (fixed name)


def _sqlite_drop(table: str) -> list[str]:
    fts = fts_table(table)
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [f"DROP TABLE IF EXISTS {fts}"]


def _postgres_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    statements = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
    for column in columns:
        statements.append(
            f"CREATE INDEX IF NOT EXISTS web_trgm_{table}_{column} ON {table} USING gin (UPPER({column}) gin_trgm_ops)"
        )
    return statements


def _postgres_drop(table: str, columns: tuple[str, ...]) -> list[str]:
    return [f"DROP INDEX IF EXISTS web_trgm_{table}_{column}" for column in columns]


def install(schema_editor: Any, tables: dict[str, tuple[str, ...]] | None = None) -> None:
    """Create the search structures for the connected vendor (called by a migration)."""
    vendor = schema_editor.connection.vendor
    existing = set(schema_editor.connection.introspection.table_names())
    for table, columns in (tables or SEARCH_TABLES).items():
        if table not in existing:
            continue
        if vendor == "sqlite":
            statements = _sqlite_statements(table, columns)
        elif vendor == "postgresql":
            statements = _postgres_statements(table, columns)
        else:
            statements = []  # other databases search with plain LIKE
        for sql in statements:
            schema_editor.execute(sql)


def uninstall(schema_editor: Any, tables: dict[str, tuple[str, ...]] | None = None) -> None:
    """Drop what `install` created."""
    vendor = schema_editor.connection.vendor
    for table, columns in (tables or SEARCH_TABLES).items():
        statements = _sqlite_drop(table) if vendor == "sqlite" else (
            _postgres_drop(table, columns) if vendor == "postgresql" else [])
        for sql in statements:
            schema_editor.execute(sql)
