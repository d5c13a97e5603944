"""Uploaded documents are parsed under limits: a crafted file is answered in seconds, the site keeps serving.

Finding: a 5 KB .xlsx declaring A1:XFD1048576 held a web worker for over 17 minutes at /import/. Now the
readers iterate the cells a sheet holds, and every upload is parsed in a child process with CPU, memory
and wall-clock limits (anjian/ingest/sandbox.py), so even a file the readers are still slow on is refused
with a message naming the limit, and nothing is written.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from django.conf import settings
from django.test import Client

from anjian.fixtures import PASSWORD, World
from anjian.ingest.models import ImportRun
from anjian.ingest.tests.worst_cases import far_columns_xlsx, xfd_xlsx
from anjian.ledger.models import Hazard, Task


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _signed_in(base: str, world: World) -> tuple[requests.Session, str]:
    """A browser-like session of the office clerk on the live server, and the upload form's CSRF token."""
    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None
    session.post(f"{base}/login/", data={"username": world.clerk.username, "password": PASSWORD,
                                         "csrfmiddlewaretoken": token[1]}, timeout=30)
    form = session.get(f"{base}/import/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert form.status_code == 200 and token is not None
    return session, token[1]


def _upload_while_browsing(base: str, world: World, path: Path) -> tuple[requests.Response, float, float]:
    """Upload `path` at /import/ and, while it is being parsed, load another page; (answer, seconds, other's seconds)."""
    session, token = _signed_in(base, world)
    answer: dict[str, Any] = {}

    def upload() -> None:
        started = time.monotonic()
        with open(path, "rb") as handle:
            answer["response"] = session.post(
                f"{base}/import/", data={"region": world.county.code, "csrfmiddlewaretoken": token},
                files={"file": (path.name, handle)}, allow_redirects=False, timeout=120,
            )
        answer["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=upload)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    other = requests.get(f"{base}/login/", timeout=30)
    other_seconds = time.monotonic() - started
    thread.join(timeout=120)
    assert other.status_code == 200
    return answer["response"], answer["seconds"], other_seconds


def test_the_5kb_xfd_spreadsheet_is_answered_quickly_while_another_request_is_served(
    world: World, transactional_db: None, live_server: Any, media: Path, tmp_path: Path
) -> None:
    # given the finding's file: one title cell and one cell at XFD1048576, about 5 KB
    path = xfd_xlsx(tmp_path / "隐患台账.xlsx")
    before = (ImportRun.objects.count(), Task.objects.count())

    # when the clerk uploads it while someone else loads a page
    response, seconds, other_seconds = _upload_while_browsing(live_server.url, world, path)

    # then the preview comes back within the wall limit, the other page at once, nothing imported
    print(f"XFD upload answered in {seconds:.2f} s; the other request in {other_seconds:.2f} s")
    assert response.status_code in (200, 302)
    assert seconds < settings.ANJIAN_PARSE_WALL_SECONDS
    assert other_seconds < 5
    assert (ImportRun.objects.count(), Task.objects.count()) == before


def test_a_file_the_readers_are_still_slow_on_is_refused_naming_the_limit(
    world: World, transactional_db: None, live_server: Any, media: Path, tmp_path: Path, settings: Any
) -> None:
    # given limits of 2 s CPU and 4 s wall, and rows whose cells sit in columns A and XFD (a padded grid of
    # 20,000 × 16,384 cells: minutes of work without the limits)
    settings.ANJIAN_PARSE_CPU_SECONDS = 2
    settings.ANJIAN_PARSE_WALL_SECONDS = 4
    path = far_columns_xlsx(tmp_path / "far.xlsx", 20_000)
    before = (ImportRun.objects.count(), Task.objects.count())

    response, seconds, other_seconds = _upload_while_browsing(live_server.url, world, path)

    # then the request waits at most the wall limit (and the time to start the parser), the other page is
    # served meanwhile, and the clerk reads a Chinese refusal naming the limit; nothing is written or kept
    print(f"slow file refused in {seconds:.2f} s; the other request in {other_seconds:.2f} s")
    assert response.status_code == 302
    assert seconds < 4 + 4
    assert other_seconds < 5
    assert (ImportRun.objects.count(), Task.objects.count()) == before
    staging = media / "import-staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_the_hazard_table_import_is_parsed_under_the_same_limits(
    world: World, media: Path, tmp_path: Path, settings: Any
) -> None:
    settings.ANJIAN_PARSE_CPU_SECONDS = 2
    settings.ANJIAN_PARSE_WALL_SECONDS = 4
    path = far_columns_xlsx(tmp_path / "隐患表.xlsx", 20_000)
    client = Client()
    assert client.login(username=world.clerk.username, password=PASSWORD)
    before = Hazard.objects.count()

    started = time.monotonic()
    with open(path, "rb") as handle:
        response = client.post("/import/hazards/", {"file": handle})
    seconds = time.monotonic() - started
    page = client.get(response["Location"]).content.decode()

    assert response.status_code == 302 and seconds < 4 + 4
    assert "文件解析超出资源上限" in page and "上限" in page
    assert Hazard.objects.count() == before


def test_the_refusal_names_the_limit_on_the_upload_page(
    world: World, media: Path, tmp_path: Path, settings: Any
) -> None:
    settings.ANJIAN_PARSE_CPU_SECONDS = 2
    settings.ANJIAN_PARSE_WALL_SECONDS = 4
    path = far_columns_xlsx(tmp_path / "far.xlsx", 20_000)
    client = Client()
    assert client.login(username=world.clerk.username, password=PASSWORD)

    with open(path, "rb") as handle:
        response = client.post("/import/", {"file": handle, "region": world.county.code})
    page = client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert re.search(r"文件解析超出资源上限，已停止（(CPU 时间上限 2 秒|耗时上限 4 秒|内存上限 256 MB)）", page)
