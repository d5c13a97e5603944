"""A task for the crashed-worker test: it writes a line when it starts and another when it ends.

Lines go to a file (appended, one write each), not to the database, so a run killed by `kill -9` leaves
its start behind whatever its transaction would have done.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def start_and_sleep(record: str, seconds: float) -> str:
    """Append `start <pid>`, sleep, append `done <pid>`."""
    path = Path(record)
    with path.open("a") as out:
        out.write(f"start {os.getpid()}\n")
    time.sleep(seconds)
    with path.open("a") as out:
        out.write(f"done {os.getpid()}\n")
    return "done"
