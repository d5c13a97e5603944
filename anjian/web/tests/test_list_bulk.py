"""The task and hazard lists' bulk bar: a box per row and 催办 / 改派 / 导出所选 for those who may steer, posting
to the bulk pages and coming back to the same list; an enterprise's hazard list has no department filter."""

from __future__ import annotations

import pytest

from anjian.fixtures import World
from anjian.ledger.models import ItemEvent

pytestmark = pytest.mark.django_db


def test_the_clerk_urges_ticked_hazards_from_the_hazard_list(world: World, login: object) -> None:
    # given two overdue hazards, the clerk's hazard list carries a box per row and the bulk bar
    first, second = world.hazard(), world.hazard(description="消防通道堆放杂物")
    client = login(world.clerk)  # type: ignore[operator]
    page = client.get("/hazards/", {"overdue": "1"}).content.decode()
    assert 'data-bulk-bar' in page and f'data-row="{first.pk}"' in page and f'data-row="{second.pk}"' in page
    assert 'data-select-page="list-bulk"' in page and 'value="reassign"' in page and 'value="export"' in page
    # when it ticks one and urges it from the bar
    answer = client.post("/hazards/bulk/?overdue=1", {"op": "urge", "id": [second.pk], "back": "list",
                                                      "reason": "请立即清理"})
    # then that hazard alone is urged and the clerk is back on the filtered list
    assert answer.status_code == 302 and answer["Location"] == "/hazards/?overdue=1"
    assert list(ItemEvent.objects.filter(action="urge").values_list("hazard", flat=True)) == [second.pk]


def test_the_bulk_page_keeps_its_own_return(world: World, login: object) -> None:
    task = world.task()
    answer = login(world.clerk).post("/tasks/bulk/", {"op": "urge", "id": [task.pk]})  # type: ignore[operator]
    assert answer.status_code == 302 and answer["Location"].startswith("/tasks/bulk/")


def test_who_may_not_steer_sees_no_boxes(world: World, login: object) -> None:
    world.task()
    world.hazard()
    for user in (world.officer, world.township_staff, world.leader):
        page = login(user).get("/tasks/").content.decode()  # type: ignore[operator]
        assert "data-bulk-bar" not in page and 'name="id"' not in page, user
    for user in (world.township_staff, world.leader):
        page = login(user).get("/hazards/").content.decode()  # type: ignore[operator]
        assert "data-bulk-bar" not in page and 'name="id"' not in page, user
    # a supervising department may urge the hazards it supervises, but only the office reassigns
    page = login(world.officer).get("/hazards/").content.decode()  # type: ignore[operator]
    assert 'value="urge"' in page and 'value="reassign"' not in page


def test_the_enterprise_hazard_list_has_no_department_filter(world: World, login: object) -> None:
    world.hazard()
    page = login(world.principal).get("/hazards/").content.decode()  # type: ignore[operator]
    assert "液化气钢瓶未设置防倾倒措施" in page
    assert 'name="department"' not in page and "data-bulk-bar" not in page
    # the office still filters by department
    assert 'name="department"' in login(world.clerk).get("/hazards/").content.decode()  # type: ignore[operator]
