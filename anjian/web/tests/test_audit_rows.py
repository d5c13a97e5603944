"""Refused pages and exports each leave one audit row (issue 17: 15)."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path
from openpyxl import load_workbook

from anjian.accounts.models import User
from anjian.accounts.policy import require
from anjian.audit.models import AuditEntry
from anjian.errors import NotFound
from anjian.fixtures import World
from anjian.ledger.models import Hazard


def _probe(request: HttpRequest, pk: int) -> HttpResponse:
    """A page that asks the policy itself, as service-backed pages do (the policy audits its own denial)."""
    try:
        require(request.user, "view", Hazard.objects.get(pk=pk))
    except NotFound as exc:
        raise Http404 from exc
    return HttpResponse("ok")


urlpatterns = [path("probe/<int:pk>/", _probe), path("", include("anjian.urls"))]


def _denials() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__startswith="denied").order_by("seq"))


def test_a_forbidden_page_is_audited_once(login: Callable[[User], Client], world: World) -> None:
    response = login(world.principal).get("/stats/")
    assert response.status_code == 403
    [entry] = _denials()
    assert (entry.action, entry.actor_id, entry.object_id) == ("denied:page", world.principal.pk, "stats:dashboard")
    assert entry.after == {"status": 403, "method": "GET", "path": "/stats/"}


def test_an_item_outside_the_scope_is_audited_as_a_denial(login: Callable[[User], Client], world: World) -> None:
    hazard = world.hazard()
    assert login(world.outsider).get(f"/hazards/{hazard.pk}/").status_code == 404
    [entry] = _denials()
    assert entry.actor_id == world.outsider.pk and entry.after["path"] == f"/hazards/{hazard.pk}/"


def test_no_row_for_a_path_no_page_serves_nor_for_an_anonymous_visitor(login: Callable[[User], Client],
                                                                       world: World) -> None:
    hazard = world.hazard()
    assert Client().get(f"/hazards/{hazard.pk}/").status_code == 302
    assert login(world.outsider).get("/no-such-page/").status_code == 404
    assert _denials() == []


@pytest.mark.urls(__name__)
def test_a_denial_the_policy_recorded_is_not_written_twice(login: Callable[[User], Client], world: World) -> None:
    hazard = world.hazard()
    assert login(world.outsider).get(f"/probe/{hazard.pk}/").status_code == 404
    assert [(e.action, e.object_type) for e in _denials()] == [("denied:view", "hazard")]


def test_a_ledger_export_is_audited_with_its_filters_and_row_count(login: Callable[[User], Client],
                                                                   world: World) -> None:
    world.hazard()
    world.hazard(description="第二条")
    response = login(world.clerk).get("/hazards/?export=xlsx&grade=general")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    entry = AuditEntry.objects.get(action="hazard.export")
    assert entry.actor_id == world.clerk.pk and entry.after["filters"] == {"grade": "general"}
    assert entry.after["rows"] == 2 == Hazard.objects.count()
    assert sheet is not None and sheet.max_row >= 2 + 1
