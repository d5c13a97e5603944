"""Two outbox deliverers started together, each on its own database connection (a race the claim must win)."""

from __future__ import annotations

import threading

from django.db import close_old_connections, connection

from anjian.escalation.services import ScanResult, deliver


def two_deliverers() -> list[ScanResult]:
    """Run `deliver()` in two threads released by one barrier; fail if either raised."""
    barrier = threading.Barrier(2)
    results: list[ScanResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        close_old_connections()
        barrier.wait()
        try:
            results.append(deliver())
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    return results
