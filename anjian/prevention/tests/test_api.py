"""The API: an enterprise builds its inventory and records a check; the office reads; the policy holds."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.test import Client

from anjian.accounts.models import User
from anjian.api.services import issue_token
from anjian.fixtures import World
from anjian.ledger.models import Hazard
from anjian.prevention.tests.inventory import photo, tank_area

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user: User) -> None:
        _, raw = issue_token(actor=None, user=user, name="test")
        self.client, self.headers = Client(), {"Authorization": f"Bearer {raw}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(f"/api{path}", body, content_type="application/json", headers=self.headers)


def test_an_enterprise_builds_its_inventory_and_records_a_failed_check(world: World) -> None:
    api = Api(world.principal)
    point = api.post("/prevention/risk-points", {"unit_id": world.gas_station.pk, "name": "钢瓶充装台"}).json()
    pk = point["id"]
    assert api.post(f"/prevention/risk-points/{pk}/factors", {
        "description": "超装", "factor_class": "1", "accident_type": "17"}).status_code == 201
    evaluation = api.post(f"/prevention/risk-points/{pk}/evaluations", {"method": "ls", "l": 3, "s": 4}).json()
    assert (evaluation["score"], evaluation["grade"]) == ("12.000", "large")
    assert api.post(f"/prevention/risk-points/{pk}/controls", {
        "kind": "engineering", "text": "防超装装置有效", "level": "workshop"}).status_code == 201
    plans = api.get("/prevention/plans", risk_point_id=pk).json()
    assert [(p["level"], p["cycle"]) for p in plans] == [("workshop", "weekly")]
    items = api.get(f"/prevention/plans/{plans[0]['id']}/checklist").json()
    run = api.post(f"/prevention/plans/{plans[0]['id']}/checks", {"results": [{
        "item_id": items[0]["id"], "passed": False, "note": "防超装失灵",
        "photo": {"name": "a.png", "content_base64": base64.b64encode(photo()).decode()}}]})
    assert run.status_code == 201, run.content
    assert run.json()["hazard_ids"] == [Hazard.objects.get().pk]
    office = Api(world.clerk)
    assert office.get("/prevention/checks").json()["items"][0]["failed"] == 1
    assert office.get(f"/prevention/risk-points/{pk}").json()["grade"] == "large"
    assert office.get("/prevention/metrics").json()["coverage"] == {"part": 1, "whole": 1, "percent": 100.0}


def test_the_policy_holds_on_every_endpoint(world: World) -> None:
    point = tank_area(world)
    outsider, leader = Api(world.outsider), Api(world.leader)
    assert outsider.get(f"/prevention/risk-points/{point.pk}").status_code == 404
    assert outsider.get("/prevention/risk-points").json()["items"] == []
    assert leader.get(f"/prevention/risk-points/{point.pk}").status_code == 200
    denied = leader.post(f"/prevention/risk-points/{point.pk}/evaluations", {"method": "ls", "l": 1, "s": 1})
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    plan = point.plans.first()
    assert plan is not None
    assert leader.post(f"/prevention/plans/{plan.pk}/checks", {"results": []}).status_code == 403
    bad = Api(world.principal).post(f"/prevention/risk-points/{point.pk}/evaluations",
                                    {"method": "lec", "l": 4, "e": 6, "c": 7})
    assert bad.status_code == 400 and bad.json()["code"] == "prevention_invalid"
