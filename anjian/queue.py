"""Background work on one host or several: django-q2 clusters taking tasks from a shared broker.

Every host that runs `anjian worker` starts a cluster. The broker is the database by default (the ORM
broker: a task is taken with a compare-and-swap on its lock time, so two clusters never run the same
task) or Redis (`ANJIAN_QUEUE=redis://…`). The periodic jobs are declared here (`SCHEDULES`) and
written to the shared schedule table by every worker at start, idempotently; a due schedule is run by
one cluster (django-q's scheduler locks the row). Without a worker, cron runs `anjian scan-deadlines`.

A task is delivered at least once: the ORM broker leases a task to the cluster that took it for
`Q_CLUSTER["retry"]` seconds and deletes it only when the run is acknowledged, so the task of a worker
killed mid-run (`kill -9`, a lost host) is offered again when the lease ends (settings.py: the timeout
and the lease are short). Every task put on the queue is therefore idempotent — running it twice, or
again after a run that died halfway, changes nothing the first complete run did not:
- `scan_deadlines`: reminders and escalations are compare-and-swaps on the item's `version` (a reminder
  is remembered per due date, a level only rises), outbox rows have unique keys, tip-off reminders swap
  the tip-off's `version`; each item commits on its own, so a rerun continues where a killed one stopped.
- `deliver` (anjian.escalation.services): each outbox message is claimed with a compare-and-swap in the
  transaction that writes its inbox rows (a run killed halfway rolls its claim back), a notification is
  unique per recipient and message, mails and webhook posts claim their attempt with a compare-and-swap.
  A run killed between such a claim and the send leaves that attempt claimed; a later delivery tries it
  again once its lease (ANJIAN_DELIVERY_LEASE_SECONDS) has passed (at least once).
- `probe`: one audit entry per run, naming the worker; `check` waits for the first.
Reports and imports are not queued (they run in the web request).
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass
from typing import Any

PROBE = "anjian.queue.probe"
SCHEDULE_LOCK = 0x616E6A69616E  # "anjian": the advisory lock key of `ensure_schedules` on PostgreSQL


@dataclass(frozen=True)
class Periodic:
    """A job every `minutes`, by name (the name is its key in the schedule table)."""

    name: str
    func: str
    minutes: int
    help: str


SCHEDULES = (
    Periodic("scan-deadlines", "anjian.queue.scan_deadlines", 60,
             "时限扫描与升级督办，每小时 / deadlines and escalation, hourly"),
    Periodic("deliver", "anjian.escalation.services.deliver", 1,
             "站内信与邮件投递，每分钟 / inbox and mail delivery, every minute"),
)


def scan_deadlines() -> str:
    """The hourly job: escalation ladder, outbox delivery, tip-off deadlines (as `anjian scan-deadlines`)."""
    from anjian.escalation.services import scan_deadlines as scan
    from anjian.tipoffs.services import scan_deadlines as scan_tipoffs

    result = scan()
    return (f"reminded {result.reminded}, escalated {result.escalated}, delivered {result.delivered}, "
            f"tip-off reminders {scan_tipoffs()}")


def ensure_schedules() -> int:
    """Write `SCHEDULES` to the schedule table (new ones due now; existing ones keep their next run, their
    function and interval follow the code). Returns how many were created."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django_q.models import Schedule

    created = 0
    with transaction.atomic():
        # Workers on several hosts start at once: one at a time here, or each would add the same jobs
        # (SQLite's write transactions are serial already).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCHEDULE_LOCK])
        for job in SCHEDULES:
            rows = list(Schedule.objects.filter(name=job.name).order_by("pk"))
            for extra in rows[1:]:  # written twice by an earlier version: keep the first
                extra.delete()
            row = rows[0] if rows else None
            if row is None:
                Schedule.objects.create(name=job.name, func=job.func, schedule_type=Schedule.MINUTES,
                                        minutes=job.minutes, repeats=-1, next_run=timezone.now())
                created += 1
            elif (row.func, row.schedule_type, row.minutes, row.repeats) != (job.func, Schedule.MINUTES, job.minutes, -1):
                row.func, row.schedule_type, row.minutes, row.repeats = job.func, Schedule.MINUTES, job.minutes, -1
                row.save(update_fields=["func", "schedule_type", "minutes", "repeats"])
    return created


def missing_broker_package() -> str:
    """Why this host cannot reach the configured broker ("" when it can): the Redis broker needs the `redis`
    package, an optional extra (`pip install 'anjian[redis]'`)."""
    from django.conf import settings

    if "redis" not in settings.Q_CLUSTER:
        return ""
    try:
        import redis  # noqa: F401
    except ImportError:
        return ("ANJIAN_QUEUE 指向 Redis，但未安装 redis 包；请安装可选组件 anjian[redis]（pip install 'anjian[redis]'）"
                "或改用默认的数据库队列（ANJIAN_QUEUE=orm）/ ANJIAN_QUEUE is a Redis URL but the redis package is "
                "not installed: install the extra anjian[redis], or use the database broker (ANJIAN_QUEUE=orm)")
    return ""


def where() -> str:
    """This worker: host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def probe(tag: str, hold_seconds: float = 0.0) -> str:
    """A task that proves a worker runs: one audit entry naming the worker that took it (holding the
    worker `hold_seconds` first, to see several workers share a burst of probes)."""
    from anjian.audit.services import record

    time.sleep(max(0.0, min(hold_seconds, 60.0)))
    here = where()
    record(actor=None, action="queue.probe", object_type="queue", object_id=tag, after={"worker": here})
    return here


def check(timeout: float = 30.0) -> tuple[bool, str]:
    """Enqueue a probe and wait for a worker to run it: (ran, the worker or the reason)."""
    from django_q.tasks import async_task, result

    tag = f"probe-{time.time_ns()}"
    answer: Any = result(async_task(PROBE, tag, task_name=tag), wait=int(timeout * 1000))
    if answer is not None:
        return True, str(answer)
    return False, f"{timeout:.0f} 秒内没有工作进程执行测试任务 / no worker ran the probe within {timeout:.0f} s"
