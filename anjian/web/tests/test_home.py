"""The home page (to-dos, counts, inbox) and the left navigation."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.deadlines import DeadlineSpec
from anjian.notify.models import Notification
from anjian.web.navigation import NAVIGATION, NavEntry, NavGroup, build_menu

Login = Callable[[User], Client]


def _todo(html: str, key: str) -> int | None:
    found = re.search(rf'data-todo="{key}">[^<]*<span class="badge[^"]*">(\d+)</span>', html)
    return int(found.group(1)) if found else None


@pytest.mark.parametrize("role", ["clerk", "officer", "fire_officer", "reviewer", "principal", "township_staff",
                                  "leader", "outsider", "auditor"])
def test_home_answers_every_role(world: World, login: Login, role: str) -> None:
    world.task()
    world.hazard()
    assert login(getattr(world, role)).get("/").status_code == 200


def test_officer_sees_overdue_and_due_soon_work(world: World, login: Login) -> None:
    world.task()  # overdue since 2024
    world.task(deadline=DeadlineSpec("date", timezone.localdate() + timedelta(days=2)))
    world.task(deadline=DeadlineSpec("date", timezone.localdate() + timedelta(days=40)))
    html = login(world.officer).get("/").content.decode()
    assert _todo(html, "task_overdue") == 1
    assert _todo(html, "task_due_soon") == 1


def test_reviewer_sees_what_awaits_review(world: World, login: Login) -> None:
    task = world.task()
    world.submit(task, world.officer)
    assert _todo(login(world.reviewer).get("/").content.decode(), "task_review") == 1
    assert _todo(login(world.officer).get("/").content.decode(), "task_review") is None


def test_long_term_items_missing_this_months_report(world: World, login: Login) -> None:
    task = world.task(deadline=DeadlineSpec("long_term", raw="长期"))
    # The month's statement is due at month end; it becomes a to-do once that is within the due-soon window.
    type(task).objects.filter(pk=task.pk).update(due_date=timezone.localdate() + timedelta(days=40))
    assert _todo(login(world.officer).get("/").content.decode(), "task_missing_report") is None
    type(task).objects.filter(pk=task.pk).update(due_date=timezone.localdate() + timedelta(days=3))
    assert _todo(login(world.officer).get("/").content.decode(), "task_missing_report") == 1


def test_notifications_inbox_and_mark_read(world: World, login: Login) -> None:
    note = Notification.objects.create(recipient=world.officer, kind="remind", title="任务即将到期")
    Notification.objects.create(recipient=world.clerk, kind="remind", title="别人的消息")
    client = login(world.officer)
    assert "任务即将到期" in client.get("/").content.decode()
    page = client.get("/notifications/").content.decode()
    assert "任务即将到期" in page and "别人的消息" not in page
    client.post("/notifications/read/", {"id": note.pk})
    note.refresh_from_db()
    assert note.read_at is not None


def test_menu_counts_and_roles(world: World, login: Login) -> None:
    world.task()
    world.hazard()
    html = login(world.clerk).get("/").content.decode()
    assert re.search(r'data-nav="web:task_list">\s*<span>[^<]+</span>\s*<span class="badge red">1</span>', html)
    assert 'data-nav="web:import_upload"' in html
    principal = login(world.principal).get("/").content.decode()
    assert 'data-nav="web:import_upload"' not in principal
    assert 'data-nav="web:task_list"' not in principal


def test_menu_skips_pages_that_do_not_exist_yet(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = NavGroup("未来", (NavEntry("尚未上线", "nowhere:page"),))
    monkeypatch.setattr("anjian.web.navigation.NAVIGATION", (*NAVIGATION, extra))
    menu = build_menu(world.clerk, "web:home")
    labels = [item.label for _, items in menu for item in items]
    assert "尚未上线" not in labels
    assert any(item.active for _, items in menu for item in items)


def test_english_interface(world: World, login: Login) -> None:
    client = login(world.clerk)
    client.post("/i18n/setlang/", {"language": "en", "next": "/tasks/"})
    html = client.get("/tasks/").content.decode()
    assert 'lang="en"' in html
    assert "Rectification tasks" in html
