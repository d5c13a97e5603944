"""点评排序通报: the month's rankings of the cockpit, printed as a GB/T 9704 document and issued once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document as Docx

from anjian.fixtures import World
from anjian.publish.drafts import editable, from_json
from anjian.publish.reports import ReportRequest, generate
from anjian.publish.services import draft_document, edit_draft, issue_document, issued_file
from anjian.stats.cockpit import Period, department_ranking, township_ranking
from anjian.stats.tests.jurisdiction import AS_OF, build_year

pytestmark = pytest.mark.django_db
MARCH = {"kind": "ranking", "date_from": date(2024, 3, 1), "date_to": date(2024, 3, 31), "as_of": date(2024, 3, 31)}


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def test_the_tables_are_the_cockpit_rankings_of_the_month(world: World) -> None:
    build_year(world)
    rendered = generate(ReportRequest(region=world.county, actor=world.clerk, **MARCH))  # type: ignore[arg-type]
    doc = Docx(io.BytesIO(rendered.content))
    towns, departments = ([[c.text for c in row.cells] for row in t.rows] for t in doc.tables[:2])
    period = Period(date(2024, 3, 1), date(2024, 3, 31))
    expected = township_ranking(world.county, period, user=world.clerk)
    assert [row[:2] for row in towns[1:]] == [[str(r.rank), r.label] for r in expected]
    assert towns[0] == ["名次", "单位", "按期整改率", "逾期事项", "自查自改率", "处罚率"]
    urban = next(row for row in departments[1:] if row[1] == "区城市管理局")
    assert urban[5] == "100.0%"  # I1 found H1 and ended in a penalty; no figure for February, so no change
    assert [row[1] for row in departments[1:]] == [
        r.label for r in department_ranking(world.county, period, user=world.clerk)]
    title = "\n".join(p.text for p in doc.paragraphs)
    assert "关于2024年3月安全生产工作点评排序情况的通报" in title.replace("\n", "")


def test_issued_once_with_the_committees_number(world: World) -> None:
    build_year(world)
    document = draft_document(actor=world.clerk, request=ReportRequest(region=world.county, **MARCH))  # type: ignore[arg-type]
    texts = {p.index: "排名靠后的单位要分析原因，逐项整改。" for p in editable(from_json(document.content))}
    assert texts  # the 工作要求 are the drafter's to write
    document = edit_draft(actor=world.clerk, document=document, texts=texts)
    issued = issue_document(actor=world.clerk, document=document, on=AS_OF)
    assert issued.doc_number.startswith("龙安生委〔2024〕")
    text = "\n".join(p.text for p in Docx(io.BytesIO(issued_file(issued, "docx"))).paragraphs)
    assert issued.doc_number in text
