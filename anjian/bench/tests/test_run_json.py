"""`anjian bench run --json` on a tiny generated dataset: every figure has the documented shape."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from anjian.bench.generate import generate
from anjian.bench.run import NotGenerated, run_all
from anjian.bench.scales import Scale
from anjian.cli import main

TINY = Scale("tiny", cities=1, counties_per_city=2, townships_per_county=2, hazards=240)
KEYS = {"name", "value", "unit", "baseline", "ratio", "goal", "met"}


@pytest.mark.django_db(transaction=True)
def test_run_json_prints_every_figure_with_baseline_ratio_and_goal(
    settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.DATA_DIR = tmp_path
    generate(TINY)
    main(["bench", "run", "--json", "--only", "G6,G11,G1,G13"])
    figures = json.loads(capsys.readouterr().out)["figures"]
    names = [f["name"] for f in figures]
    assert [n.split()[0] for n in names] == ["G6", "G7", "G11", "G1", "G2", "G13", "G13"]
    for f in figures:
        assert f.keys() >= KEYS
        assert f["value"] > 0 and f["baseline"] > 0, f
        assert math.isclose(f["ratio"], f["value"] / f["baseline"], rel_tol=1e-3)
        assert isinstance(f["met"], bool) and f["goal"]
    verify = next(f for f in figures if f["name"].startswith("G11"))
    assert "(" in verify["name"] and int(verify["name"].split("(")[1].split()[0]) > TINY.hazards


@pytest.mark.django_db
def test_run_without_generated_data_says_so(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    with pytest.raises(NotGenerated):
        run_all()
