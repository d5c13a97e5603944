"""The inventory pages: an enterprise enters a point, its factor, evaluation and control in the browser;
the list's query count does not grow with its rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anjian.fixtures import World, signed_in
from anjian.prevention.models import CheckPlan, RiskPoint
from anjian.prevention.services import create_risk_point

pytestmark = pytest.mark.django_db


def test_an_enterprise_enters_a_point_and_grades_it_in_the_browser(world: World) -> None:
    client = signed_in(world.principal)
    response = client.post(f"/prevention/units/{world.gas_station.pk}/points/new/", {
        "code": "FX-09", "name": "营业厅", "kind": "place", "location": "", "responsible_name": "王建国",
        "emergency_phone": ""})
    point = RiskPoint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/prevention/points/{point.pk}/"
    edit = f"/prevention/points/{point.pk}/edit/"
    client.post(edit, {"what": "factor", "description": "电气线路老化", "factor_class": "2", "accident_type": "08"})
    client.post(edit, {"what": "evaluation", "method": "lec", "l": "3", "e": "6", "c": "7"})  # 126: 一般
    client.post(edit, {"what": "control", "kind": "management", "text": "每月检查电气线路", "level": "workshop",
                       "responsible_name": "王建国"})
    point.refresh_from_db()
    assert point.grade == "general" and point.factors.count() == 1
    assert CheckPlan.objects.get(risk_point=point).cycle == "weekly"
    # a value off the LEC table is refused with the reason, nothing changes
    page = client.post(edit, {"what": "evaluation", "method": "lec", "l": "4", "e": "6", "c": "7"}, follow=True)
    assert "分值表" in page.content.decode()
    assert point.evaluations.count() == 1


def test_read_only_users_get_no_forms_and_cannot_post(world: World) -> None:
    point = create_risk_point(actor=world.principal, unit=world.gas_station, name="营业厅")
    leader = signed_in(world.leader)
    assert "添加管控措施" not in leader.get(f"/prevention/points/{point.pk}/").content.decode()
    assert leader.post(f"/prevention/points/{point.pk}/edit/", {"what": "factor"}).status_code == 404
    assert leader.get(f"/prevention/units/{world.gas_station.pk}/points/new/").status_code == 404


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200  # type: ignore[attr-defined]
    return len(ctx.captured_queries)


def test_the_list_query_count_is_pinned(world: World) -> None:
    client = signed_in(world.clerk)
    create_risk_point(actor=world.principal, unit=world.gas_station, name="点1")
    few = _queries(client, "/prevention/")
    for n in range(2, 12):
        create_risk_point(actor=world.principal, unit=world.gas_station, name=f"点{n}")
    assert _queries(client, "/prevention/") == few
