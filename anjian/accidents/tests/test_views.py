"""The accident pages: the list's first-report status, recording an accident, marking it reported."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.accidents.services import record_accident
from anjian.fixtures import World, signed_in

pytestmark = pytest.mark.django_db


def test_the_clerk_records_an_accident_at_a_unit_and_its_grade_is_computed(world: World) -> None:
    client = signed_in(world.clerk)
    assert "/accidents/new/" in client.get("/accidents/").content.decode()
    occurred = timezone.localtime() - timedelta(hours=2)
    response = client.post("/accidents/new/", {
        "unit": world.gas_station.pk, "occurred_at": occurred.strftime("%Y-%m-%dT%H:%M"), "deaths": 1,
        "serious_injuries": 0, "direct_loss_yuan": "800000", "description": "加气站储罐检修时发生爆燃"})
    assert response.status_code == 302
    accident = Accident.objects.get()
    assert (accident.unit, accident.grade, accident.reported_at) == (world.gas_station, "ordinary", None)
    page = client.get("/accidents/").content.decode()
    assert "逾期未报" in page and "一般事故" in page  # occurred two hours ago, not reported: past its hour


def test_marking_the_first_report_records_it_as_late(world: World) -> None:
    occurred = timezone.now() - timedelta(hours=3)
    accident = record_accident(actor=world.clerk, occurred_at=occurred, unit=world.gas_station, deaths=0,
                               serious_injuries=1, description="高处坠落")
    client = signed_in(world.clerk)
    assert client.post(f"/accidents/{accident.pk}/reported/").status_code == 302
    accident.refresh_from_db()
    assert accident.reported_at is not None and accident.report_late()
    assert "迟报" in client.get("/accidents/").content.decode()
    client.post(f"/accidents/{accident.pk}/reported/")  # twice: a clear message, nothing changes
    assert Accident.objects.get().reported_at == accident.reported_at


def test_a_future_time_is_refused_and_nothing_is_written(world: World) -> None:
    future = timezone.localtime() + timedelta(days=1)
    response = signed_in(world.clerk).post("/accidents/new/", {
        "occurred_at": future.strftime("%Y-%m-%dT%H:%M"), "deaths": 0, "serious_injuries": 0,
        "direct_loss_yuan": "0", "description": "x"})
    assert response.status_code == 200
    assert not Accident.objects.exists()


def test_read_only_and_outside_users_cannot_record_or_see_others(world: World) -> None:
    accident = record_accident(actor=world.clerk, occurred_at=timezone.now() - timedelta(days=1),
                               unit=world.gas_station, description="触电")
    leader = signed_in(world.leader)
    assert "触电" in leader.get("/accidents/").content.decode()
    assert leader.get("/accidents/new/").status_code == 404
    assert leader.post(f"/accidents/{accident.pk}/reported/").status_code == 404
    assert "触电" not in signed_in(world.outsider).get("/accidents/").content.decode()
