"""The 四色图: uploading a plan, placing a point, the chart data the page carries, who may do what."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.fixtures import World, signed_in
from anjian.prevention.models import SitePlan
from anjian.prevention.tests.inventory import photo, tank_area

pytestmark = pytest.mark.django_db


def _chart(html: str) -> dict:
    match = re.search(r'<script id="site-map-data" type="application/json">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_the_unit_uploads_a_plan_and_places_its_point_in_its_colour(world: World) -> None:
    point = tank_area(world)
    client = signed_in(world.principal)
    url = f"/prevention/units/{world.gas_station.pk}/map/"
    assert client.post(url, {"plan": SimpleUploadedFile("plan.png", photo("white"))}).status_code == 302
    plan = SitePlan.objects.get()
    assert (plan.width, plan.height) == (40, 30)
    assert client.post(url, {"point": point.pk, "x": "0.25", "y": "0.5"}).status_code == 302
    chart = _chart(client.get(url).content.decode())
    assert chart["points"] == [{"name": "液化气储罐区", "value": [0.25, 0.5], "colour": "#e02020", "grade": "重大风险",
                                "url": f"/prevention/points/{point.pk}/"}]
    image = client.get(chart["image"])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_the_leader_sees_the_map_but_cannot_change_it_and_outsiders_see_nothing(world: World) -> None:
    point = tank_area(world)
    url = f"/prevention/units/{world.gas_station.pk}/map/"
    office = signed_in(world.clerk)
    assert office.get(url).status_code == 200
    assert signed_in(world.leader).post(url, {"point": point.pk, "x": "0.1", "y": "0.1"}).status_code == 404
    assert signed_in(world.outsider).get(url).status_code == 404
    point.refresh_from_db()
    assert point.plan_x is None


def test_a_point_off_the_plan_is_refused(world: World) -> None:
    point = tank_area(world)
    client = signed_in(world.principal)
    client.post(f"/prevention/units/{world.gas_station.pk}/map/", {"point": point.pk, "x": "1.5", "y": "0.5"})
    point.refresh_from_db()
    assert point.plan_x is None
