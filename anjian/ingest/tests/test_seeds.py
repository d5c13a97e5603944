"""The five real seed documents: the same items from .txt, .docx, .xlsx and .pdf; the scorer's figure."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from anjian.ingest.extract import extract_file, extract_text, to_schema_json
from anjian.ingest.tests.conftest import shared_dir
from anjian.ingest.tests.documents import docx_from_text, pdf_from_docx, xlsx_from_text

SHARED = shared_dir()
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if SHARED else []
needs_shared = pytest.mark.skipif(SHARED is None, reason="the shared evaluation folder is not present")


def seed_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("source: "):
        text = text.split("\n", 2)[2] if text.count("\n") >= 2 else ""
    return text


def item_keys(result: dict[str, Any]) -> list[tuple[str, str, str | None, list[str]]]:
    def squash(text: str | None) -> str:
        return "".join((text or "").replace("<p>", "").replace("</p>", "").split())

    return [
        (i["seq"], squash(i["problem"]) + "|" + squash(i["measures"]), i["deadline"], i["units"])
        for i in result["items"]
    ]


@needs_shared
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_docx_and_xlsx_versions_extract_like_the_text(seed: Path, tmp_path: Path) -> None:
    text = seed_text(seed)
    expected = to_schema_json(extract_text(text))
    for made in (docx_from_text(text, tmp_path / "s.docx"), xlsx_from_text(text, tmp_path / "s.xlsx")):
        got = to_schema_json(extract_file(made))
        assert item_keys(got) == item_keys(expected)
        assert (got["genre"], got["issued"], got["scores"], got["stats"]) == (
            expected["genre"],
            expected["issued"],
            expected["scores"],
            expected["stats"],
        )


@needs_shared
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_pdf_version_extracts_like_the_text(seed: Path, tmp_path: Path, libreoffice: str) -> None:
    text = seed_text(seed)
    expected = to_schema_json(extract_text(text))
    got = to_schema_json(extract_file(pdf_from_docx(docx_from_text(text, tmp_path / "s.docx"), tmp_path)))
    assert item_keys(got) == item_keys(expected)
    assert (got["genre"], got["issued"], len(got["scores"]), len(got["stats"])) == (
        expected["genre"],
        expected["issued"],
        len(expected["scores"]),
        len(expected["stats"]),
    )


def _scorer(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "eval" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_extraction"] = module
    spec.loader.exec_module(module)
    return module


def test_scorer_overall_on_seeds_is_at_least_095(shared: Path) -> None:
    scorer = _scorer(shared)
    parts: dict[str, list[float]] = {k: [0, 0, 0] for k in ("items", "scores", "totals", "stats")}
    fields = dict.fromkeys(scorer.ITEM_FIELDS, 0.0)
    gold_items = 0
    genre_ok = 0.0
    golds = sorted((shared / "eval" / "gold-seeds").glob("*.json"))
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = to_schema_json(extract_text(seed_text(shared / "seeds" / gold["doc"])))
        scored = scorer.score_doc(gold, pred)
        for key, acc in parts.items():
            for n in range(3):
                acc[n] += scored[key][n]
        got, count = scored["fields"]
        gold_items += count
        for name in fields:
            fields[name] += got[name]
        genre_ok += scored["genre"]
    f1 = {k: scorer.f1(tp, int(p), int(g)) for k, (tp, p, g) in parts.items()}
    field_mean = sum(v / gold_items for v in fields.values()) / len(fields)
    overall = (
        f1["items"] + field_mean + f1["scores"] + f1["totals"] + f1["stats"] + genre_ok / len(golds)
    ) / 6
    assert overall >= 0.97
    assert f1["items"] >= 0.95
    assert fields["deadline"] / gold_items >= 0.95
