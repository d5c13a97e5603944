"""Registering a hazard on a unit (an enterprise's self-report) and a unit's duties, from the unit page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.models import Evidence, Hazard
from anjian.stats.models import ObligationRecord
from anjian.web.tests.conftest import PNG

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]


def test_an_enterprise_self_reports_a_hazard_with_a_photo(world: World, login: Login, settings: object,
                                                          tmp_path: object) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    client = login(world.principal)
    assert "/hazards/new/" in client.get("/").content.decode()  # the menu entry
    form_url = f"/units/{world.gas_station.pk}/hazards/new/"
    assert client.get("/hazards/new/")["Location"] == form_url
    assert 'name="channel"' not in client.get(form_url).content.decode()

    response = client.post(form_url, {
        "description": "储罐区可燃气体报警器失效", "location": "储罐区", "grade": "general",
        "found_on": timezone.localdate().isoformat(), "due": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "photos": SimpleUploadedFile("现场.png", PNG, content_type="image/png")})

    hazard = Hazard.objects.get()
    assert response["Location"] == f"/hazards/{hazard.pk}/"
    assert (hazard.channel, hazard.unit, hazard.found_by) == ("self_report", world.gas_station, "王建国")
    assert Evidence.objects.filter(hazard=hazard).count() == 1


def test_an_office_clerk_registers_a_covert_visit_finding(world: World, login: Login) -> None:
    response = login(world.clerk).post(f"/units/{world.gas_station.pk}/hazards/new/", {
        "description": "暗访发现加气机防撞设施缺失", "grade": "general", "channel": "covert_visit",
        "found_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert Hazard.objects.get().channel == "covert_visit"


def test_bad_dates_are_explained_and_nothing_is_written(world: World, login: Login) -> None:
    today = timezone.localdate()
    response = login(world.principal).post(f"/units/{world.gas_station.pk}/hazards/new/", {
        "description": "x", "grade": "general", "found_on": (today + timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and "不能晚于今天" in response.content.decode()
    response = login(world.principal).post(f"/units/{world.gas_station.pk}/hazards/new/", {
        "description": "x", "grade": "general", "found_on": today.isoformat(),
        "due": (today - timedelta(days=1)).isoformat()})
    assert "不能早于发现日期" in response.content.decode()
    assert not Hazard.objects.exists()


def test_others_cannot_report_on_a_unit_outside_their_reach(world: World, login: Login) -> None:
    assert login(world.principal).get(f"/units/{world.other_unit.pk}/hazards/new/").status_code == 404
    assert login(world.leader).get(f"/units/{world.gas_station.pk}/hazards/new/").status_code == 404
    assert login(world.clerk).get("/hazards/new/")["Location"] == "/units/"  # no unit of their own: pick one


def test_a_unit_records_its_principals_check_and_sees_it_listed(world: World, login: Login) -> None:
    client = login(world.principal)
    page = client.get(f"/units/{world.gas_station.pk}/").content.decode()
    assert f"/units/{world.gas_station.pk}/obligations/new/" in page
    response = client.post(f"/units/{world.gas_station.pk}/obligations/new/", {
        "obligation": "principal_check", "done_on": timezone.localdate().isoformat(), "note": "季度排查"})
    assert response.status_code == 302
    assert ObligationRecord.objects.get().obligation == "principal_check"
    assert "季度排查" in client.get(f"/units/{world.gas_station.pk}/").content.decode()


def test_a_future_duty_is_refused_with_the_reason(world: World, login: Login) -> None:
    response = login(world.principal).post(f"/units/{world.gas_station.pk}/obligations/new/", {
        "obligation": "evacuation_drill", "done_on": (timezone.localdate() + timedelta(days=3)).isoformat()})
    assert response.status_code == 200 and "不能晚于今天" in response.content.decode()
    assert not ObligationRecord.objects.exists()
    assert login(world.leader).get(f"/units/{world.gas_station.pk}/obligations/new/").status_code == 404
