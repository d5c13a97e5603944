"""Administration pages: reference tables, blind spots, users and roles."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.accounts.services import grant_role
from anjian.audit.models import AuditEntry
from anjian.fixtures import World
from anjian.org.models import Department, Region, ResponsibilityList, Sector
from anjian.workdays.models import WorkCalendarDay

Login = Callable[[User], Client]
PAGES = ["/manage/", "/manage/users/", "/manage/regions/", "/manage/departments/", "/manage/sectors/",
         "/manage/responsibilities/", "/manage/units/", "/manage/guarantors/", "/manage/policies/",
         "/manage/steps/", "/manage/holidays/", "/manage/departments/new/", "/manage/regions/new/"]


@pytest.mark.parametrize("url", PAGES)
def test_office_opens_every_administration_page(world: World, login: Login, url: str) -> None:
    assert login(world.clerk).get(url).status_code == 200


@pytest.mark.parametrize("role", ["officer", "principal", "leader", "township_staff"])
def test_other_roles_do_not_see_administration(world: World, login: Login, role: str) -> None:
    assert login(getattr(world, role)).get("/manage/").status_code == 404


def test_blind_spots_are_flagged(world: World, login: Login) -> None:
    Sector.objects.create(code="chem", name="危险化学品", high_risk=True)
    html = login(world.clerk).get("/manage/").content.decode()
    assert '<span class="tag red">危险化学品</span>' in html
    assert '<span class="tag red">燃气</span>' not in html


def test_office_adds_a_department_and_a_responsibility_line(world: World, login: Login) -> None:
    client = login(world.clerk)
    response = client.post("/manage/departments/new/", {"region": world.county.pk, "name": "区商务局",
                                                        "short_name": "商务局", "aliases": "区商务、商务局"})
    assert response.status_code == 302
    department = Department.objects.get(name="区商务局")
    assert department.aliases == ["区商务", "商务局"]
    chem = Sector.objects.create(code="chem", name="危险化学品")
    client.post("/manage/responsibilities/new/", {"region": world.county.pk, "sector": chem.pk,
                                                  "department": department.pk, "duty": "lead"})
    assert ResponsibilityList.objects.filter(sector=chem, department=department).exists()
    assert AuditEntry.objects.filter(action="department.create").exists()


def test_office_cannot_create_outside_its_county(world: World, login: Login) -> None:
    response = login(world.clerk).post("/manage/departments/new/", {"region": world.other_county.pk,
                                                                    "name": "外区局"})
    assert response.status_code == 200
    assert not Department.objects.filter(name="外区局").exists()


def test_office_adds_a_township_through_the_region_service(world: World, login: Login) -> None:
    login(world.clerk).post("/manage/regions/new/", {"code": "410202003", "name": "水稻乡", "level": "township",
                                                     "parent": world.county.pk})
    assert Region.objects.get(code="410202003").path == "/410000/410200/410202/410202003/"


def test_holidays_are_for_administrators(world: World, login: Login) -> None:
    assert login(world.clerk).get("/manage/holidays/new/").status_code == 404
    grant_role(actor=None, user=world.clerk, role=Role.ADMIN, region=world.county)
    response = login(world.clerk).post("/manage/holidays/new/", {"date": "2031-10-01", "is_workday": "",
                                                                 "note": "国庆节"})
    assert response.status_code == 302
    assert WorkCalendarDay.objects.get(note="国庆节").is_workday is False
    day = WorkCalendarDay.objects.get()
    login(world.clerk).post(f"/manage/holidays/{day.pk}/delete/")
    assert not WorkCalendarDay.objects.exists()


def test_users_are_created_with_a_role_and_unlocked(world: World, login: Login) -> None:
    client = login(world.clerk)
    response = client.post("/manage/users/", {
        "username": "newbie", "display_name": "新同事", "password": "Strong-pass-2025", "role": "department",
        "region": world.county.pk, "department": world.fire_brigade.pk})
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert RoleAssignment.objects.get(user=user).department == world.fire_brigade
    # a department role without a department is a form error, not a crash
    client.post(f"/manage/users/{user.pk}/", {"role": "department", "region": world.county.pk})
    assert RoleAssignment.objects.filter(user=user).count() == 1
    from django.utils import timezone

    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() + timezone.timedelta(minutes=30))
    client.post(f"/manage/users/{user.pk}/", {"unlock": "1"})
    user.refresh_from_db()
    assert user.locked_until is None


def test_outsider_office_does_not_see_our_users(world: World, login: Login) -> None:
    html = login(world.outsider).get("/manage/users/").content.decode()
    assert "clerk" not in html
    assert login(world.outsider).get(f"/manage/users/{world.clerk.pk}/").status_code == 404
