"""责令限期整改指令书 and 整改复查意见书 from an enforcement record, as a department issues them."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from docx import Document

from anjian.fixtures import PASSWORD, World
from anjian.ledger.choices import EnforcementKind, HazardStatus
from anjian.ledger.enforcement import record_enforcement
from anjian.ledger.models import EnforcementAction, Hazard
from anjian.publish.errors import NothingToReport
from anjian.publish.models import IssuedDocument
from anjian.publish.pdf import find_soffice
from anjian.publish.reports import ReportRequest, generate
from anjian.publish.tests.test_report_pdf_cli import assert_chinese_fonts

pytestmark = pytest.mark.django_db
DAY = date(2024, 11, 20)


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def order(world: World) -> EnforcementAction:
    hazard = world.hazard(location="储瓶间")
    return record_enforcement(actor=world.officer, unit=world.gas_station, kind=EnforcementKind.ORDER_TO_RECTIFY,
                              decided_on=date(2024, 11, 5), hazard=hazard, document_number="龙城管责改〔2024〕7号")


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join(p.text for p in doc.paragraphs)


def _generate(world: World, kind: str, record: EnforcementAction, file_format: str = "docx") -> bytes:
    return generate(ReportRequest(kind=kind, region=world.county, date_from=DAY, date_to=DAY, as_of=DAY,
                                  actor=world.officer, file_format=file_format,
                                  item=f"enforcement:{record.pk}")).content


def test_order_lists_the_problem_the_deadline_and_the_record_number(world: World, order: EnforcementAction) -> None:
    text = _text(_generate(world, "rectification-order", order))
    assert "责令限期整改指令书" in text and "北书店液化气站：" in text
    assert "文书编号：龙城管责改〔2024〕7号" in text
    assert "1. 储瓶间：液化气钢瓶未设置防倾倒措施" in text and "现责令你单位于2024年11月15日前整改完毕" in text
    assert "申请行政复议" in text and "【请" not in text
    assert IssuedDocument.objects.get().kind == "rectification-order"


def test_review_says_what_is_left(world: World, order: EnforcementAction) -> None:
    text = _text(_generate(world, "review-opinion", order))
    assert "整改复查意见书" in text and "（文书编号：龙城管责改〔2024〕7号）" in text
    assert "尚未整改完毕" in text and "尚有1项问题未整改完毕" in text
    Hazard.objects.filter(pk=order.hazard_id).update(status=HazardStatus.CLOSED)
    assert "经复查，你单位已按要求完成整改。" in _text(_generate(world, "review-opinion", order))


def test_only_an_order_makes_an_order(world: World) -> None:
    penalty = record_enforcement(actor=world.officer, unit=world.gas_station, kind=EnforcementKind.PENALTY,
                                 decided_on=date(2024, 11, 5), hazard=world.hazard(), company_amount=1000)
    with pytest.raises(NothingToReport):
        _generate(world, "rectification-order", penalty)


def test_the_department_picks_the_record_on_the_documents_page(world: World, order: EnforcementAction) -> None:
    client = Client()
    assert client.login(username=world.officer.username, password=PASSWORD)
    page = client.get("/documents/").content.decode()
    assert 'id="enforcement"' in page and f'value="enforcement:{order.pk}"' in page
    response = client.post("/documents/enforcement/", {"kind": "rectification-order",
                                                       "record": f"enforcement:{order.pk}", "file_format": "docx"})
    assert "龙城管责改〔2024〕7号" in _text(response.content)
    clerk = Client()
    assert clerk.login(username=world.clerk.username, password=PASSWORD)
    assert 'id="enforcement"' not in clerk.get("/documents/").content.decode()


def test_enforcement_pdf_is_set_in_chinese_fonts(world: World, order: EnforcementAction) -> None:
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    assert_chinese_fonts(_generate(world, "rectification-order", order, "pdf"))
