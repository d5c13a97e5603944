"""One filter definition per list: the page, its export and the API read the same FilterSet."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from anjian.fixtures import World
from anjian.ledger import api, listing
from anjian.ledger.choices import HazardGrade
from anjian.ledger.filters import EnforcementFilter, HazardFilter, InspectionFilter, TaskFilter

pytestmark = pytest.mark.django_db

API_QUERIES = [(api.TaskFilterIn, TaskFilter), (api.HazardFilterIn, HazardFilter),
               (api.InspectionFilterIn, InspectionFilter), (api.EnforcementFilterIn, EnforcementFilter)]


@pytest.mark.parametrize(("schema", "filterset"), API_QUERIES)
def test_the_api_query_names_exactly_the_filters_of_the_list(schema: type, filterset: type) -> None:
    assert set(schema.model_fields) - {"after", "limit"} == set(filterset.base_filters)


@pytest.mark.parametrize("spec", listing.LISTS.values(), ids=lambda spec: spec.kind)
def test_every_control_of_the_filter_bar_is_a_filter_of_the_list(spec: listing.LedgerList) -> None:
    assert spec.filters <= set(spec.filterset.base_filters)


def test_page_export_and_api_return_the_same_rows(world: World, client: Client) -> None:
    # Given two major and one ordinary hazard, when the clerk filters on 重大隐患 in the page, the export and
    # the API, then all three answer the same two hazards.
    major = {world.hazard(grade=HazardGrade.MAJOR).pk, world.hazard(grade=HazardGrade.MAJOR).pk}
    world.hazard()
    client.force_login(world.clerk)
    page = client.get("/hazards/", {"grade": "major"}).content.decode()
    assert {int(pk) for pk in re.findall(r'href="/hazards/(\d+)/"', page)} == major
    workbook = load_workbook(io.BytesIO(client.get("/hazards/", {"grade": "major", "export": "xlsx"}).content))
    exported = {row[0] for row in workbook.active.iter_rows(values_only=True) if isinstance(row[0], int)}
    assert exported == major
    assert {h["id"] for h in client.get("/api/hazards", {"grade": "major"}).json()["items"]} == major


def test_the_api_refuses_a_value_the_filter_cannot_read(world: World, client: Client) -> None:
    client.force_login(world.clerk)
    response = client.get("/api/hazards", {"grade": "catastrophic"})
    assert response.status_code == 422 and response.json()["errors"][0]["loc"] == ["query", "grade"]
    assert client.get("/hazards/", {"grade": "catastrophic"}).status_code == 200  # the page drops it
