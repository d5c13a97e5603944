"""The assessment page: breakdown with data, missing materials, ranking; manual scores and uploads."""

from __future__ import annotations

import pytest
from django.test import Client

from anjian.fixtures import PASSWORD, World
from anjian.scoring.models import AssessmentScheme, ManualScore, MaterialLink
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
