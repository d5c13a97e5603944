"""The documents page: the office drafts, fills, issues and downloads again; others read or are refused."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document as Docx

from anjian.audit.models import AuditEntry
from anjian.fixtures import PASSWORD, World
from anjian.publish.drafts import editable, from_json
from anjian.publish.models import Document, DocumentNumber, IssuedDocument, IssuingBody
from anjian.publish.tests.plan import Plan, build_plan

pytestmark = pytest.mark.django_db
PERIOD = {"region": "410202", "date_from": "2024-12-01", "date_to": "2024-12-31"}


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


def test_the_form_offers_pickers_not_codes(plan: Plan, world: World) -> None:
    page = _client(world.clerk).get("/documents/").content.decode()
    assert '<select name="region"' in page and "北书店乡" in page  # the region tree, by name
    assert '<select name="item"' in page and f'value="task:{plan.tasks["T1"].pk}"' in page  # escalated T1
    assert 'type="date"' in page and "task:编号" not in page


def test_office_drafts_fills_issues_and_downloads_again(plan: Plan, world: World) -> None:
    client = _client(world.clerk)
    response = client.post("/documents/", PERIOD | {"kind": "circular"})
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/{document.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "data-placeholders" in page and "签发时编号" in page and not DocumentNumber.objects.exists()
    # issuing with the placeholders left is refused, and takes no number
    refused = client.post(response["Location"], {"action": "issue"} | _fields(document, "【请起草人结合实际补充】"))
    assert "待补充" in refused.content.decode() and not DocumentNumber.objects.exists()
    issued = client.post(response["Location"], {"action": "issue"} | _fields(document, "加强督导检查。"))
    assert issued.status_code == 302
    document.refresh_from_db()
    assert document.doc_number == "龙安生委〔" + str(document.issued_at.year) + "〕1号"  # type: ignore[union-attr]
    docx = client.get(f"/documents/{document.pk}/docx/")
    assert any(p.text == document.doc_number for p in Docx(io.BytesIO(docx.content)).paragraphs)
    assert client.get(f"/documents/{document.pk}/docx/").content == docx.content  # kept, the same again
    register = client.get("/documents/").content.decode()
    assert document.doc_number in register and "李文书" in register


def _fields(document: Document, text: str) -> dict[str, str]:
    return {f"p{p.index}": text for p in editable(from_json(document.content))}


def test_a_leader_reads_the_register_but_gets_no_draft_form(plan: Plan, world: World) -> None:
    page = _client(world.leader).get("/documents/").content.decode()
    assert 'id="draft"' not in page and "起草公文" not in page and "公文登记" in page
    assert _client(world.leader).post("/documents/", PERIOD | {"kind": "circular"}).status_code == 403
    assert not Document.objects.exists()


def test_a_department_exports_the_ledger_only(plan: Plan, world: World) -> None:
    client = _client(world.officer)
    page = client.get("/documents/").content.decode()
    assert 'id="draft"' not in page and 'id="export"' in page
    response = client.post("/documents/export/", PERIOD)
    assert response["Content-Type"].endswith("spreadsheetml.sheet") and IssuedDocument.objects.count() == 1
    assert client.post("/documents/", PERIOD | {"kind": "circular"}).status_code == 403


def test_a_draft_is_not_shown_to_a_reader(plan: Plan, world: World) -> None:
    _client(world.clerk).post("/documents/", PERIOD | {"kind": "circular"})
    document = Document.objects.get()
    assert _client(world.leader).get(f"/documents/{document.pk}/").status_code == 404


def test_a_unit_is_refused(plan: Plan, world: World) -> None:
    assert _client(world.principal).get("/documents/").status_code == 403


def test_the_office_configures_the_prefix_of_its_letters(plan: Plan, world: World) -> None:
    client = _client(world.clerk)
    page = client.get("/documents/issuers/").content.decode()
    assert "龙安生委办" in page and "龙亭区安全生产委员会办公室" in page
    committee = world.county.committee
    client.post("/documents/issuers/", {"committee": committee.pk, "role": "office",
                                        "name": "龙亭区安全生产委员会办公室", "doc_prefix": "龙安委办"})
    assert IssuingBody.objects.get(role="office").doc_prefix == "龙安委办"
    assert AuditEntry.objects.filter(action="document.issuer").exists()
    assert _client(world.leader).get("/documents/issuers/").status_code == 403
