"""No raw codes anywhere: every page of the URLconf, for every role, in both languages, shows labels.

The test walks the URL map (the API and files excepted), fills each path's ids with objects of a small ledger
(an escalated task, a hazard, a routed tip-off, a unit, an import run), renders it as each named actor in
zh-hans and en, and fails if the visible text holds an internal value of a choice set or an event code
(`escalate:listed_supervision`, `long_term`, `immediate` …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from anjian.accounts.models import User
from anjian.escalation.services import escalate
from anjian.fixtures import World
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import ItemEvent
from anjian.org.models import Sector
from anjian.publish.kinds import REPORTS
from anjian.tipoffs.choices import TipOffAction, TipOffCategory
from anjian.tipoffs.fixtures import add_handler
from anjian.tipoffs.services import submit_tipoff
from anjian.tipoffs.services import transition as tipoff_transition
from anjian.web.administration import ENTITIES

ROLES = ["clerk", "officer", "fire_officer", "reviewer", "principal", "township_staff", "leader", "auditor",
         "handler"]
# The audit log shows each entry as it was written (the auditor reads the record itself, codes and all).
SKIPPED = ("api/", "i18n/", "health", "logout/", "audit/")
FILES = (".xlsx", ".csv", ".pdf", ".docx")


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _choice_sets() -> Iterator[type[models.TextChoices]]:
    stack = list(models.TextChoices.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        yield cls


def raw_tokens() -> set[str]:
    """Every internal value a label should stand for: the choices' values, the document kinds and the event
    codes — less the names that are data here (a login name, a sector's code), which pages show as such."""
    values = {str(v) for cls in _choice_sets() if cls.__module__.startswith("anjian.") for v in cls.values}
    codes = set(ItemEvent.objects.values_list("action", flat=True)) | set(REPORTS)
    data = set(User.objects.values_list("username", flat=True)) | set(Sector.objects.values_list("code", flat=True))
    return {t for t in values | codes if len(t) >= 4 and re.fullmatch(r"[a-z][a-z0-9_:\-]*", t)} - data


class _Visible(HTMLParser):
    """The text a reader sees (no tags, attributes, scripts or styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def found_codes(text: str, tokens: set[str], language: str) -> set[str]:
    """Raw codes in visible text: in Chinese any lowercase code; in English those no word is spelled like
    (with `_` or `:`), as "immediate" or "ledger" are English words there."""
    words = set(re.findall(r"(?<![A-Za-z0-9_:\-])[a-z][a-z0-9_:\-]*[a-z0-9](?![A-Za-z0-9_:\-])", text))
    hits = words & tokens
    if language == "en":
        hits = {t for t in hits if "_" in t or ":" in t}
    return hits


@pytest.fixture
def ledger(world: World) -> dict[str, Any]:
    """An escalated overdue task, a long-term task, an immediate one, a hazard, a routed tip-off."""
    handler = add_handler(world)
    overdue = world.task(deadline=DeadlineSpec("date", date(2024, 1, 10)))
    world.task(seq="8", deadline=DeadlineSpec("long_term", raw="长期坚持"))
    world.task(seq="9", deadline=DeadlineSpec("immediate", raw="立行立改"))
    hazard = world.hazard()
    escalate(date(2024, 1, 10) + timedelta(days=90))
    world.submit(world.task(seq="10"), world.officer)
    filed = submit_tipoff(region=world.county, category=TipOffCategory.GAS, place="集市东口",
                          unit_name="北书店液化气站", description="夜间违规充装")
    tipoff = tipoff_transition(tipoff=filed.tipoff, action=TipOffAction.TRIAGE, actor=handler)
    tipoff = tipoff_transition(tipoff=tipoff, action=TipOffAction.ROUTE, actor=handler, department=world.urban)
    return {"task": overdue, "hazard": hazard, "tipoff": tipoff, "unit": world.gas_station, "handler": handler,
            "user": world.officer}


def _paths(ledger: dict[str, Any]) -> list[str]:
    ids = {"tasks/": ledger["task"].pk, "hazards/": ledger["hazard"].pk, "tipoff/queue/": ledger["tipoff"].pk,
           "units/": ledger["unit"].pk, "manage/users/": ledger["user"].pk}
    paths: list[str] = []
    for route in _routes(get_resolver().url_patterns):
        if route.startswith(SKIPPED) or route.endswith(FILES) or "<str:token>" in route:
            continue
        if route.startswith("manage/<str:key>/"):
            if "<str:pk>" in route:
                continue  # edit/delete forms: the list pages show the rows
            paths += ["/" + route.replace("<str:key>", key) for key in ENTITIES]
            continue
        if "<" in route:
            prefix = next((p for p in ids if route.startswith(p)), None)
            if prefix is None or route.count("<") > 1:
                continue
            route = re.sub(r"<int:\w+>", str(ids[prefix]), route)
        paths.append("/" + route)
    return paths


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_raw_codes(world: World, ledger: dict[str, Any], role: str, language: str) -> None:
    user = ledger["handler"] if role == "handler" else getattr(world, role)
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    tokens = raw_tokens()
    seen, found = 0, {}
    for path in _paths(ledger):
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        seen += 1
        hits = found_codes(visible_text(response.content.decode()), tokens, language)
        if hits:
            found[path] = sorted(hits)
    assert seen > 10
    if found:
        pytest.fail(f"raw codes on pages ({role}, {language}): {found}")


def test_the_check_finds_a_raw_code() -> None:
    tokens = {"escalate:listed_supervision", "long_term", "immediate"}
    text = visible_text('<td>escalate:listed_supervision</td><td data-x="long_term">长期</td><p>immediate</p>')
    assert found_codes(text, tokens, "zh-hans") == {"escalate:listed_supervision", "immediate"}
    assert found_codes(text, tokens, "en") == {"escalate:listed_supervision"}
