"""Bulk writes for the generator and tabular imports: rows in batches (executemany on SQLite, COPY on PG).

Secondary indexes are dropped before a large load and rebuilt after it: building an index once
over sorted data is ~7× faster than inserting into it row by row (research B3, goal G3).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

BATCH = 10_000
Row = TypeVar("Row", bound=Sequence[Any])


@dataclass(frozen=True)
class Columns:
    """The table and column names of a model for the given field names (attnames)."""

    table: str
    names: tuple[str, ...]

    @classmethod
    def of(cls, model: type[Model], fields: Sequence[str]) -> Columns:
        """Resolve field names (e.g. `unit_id`, `status`) to database columns."""
        by_attname = {f.attname: str(f.column) for f in model._meta.concrete_fields}
        return cls(model._meta.db_table, tuple(by_attname[name] for name in fields))


def as_json(value: Any) -> str:
    """JSON text as the JSONField stores it (both backends accept text for json/jsonb on load)."""
    return json.dumps(value, ensure_ascii=False)


def batches(rows: Iterable[Row], size: int = BATCH) -> Iterator[list[Row]]:
    """Split a row stream into lists of at most `size` rows, so memory stays bounded."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_rows(columns: Columns, rows: Iterable[tuple[Any, ...]], *, batch: int = BATCH) -> int:
    """Insert a stream of rows; returns the count. Call inside one transaction for atomicity."""
    quote = connection.ops.quote_name
    cols = ", ".join(quote(c) for c in columns.names)
    count = 0
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(f"COPY {quote(columns.table)} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    marks = ", ".join(["%s"] * len(columns.names))
    sql = f"INSERT INTO {quote(columns.table)} ({cols}) VALUES ({marks})"  # noqa: S608 - names from models
    with connection.cursor() as cursor:
        for chunk in batches(rows, batch):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's non-unique indexes that back no constraint."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """SELECT i.indexname, i.indexdef FROM pg_indexes i
                   JOIN pg_class c ON c.relname = i.indexname
                   JOIN pg_index x ON x.indexrelid = c.oid
                   WHERE i.tablename = %s AND NOT x.indisunique AND NOT x.indisprimary
                   ORDER BY i.indexname""",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL"
                " AND sql NOT LIKE 'CREATE UNIQUE%%' ORDER BY name",
                [table],
            )
        return [(name, sql) for name, sql in cursor.fetchall()]


@contextmanager
def indexes_deferred(tables: Sequence[str]) -> Iterator[dict[str, float]]:
    """Drop the secondary indexes of these tables for the block, then rebuild them (timed)."""
    import time

    saved = {t: secondary_indexes(t) for t in tables}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for defs in saved.values():
            for name, _sql in defs:
                cursor.execute(f"DROP INDEX {quote(name)}")
    timings: dict[str, float] = {}
    yield timings
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for defs in saved.values():
            for _name, sql in defs:
                cursor.execute(sql)
    timings["index_rebuild_s"] = time.perf_counter() - started


@contextmanager
def foreign_key_checks_off() -> Iterator[None]:
    """On PostgreSQL skip per-row FK triggers while loading generated, known-consistent rows."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")


def reset_sequences(models: Sequence[type[Model]]) -> None:
    """After explicit ids were loaded, move PostgreSQL identity sequences past them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def next_id(model: type[Model]) -> int:
    """The first free primary key of a model's table."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {quote(model._meta.db_table)}")  # noqa: S608
        return int(cursor.fetchone()[0])


def analyze() -> None:
    """Refresh planner statistics after a bulk load (both engines plan from them).

    On PostgreSQL also VACUUM, as after any bulk load: until the visibility map is set an index-only
    scan fetches every heap row anyway (the list page's overdue count: 1,756 heap fetches for 1,756 rows),
    and autovacuum would do it later, at a time of its choosing, in the middle of a measurement.
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # VACUUM needs autocommit
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")


def sequence_ids(model: type[Model], count: int) -> list[int]:
    """PostgreSQL: `count` primary keys drawn from the table's own sequence (what an INSERT would take)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [model._meta.db_table, count])
        return [int(r[0]) for r in cursor.fetchall()]


