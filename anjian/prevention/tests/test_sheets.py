"""Inventory export and import (.xlsx round trip), a bad sheet rejected whole, sector checklist import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.fixtures import World, signed_in
from anjian.prevention.models import Checklist, RiskPoint
from anjian.prevention.services import items_for
from anjian.prevention.sheets import CHECKLIST_HEADER, INVENTORY_HEADER
from anjian.prevention.tests.inventory import tank_area
from anjian.publish.xlsx_safe import Sheet, write_workbook

pytestmark = pytest.mark.django_db


def _xlsx(header: tuple[str, ...], rows: list[list[object]]) -> SimpleUploadedFile:
    return SimpleUploadedFile("清单.xlsx", write_workbook([Sheet(title="清单", header=header, rows=rows)]))


def test_an_exported_inventory_imports_back_with_the_same_grades_factors_and_controls(world: World) -> None:
    tank_area(world)
    client = signed_in(world.principal)
    exported = client.get(f"/prevention/units/{world.gas_station.pk}/inventory.xlsx")
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    upload = SimpleUploadedFile("清单.xlsx", exported.content)
    response = client.post(f"/prevention/units/{world.gas_station.pk}/import/", {"file": upload})
    assert response.status_code == 302
    original, copy = RiskPoint.objects.order_by("id")
    assert (copy.code, copy.name, copy.grade) == (original.code, original.name, original.grade) == (
        "FX-01", "液化气储罐区", "major")
    assert copy.evaluations.get().score == original.evaluations.get().score == 540
    assert list(copy.factors.values_list("factor_class", "factor_code", "accident_type")) == [("2", "2101", "18")]
    assert sorted(copy.controls.values_list("kind", "text")) == sorted(original.controls.values_list("kind", "text"))


def test_a_sheet_with_a_bad_row_is_rejected_whole(world: World) -> None:
    good = ["A-1", "配电室", "设备设施/部位/场所/区域", "", "漏电", "物的因素", "", "触电", "LS", "", "", "", "",
            "", "", "", "绝缘垫完好", "", "", "", "车间级", "张三", ""]
    bad = ["A-2", "仓库", "设备设施/部位/场所/区域", "", "堆垛", "物的因素", "", "不存在的事故", "LS", "", "", "", "",
           "", "", "", "限高", "", "", "", "车间级", "张三", ""]
    good[12], good[9] = "3", "2"  # L = 2, S = 3
    response = signed_in(world.principal).post(f"/prevention/units/{world.gas_station.pk}/import/",
                                               {"file": _xlsx(INVENTORY_HEADER, [good, bad])})
    assert response.status_code == 400 and "第 3 行" in response.content.decode()
    assert not RiskPoint.objects.exists()
    response = signed_in(world.principal).post(f"/prevention/units/{world.gas_station.pk}/import/",
                                               {"file": _xlsx(INVENTORY_HEADER, [good])})
    assert response.status_code == 302 and RiskPoint.objects.get().grade == "general"


def test_a_sector_checklist_joins_the_checks_of_the_sectors_units(world: World) -> None:
    point = tank_area(world)
    rows: list[list[object]] = [[1, "消防设施", "灭火器压力正常、在有效期内", "GB 50140"], [2, "", "应急照明完好", ""]]
    client = signed_in(world.clerk)
    response = client.post("/prevention/checklists/import/", {
        "sector": world.gas.pk, "name": "燃气行业排查清单", "file": _xlsx(CHECKLIST_HEADER, rows)})
    assert response.status_code == 302
    assert Checklist.objects.get().items.count() == 2
    texts = [i.text for i in items_for(point.plans.first())]  # type: ignore[arg-type]
    assert texts[-2:] == ["消防设施：灭火器压力正常、在有效期内", "应急照明完好"]
    # an enterprise cannot import sector checklists
    assert signed_in(world.principal).get("/prevention/checklists/import/").status_code == 404
