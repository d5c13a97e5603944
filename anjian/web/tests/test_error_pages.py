"""403, 404 and 500 pages: Chinese first, in the workspace frame; the 500 page reads nothing from the database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client, RequestFactory

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.web.views.errors import server_error

Login = Callable[[User], Client]


def test_404_is_chinese_in_the_frame(world: World, login: Login) -> None:
    response = login(world.officer).get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html and 'data-error="404"' in html
    assert 'class="sidebar"' in html and "修改密码" in html and "Not Found" not in html


def test_404_of_an_item_out_of_scope_is_the_same_page(world: World, login: Login) -> None:
    task = world.task()
    response = login(world.outsider).get(f"/tasks/{task.pk}/")
    assert response.status_code == 404 and 'data-error="404"' in response.content.decode()


def test_404_in_english(world: World, login: Login) -> None:
    client = login(world.officer)
    client.cookies["django_language"] = "en"
    html = client.get("/no-such-page/").content.decode()
    assert "Page not found" in html and 'data-error="404"' in html


def test_403_is_chinese_in_the_frame(world: World, login: Login) -> None:
    response = login(world.principal).get("/stats/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in html and 'data-error="403"' in html and 'class="sidebar"' in html


def test_404_for_anonymous_visitors_has_the_frame_without_menu(client: Client, db: None) -> None:
    html = client.get("/no-such-page/").content.decode()
    assert "页面不存在" in html and 'class="topbar"' in html and 'class="sidebar"' not in html


def test_api_errors_stay_json(world: World, login: Login) -> None:
    response = login(world.officer).get("/api/no-such-endpoint/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_500_renders_without_the_database() -> None:
    # no django_db mark: any query raises, as it would with the database down
    request = RequestFactory().get("/tasks/")
    response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500 and "系统错误" in html and 'class="topbar"' in html


@pytest.mark.parametrize("path", ["/no-such-page/"])
def test_error_pages_are_not_bare(world: World, login: Login, path: str) -> None:
    assert "<h1>Not Found</h1>" not in login(world.clerk).get(path).content.decode()
