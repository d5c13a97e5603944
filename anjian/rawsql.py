"""Fixed-shape statements on the connection's own driver cursor, for the few hot paths that need it.

Django's cursor wrapper rewrites placeholders on every SQLite call, and its PostgreSQL cursors bind
parameters in Python and never prepare. A statement whose text never changes (a state change, an audit
append) is cheaper run on the driver: on PostgreSQL bound and prepared by the server, so it is planned
once per connection (with `prepare_threshold` set, see config.py); on SQLite with its placeholders
rewritten once. It runs in the connection's current transaction, like any Django query, but is not
in `connection.queries`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX


@functools.lru_cache(maxsize=256)
def _qmark(sql: str) -> str:
    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


def current() -> Any:
    """The thread's database wrapper itself (each attribute read through `django.db.connection`, a
    proxy, is a thread-local lookup; hot paths read them from this instead)."""
    return connections[DEFAULT_DB_ALIAS]


def execute(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
    """Run `sql` (Django's %s placeholders) with `params`; returns the driver's cursor."""
    db = current()
    if db.connection is None:
        db.ensure_connection()
    if db.vendor == "postgresql":
        import psycopg

        cursor = psycopg.Cursor(db.connection)
        cursor.execute(sql, params, prepare=True)  # type: ignore[arg-type]  # a LiteralString is not required
        return cursor
    return db.connection.execute(_qmark(sql), params)


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write transaction around fixed statements: `transaction.atomic()`, except on SQLite outside
    any atomic block, where it is BEGIN IMMEDIATE … COMMIT on the driver itself (atomic's bookkeeping
    costs about as much as the statements of a state change). Nothing inside may open an atomic block,
    and on-commit hooks registered inside run at once (as in autocommit)."""
    db = current()
    if db.vendor == "sqlite" and not db.in_atomic_block:
        db.ensure_connection()
    if db.vendor != "sqlite" or db.in_atomic_block or not db.autocommit:
        with transaction.atomic():
            yield
        return
    raw = db.connection
    with db.wrap_database_errors:
        raw.execute("BEGIN IMMEDIATE")
    try:
        yield
        with db.wrap_database_errors:
            raw.execute("COMMIT")
    except BaseException:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raise
