"""Input holding U+0000 is refused at the door (PostgreSQL text cannot store it; it used to be a 500)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from anjian.api.services import issue_token
from anjian.fixtures import PASSWORD, World


@pytest.fixture
def api_headers(world: World) -> dict[str, str]:
    _, raw = issue_token(actor=None, user=world.clerk, name="nul")
    return {"Authorization": f"Bearer {raw}"}


def test_a_query_parameter_with_nul_is_a_422_from_the_api(world: World, api_headers: dict[str, str]) -> None:
    response = Client().get("/api/regions", {"parent": "41\x00"}, headers=api_headers)
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert Client().get("/api/regions", {"parent": "410000"}, headers=api_headers).status_code == 200


def test_a_json_body_with_an_escaped_nul_is_a_422_but_an_escaped_backslash_is_not(
        world: World, api_headers: dict[str, str]) -> None:
    hazard = world.hazard()
    url = f"/api/hazards/{hazard.pk}/transitions"
    bad = Client().post(url, json.dumps({"action": "cancel", "reason": "重复\u0000登记"}),
                        content_type="application/json", headers=api_headers)
    assert bad.status_code == 422
    # "\\u0000" in JSON is a backslash followed by "u0000": ordinary text, not a NUL.
    fine = Client().post(url, json.dumps({"action": "cancel", "reason": "重复\\u0000登记"}),
                         content_type="application/json", headers=api_headers)
    assert fine.status_code == 200, fine.content


def test_a_page_search_or_form_with_nul_is_a_400_with_a_chinese_message(world: World) -> None:
    client = Client()
    assert client.login(username=world.clerk.username, password=PASSWORD)
    page = client.get("/hazards/", {"q": "钢瓶\x00"})
    assert page.status_code == 400 and "空字符" in page.content.decode()
    form = client.post("/login/", {"username": "a\x00", "password": "x"})
    assert form.status_code == 400
    assert client.get("/hazards/", {"q": "钢瓶"}).status_code == 200
