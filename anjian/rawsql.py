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
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX


@functools.lru_cache(maxsize=256)
def _qmark(sql: str) -> str:
    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


def execute(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
    """Run `sql` (Django's %s placeholders) with `params`; returns the driver's cursor."""
    db = connections[DEFAULT_DB_ALIAS]  # the thread's wrapper itself: each attribute of the proxy is a lookup
    if db.connection is None:
        db.ensure_connection()
    if db.vendor == "postgresql":
        import psycopg

        cursor = psycopg.Cursor(db.connection)
        cursor.execute(sql, params, prepare=True)  # type: ignore[arg-type]  # a LiteralString is not required
        return cursor
    return db.connection.execute(_qmark(sql), params)
