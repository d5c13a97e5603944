"""`anjian score --json`: the output's shape, and the text breakdown."""

from __future__ import annotations

import json

import pytest

from anjian.cli import main
from anjian.stats.tests.jurisdiction import Year

pytestmark = pytest.mark.django_db


def test_score_json_shape(year: Year, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--region", "410202", "--year", "2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"scheme", "region", "year", "as_of", "total", "max_points", "deductions", "bonuses",
                         "sections", "items", "missing_materials", "ranking"}
    assert data["region"] == {"code": "410202", "name": "龙亭区"} and data["max_points"] == 100
    item8 = next(i for i in data["items"] if i["seq"] == "8")
    assert {"indicator", "label", "display", "value", "numerator", "denominator", "points"} <= set(
        item8["indicators"][0])
    assert sorted(r["name"] for r in data["ranking"]) == ["北书店乡", "柳园口乡"]


def test_score_text_defaults_to_the_top_region(year: Year, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "开封市" in out and "按期整改率" in out and "缺材料" in out  # the province is only an ancestor


def test_unknown_scheme_is_one_line_error(year: Year, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--scheme", "不存在"]) == 2
    assert "不存在" in capsys.readouterr().err


def test_score_json_gives_no_points_without_data(year: Year, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--region", "410202", "--year", "2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    lines = [line for item in data["items"] for line in item["indicators"]]
    empty = [line for line in lines if line["value"] is None]
    assert empty and all(line["points"] == 0 and line["no_data"] for line in empty)
    item8 = next(i for i in data["items"] if i["seq"] == "8")
    assert item8["evaluation_label"] == "数据指标直接评定"
