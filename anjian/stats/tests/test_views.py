"""The statistics pages: permission, scoping, the chart options and their drill-down links."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from anjian.fixtures import PASSWORD, World
from anjian.stats.tests.jurisdiction import Year

pytestmark = pytest.mark.django_db
Y2024 = {"region": "410202", "date_from": "2024-01-01", "date_to": "2024-12-31"}


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def _options(html: str) -> dict[str, dict]:
    match = re.search(r'<script id="chart-options" type="application/json">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_dashboard_builds_every_chart_with_drill_down_urls(year: Year) -> None:
    response = _client(year.world.clerk).get("/stats/", Y2024)
    assert response.status_code == 200
    html = response.content.decode()
    assert "vendor/echarts.min.js" in html and "cdn" not in html.lower()
    options = _options(html)
    assert set(options) == {"region", "sector", "trend", "on_time", "departments", "clearing", "penalty"}
    overdue = options["region"]["series"][2]["data"]
    assert [p["value"] for p in overdue] == [0, 1]
    assert overdue[1]["url"].startswith("/hazards/?region=410202002") and "overdue=1" in overdue[1]["url"]
    assert options["penalty"]["series"][0]["markLine"]["data"][0]["yAxis"] == 30.0


def test_table_shows_the_metrics_figures(year: Year) -> None:
    html = _client(year.world.clerk).get("/stats/table/", Y2024).content.decode()
    assert "50.0%（2/4）" in html  # on-time rate, as in test_metrics
    assert "33.3%（1/3）" in html  # self-fix rate
    assert 'class="flag"' in html  # 区消防救援大队 below the threshold


def test_threshold_is_configurable_per_view(year: Year) -> None:
    html = _client(year.world.clerk).get("/stats/table/", Y2024 | {"threshold": "0.6"}).content.decode()
    assert html.count('class="flag"') == 2


def test_a_department_sees_its_own_figures_and_a_unit_is_refused(year: Year, world: World) -> None:
    html = _client(world.fire_officer).get("/stats/table/", Y2024).content.decode()
    assert "<th>隐患</th><td>2</td><td>1</td>" in html
    assert _client(world.principal).get("/stats/").status_code == 403
    assert Client().get("/stats/").status_code == 302


def test_a_region_outside_the_users_subtree_falls_back_to_their_own(year: Year, world: World) -> None:
    html = _client(world.clerk).get("/stats/table/", Y2024 | {"region": "410203"}).content.decode()
    assert "龙亭区，" in html


def test_filters_are_pickers_and_the_definitions_are_in_the_page(year: Year) -> None:
    html = _client(year.world.clerk).get("/stats/", Y2024).content.decode()
    assert '<input type="date" name="date_from" value="2024-01-01"' in html
    assert '<select name="region"' in html and '<option value="410202002">\u3000柳园口乡</option>' in html
    assert "docs/metrics.md" not in html and "<summary>指标口径</summary>" in html
    assert "按期整改率" in html and "分母 = 已销号的隐患数" in html


def test_every_definition_names_a_section_of_the_metrics_document() -> None:
    from pathlib import Path

    from anjian.stats.definitions import DEFINITIONS

    headings = [line for line in (Path(__file__).parents[3] / "docs" / "metrics.md").read_text().splitlines()
                if line.startswith("## ")]
    for definition in DEFINITIONS:
        assert any(h.startswith(definition.section) for h in headings), definition.section


def test_legends_sit_above_the_axis_labels(year: Year) -> None:
    options = _options(_client(year.world.clerk).get("/stats/", Y2024).content.decode())
    for key in ("region", "sector", "penalty", "departments", "trend"):
        assert options[key]["grid"]["containLabel"] is True, key
        assert options[key].get("legend", {}).get("top", 0) == 0, key
