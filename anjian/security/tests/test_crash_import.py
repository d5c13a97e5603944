"""kill -9 during an import, at 20 points from start-up to commit: nothing of the import remains."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from anjian.security.tests.instance import env_for, python, seeded

ROWS = 300
KILL_POINTS = 20
TABLES = ("ingest_importrun", "ingest_importrunitem", "ledger_task", "ledger_taskowner", "ledger_itemevent",
          "audit_auditentry")


def _plan(path: Path) -> Path:
    lines = "".join(f"{i}. 开展第{i}轮燃气管道排查整治 2025年12月底前 区城市管理局\n" for i in range(1, ROWS + 1))
    path.write_text("一、加强燃气安全\n" + lines, encoding="utf-8")
    return path


def _state(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608
        # An ImportRun without all its items, or a task of a run that never finished, is a partial import.
        counts["runs_without_items"] = conn.execute(
            "SELECT count(*) FROM ingest_importrun r WHERE (SELECT count(*) FROM ingest_importrunitem i"
            " WHERE i.run_id = r.id) != r.created + r.updated + r.unchanged + r.rejected").fetchone()[0]
    return counts


def _start(data: Path, plan: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "anjian.cli", "import", str(plan), "--user", "clerk", "--region", "410202"],
        env=env_for(data), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="kill -9 semantics are tested on Linux")
def test_kill_nine_during_import_leaves_nothing_partial(tmp_path: Path) -> None:
    data = seeded(tmp_path / "instance")
    db = next(data.glob("*.sqlite3"))
    plan = _plan(tmp_path / "plan.txt")
    baseline = _state(db)
    # How long a whole import takes here (on a copy, so the real instance stays empty).
    copy = tmp_path / "timing"
    copy.mkdir()
    for part in data.glob(db.name + "*"):  # the database and its WAL, if any
        (copy / part.name).write_bytes(part.read_bytes())
    started = time.monotonic()
    assert _start(copy, plan).wait(timeout=600) == 0
    full = time.monotonic() - started
    assert _state(copy / db.name)["ledger_task"] == baseline["ledger_task"] + ROWS

    pristine = tmp_path / "pristine"
    pristine.mkdir()
    for part in data.glob(db.name + "*"):
        (pristine / part.name).write_bytes(part.read_bytes())
    killed, whole, attempts = 0, 0, 0
    while killed < KILL_POINTS and attempts < 3 * KILL_POINTS:
        attempts += 1
        proc = _start(data, plan)
        time.sleep(0.95 * full * (killed + 1) / (KILL_POINTS + 1))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        else:
            full *= 0.85  # the machine got faster than the timing run: pull the kill points earlier
        proc.wait(timeout=60)
        state = _state(db)
        if state == baseline:
            continue
        # Killed after the commit (or it had finished): then the import must be whole, never partial.
        assert state["ledger_task"] == baseline["ledger_task"] + ROWS, f"partial import at attempt {attempts}"
        assert state["ingest_importrun"] == baseline["ingest_importrun"] + 1
        assert state["runs_without_items"] == 0
        whole += 1
        for part in list(data.glob(db.name + "*")):
            part.unlink(missing_ok=True)  # the -wal may go with the last connection's close
        for part in pristine.iterdir():
            (data / part.name).write_bytes(part.read_bytes())
    assert killed == KILL_POINTS, f"only {killed} imports were still running when killed"

    # The uploaded copies the killed imports left behind are orphans: the sweeper removes them all.
    removed = python(data, "from anjian.security.services import sweep_orphan_files\n"
                           "print(len(sweep_orphan_files(older_than_seconds=0)))")
    leftover = [p for p in (data / "media").rglob("*") if p.is_file()] if (data / "media").exists() else []
    assert leftover == [], f"{removed.strip()} swept, left: {leftover}"
    # And the instance still imports normally afterwards.
    assert _start(data, plan).wait(timeout=600) == 0
    assert _state(db)["ledger_task"] == baseline["ledger_task"] + ROWS
