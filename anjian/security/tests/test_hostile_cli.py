"""Every hostile file through `anjian extract` as a subprocess: exit code, one message, bounded cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from anjian.ingest.errors import MESSAGES
from anjian.security.tests.corpus import CASES, OK, Case

# The `anjian` entry point, wrapped so the process reports its own peak RSS (VmHWM) as it exits: the
# rusage of a forked child would include the test runner's memory copied before exec.
RUN_CLI = (
    "import atexit, sys\n"
    "report = sys.argv.pop(1)\n"
    "import os\n"
    "atexit.register(lambda: open(report, 'w').write(\n"
    "    open('/proc/self/status').read() + f'CPU: {os.times().user + os.times().system}\\n'))\n"
    "from anjian.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
MAX_RSS_MB = 256
MAX_CPU_SECONDS = 5.0


@dataclass(frozen=True)
class Outcome:
    """What one `anjian extract` run did."""

    code: int
    stdout: str
    stderr: str
    rss_mb: float
    cpu_seconds: float
    wall_seconds: float


def extract(path: Path) -> Outcome:
    """Run the CLI on one file; its CPU time and peak memory (VmHWM) as the process itself reports them."""
    report = path.with_name(path.name + ".status")
    start = time.monotonic()
    with open(os.devnull, "rb") as devnull:
        proc = subprocess.Popen(  # noqa: S603 - our own CLI
            [sys.executable, "-c", RUN_CLI, str(report), "extract", str(path), "--json"],
            stdin=devnull, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        out, err = proc.communicate()
    status = dict(line.split(":", 1) for line in report.read_text().splitlines() if ":" in line)
    return Outcome(
        proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
        int(status["VmHWM"].split()[0]) / 1024, float(status["CPU"]), time.monotonic() - start,
    )


@pytest.fixture(scope="module")
def outcomes(corpus: dict[str, tuple[Case, Path]]) -> dict[str, Outcome]:
    """All files extracted, two at a time (the CI machine has two cores)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda item: (item[0], extract(item[1][1])), corpus.items())
        return dict(results)


def test_the_corpus_holds_at_least_sixty_hostile_files() -> None:
    assert len(CASES) >= 60
    assert len({c.filename for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.filename for c in CASES])
def test_hostile_file_through_the_cli(case: Case, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.filename]
    assert "Traceback" not in outcome.stderr
    assert outcome.rss_mb <= MAX_RSS_MB, f"peak RSS {outcome.rss_mb:.0f} MB"
    # CPU time, not wall time: the shared CI machine's load must not decide the verdict.
    assert outcome.cpu_seconds <= MAX_CPU_SECONDS, f"{outcome.cpu_seconds:.1f} s CPU"
    if case.expect == OK:
        assert outcome.code == 0, outcome.stderr
        result = json.loads(outcome.stdout)
        assert "\ufffd" not in outcome.stdout  # decoded, never mojibake with replacement characters
        assert case.keep in json.dumps(result, ensure_ascii=False)
        return
    assert outcome.code == 2
    lines = [line for line in outcome.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith("错误：") and " / error: " in lines[0]
    assert MESSAGES[case.expect][0] in lines[0]
    assert outcome.stdout == ""
