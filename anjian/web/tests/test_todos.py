"""The to-dos: one source (anjian.web.todos) for the home page's boxes and the menu's count."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.services import transition
from anjian.tipoffs.choices import TipOffAction, TipOffCategory
from anjian.tipoffs.fixtures import add_handler
from anjian.tipoffs.services import submit_tipoff
from anjian.tipoffs.services import transition as tipoff_transition
from anjian.web.todos import open_count, todos

Login = Callable[[User], Client]
ALL_DONE = "暂无待办事项，工作已全部办结"


def _box(user: User, key: str) -> int:
    return next(box.count for box in todos(user, timezone.localdate()) if box.key == key)


def _menu_count(html: str) -> int | None:
    found = re.search(r'data-nav="web:home">\s*<span>[^<]+</span>\s*<span class="badge[^"]*">(\d+)</span>', html)
    return int(found.group(1)) if found else None


def test_a_new_assignment_is_the_departments_to_do_until_started(world: World, login: Login) -> None:
    task = world.task(assign=False)
    assert _box(world.officer, "task_assigned") == 0
    transition(item=task, action="assign", actor=world.clerk)
    assert _box(world.officer, "task_assigned") == 1
    assert _box(world.fire_officer, "task_assigned") == 0
    html = login(world.officer).get("/").content.decode()
    assert 'data-todo="task_assigned"' in html and f'href="/tasks/{task.pk}/"' in html
    transition(item=task, action="start", actor=world.officer)
    assert _box(world.officer, "task_assigned") == 0


def test_a_routed_tipoff_is_the_departments_to_do(world: World, login: Login) -> None:
    handler = add_handler(world)
    filed = submit_tipoff(region=world.county, category=TipOffCategory.GAS, place="集市东口",
                          unit_name="北书店液化气站", description="夜间违规充装")
    assert _box(handler, "tipoff_to_route") == 1
    tipoff = tipoff_transition(tipoff=filed.tipoff, action=TipOffAction.TRIAGE, actor=handler)
    tipoff_transition(tipoff=tipoff, action=TipOffAction.ROUTE, actor=handler, department=world.urban)
    assert _box(handler, "tipoff_to_route") == 0
    assert _box(world.officer, "tipoff_routed") == 1
    assert _box(world.fire_officer, "tipoff_routed") == 0
    assert _box(world.clerk, "tipoff_routed") == 0  # the department's work, not the office's
    html = login(world.officer).get("/").content.decode()
    assert f'href="/tipoff/queue/{tipoff.pk}/"' in html


def test_an_extension_request_waits_for_the_reviewer(world: World) -> None:
    task = world.task()
    transition(item=task, action="request_extension", actor=world.officer, reason="汛期停工")
    assert _box(world.reviewer, "task_extension") == 1
    assert _box(world.clerk, "task_extension") == 1
    assert _box(world.officer, "task_extension") == 0


def test_the_menu_counts_what_the_home_page_lists(world: World, login: Login) -> None:
    world.task()  # overdue since 2024, assigned and not started
    html = login(world.officer).get("/").content.decode()
    count = open_count(world.officer, timezone.localdate())
    assert count == sum(box.count for box in todos(world.officer, timezone.localdate())) == 2
    assert _menu_count(html) == count


def test_the_home_page_never_says_all_done_while_items_are_overdue(world: World, login: Login) -> None:
    world.hazard()  # overdue since 2024-11-15
    world.task()
    html = login(world.leader).get("/").content.decode()  # the leader acts on nothing, but watches
    assert ALL_DONE not in html
    assert 'data-todo="none-but-overdue"' in html
    assert ALL_DONE in login(world.outsider).get("/").content.decode()
