"""Reads of dashboards and exports go to a streaming replica; every write goes to the primary.

Only code that opts in reads from the replica (`with use_replica(): ...`): a replica lags by a
few hundred milliseconds, so a page that has just written and reads its own write must not.
Outside the block, and when no `replica` alias is configured, everything uses `default`.

The replica may fail: it is probed (connect timeout, statement timeout, replication lag) when a block is
entered, at most every few seconds per process, and when it is down or lags beyond
ANJIAN_REPLICA_MAX_LAG_SECONDS the block reads the primary instead, with a warning in the log. A read-only
view whose replica fails mid-request is run once more on the primary. Who may see what (users, role
assignments, sessions) is always read on the primary: a role removed there takes effect at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections

from anjian.config import env_int, parse_database_url

REPLICA = "replica"
# Permission and identity lookups: never from a lagging copy (a removed role must not open a dashboard).
PRIMARY_ONLY_APPS = frozenset({"accounts", "auth", "sessions", "contenttypes"})

log = logging.getLogger(__name__)
_reading_replica: ContextVar[bool] = ContextVar("anjian_reading_replica", default=False)


@dataclass
class _Probe:
    """The last verdict on the replica in this process, and when it was reached."""

    usable: bool = True
    at: float = float("-inf")
    reason: str = ""


_probe = _Probe()
_probe_lock = threading.Lock()
# Seconds of lag: 0 while the replica has replayed all it received, else the age of its last replayed commit.
LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)


def _measure() -> tuple[bool, str]:
    """Connect to the replica and read its lag; (usable, why not)."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(LAG_SQL)
                lag = float(cursor.fetchone()[0])
            else:
                cursor.execute("SELECT 1")
                lag = 0.0
    except DatabaseError as error:
        connection.close_if_unusable_or_obsolete()
        return False, f"unreachable: {str(error).strip()[:200]}"
    bound = settings.ANJIAN_REPLICA_MAX_LAG_SECONDS
    if lag > bound:
        return False, f"lags {lag:.1f} s (bound {bound} s)"
    return True, ""


def replica_usable() -> bool:
    """Whether opted-in reads may go to the replica now; probed at most every ANJIAN_REPLICA_CHECK_SECONDS."""
    if not replica_configured():
        return False
    now = time.monotonic()
    with _probe_lock:
        if now - _probe.at < settings.ANJIAN_REPLICA_CHECK_SECONDS:
            return _probe.usable
        usable, reason = _measure()
        if not usable:
            log.warning("replica %s; reading the primary", reason)
        elif not _probe.usable:
            log.warning("replica usable again after: %s", _probe.reason)
        _probe.usable, _probe.at, _probe.reason = usable, now, reason
        return usable


def mark_replica_failed(error: BaseException) -> None:
    """A query on the replica failed mid-request: read the primary until the next probe."""
    log.warning("replica failed during a request (%s); reading the primary", str(error).strip()[:200])
    with _probe_lock:
        _probe.usable, _probe.at, _probe.reason = False, time.monotonic(), f"failed: {error}"
    connections[REPLICA].close_if_unusable_or_obsolete()


def forget_replica_state() -> None:
    """Probe again at the next block (tests; after an operator fixed the replica)."""
    with _probe_lock:
        _probe.usable, _probe.at, _probe.reason = True, float("-inf"), ""


@contextmanager
def use_replica() -> Iterator[None]:
    """Within the block, ORM reads go to the replica alias when one is configured and usable, else the primary."""
    token = _reading_replica.set(replica_usable())
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
        try:
            with use_replica():
                return view(*args, **kwargs)
        except DatabaseError as error:
            if not _reading_replica_failed(error):
                raise
            mark_replica_failed(error)
        return view(*args, **kwargs)  # read-only: run once more, on the primary

    wrapper.reads_from_replica = True  # type: ignore[attr-defined]
    return wrapper


def replica_configured() -> bool:
    """Whether a `replica` alias exists in DATABASES."""
    return REPLICA in settings.DATABASES


def _reading_replica_failed(error: DatabaseError) -> bool:
    """Whether the error came from the replica's connection (it is then closed or broken)."""
    if not replica_configured():
        return False
    connection = connections[REPLICA]
    return connection.connection is None or connection.errors_occurred or not connection.is_usable()


class ReplicaRouter:
    """Django database router: opted-in reads to the replica, writes and migrations to default."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        """The replica inside `use_replica()` (permission and identity tables excepted); else no opinion."""
        if _reading_replica.get() and replica_configured():
            return "default" if model._meta.app_label in PRIMARY_ONLY_APPS else REPLICA
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
    options: dict[str, Any] = dict(db.options or {})
    if db.engine.endswith("postgresql"):
        # A replica that accepts connections but never answers must not hang a dashboard: give up on the
        # connection after a few seconds and on a statement after ANJIAN_REPLICA_STATEMENT_TIMEOUT_MS.
        options.setdefault("connect_timeout", str(env_int("ANJIAN_REPLICA_CONNECT_TIMEOUT", 3)))
        statement_ms = env_int("ANJIAN_REPLICA_STATEMENT_TIMEOUT_MS", 30_000)
        options.setdefault("options", f"-c statement_timeout={statement_ms}")
        options.setdefault("keepalives_idle", "10")
        options.setdefault("tcp_user_timeout", str(env_int("ANJIAN_REPLICA_CONNECT_TIMEOUT", 3) * 1000 + statement_ms))
    return {
        "ENGINE": db.engine,
        "NAME": name,
        "USER": db.user,
        "PASSWORD": db.password,
        "HOST": db.host,
        "PORT": db.port,
        "CONN_MAX_AGE": env_int("ANJIAN_DB_CONN_MAX_AGE", 60),
        "OPTIONS": options,
        # The test runner must not build a second test database: the replica mirrors default's.
        "TEST": {"MIRROR": "default"},
    }
