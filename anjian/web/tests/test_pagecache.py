"""The page cache: a stored page is served only while nothing in the database has changed.

These tests run outside a test transaction (`transaction=True`): inside one nothing is stored, so the
ordinary tests never meet a stored page.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from anjian.accounts.models import User
from anjian.api.services import issue_token
from anjian.core import pagecache
from anjian.fixtures import World
from anjian.ledger.choices import Action, HazardStatus
from anjian.ledger.services import transition
from anjian.web.navigation import build_menu, overdue_hazards

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/hazards/"
Login = Callable[[User], Client]


@pytest.fixture(autouse=True)
def empty_store() -> Iterator[None]:
    pagecache.STORE.clear()
    pagecache.VALUES.clear()
    yield
    pagecache.STORE.clear()
    pagecache.VALUES.clear()


def _warm(client: Client, url: str = URL) -> Any:
    """The first answer sets the CSRF cookie (not stored yet), the second is rendered and stored."""
    client.get(url)
    response = client.get(url)
    assert response[pagecache.HEADER] == "miss"
    return response


def _other_connection() -> Any:
    """A second connection to the test database, as another web host or `psql` would hold."""
    params = connection.get_connection_params()
    if connection.vendor == "sqlite":
        return sqlite3.connect(params["database"], uri=True, isolation_level=None)
    import psycopg

    raw = psycopg.connect(**{k: v for k, v in params.items() if k not in {"cursor_factory", "context"}})
    raw.autocommit = True
    return raw


def test_unchanged_page_is_served_again_byte_for_byte(world: World, login: Login) -> None:
    world.hazard()
    client = login(world.clerk)
    stored = _warm(client)
    again = client.get(URL)
    assert again[pagecache.HEADER] == "hit"
    assert again.content == stored.content
    assert "csrftoken" in again.cookies or client.cookies.get("csrftoken")


def test_a_state_change_renders_the_page_again(world: World, login: Login) -> None:
    hazard = world.hazard()
    client = login(world.clerk)
    found = str(HazardStatus.FOUND.label)
    assigned = str(HazardStatus.ASSIGNED.label)
    before = _warm(client).content.decode()
    assert found in before and assigned not in before.split("<tbody")[-1]
    transition(item=hazard, action=Action.ASSIGN, actor=world.clerk)
    after = client.get(URL)
    assert after[pagecache.HEADER] == "miss"
    assert assigned in after.content.decode().split("<tbody")[-1]
    world.hazard(description="新登记的消防通道堵塞")
    assert "新登记的消防通道堵塞" in client.get(URL).content.decode()


def test_a_write_by_another_connection_renders_the_page_again(world: World, login: Login) -> None:
    hazard = world.hazard(description="原来的隐患描述")
    client = login(world.clerk)
    assert "原来的隐患描述" in _warm(client).content.decode()
    raw = _other_connection()
    try:
        raw.execute("UPDATE ledger_hazard SET description = %s WHERE id = %s".replace(
            "%s", "?" if connection.vendor == "sqlite" else "%s"), ("另一台主机改写的描述", hazard.pk))
    finally:
        raw.close()
    after = client.get(URL)
    assert after[pagecache.HEADER] == "miss"
    assert "另一台主机改写的描述" in after.content.decode()


def test_each_user_and_each_query_has_its_own_page(world: World) -> None:
    world.hazard()
    clerk, leader = Client(), Client()
    clerk.force_login(world.clerk)
    leader.force_login(world.leader)
    _warm(clerk)
    assert _warm(leader)[pagecache.HEADER] == "miss"
    assert clerk.get(URL + "?status=open")[pagecache.HEADER] == "miss"
    assert clerk.get(URL)[pagecache.HEADER] == "hit"


def test_nothing_is_stored_inside_a_transaction(world: World, login: Login) -> None:
    from django.db import transaction

    world.hazard()
    client = login(world.clerk)
    client.get(URL)
    with transaction.atomic():
        assert pagecache.data_version() is None
        first, second = client.get(URL), client.get(URL)
    assert pagecache.HEADER not in first and pagecache.HEADER not in second


def test_waiting_messages_and_missing_csrf_cookie_are_not_stored(world: World) -> None:
    request = RequestFactory().get(URL)
    request.user = world.clerk
    request.COOKIES["csrftoken"] = "x" * 32
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    assert pagecache.page_key(request) is not None
    request._messages.add(constants.SUCCESS, "已保存")  # type: ignore[attr-defined]
    assert pagecache.page_key(request) is None
    assert len(list(get_messages(request))) == 1  # looking did not consume them
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    del request.COOKIES["csrftoken"]
    assert pagecache.page_key(request) is None


def test_api_stores_session_answers_but_never_bearer_token_answers(world: World, login: Login) -> None:
    world.hazard()
    client = login(world.clerk)
    url = "/api/hazards"
    assert client.get(url)[pagecache.HEADER] == "miss"
    assert client.get(url)[pagecache.HEADER] == "hit"
    _token, raw = issue_token(actor=world.clerk, user=world.clerk, name="集成")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    answers = [bearer.get(url), bearer.get(url)]
    assert [a.status_code for a in answers] == [200, 200]
    assert all(pagecache.HEADER not in a for a in answers)
    assert Client(HTTP_AUTHORIZATION="Bearer aj_not_a_token").get(url).status_code == 401


def test_data_version_moves_on_own_and_foreign_commits(world: World) -> None:
    first = pagecache.data_version()
    assert first is not None and pagecache.data_version() == first
    world.hazard()
    second = pagecache.data_version()
    assert second != first
    raw = _other_connection()
    try:
        raw.execute("UPDATE org_region SET name = name || '区'")
    finally:
        raw.close()
    assert pagecache.data_version() not in {first, second}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a cluster of databases is PostgreSQL's")
def test_writes_to_another_database_of_the_cluster_keep_the_page(world: World, login: Login) -> None:
    # Given a stored page, when another database on the same server commits writes (another test run,
    # another office's instance), then the page is still served from memory.
    import psycopg

    world.hazard()
    client = login(world.clerk)
    _warm(client)
    params = connection.get_connection_params()
    other = psycopg.connect(**{k: v for k, v in params.items() if k not in {"cursor_factory", "context"}}
                            | {"dbname": "postgres"})
    other.autocommit = True
    try:
        other.execute("CREATE TEMPORARY TABLE elsewhere (n int)")
        for n in range(3):
            other.execute("INSERT INTO elsewhere VALUES (%s)", (n,))
    finally:
        other.close()
    assert client.get(URL)[pagecache.HEADER] == "hit"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite counts its own rolled-back rows too (a miss)")
def test_data_version_ignores_rolled_back_writes_and_moves_once_per_commit(world: World) -> None:
    from django.db import transaction

    first = pagecache.data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        world.hazard()
        raise RuntimeError("rolled back")
    assert pagecache.data_version() == first
    with transaction.atomic():
        world.hazard()
        world.hazard()
    second = pagecache.data_version()
    assert second not in {None, first}
    assert pagecache.data_version() == second


def _menu_counts(user: User) -> dict[str, int | None]:
    return {item.url_name: item.count for _, items in build_menu(user, "") for item in items}


def test_menu_counts_are_computed_once_per_data_version(world: World) -> None:
    # Given the menu's counts computed once, when nothing is written, then they are served again without
    # their queries (only the version is read); after a write they are computed again and show it.
    world.hazard()
    first = _menu_counts(world.clerk)
    assert first["web:hazard_list"] == overdue_hazards(world.clerk) == 1
    with CaptureQueriesContext(connection) as ctx:
        assert _menu_counts(world.clerk) == first
    assert len(ctx.captured_queries) <= 2  # the user's roles and the data version, none of the seven counts
    assert _menu_counts(world.outsider)["web:home"] == 0  # another user: its own counts
    world.hazard(description="新登记的消防通道堵塞")
    assert _menu_counts(world.clerk)["web:hazard_list"] == 2


def test_store_keeps_to_its_byte_budget() -> None:
    store = pagecache.PageStore(max_bytes=8_000)
    for i in range(20):
        store.put(str(i), b"x" * 900, "text/html")
    assert store.size <= 8_000
    assert store.get("0") is None and store.get("19") is not None
    store.put("big", b"x" * 2_000, "text/html")  # over an eighth of the budget: not kept
    assert store.get("big") is None


def test_an_action_through_the_page_shows_its_message_and_the_new_state(world: World, login: Login) -> None:
    hazard = world.hazard()
    client = login(world.clerk)
    url = f"/hazards/{hazard.pk}/"
    _warm(client, url)
    assert client.get(url)[pagecache.HEADER] == "hit"
    after = client.post(f"/items/hazard/{hazard.pk}/action/",
                        {"action": Action.ASSIGN, "expected_version": hazard.version}, follow=True)
    html = after.content.decode()
    assert pagecache.HEADER not in after  # a message was waiting: rendered, not stored
    assert f"已{Action.ASSIGN.label}" in html and str(HazardStatus.ASSIGNED.label) in html
    again = client.get(url)
    assert again[pagecache.HEADER] == "miss" and f"已{Action.ASSIGN.label}" not in again.content.decode()
    # a second, stale form (version of before) is refused with a message, never answered from memory
    stale = client.post(f"/items/hazard/{hazard.pk}/action/",
                        {"action": Action.ASSIGN, "expected_version": hazard.version}, follow=True)
    assert pagecache.HEADER not in stale and "messages" in stale.content.decode()


def test_home_counts_follow_a_new_hazard(world: World, login: Login) -> None:
    client = login(world.clerk)
    before = _warm(client, "/").content.decode()
    assert client.get("/")[pagecache.HEADER] == "hit"
    world.hazard(grade="major")
    after = client.get("/")
    assert after[pagecache.HEADER] == "miss" and after.content.decode() != before
