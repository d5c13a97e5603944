"""Content-Security-Policy on every HTML page, `Cache-Control: no-store` on every dynamic answer
(page cache hits included), /static/ left cacheable; no template needs an inline script (issue 17 #17)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from anjian.core import pagecache
from anjian.fixtures import World

TEMPLATES = Path(__file__).resolve().parents[2]


def _script_src(response: Any) -> str:
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("script-src")).strip()


@pytest.mark.django_db
def test_every_page_carries_the_policy_and_no_store(world: World) -> None:
    world.task()
    pages = {world.clerk: ["/", "/tasks/", "/hazards/", "/units/", "/stats/", "/tipoff/queue/", "/assessment/",
                           "/documents/", "/accidents/", "/notifications/"],
             world.auditor: ["/audit/"], None: ["/login/", "/tipoff/", "/tipoff/track/"]}
    for user, urls in pages.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith("text/html")
            assert _script_src(response) == "script-src 'self'", url
            assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
            assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_refusals_and_json_are_not_stored_either(world: World) -> None:
    client = Client()
    client.force_login(world.clerk)
    refused = client.get("/hazards/?q=%00")  # the NUL middleware answers before any view
    assert refused.status_code == 400 and refused["Cache-Control"] == "no-store"
    api = client.get("/api/hazards")
    assert api["Cache-Control"] == "no-store" and "Content-Security-Policy" not in api


@pytest.fixture
def empty_store() -> Iterator[None]:
    pagecache.STORE.clear()
    yield
    pagecache.STORE.clear()


@pytest.mark.django_db(transaction=True)
def test_a_page_served_from_the_page_cache_keeps_the_headers(world: World, empty_store: None) -> None:
    client = Client()
    client.force_login(world.clerk)
    client.get("/hazards/")  # sets the CSRF cookie
    client.get("/hazards/")  # rendered and stored
    hit = client.get("/hazards/")
    assert hit[pagecache.HEADER] == "hit"
    assert hit["Cache-Control"] == "no-store" and _script_src(hit) == "script-src 'self'"


def test_static_files_stay_cacheable() -> None:
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        response = Client().get("/static/web/anjian.js")
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")
        assert "Content-Security-Policy" not in response


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    # script-src 'self' would block them: behaviour lives in /static/ (anjian.js, stats/dashboard.js).
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.name}: {tag}")
        offenders += [f"{path.name}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
        offenders += [f"{path.name}: {m}" for m in re.findall(r"javascript:", text)]
    assert offenders == []
