"""The record of the last generation in a data folder: scale, row counts and timings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection

if TYPE_CHECKING:
    from anjian.bench.generate import Report


def manifest_path() -> Path:
    """Where the last generation's counts and timings are kept (read by `bench run`)."""
    return Path(settings.DATA_DIR) / "bench.json"


def write_manifest(report: Report) -> None:
    """Keep the counts and timings next to the data (read by `bench run` and BENCHMARKS.md)."""
    manifest_path().write_text(
        json.dumps({"scale": report.scale, "vendor": connection.vendor, "counts": report.counts,
                    "timings": report.timings}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )


def read_manifest() -> dict[str, Any]:
    """The manifest of the data in this data folder, or an empty dict."""
    path = manifest_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
