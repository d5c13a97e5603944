"""The documents page: the office generates and downloads; others are refused."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document

from anjian.fixtures import PASSWORD, World
from anjian.publish.models import IssuedDocument
from anjian.publish.tests.plan import Plan, build_plan

pytestmark = pytest.mark.django_db
FORM = {"region": "410202", "date_from": "2024-12-01", "date_to": "2024-12-31", "file_format": "docx"}


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def plan(world: World) -> Plan:
    return build_plan(world)


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_office_downloads_a_reminder(plan: Plan, world: World) -> None:
    client = _client(world.clerk)
    assert "生成并下载" in client.get("/documents/").content.decode()
    response = client.post("/documents/", FORM | {"kind": "reminder"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert any(p.text == "龙安生委〔2024〕1号" for p in doc.paragraphs)
    assert IssuedDocument.objects.get().created_by == world.clerk


def test_a_department_gets_only_the_ledger(plan: Plan, world: World) -> None:
    client = _client(world.officer)
    response = client.post("/documents/", FORM | {"kind": "ledger", "file_format": "xlsx"})
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    refused = client.post("/documents/", FORM | {"kind": "circular"})
    assert "无权生成" in refused.content.decode() and IssuedDocument.objects.count() == 1


def test_a_unit_is_refused(plan: Plan, world: World) -> None:
    assert _client(world.principal).get("/documents/").status_code == 403
