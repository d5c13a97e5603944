"""A figure (value, raw baseline, ratio, goal) and the tools every measurement shares."""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection


@dataclass(frozen=True)
class Goal:
    """A limit on value/baseline: at most (`le`) or at least (`ge`) `ratio`."""

    ratio: float
    direction: str  # "le": value/baseline ≤ ratio (times); "ge": value/baseline ≥ ratio (rates)
    text: str

    def met(self, ratio: float) -> bool:
        return ratio <= self.ratio if self.direction == "le" else ratio >= self.ratio


@dataclass(frozen=True)
class Figure:
    """One measured figure with the raw baseline measured in the same run on the same data."""

    name: str
    value: float
    unit: str
    baseline: float
    goal: str
    met: bool | None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else math.inf

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `anjian bench run --json`."""
        return {
            "name": self.name, "value": _number(self.value), "unit": self.unit, "baseline": _number(self.baseline),
            "ratio": float(f"{self.ratio:.6g}") if math.isfinite(self.ratio) else None, "goal": self.goal,
            "met": self.met, "note": self.note,
        }


def _number(x: float) -> float | None:
    # JSON has no NaN: a figure that could not be measured reports null.
    return round(x, 6) if math.isfinite(x) else None


def figure(name: str, value: float, unit: str, baseline: float, goal: Goal, note: str = "") -> Figure:
    """A figure whose `met` is decided by the goal on value/baseline."""
    ratio = value / baseline if baseline else math.inf
    return Figure(name, value, unit, baseline, goal.text, goal.met(ratio), note)


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of the samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def repeat(fn: Callable[[], Any], times: int, *, reset: Callable[[], Any] | None = None) -> list[float]:
    """Wall-clock seconds of each of `times` calls (after one unmeasured warm-up call); `reset`, untimed,
    before each call."""
    fn()
    samples = []
    for _ in range(times):
        if reset is not None:
            reset()
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def once(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds of one call, and its result."""
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


@contextmanager
def raw_connection(*, autocommit: bool = False, durable: bool = True) -> Iterator[Any]:
    """A plain DB-API connection to the same database, bypassing Django (the raw baseline's path).

    SQLite gets the app's journal mode (WAL) with synchronous FULL when durable, NORMAL otherwise.
    """
    db = connection.settings_dict  # the test runner's database during tests, the configured one otherwise
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        conn = sqlite3.connect(name, timeout=30, isolation_level=None if autocommit else "DEFERRED",
                               uri=name.startswith("file:"))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        try:
            yield conn
        finally:
            conn.close()
        return
    import psycopg

    pg = psycopg.connect(dbname=str(db["NAME"]), user=str(db.get("USER") or ""), password=str(db.get("PASSWORD") or ""),
                         host=str(db.get("HOST") or ""), port=str(db.get("PORT") or "") or None, autocommit=autocommit)
    try:
        yield pg
    finally:
        pg.close()


def raw_sql(sql: str) -> str:
    """The project's %s placeholders in the raw driver's style."""
    return sql.replace("%s", "?") if connection.vendor == "sqlite" else sql


def raw_query(conn: Any, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one query on a raw connection and fetch every row."""
    cur = conn.cursor()
    try:
        cur.execute(raw_sql(sql), params)
        return list(cur.fetchall())
    finally:
        cur.close()


def database_megabytes() -> float:
    """The size of the database on disk (SQLite file incl. WAL, or pg_database_size)."""
    if connection.vendor == "sqlite":
        from pathlib import Path

        name = Path(str(connection.settings_dict["NAME"]))
        return sum(p.stat().st_size for p in (name, Path(f"{name}-wal")) if p.exists()) / 1e6
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0]) / 1e6
