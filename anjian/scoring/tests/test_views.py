"""The assessment page: breakdown with data, missing materials, ranking; manual scores and uploads."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from anjian.fixtures import PASSWORD, World
from anjian.scoring.models import AssessmentScheme, ManualScore, MaterialLink
from anjian.scoring.services import score
from anjian.stats.tests.jurisdiction import Year

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_page_shows_breakdown_missing_materials_and_ranking(year: Year, scheme: AssessmentScheme) -> None:
    response = _client(year.world.clerk).get("/assessment/", {"region": "410202", "year": "2024"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "当年重大事故隐患按期整改率" in html and "50.0%（1/2）" in html
    assert "缺少的材料" in html and "党政领导干部安全生产职责清单" in html
    assert "下级区域排名" in html and "柳园口乡" in html


def test_office_enters_a_score_and_uploads_a_material(year: Year, scheme: AssessmentScheme) -> None:
    client = _client(year.world.clerk)
    item = scheme.items.get(seq="5")
    client.post(f"/assessment/items/{item.pk}/score/", {"region": "410202", "year": "2024", "score": "4.5",
                                                        "comment": "基本完成"})
    assert ManualScore.objects.get(item=item).score == 4.5
    material = scheme.items.get(seq="1").materials.first()
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(f"/assessment/materials/{material.pk}/upload/",
                {"region": "410202", "year": "2024", "file": SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 x")})
    assert MaterialLink.objects.filter(material=material).count() == 1


def test_leader_views_but_cannot_score_and_a_department_cannot_view(year: Year, scheme: AssessmentScheme,
                                                                    world: World) -> None:
    leader = _client(world.leader)
    assert leader.get("/assessment/").status_code == 200
    item = scheme.items.get(seq="5")
    leader.post(f"/assessment/items/{item.pk}/score/", {"region": "410202", "year": "2024", "score": "4"})
    assert not ManualScore.objects.exists()
    assert _client(world.officer).get("/assessment/").status_code == 403


def test_without_any_scheme_the_page_is_not_found_and_none_is_created(world: World) -> None:
    # given an installation whose administrator deleted every scheme (the 2024 one is seeded by migration)
    AssessmentScheme.objects.all().delete()
    response = _client(world.clerk).get("/assessment/", {"region": "410202"})
    # then the page says so; reading it recreates nothing (issue 22)
    assert response.status_code == 404 and not AssessmentScheme.objects.exists()


def test_the_page_opens_on_this_year(year: Year, scheme: AssessmentScheme) -> None:
    html = _client(year.world.clerk).get("/assessment/").content.decode()
    this_year = timezone.localdate().year
    assert f'<option value="{this_year}" selected>' in html
    if this_year != scheme.year:  # no scheme of this year: the current one is used, and the page says so
        assert f'data-scheme-year="{scheme.year}"' in html


def test_the_page_opens_on_the_scheme_of_the_year(year: Year, scheme: AssessmentScheme) -> None:
    other = AssessmentScheme.objects.create(name="另一年度方案", year=2023)
    html = _client(year.world.clerk).get("/assessment/", {"year": "2023"}).content.decode()
    assert '<option value="另一年度方案" selected>' in html and "data-scheme-year" not in html
    assert other.name in html


def test_evaluation_kinds_and_missing_data_are_in_words(year: Year, scheme: AssessmentScheme) -> None:
    html = _client(year.world.clerk).get("/assessment/", {"region": "410202", "year": "2024"}).content.decode()
    assert "数据指标直接评定" in html and "查阅资料（材料清单）" in html and ">indicator<" not in html
    assert "无可统计数据，不得分" in html and "→ 0/1" in html
    assert "排名规则" in html and "减分少者在前" in html


def test_export_the_score_and_its_evidence(year: Year, scheme: AssessmentScheme) -> None:
    client = _client(year.world.clerk)
    query = {"region": "410202", "year": "2024", "scheme": scheme.name}
    page = score(scheme=scheme, region=year.world.county, year=2024)
    xlsx = client.get("/assessment/export.xlsx", query)
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["得分", "材料清单", "下级排名"]
    assert f"得分 {page.total:g} / {page.max_points:g}" in book["得分"]["A1"].value
    items = {row[0].value: row for row in book["得分"].iter_rows(min_row=3)}
    assert items["8"][2].value == "数据指标直接评定" and "无可统计数据，不得分" in items["8"][4].value
    materials = [[c.value for c in row] for row in book["材料清单"].iter_rows(min_row=3)]
    assert ["2", "党政领导干部安全生产职责清单", "0", "缺少"] in materials
    docx = client.get("/assessment/export.docx", query)
    text = "\n".join([p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
                     + [c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells])
    assert f"得分{page.total:g}分" in text and "党政领导干部安全生产职责清单" in text and "数据指标直接评定" in text


def test_a_unit_may_not_export(year: Year, scheme: AssessmentScheme) -> None:
    assert _client(year.world.principal).get("/assessment/export.xlsx").status_code == 403
