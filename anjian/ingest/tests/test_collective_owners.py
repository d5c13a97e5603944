"""Collective owners (负有安全监管职责的部门, 各乡 as 配合) resolved once into a named group of units: stored and
shown once in the list page, the Excel export and letters, and every member still sees the item."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from anjian.fixtures import World, signed_in
from anjian.ingest.importer import apply_import
from anjian.ledger.models import Task, TaskOwner
from anjian.ledger.owners import owner_names
from anjian.org.models import Department, ResponsibilityList, Sector, UnitGroup
from anjian.publish.reports.items import owners_text

PLAN = """龙亭区安全生产专项整治方案
一、整改内容
1.行业领域监管责任落实不到位。
整改措施：开展行业领域安全生产大检查。
整改时限：2030年12月31日前
责任单位：负有安全监管职责的部门、各乡（配合）
2.重点场所隐患排查不彻底。
整改措施：组织拉网式排查。
整改时限：2030年6月30日前
责任单位：负有安全监管职责的部门
"""


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    yield


@pytest.fixture
def imported(world: World, tmp_path: Path) -> list[Task]:
    # a third supervising department, so the phrase stands for three
    education = Department.objects.create(region=world.county, name="区教育局", short_name="区教育局")
    school = Sector.objects.create(code="school", name="校园")
    ResponsibilityList.objects.create(region=world.county, sector=school, department=education)
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    run = apply_import(actor=world.clerk, region=world.county, path=str(path), original_name="plan.txt")
    return list(Task.objects.filter(import_run=run).order_by("pk"))


def test_each_collective_name_is_one_group_with_its_members(world: World, imported: list[Task]) -> None:
    first, second = imported
    supervisors = UnitGroup.objects.get(region=world.county, name="负有安全监管职责的部门")
    townships = UnitGroup.objects.get(region=world.county, name="各乡")  # （配合） is the rows' role
    assert {d.name for d in supervisors.departments.all()} == {"区城市管理局", "区消防救援大队", "区教育局"}
    assert {r.name for r in townships.townships.all()} == {"北书店乡", "柳园口乡"}
    # resolved once: the second task's rows are members of the same group
    assert set(TaskOwner.objects.filter(task=second).values_list("group", flat=True)) == {supervisors.pk}
    assert TaskOwner.objects.filter(task=first).count() == 5  # every member still owns a row


def test_a_group_is_named_once_in_documents_and_exports(world: World, imported: list[Task]) -> None:
    first = imported[0]
    assert owners_text(first) == "负有安全监管职责的部门、各乡"
    assert owner_names(first.owners.all(), cooperate_mark="（配合）") == ["负有安全监管职责的部门", "各乡（配合）"]


def test_the_list_page_and_excel_name_the_group_once(world: World, imported: list[Task]) -> None:
    client = signed_in(world.clerk)
    html = client.get("/tasks/").content.decode()
    assert html.count("负有安全监管职责的部门") == 2  # once in each of the two rows
    assert html.count('各乡<span class="muted">（配合）</span>') == 1
    detail = client.get(f"/tasks/{imported[0].pk}/").content.decode()
    assert detail.count("负有安全监管职责的部门（") == 1
    response = client.get("/tasks/?export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(_file(response)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "负有安全监管职责的部门、各乡" in cells and "负有安全监管职责的部门" in cells


def test_every_member_still_sees_and_owns_the_item(world: World, imported: list[Task]) -> None:
    for user in (world.officer, world.fire_officer, world.township_staff):
        client: Client = signed_in(user)
        assert client.get(f"/tasks/{imported[0].pk}/").status_code == 200


def _file(response: object) -> object:
    import io

    return io.BytesIO(b"".join(response.streaming_content) if getattr(response, "streaming", False)  # type: ignore[attr-defined]
                      else response.content)  # type: ignore[attr-defined]
