"""A separate anjian instance in its own data folder, driven through the `anjian` command as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SEED_WORLD = "from anjian.fixtures import build_world; build_world()"


def env_for(data: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of an instance: its data folder and, for PostgreSQL, its own database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANJIAN_", "DJANGO_"))}
    env["ANJIAN_DATA_DIR"] = str(data)
    env["ANJIAN_SECRET_KEY"] = "security-tests-" + "x" * 32
    if database_url:
        env["ANJIAN_DATABASE_URL"] = database_url
    return env


def anjian(data: Path, *args: str, database_url: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `anjian ARGS` against the instance."""
    return subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "anjian.cli", *args], env=env_for(data, database_url), capture_output=True,
        text=True, check=check, timeout=600,
    )


def python(data: Path, code: str, database_url: str | None = None) -> str:
    """Run Python with Django set up for the instance; returns its stdout."""
    script = "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'anjian.settings')\ndjango.setup()\n"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script + code], env=env_for(data, database_url), capture_output=True, text=True,
        check=True, timeout=600,
    )
    return done.stdout


def seeded(data: Path, database_url: str | None = None) -> Path:
    """Migrate the instance and build the fixture jurisdiction in it."""
    anjian(data, "migrate", database_url=database_url)
    python(data, SEED_WORLD, database_url)
    return data
