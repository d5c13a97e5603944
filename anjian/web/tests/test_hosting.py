"""Running behind a supervisor and a load balancer: serve, migrate, the health check, proxy settings.

Each case starts a fresh interpreter with its own environment, as a host does.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
print(Client().get("/health").status_code, getattr(settings, "SECURE_PROXY_SSL_HEADER", None))
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    return env | {"DJANGO_SETTINGS_MODULE": "anjian.settings", "ANJIAN_DATA_DIR": str(tmp_path / "data"), **extra}


def _probe(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROBE], env=_env(tmp_path, **extra), capture_output=True,
                          text=True, timeout=120)


def test_the_health_check_answers_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    proc = _probe(tmp_path, ANJIAN_DATABASE_URL=f"sqlite:///{tmp_path}/no-such-folder/db.sqlite3")
    assert proc.stdout.split()[0] == "503", proc.stderr[-2000:]


def test_the_proxy_ssl_header_is_read_only_with_trusted_proxies(tmp_path: Path) -> None:
    trusted = _probe(tmp_path, ANJIAN_PROXY_SSL_HEADER="X-Forwarded-Proto", ANJIAN_TRUSTED_PROXIES="10.0.0.5")
    assert trusted.stdout.strip().endswith("('HTTP_X_FORWARDED_PROTO', 'https')"), trusted.stderr[-2000:]
    untrusted = _probe(tmp_path, ANJIAN_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert untrusted.returncode != 0 and "ANJIAN_TRUSTED_PROXIES" in untrusted.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(port: int, proc: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "serve exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise AssertionError("never healthy")


def test_serve_needs_migrate_first_and_stops_whole_on_sigterm(tmp_path: Path) -> None:
    env = _env(tmp_path, ANJIAN_WORKERS="1")
    cli = [sys.executable, "-m", "anjian.cli"]
    port = _free_port()
    # serve never migrates: on a fresh database it refuses and says what to run
    refused = subprocess.run([*cli, "serve", "--port", str(port)], env=env, capture_output=True, text=True,
                             timeout=120)
    assert refused.returncode == 1 and "anjian migrate" in refused.stderr
    subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True, timeout=300)

    proc = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(port, proc)
        # the process a supervisor started is gunicorn's master itself, not a parent that could leave it behind
        assert b"gunicorn" in Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0  # nothing answers any more
    finally:
        if proc.poll() is None:
            proc.kill()
