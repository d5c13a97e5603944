"""The unit-group pages (责任单位组): the office lists, creates and edits its region's groups, audited; the
other roles find no such page and no menu entry."""

from __future__ import annotations

import pytest
from django.test import Client

from anjian.audit.models import AuditEntry
from anjian.fixtures import World
from anjian.org.models import UnitGroup
from anjian.org.services import unit_group

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_office_creates_a_group_with_its_members(world: World) -> None:
    # given the clerk of the county office on the new-group form
    client = _client(world.clerk)
    page = client.get("/org/groups/new/").content.decode()
    assert "区城市管理局" in page and "北书店乡" in page and "顺河区" not in page
    # when it saves a group of two departments and a township
    answer = client.post("/org/groups/new/", {
        "region": world.county.pk, "name": "负有安全监管职责的部门",
        "departments": [world.urban.pk, world.emergency.pk], "townships": [world.township.pk]})
    # then the group is stored once with its members, and the change is audited
    assert answer.status_code == 302 and answer["Location"] == "/org/groups/"
    group = UnitGroup.objects.get(region=world.county, name="负有安全监管职责的部门")
    assert set(group.departments.all()) == {world.urban, world.emergency}
    assert list(group.townships.all()) == [world.township]
    entry = AuditEntry.objects.get(action="unitgroup.create")
    assert entry.actor_id == world.clerk.pk and "区应急管理局" in str(entry.after)
    listing = client.get("/org/groups/").content.decode()
    assert "负有安全监管职责的部门" in listing and "区应急管理局" in listing


def test_the_office_edits_a_group_and_the_audit_keeps_before_and_after(world: World) -> None:
    group = unit_group(region=world.county, name="各乡（镇）", department_ids=[], township_ids=[world.township.pk])
    client = _client(world.clerk)
    assert "北书店乡" in client.get(f"/org/groups/{group.pk}/").content.decode()

    answer = client.post(f"/org/groups/{group.pk}/", {
        "name": "各乡（镇）", "townships": [world.township.pk, world.other_township.pk]})

    assert answer.status_code == 302
    assert set(group.townships.all()) == {world.township, world.other_township}
    entry = AuditEntry.objects.get(action="unitgroup.update")
    assert "柳园口乡" not in str(entry.before) and "柳园口乡" in str(entry.after)


def test_a_group_needs_members_and_a_free_name(world: World) -> None:
    unit_group(region=world.county, name="各有关部门", department_ids=[world.urban.pk], township_ids=[])
    client = _client(world.clerk)
    empty = client.post("/org/groups/new/", {"region": world.county.pk, "name": "空组"})
    taken = client.post("/org/groups/new/", {"region": world.county.pk, "name": "各有关部门",
                                              "departments": [world.fire_brigade.pk]})
    assert empty.status_code == taken.status_code == 200
    assert "请至少选择一个成员单位" in empty.content.decode() and "已有名为" in taken.content.decode()
    assert UnitGroup.objects.count() == 1 and not AuditEntry.objects.filter(action__startswith="unitgroup.").exists()


def test_other_roles_find_no_group_pages(world: World) -> None:
    group = unit_group(region=world.county, name="各有关部门", department_ids=[world.urban.pk], township_ids=[])
    assert 'href="/org/groups/"' in _client(world.clerk).get("/").content.decode()
    for user in (world.officer, world.principal, world.township_staff, world.leader, world.auditor):
        client = _client(user)
        assert client.get("/org/groups/").status_code == 404
        assert client.post(f"/org/groups/{group.pk}/", {"name": "x", "departments": [world.urban.pk]}).status_code == 404
        assert 'href="/org/groups/"' not in client.get("/").content.decode()
    # the office of another county has the page, without this county's group, and cannot edit it
    assert "各有关部门" not in _client(world.outsider).get("/org/groups/").content.decode()
    assert _client(world.outsider).get(f"/org/groups/{group.pk}/").status_code == 404
