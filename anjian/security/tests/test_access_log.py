"""Access and request logs keep no client address or user agent for tip-off requests; other routes keep them."""

from __future__ import annotations

import contextlib
import io
import logging
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.test import Client

from anjian.accesslog import HideTipoffClients
from anjian.cli import gunicorn_command
from anjian.security.tests.instance import anjian, env_for

REPORTER_AGENT = "ReporterPhone/7.1 (tip-off sender)"
STAFF_AGENT = "StaffBrowser/2.0"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, agent: str, referer: str = "") -> None:
    headers = {"User-Agent": agent, "X-Forwarded-For": "203.0.113.77"} | ({"Referer": referer} if referer else {})
    with contextlib.suppress(urllib.error.HTTPError):  # a 404 is logged like any other answer
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30).read()  # noqa: S310


def test_the_served_access_log_masks_the_client_on_tip_off_routes_only(tmp_path: Path) -> None:
    data = tmp_path / "instance"
    anjian(data, "migrate")
    port = _free_port()
    cmd = gunicorn_command("127.0.0.1", port)
    cmd[cmd.index("--workers") + 1] = "1"
    log = tmp_path / "access.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(cmd, env=env_for(data), stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):  # until it answers (bounded: 30 s)
                try:
                    urllib.request.urlopen(f"{base}/login/", timeout=2).read()  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.1)
            # the reporter opens the portal, posts nothing, loads its stylesheet, tracks, uses the API
            _get(f"{base}/tipoff/", REPORTER_AGENT)
            _get(f"{base}/static/web/app.css", REPORTER_AGENT, referer=f"http://localhost:{port}/tipoff/")
            _get(f"{base}/tipoff/track/", REPORTER_AGENT)
            _get(f"{base}/api/tipoffs/challenge", REPORTER_AGENT)
            # staff sign in elsewhere
            _get(f"{base}/login/", STAFF_AGENT)
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    requests = [line for line in lines if '"GET /' in line]
    reporter = [line for line in requests if '"GET /tipoff' in line or '"GET /api/tipoffs' in line or '"GET /static/' in line]
    staff = [line for line in requests if '"GET /login/' in line and "HTTP/1.1\" 200" in line and STAFF_AGENT in line]
    assert len(reporter) == 4, lines
    for line in reporter:
        assert "127.0.0.1" not in line and "ReporterPhone" not in line and "203.0.113.77" not in line, line
        assert line.startswith("- - - ["), line
    # the other routes keep address and user agent
    assert staff and staff[0].startswith("127.0.0.1 ")


def _formatted(request: Any) -> str:
    """A record about `request` as django.request logs it, through the configured filter, with a formatter
    that prints what the request carries (as a JSON or mail formatter would)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    [configured] = [f for h in logging.getLogger().handlers for f in h.filters if isinstance(f, HideTipoffClients)]
    handler.addFilter(configured)

    class WithClient(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            meta = getattr(getattr(record, "request", None), "META", {})
            return f"{record.getMessage()} {meta.get('REMOTE_ADDR')} {meta.get('HTTP_USER_AGENT')}"

    handler.setFormatter(WithClient())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        logger.warning("Not Found: %s", request.path, extra={"status_code": 404, "request": request})
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_django_log_records_of_tip_off_requests_carry_no_client(client: Client, db: None) -> None:
    from django.test import RequestFactory

    factory = RequestFactory(REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT=REPORTER_AGENT)
    for path in ("/tipoff/", "/tipoff/track/", "/api/tipoffs"):
        line = _formatted(factory.get(path))
        assert path in line and "198.51.100.23" not in line and "ReporterPhone" not in line
    assert "198.51.100.23" not in _formatted(factory.get("/static/web/app.css", HTTP_REFERER="http://x/tipoff/"))
    assert "198.51.100.23" in _formatted(factory.get("/login/"))
    assert "ReporterPhone" in _formatted(factory.get("/hazards/"))
