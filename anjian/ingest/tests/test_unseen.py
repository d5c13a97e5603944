"""The unseen part (`heldout/unseen/`, 5NN; split.py round 6): real public documents collected and labelled after the
earlier untouched parts were spent, by helpers who neither ran the extractor nor read its code.

Its labels are checked always (shapes, renderings labelled as their texts, every label string cut from its text);
the extractor is scored on it only with `ANJIAN_SCORE_UNSEEN=1`, once per round by whoever merges, and only in
aggregate: overall by the shared formula per genre and per format, item fields, and deadlines of matched items
(issue 18's goals: 0.85 overall and 0.95 on deadlines, per format). No document's own score is printed.

    ANJIAN_SCORE_UNSEEN=1 pytest -s anjian/ingest/tests/test_unseen.py -k scored
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from anjian.ingest.tests.split import doc_format, is_unseen
from anjian.ingest.tests.test_heldout import GENRES, _scorer, field_accuracy
from anjian.ingest.tests.train_scores import overall, predict

UNSEEN = Path(__file__).parent / "heldout" / "unseen"
DOCS = UNSEEN / "docs"
GOLDS = sorted((UNSEEN / "gold").glob("*.json"))
SCORE_UNSEEN = "ANJIAN_SCORE_UNSEEN"
# Set from the part's first scoring (end of round 6), a little under each figure; empty until then.
FLOORS: dict[str, float] = {}


def _labels() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in GOLDS]


def test_unseen_labels_are_consistent_and_cut_from_their_texts() -> None:
    golds = _labels()
    if not golds:
        pytest.skip("heldout/unseen/ has no labels yet")
    texts = {g["doc"]: g for g in golds if g["doc"].endswith(".txt")}
    assert all(is_unseen(g["doc"]) for g in golds)
    assert {g["genre"] for g in texts.values()} == set(GENRES)
    for gold in golds:
        assert (DOCS / gold["doc"]).is_file(), gold["doc"]
        if not gold["doc"].endswith(".txt"):  # a rendering is labelled exactly as its text
            twin = texts[gold["doc"].rsplit(".", 1)[0] + ".txt"]
            assert {**gold, "doc": twin["doc"]} == twin, gold["doc"]

    def squash(text: str | None) -> str:
        return re.sub(r"\s+", "", text or "")

    for gold in texts.values():
        raw = (DOCS / gold["doc"]).read_text(encoding="utf-8")
        assert raw.startswith("source: "), gold["doc"]
        text = squash(raw.split("\n", 2)[2])
        pieces = [s["what"] for s in gold["stats"]] + [s["section"] for s in gold["scores"]]
        pieces += list(gold["section_totals"])
        for item in gold["items"]:
            pieces += [item[f] for f in ("category", "problem", "measures", "deadline_raw")] + item["units"]
        assert all(squash(p) in text for p in pieces if p), gold["doc"]


def score_unseen() -> tuple[dict[str, float], dict[str, tuple[int, int]]]:
    """Overall per group (all, genre:X, format:Y) and deadlines of matched items per format, in aggregate."""
    scorer = _scorer()
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    deadlines: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        for gold in _labels():
            pred = predict(DOCS / gold["doc"], Path(tmp))
            scored = scorer.score_doc(gold, pred)
            fmt = doc_format(gold["doc"])
            for key in ("all", f"genre:{gold['genre']}", f"format:{fmt}"):
                groups[key].append(scored)
            g_items, p_items = gold.get("items") or [], pred.get("items") or []
            for i, j in scorer.greedy_match(g_items, p_items, scorer.item_sim, 0.5):
                ok = int(scorer.field_ok("deadline", g_items[i], p_items[j]) == 1.0)
                for key in ("all", fmt):
                    deadlines[key][0] += ok
                    deadlines[key][1] += 1
    got = {}
    for name in sorted(groups, key=lambda n: (n != "all", n)):
        value, parts = overall(groups[name], scorer)
        got[name] = round(value, 3)
        detail = " ".join(f"{k} {v:.3f}" for k, v in parts.items())
        print(f"unseen {name:20s} n={len(groups[name]):2d} overall {value:.3f}  ({detail})")
    if groups:
        print(f"unseen item fields over all gold items: {field_accuracy(groups['all'])}")
        print(f"unseen item fields over matched items: {field_accuracy(groups['all'], matched_only=True)}")
    for key, (right, total) in sorted(deadlines.items()):
        print(f"unseen deadlines of matched items, {key:5s} {right}/{total} = {right / total:.3f}")
    return got, {k: (v[0], v[1]) for k, v in deadlines.items()}


def test_unseen_part_scored_in_aggregate() -> None:
    if not GOLDS:
        pytest.skip("heldout/unseen/ has no labels yet")
    if not FLOORS and os.environ.get(SCORE_UNSEEN) != "1":
        pytest.skip(f"the unseen part is scored once per round, by the merger: {SCORE_UNSEEN}=1 pytest -s {__file__}")
    got, _ = score_unseen()
    assert {f"genre:{genre}" for genre in GENRES} <= set(got)
    assert all(got.get(name, 0.0) >= floor for name, floor in FLOORS.items()), got
