"""Background work on several hosts: two real `anjian worker` clusters sharing one broker.

Each worker is its own process with its own connection, as on two hosts; the instance is a fresh data
folder (and, when the suite runs on PostgreSQL, a fresh database). Probes are tasks that append an
audit entry naming the worker process that ran them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from anjian import queue
from anjian.security.tests.instance import anjian, env_for, python

PG_SERVER = "postgres://postgres@127.0.0.1:5432/"
PROBES = 16

FACTS = """
import json
from django_q.models import OrmQ, Success
from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
probes = list(AuditEntry.objects.filter(action="queue.probe").values_list("object_id", "after"))
print(json.dumps({"successes": Success.objects.filter(func="anjian.queue.probe").count(), "queued": OrmQ.objects.count(),
                  "tags": [t for t, _ in probes], "workers": sorted({a["worker"] for _, a in probes}),
                  "chain_ok": verify().ok}))
"""


@pytest.fixture
def database_url() -> Iterator[str | None]:
    """None (SQLite) when the suite runs on SQLite; a fresh PostgreSQL database when it runs there."""
    if connection.vendor != "postgresql":
        yield None
        return
    import psycopg

    name = f"anjian_queue_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_SERVER + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_SERVER + name
    finally:
        with psycopg.connect(PG_SERVER + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _facts(data: Path, url: str | None) -> dict[str, object]:
    return json.loads(python(data, FACTS, url).strip().splitlines()[-1])


def _running(log: Path) -> bool:
    text = log.read_text()
    return "[anjian] running" in text or "[anjian] 正在运行" in text  # django-q speaks the site's language


def _logs(logs: list[Path]) -> str:
    return "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in logs)


def _worker(data: Path, url: str | None, log: Path, **env_extra: str) -> subprocess.Popen[bytes]:
    """`anjian worker` in its own process group (so that all of its processes can be killed at once)."""
    env = env_for(data, url) | {"ANJIAN_QUEUE_WORKERS": "1"} | env_extra
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "anjian.cli", "worker"], env=env,  # noqa: S603
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _wait_running(logs: list[Path]) -> None:
    deadline = time.monotonic() + 60
    while not all(_running(log) for log in logs) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert all(_running(log) for log in logs), _logs(logs)


def test_two_workers_share_the_queue_and_run_each_task_once(tmp_path: Path, database_url: str | None) -> None:
    data = tmp_path / "instance"
    anjian(data, "migrate", database_url=database_url)
    logs = [tmp_path / f"worker{i}.log" for i in (1, 2)]
    workers = [_worker(data, database_url, log) for log in logs]
    try:
        _wait_running(logs)
        python(data, f"from django_q.tasks import async_task\nfor i in range({PROBES}): "
                     f"async_task('{queue.PROBE}', f'probe-{{i}}', 0.2)", database_url)
        deadline = time.monotonic() + 90
        while (facts := _facts(data, database_url))["successes"] < PROBES and time.monotonic() < deadline:
            time.sleep(0.5)
        check = anjian(data, "worker", "--check", "--timeout", "30", database_url=database_url)
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            w.wait(timeout=60)
    assert facts["successes"] == PROBES, _logs(logs)
    tags = facts["tags"]
    assert isinstance(tags, list) and sorted(tags) == sorted(f"probe-{i}" for i in range(PROBES)), "each ran once"
    workers_seen = facts["workers"]
    assert isinstance(workers_seen, list) and len(workers_seen) >= 2, _logs(logs)
    assert facts["chain_ok"] and facts["queued"] == 0
    schedules = python(data, "from django_q.models import Schedule\n"
                             "print(sorted(Schedule.objects.values_list('name', flat=True)))", database_url)
    assert schedules.strip().splitlines()[-1] == str(sorted(job.name for job in queue.SCHEDULES)), "written once"
    assert "后台任务正常" in check.stdout
    assert all("后台任务进程启动" in log.read_text() for log in logs)


CRASH_TASK = "anjian.bench.tests.crash_task.start_and_sleep"
LEASE = {"ANJIAN_QUEUE_TIMEOUT": "4", "ANJIAN_QUEUE_RETRY": "5"}  # seconds; the defaults are 300 and 360


def _lines(record: Path) -> list[str]:
    return record.read_text().split()[0::2] if record.exists() else []


def test_the_task_of_a_worker_killed_mid_run_runs_once_more_to_completion(
        tmp_path: Path, database_url: str | None) -> None:
    # given a worker running a task (which records its start, sleeps 2 s, records its end)
    data, record = tmp_path / "instance", tmp_path / "runs.txt"
    anjian(data, "migrate", database_url=database_url)
    logs = [tmp_path / "worker1.log", tmp_path / "worker2.log"]
    first = _worker(data, database_url, logs[0], **LEASE)
    second = None
    try:
        _wait_running(logs[:1])
        python(data, f"from django_q.tasks import async_task\nasync_task('{CRASH_TASK}', {str(record)!r}, 2.0)",
               database_url)
        deadline = time.monotonic() + 60
        while not _lines(record) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _lines(record) == ["start"], _logs(logs[:1])
        # when the worker and all its processes are killed mid-run, and another worker starts
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        assert _lines(record) == ["start"], "killed before it could finish"
        second = _worker(data, database_url, logs[1], **LEASE)
        _wait_running(logs[1:])
        deadline = time.monotonic() + 60
        while _lines(record).count("done") < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(int(LEASE["ANJIAN_QUEUE_RETRY"]) + 2)  # a lease more: no third run comes
        facts = json.loads(python(data, "import json\nfrom django_q.models import OrmQ, Success\n"
                                        f"print(json.dumps([Success.objects.filter(func='{CRASH_TASK}').count(), "
                                        "OrmQ.objects.count()]))", database_url).strip().splitlines()[-1])
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
        if second is not None:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=60)
    # then the task ran once more, to completion, in the second worker: two starts, one end, one success
    assert _lines(record) == ["start", "start", "done"], _logs(logs)
    assert facts == [1, 0], "one success recorded, nothing left queued"
    pids = record.read_text().split()[1::2]
    assert pids[1] == pids[2] != pids[0]


def test_a_redis_broker_without_the_redis_package_stops_with_a_message_naming_the_extra(tmp_path: Path) -> None:
    try:
        import redis  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("the redis package is installed here")
    env = env_for(tmp_path / "instance") | {"ANJIAN_QUEUE": "redis://127.0.0.1:1/0"}
    done = subprocess.run([sys.executable, "-m", "anjian.cli", "worker"], env=env, capture_output=True,  # noqa: S603
                          text=True, timeout=120)
    assert done.returncode == 78  # EX_CONFIG: the systemd unit does not restart it (RestartPreventExitStatus)
    assert "anjian[redis]" in done.stderr


RACE = """
import time
from django_q.scheduler import scheduler
at = {at}
time.sleep(max(0.0, at - time.time()))
scheduler()
"""


def test_a_due_schedule_is_enqueued_once_when_two_hosts_run_the_scheduler_at_once(
        tmp_path: Path, database_url: str | None) -> None:
    data = tmp_path / "instance"
    anjian(data, "migrate", database_url=database_url)
    python(data, "from datetime import timedelta\nfrom django.utils import timezone\n"
                 "from django_q.models import Schedule\n"
                 f"Schedule.objects.create(name='race', func='{queue.PROBE}', args=\"'scheduled'\", "
                 "schedule_type=Schedule.MINUTES, minutes=60, repeats=-1, next_run=timezone.now() - timedelta(seconds=1))",
           database_url)
    at = time.time() + 3
    racers = [subprocess.Popen([sys.executable, "-c", "import django\ndjango.setup()\n" + RACE.format(at=at)],  # noqa: S603
                               env=env_for(data, database_url) | {"DJANGO_SETTINGS_MODULE": "anjian.settings"})
              for _ in range(2)]
    assert [r.wait(timeout=120) for r in racers] == [0, 0]
    facts = _facts(data, database_url)
    assert facts["queued"] == 1
    moved = python(data, "from django_q.models import Schedule\nfrom django.utils import timezone\n"
                         "print(Schedule.objects.get(name='race').next_run > timezone.now())", database_url)
    assert moved.strip().endswith("True")


@pytest.mark.django_db
def test_the_declared_schedules_are_written_once_and_follow_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    from django_q.models import Schedule

    assert queue.ensure_schedules() == len(queue.SCHEDULES)
    assert queue.ensure_schedules() == 0
    rows = {s.name: s for s in Schedule.objects.all()}
    assert {job.name: (job.func, job.minutes) for job in queue.SCHEDULES} == {
        name: (s.func, s.minutes) for name, s in rows.items()}
    first_run = rows["deliver"].next_run
    changed = tuple(queue.Periodic(j.name, j.func, 5 if j.name == "deliver" else j.minutes, j.help)
                    for j in queue.SCHEDULES)
    monkeypatch.setattr(queue, "SCHEDULES", changed)
    assert queue.ensure_schedules() == 0
    deliver = Schedule.objects.get(name="deliver")
    assert deliver.minutes == 5 and deliver.next_run == first_run


@pytest.mark.django_db
def test_the_hourly_job_runs_the_scan(world: object) -> None:
    assert queue.scan_deadlines().startswith("reminded ")
