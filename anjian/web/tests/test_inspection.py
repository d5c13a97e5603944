"""On-site inspection entry: the service and the phone form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anjian.accounts.models import User
from anjian.audit.models import AuditEntry
from anjian.errors import PermissionDenied
from anjian.fixtures import World
from anjian.ledger.choices import HazardChannel
from anjian.ledger.inspections import FoundHazard, record_inspection
from anjian.ledger.models import Evidence, Hazard, Inspection
from anjian.web.tests.conftest import PNG

Login = Callable[[User], Client]


def test_record_inspection_registers_hazards_with_photos(world: World) -> None:
    inspection = record_inspection(
        actor=world.officer, unit=world.gas_station, kind="unannounced", inspected_on=date(2024, 11, 5),
        inspectors="赵城管、钱某", notes="四不两直检查",
        hazards=[FoundHazard("钢瓶存放区无防倾倒链", location="钢瓶库", photos=[("1.png", PNG)]),
                 FoundHazard("未配备可燃气体报警器")],
    )
    assert inspection.department == world.urban
    assert inspection.signed_off_at is not None
    hazards = list(Hazard.objects.filter(inspection=inspection).order_by("id"))
    assert [h.channel for h in hazards] == [HazardChannel.INSPECTION] * 2
    assert Evidence.objects.filter(hazard=hazards[0]).count() == 1
    assert AuditEntry.objects.filter(action="inspection.create", object_id=str(inspection.pk)).exists()


def test_record_inspection_is_all_or_nothing(world: World) -> None:
    with pytest.raises(Exception):  # noqa: B017 (any failure must roll everything back)
        record_inspection(actor=world.officer, unit=world.gas_station, kind="open", inspected_on=date(2024, 11, 5),
                          inspectors="赵城管", hazards=[FoundHazard("好的"), FoundHazard("坏照片", photos=[("x.png", b"no")])])
    assert not Inspection.objects.exists() and not Hazard.objects.exists()


def test_outsider_may_not_inspect_here(world: World) -> None:
    with pytest.raises(PermissionDenied):
        record_inspection(actor=world.outsider, unit=world.gas_station, kind="open",
                          inspected_on=date(2024, 11, 5), inspectors="郑外区")


def test_unit_search_is_scoped_and_works_with_two_characters(world: World, login: Login) -> None:
    html = login(world.officer).get("/inspections/units/", {"q": "液化"}).content.decode()
    assert f'data-pick-unit="{world.gas_station.pk}"' in html
    outsider = login(world.outsider).get("/inspections/units/", {"q": "液化"}).content.decode()
    assert "北书店液化气站" not in outsider


def test_phone_form_records_an_inspection(world: World, login: Login) -> None:
    client = login(world.officer)
    page = client.get("/inspections/new/").content.decode()
    assert 'capture="environment"' in page and 'accept="image/*"' in page and "multiple" in page
    response = client.post("/inspections/new/", {
        "unit": world.gas_station.pk, "kind": "open", "inspected_on": "2024-11-05", "inspectors": "赵城管",
        "notes": "", "sign_off": "on", "hazard_count": "2",
        "hazard-0-description": "消防通道堵塞", "hazard-0-grade": "general", "hazard-0-due": "2024-11-20",
        "hazard-0-photos": [SimpleUploadedFile("p.png", PNG, "image/png")],
        "hazard-1-description": "", "hazard-1-grade": "general",
    })
    assert response.status_code == 302
    assert response["Location"] == f"/units/{world.gas_station.pk}/"
    hazard = Hazard.objects.get()
    assert hazard.due_date == date(2024, 11, 20)
    assert Evidence.objects.filter(hazard=hazard).count() == 1


def test_phone_form_refuses_a_unit_outside_scope(world: World, login: Login) -> None:
    client = login(world.officer)
    response = client.post("/inspections/new/", {"unit": world.other_unit.pk, "kind": "open",
                                                 "inspected_on": "2024-11-05", "inspectors": "赵城管",
                                                 "hazard_count": "1", "hazard-0-grade": "general"})
    assert response.status_code == 200
    assert not Inspection.objects.exists()


@pytest.mark.parametrize("role", ["principal", "leader", "auditor"])
def test_only_inspecting_roles_see_the_form(world: World, login: Login, role: str) -> None:
    assert login(getattr(world, role)).get("/inspections/new/").status_code == 404


def test_the_inspection_button_shows_only_to_those_who_may_inspect(world: World, login: Login) -> None:
    assert "/inspections/new/" in login(world.clerk).get("/inspections/").content.decode()
    assert "/inspections/new/" not in login(world.principal).get("/inspections/").content.decode()