def _column_values(field: Any) -> Callable[[Any], Any] | None:
    """How a value of `field` goes to the database in a bulk load, or None when the driver takes it as it is.

    PostgreSQL's COPY adapts Python values itself (JSON goes as text). SQLite is given what Django's
    `get_db_prep_save` would give for the field's type, but once a column, not per value through the whole
    preparation chain (G1): aware datetimes as naive UTC text, dates and times as ISO text, decimals as text;
    text, integers, booleans and None go as they are. Those values repeat in a load (one `created_at` for
    every row, a few hundred days), so each distinct value is prepared once.
    """
    from django.db.models import (
        BinaryField,
        BooleanField,
        CharField,
        DateField,
        DateTimeField,
        DecimalField,
        ForeignKey,
        IntegerField,
        JSONField,
        TextField,
        TimeField,
    )

    if isinstance(field, JSONField):
        return as_json
    if connection.vendor == "postgresql":
        return None
    ops = connection.ops
    if isinstance(field, ForeignKey):
        return _column_values(field.target_field)
    memo = functools.lru_cache(maxsize=4096)
    if isinstance(field, DateTimeField):  # before DateField, its base
        return memo(ops.adapt_datetimefield_value)
    if isinstance(field, DateField):
        return memo(ops.adapt_datefield_value)
    if isinstance(field, TimeField):
        return memo(ops.adapt_timefield_value)
    if isinstance(field, DecimalField):
        return memo(lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places))
    if isinstance(field, CharField | TextField | IntegerField | BooleanField | BinaryField):
        return None
    return lambda v: field.get_db_prep_save(v, connection)


def insert_fields(model: type[Model], rows: Sequence[dict[str, Any]]) -> int:
    """Write rows given as {attname: value}, every other field at its default: COPY on PostgreSQL,
    executemany on SQLite. Returns the count.

    For the bulk paths of imports, where `bulk_create`'s per-value preparation and the model instances cost
    several times the insert itself (G1). No `auto_now_add` is applied and no signal is sent: give such
    fields a value. A primary key not given is left to the table (its sequence, or SQLite's AUTOINCREMENT).
    """
    given = set().union(*rows) if rows else set()
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in given)]
    names = [f.attname for f in fields]
    columns = [(f.attname, f.get_default()) for f in fields]  # a field a row leaves out: its default
    prepared = [(i, prepare) for i, f in enumerate(fields) if (prepare := _column_values(f)) is not None]

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        get = row.get
        out = [get(name, default) for name, default in columns]
        for i, prepare in prepared:
            if out[i] is not None:
                out[i] = prepare(out[i])
        return tuple(out)

    return insert_rows(Columns.of(model, names), (values(row) for row in rows))


def insert_new(model: type[Model], rows: Sequence[dict[str, Any]]) -> list[int]:
    """`insert_fields` for rows without a primary key; returns the keys the rows got, in order.

    PostgreSQL: keys drawn from the table's sequence first (`sequence_ids`), then the rows by COPY.
    SQLite: the rows by executemany, then the keys from `last_insert_rowid()`: the transaction holds the
    database's only write lock (IMMEDIATE), so AUTOINCREMENT gave the rows consecutive keys ending there.
    """
    if not rows:
        return []
    if connection.vendor == "postgresql":
        ids = sequence_ids(model, len(rows))
        key = model._meta.pk.attname
        insert_fields(model, [row | {key: pk} for row, pk in zip(rows, ids, strict=True)])
        return ids
    if not connection.in_atomic_block:
        raise RuntimeError("insert_new must run inside a transaction")
    count = insert_fields(model, rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_insert_rowid()")
        last = int(cursor.fetchone()[0])
    return list(range(last - count + 1, last + 1))
