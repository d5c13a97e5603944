"""G9–G10: state changes with their event and audit rows, and lost updates under concurrent reviewers."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import date
from typing import Any

from django.db import connection, connections

from anjian.bench import figures as F
from anjian.errors import ConflictError
from anjian.ledger.choices import Action, HazardChannel
from anjian.ledger.errors import TransitionNotAllowed
from anjian.ledger.models import Hazard, ItemEvent
from anjian.ledger.services import report_hazard, transition
from anjian.org.models import Region, Unit

# A sustained rate of state changes on one core (the transitions run one after another in one thread); a
# province's busiest hour needs a few a second. The ratio to raw durable commits is printed, not judged.
G9_RATE = 100.0
G9 = F.Goal(1.0, "ge", "≥ 100 state changes/s sustained, one core")
G10_LOST = F.Goal(0.0, "le", "0 lost updates")
G10_RATE = F.Goal(0.50, "ge", "≥ 50 % of the same transitions without the version check")


def fresh_hazards(actor: Any, county: Region, n: int, tag: str) -> list[Hazard]:
    """n new hazards in `found` status, reported through the service (not timed)."""
    units = list(Unit.objects.filter(region__path__startswith=county.path).select_related("region")[:50])
    return [
        report_hazard(actor=actor, unit=units[k % len(units)], description=f"基准状态变更{tag}-{k}",
                      channel=HazardChannel.INSPECTION, found_on=date(2026, 1, 5))
        for k in range(n)
    ]


class RawCommits:
    """Single-row autocommit INSERTs on a raw connection, fully durable: the G9 limit, timed in blocks."""

    def __init__(self, conn: Any) -> None:
        self.cursor = conn.cursor()
        self.cursor.execute("CREATE TABLE IF NOT EXISTS bench_raw_commit (id INTEGER PRIMARY KEY, v TEXT)")
        self.cursor.execute("DELETE FROM bench_raw_commit")
        self.sql = F.raw_sql("INSERT INTO bench_raw_commit (id, v) VALUES (%s, %s)")
        self.done = 0

    def run(self, n: int) -> float:
        """Seconds for the next `n` committed inserts."""
        started = time.perf_counter()
        for k in range(self.done, self.done + n):
            self.cursor.execute(self.sql, (k + 1, "已交办"))
        self.done += n
        return time.perf_counter() - started

    def close(self) -> None:
        self.cursor.execute("DROP TABLE bench_raw_commit")
        self.cursor.close()


def _timed_assign(actor: Any, hazard: Hazard) -> float:
    """Seconds of one `assign` transition."""
    started = time.perf_counter()
    transition(item=hazard, action=Action.ASSIGN, actor=actor)
    return time.perf_counter() - started


def change_under_load(actor: Any, county: Region) -> float:
    """One state change as a user makes it: a hazard reported (not timed), then assigned; its seconds."""
    return _timed_assign(actor, fresh_hazards(actor, county, 1, "G8")[0])


def measure_rate(actor: Any, county: Region, n: int, blocks: int = 5) -> list[F.Figure]:
    """Sequential `assign` transitions (policy check, CAS, event, chained audit) per second, sustained.

    The raw baseline and the transitions run in alternating blocks, so a disk whose flush time drifts
    during the run (a VM's disk does) weighs on both sides of the ratio alike.
    """
    hazards = fresh_hazards(actor, county, n * blocks, "G9")
    samples: list[float] = []
    raw_seconds, raw_done = 0.0, 0
    with F.raw_connection(autocommit=True, durable=True) as conn:
        raw = RawCommits(conn)
        raw.run(50)  # warm-up, not counted
        for b in range(blocks):
            raw_seconds += raw.run(2 * n)
            raw_done += 2 * n
            samples += [_timed_assign(actor, h) for h in hazards[b * n:(b + 1) * n]]
        raw.close()
    app_rate = len(samples) / sum(samples)
    raw_rate = raw_done / raw_seconds
    durable = "SQLite WAL+synchronous=FULL" if connection.vendor == "sqlite" else "PostgreSQL synchronous_commit=on"
    return [
        F.figure("G9 state changes (assign + event + audit)", app_rate, "txn/s", G9_RATE, G9,
                 f"{durable}; {len(samples)} sequential transitions in {blocks} blocks; "
                 f"p95 {F.percentile(samples, 95) * 1000:.1f} ms"),
        F.Figure("G9 state changes vs raw durable commits", app_rate, "txn/s", raw_rate, "shown, not a goal", None,
                 f"{raw_done} single-row autocommit INSERTs on a raw connection, alternating with the transitions"),
    ]


def _race(actor: Any, hazards: list[Hazard], threads: int, versioned: bool) -> tuple[Counter[int], float, int]:
    """`threads` reviewers each try to assign every hazard; returns wins per hazard, seconds, errors."""
    wins: Counter[int] = Counter()
    errors = 0
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def reviewer() -> None:
        nonlocal errors
        try:
            start.wait()
            for h in hazards:
                seen = Hazard.objects.only("id", "version", "status").get(pk=h.pk)
                try:
                    transition(item=seen, action=Action.ASSIGN, actor=actor,
                               expected_version=seen.version if versioned else None)
                except (ConflictError, TransitionNotAllowed):
                    continue
                except Exception:  # noqa: BLE001 - any other failure is counted, not hidden
                    with lock:
                        errors += 1
                    continue
                with lock:
                    wins[h.pk] += 1
        finally:
            connections.close_all()

    workers = [threading.Thread(target=reviewer) for _ in range(threads)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return wins, time.perf_counter() - started, errors


def measure_concurrency(actor: Any, county: Region, per_round: int) -> list[F.Figure]:
    """Lost updates at 2/8/32 concurrent reviewers, and the version check's cost at 8."""
    out = []
    for threads in (2, 8, 32):
        hazards = fresh_hazards(actor, county, per_round, f"G10-{threads}")
        wins, seconds, errors = _race(actor, hazards, threads, versioned=True)
        events = Counter(ItemEvent.objects.filter(hazard__in=hazards, action=Action.ASSIGN)
                         .values_list("hazard_id", flat=True))
        lost = sum(1 for h in hazards if wins[h.pk] != 1 or events[h.pk] != 1) + errors
        out.append(F.Figure(f"G10 lost updates, {threads} reviewers", float(lost), "items", 0.0, G10_LOST.text,
                            lost == 0, f"{per_round} items, {threads * per_round} attempts in {seconds:.2f} s"))
    checked = fresh_hazards(actor, county, per_round, "G10-v")
    naive = fresh_hazards(actor, county, per_round, "G10-n")
    _w, with_check_s, _e = _race(actor, checked, 8, versioned=True)
    _w, without_s, _e = _race(actor, naive, 8, versioned=False)
    attempts = 8 * per_round
    out.append(F.figure("G10 throughput with version check (8 reviewers)", attempts / with_check_s, "attempts/s",
                        attempts / without_s, G10_RATE, "baseline: same transitions, no expected_version"))
    return out
