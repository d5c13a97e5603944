"""Reads of dashboards and exports go to a streaming replica; every write goes to the primary.

Only code that opts in reads from the replica (`with use_replica(): ...`): a replica lags by a
few hundred milliseconds, so a page that has just written and reads its own write must not.
Outside the block, and when no `replica` alias is configured, everything uses `default`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from pathlib import Path
from typing import Any

from django.db import connections

from anjian.config import env_int, parse_database_url

REPLICA = "replica"

_reading_replica: ContextVar[bool] = ContextVar("anjian_reading_replica", default=False)


@contextmanager
def use_replica() -> Iterator[None]:
    """Within the block, ORM reads go to the replica alias (when one is configured)."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def reads_from_replica(view: Callable[..., Any]) -> Callable[..., Any]:
    """A read-only view whose queries may lag by a second: run it inside `use_replica()`.

    For dashboards and statistics pages only; a page that writes, or shows what its request has just
    written, must not use it. The view is marked (`reads_from_replica`) so tests can list what opts in.
    """

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with use_replica():
            return view(*args, **kwargs)

    wrapper.reads_from_replica = True  # type: ignore[attr-defined]
    return wrapper


def replica_configured() -> bool:
    """Whether a `replica` alias exists in DATABASES."""
    return REPLICA in connections.settings


class ReplicaRouter:
    """Django database router: opted-in reads to the replica, writes and migrations to default."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        """The replica inside `use_replica()`; otherwise no opinion (default)."""
        if _reading_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        """Always the primary: a replica is read-only."""
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        """Both aliases hold the same data, so objects from either may be related."""
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        """Migrate the primary only; the replica receives the schema through streaming replication."""
        return db == "default"


def replica_database(url: str, folder: Path) -> dict[str, object]:
    """DATABASES['replica'] for ANJIAN_REPLICA_DATABASE_URL (same parsing and options as default)."""
    db = parse_database_url(url)
    name = db.name if Path(db.name).is_absolute() or db.engine.endswith("postgresql") else str(folder / db.name)
    return {
        "ENGINE": db.engine,
        "NAME": name,
        "USER": db.user,
        "PASSWORD": db.password,
        "HOST": db.host,
        "PORT": db.port,
        "CONN_MAX_AGE": env_int("ANJIAN_DB_CONN_MAX_AGE", 60),
        "OPTIONS": dict(db.options or {}),
        # The test runner must not build a second test database: the replica mirrors default's.
        "TEST": {"MIRROR": "default"},
    }
