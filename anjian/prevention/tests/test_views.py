"""The pages: the check page from the QR URL, the card with its QR, the office's distribution, scoping."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from anjian.fixtures import World, signed_in
from anjian.ledger.models import Hazard
from anjian.prevention.models import CheckPlan, CheckRun
from anjian.prevention.services import items_for
from anjian.prevention.tests.inventory import photo, tank_area

pytestmark = pytest.mark.django_db


def test_the_enterprise_fails_an_item_with_a_photo_and_the_office_sees_the_hazard(world: World) -> None:
    point = tank_area(world, today=timezone.localdate())
    plan = CheckPlan.objects.get(risk_point=point, level="post")
    first, second = items_for(plan)
    client = signed_in(world.principal)
    page = client.get(f"/prevention/points/{point.pk}/check/").content.decode()
    assert "可燃气体报警器完好" in page and 'type="file"' in page
    response = client.post(f"/prevention/points/{point.pk}/check/", {
        "plan": plan.pk, f"result_{first.pk}": "fail", f"note_{first.pk}": "报警器无显示",
        f"photo_{first.pk}": SimpleUploadedFile("p.png", photo(), content_type="image/png"),
        f"result_{second.pk}": "pass"})
    assert response.status_code == 302
    hazard = Hazard.objects.get()
    office = signed_in(world.clerk)
    detail = office.get(f"/prevention/points/{point.pk}/").content.decode()
    assert f"/hazards/{hazard.pk}/" in detail
    assert "报警器" in office.get(f"/hazards/{hazard.pk}/").content.decode()


def test_a_failed_item_without_photo_is_refused_on_the_page(world: World) -> None:
    point = tank_area(world, today=timezone.localdate())
    plan = CheckPlan.objects.get(risk_point=point, level="post")
    first, second = items_for(plan)
    response = signed_in(world.principal).post(f"/prevention/points/{point.pk}/check/", {
        "plan": plan.pk, f"result_{first.pk}": "fail", f"result_{second.pk}": "pass"})
    assert response.status_code == 400 and "照片" in response.content.decode()
    assert not CheckRun.objects.exists()


def test_the_office_may_look_but_not_check(world: World) -> None:
    point = tank_area(world, today=timezone.localdate())
    office = signed_in(world.clerk)
    assert "仅本单位人员可提交排查" in office.get(f"/prevention/points/{point.pk}/check/").content.decode()
    assert office.post(f"/prevention/points/{point.pk}/check/", {}).status_code == 404


def test_card_carries_the_qr_of_the_check_page(world: World) -> None:
    point = tank_area(world)
    client = signed_in(world.principal)
    card = client.get(f"/prevention/points/{point.pk}/card/").content.decode()
    assert "岗位安全风险告知卡" in card and "重大风险" in card and "0371-23456789" in card
    assert f"/prevention/points/{point.pk}/check/" in card
    svg = client.get(f"/prevention/points/{point.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_outsiders_see_nothing_and_the_office_sees_the_distribution(world: World) -> None:
    point = tank_area(world)
    outsider = signed_in(world.outsider)
    assert outsider.get(f"/prevention/points/{point.pk}/").status_code == 404
    assert outsider.get(f"/prevention/points/{point.pk}/check/").status_code == 404
    assert "液化气储罐区" not in outsider.get("/prevention/").content.decode()
    page = signed_in(world.clerk).get("/prevention/").content.decode()
    assert "风险分布" in page and "北书店乡" in page and "清单覆盖率" in page
    assert "风险分布" not in signed_in(world.principal).get("/prevention/").content.decode()


def test_the_unit_page_shows_the_units_highest_grade(world: World) -> None:
    client = signed_in(world.clerk)
    assert "未建立风险清单" in client.get(f"/units/{world.gas_station.pk}/").content.decode()
    tank_area(world)
    page = client.get(f"/units/{world.gas_station.pk}/").content.decode()
    assert "最高 重大风险" in page and "风险点 1 个" in page
