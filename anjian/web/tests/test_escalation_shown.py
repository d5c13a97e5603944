"""The escalation step on an item's page: by its name, with the next step and its date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.test import Client

from anjian.accounts.models import User
from anjian.escalation.services import escalate
from anjian.fixtures import World
from anjian.ledger.deadlines import DeadlineSpec

Login = Callable[[User], Client]
DUE = date(2024, 1, 10)


def test_the_step_reached_is_named_with_the_next_one_and_its_date(world: World, login: Login) -> None:
    task = world.task(deadline=DeadlineSpec("date", DUE))
    escalate(DUE + timedelta(days=8))  # 函告 (level 2) reached, 通报 next
    html = login(world.officer).get(f"/tasks/{task.pk}/").content.decode()
    assert "已函告" in html and "督办 2 级" not in html
    assert "逾期未办结将于 " in html and "通报" in html


def test_the_top_of_the_ladder_is_named_and_has_no_next_step(world: World, login: Login) -> None:
    hazard = world.hazard(deadline=DeadlineSpec("date", DUE))
    escalate(DUE + timedelta(days=400))
    html = login(world.clerk).get(f"/hazards/{hazard.pk}/").content.decode()
    assert "已挂牌督办" in html and "data-escalation-next" not in html


def test_english_names_the_step(world: World, login: Login) -> None:
    task = world.task(deadline=DeadlineSpec("date", DUE))
    escalate(DUE + timedelta(days=400))
    client = login(world.officer)
    client.cookies["django_language"] = "en"
    html = client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'data-escalation="5"' in html and "Listed supervision" in html
