"""The unseen parts (split.py, rounds 6-24): real public documents collected and labelled after the earlier
untouched parts were spent, by helpers who neither ran the extractor nor read its code: `heldout/unseen/` (5NN,
scored at the end of round 6), `heldout/unseen2/` (6NN, round 7), `heldout/unseen3/` (7NN, round 8),
`heldout/unseen4/` (8NN, round 9), `heldout/unseen5/` (9NN, round 10), `heldout/unseen6/` (1NN, round 11),
`heldout/unseen7/` (0NN, round 12), `heldout/unseen8/` (10NN, round 14), `heldout/unseen9/` (11NN, round 16),
`heldout/unseen10/` (12NN, round 18), `heldout/unseen11/` (13NN, round 20), `heldout/unseen12/` (14NN, round 22),
`heldout/unseen13/` (15NN, round 23) and `heldout/unseen14/` (16NN, round 24).
Once scored, a part becomes a tuning part and its floor keeps what tuning reached.

Their labels are checked always (shapes, renderings labelled as their texts, every label string cut from its text);
the extractor is scored on a part only with `ANJIAN_SCORE_UNSEEN=<part>` (or a floor set from its one scoring), by
whoever merges, and only in aggregate: overall by the shared formula per genre and per format, item fields, and
deadlines of matched items (issue 18's goals: 0.85 overall and 0.95 on deadlines, per format). No document's own
score is printed.

    ANJIAN_SCORE_UNSEEN=unseen pytest -s anjian/ingest/tests/test_unseen.py -k scored
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

HELDOUT = Path(__file__).parent / "heldout"
PARTS = (
    "unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8", "unseen9", "unseen10",
    "unseen11", "unseen12", "unseen13", "unseen14",
)
SCORE_UNSEEN = "ANJIAN_SCORE_UNSEEN"
# Per part, set a little under each figure of its one scoring, then of its tuning (split.py, rounds 6-8).
FLOORS: dict[str, dict[str, float]] = {
    # Scored once at the end of round 6: 0.558 (before round 6: 0.558); a tuning part in round 7, which took it to
    # 0.850 (assessment 0.940, rectification 0.935, reminder 0.971, report 0.966; txt 0.746, docx 0.884, pdf 0.923,
    # xlsx 0.946; deadlines of matched items 0.948); round 8: 0.875.
    "unseen": {
        "all": 0.82,
        "genre:assessment": 0.91,
        "genre:rectification": 0.90,
        "genre:reminder": 0.94,
        "genre:report": 0.93,
        "format:txt": 0.71,
        "format:docx": 0.85,
        "format:pdf": 0.89,
        "format:xlsx": 0.91,
    },
    # Scored once at the end of round 7: 0.541 (before round 6: 0.537); a tuning part in round 8, which took it to
    # 0.787 (assessment 0.735, rectification 0.730, reminder 0.713, report 0.972; txt 0.655, docx 0.866, pdf 0.857,
    # xlsx 0.925; deadlines of matched items 0.828).
    "unseen2": {
        "all": 0.76,
        "genre:assessment": 0.70,
        "genre:rectification": 0.70,
        "genre:reminder": 0.68,
        "genre:report": 0.94,
        "format:txt": 0.62,
        "format:docx": 0.83,
        "format:pdf": 0.82,
        "format:xlsx": 0.89,
    },
    # Scored once at the end of round 8 (main 0e91830): 0.621 (the extractor before round 8, 15f319f: 0.572;
    # assessment 0.786, rectification 0.647, reminder 0.956, report 0.949; txt 0.680, docx 0.540, pdf 0.722,
    # xlsx 0.566; deadlines of matched items 0.846); a tuning part in round 9, which took it to 0.794 (assessment
    # 0.917, rectification 0.732, reminder 0.956, report 0.949; txt 0.708, docx 0.896, pdf 0.896, xlsx 0.866;
    # deadlines of matched items 0.870).
    "unseen3": {
        "all": 0.76,
        "genre:assessment": 0.88,
        "genre:rectification": 0.70,
        "genre:reminder": 0.92,
        "genre:report": 0.91,
        "format:txt": 0.67,
        "format:docx": 0.86,
        "format:pdf": 0.86,
        "format:xlsx": 0.83,
    },
    # Scored once at the end of round 9 (main 110bc85): 0.521 (before round 8, 15f319f: 0.427; at the end of round
    # 8, 0e91830: 0.521; scores F1 0.108; deadlines of matched items 0.860); round 10 tuned on it: 0.879 (assessment
    # 0.970, rectification 0.939, reminder 0.902, report 0.973; txt 0.883, docx 0.896, pdf 0.754, xlsx 0.880).
    "unseen4": {
        "all": 0.85,
        "genre:assessment": 0.94,
        "genre:rectification": 0.91,
        "genre:reminder": 0.87,
        "genre:report": 0.94,
        "format:txt": 0.85,
        "format:docx": 0.86,
        "format:pdf": 0.72,
        "format:xlsx": 0.85,
    },
    # Scored once at the end of round 10 (main 92a3628): 0.556, exactly the figure of the extractor before round 10
    # (a73bab3: no prediction of its 57 label files differed: round 10 transferred nothing); round 11 tuned on it:
    # 0.874 (assessment 0.958, rectification 0.765, reminder 0.971, report 0.793; txt 0.789, docx 0.942, pdf 0.941,
    # xlsx 1.000; deadlines of matched items 1.000).
    "unseen5": {
        "all": 0.84,
        "genre:assessment": 0.92,
        "genre:rectification": 0.73,
        "genre:reminder": 0.94,
        "genre:report": 0.76,
        "format:txt": 0.75,
        "format:docx": 0.91,
        "format:pdf": 0.91,
        "format:xlsx": 0.96,
    },
    # Scored once at the end of round 11 (main 7d5bde3): 0.758 (assessment 0.690, rectification 0.900, reminder
    # 0.611, report 0.986; txt 0.708, docx 0.796, pdf 0.874, xlsx 0.698; deadlines of matched items 0.983). The same
    # part before round 10 (a73bab3): 0.745; at the end of round 10 (92a3628): 0.755. Round 12 tuned on it: 0.893
    # (assessment 0.772, rectification 0.959, reminder 0.966, report 0.986; txt 0.792, docx 0.946, pdf 0.973,
    # xlsx 0.973).
    "unseen6": {
        "all": 0.86,
        "genre:assessment": 0.74,
        "genre:rectification": 0.93,
        "genre:reminder": 0.93,
        "genre:report": 0.95,
        "format:txt": 0.76,
        "format:docx": 0.91,
        "format:pdf": 0.94,
        "format:xlsx": 0.94,
    },
    # Scored once at the end of round 12 (main 3817830): 0.510 (assessment 0.353, rectification 0.652, reminder
    # 0.884, report 0.959; txt 0.513, docx 0.532, pdf 0.551, xlsx 0.265; deadlines of matched items 0.952). The same
    # part before round 10 (a73bab3): 0.504; at the end of round 11 (7d5bde3): 0.501. Round 13 tuned on it: 0.624
    # (assessment 0.649, rectification 0.652, reminder 0.884, report 0.959; txt 0.671, docx 0.605, pdf 0.551,
    # xlsx 0.414); round 14 tuned on it: 0.747 (assessment 0.662, rectification 0.956, reminder 0.975, report 0.959;
    # txt 0.777, docx 0.713, pdf 0.666, xlsx 0.801); round 16 (tuned on unseen8): 0.776 (assessment 0.691; docx
    # 0.769, xlsx 0.968: an item column printing its own points).
    "unseen7": {
        "all": 0.75,
        "genre:assessment": 0.66,
        "genre:rectification": 0.93,
        "genre:reminder": 0.95,
        "genre:report": 0.93,
        "format:txt": 0.75,
        "format:docx": 0.74,
        "format:pdf": 0.64,
        "format:xlsx": 0.94,
    },
    # Scored once at the end of round 14 (this commit's parent tree plus round 14): 0.625 (assessment 0.546,
    # rectification 0.722, reminder 0.714, report 0.988; txt 0.644, docx 0.534, pdf 0.598, xlsx 0.440; scores F1
    # 0.050; deadlines of matched items 0.862). The extractor before round 14 (c455fc3) scores exactly the same:
    # round 14 (tuned on unseen7) changed none of its predictions' figures. Round 15 tuned on it: 0.666 (assessment
    # 0.743, rectification 0.762, reminder 0.908, report 0.988; txt 0.690, docx 0.578, pdf 0.629, xlsx 0.634; scores
    # F1 still 0.051: its scoring tables are labelled by their 检查项目, shapes left for a later round). Round 16
    # tuned on its scoring tables: 0.872 (assessment 0.923, rectification 0.762, reminder 0.991, report 0.988; txt
    # 0.823, docx 0.872, pdf 0.884, xlsx 0.947; scores F1 0.706).
    "unseen8": {
        "all": 0.84,
        "genre:assessment": 0.89,
        "genre:rectification": 0.74,
        "genre:reminder": 0.96,
        "genre:report": 0.96,
        "format:txt": 0.80,
        "format:docx": 0.84,
        "format:pdf": 0.86,
        "format:xlsx": 0.92,
    },
    # Scored once at the end of round 16: 0.631 (assessment 0.773, rectification 0.682, reminder 0.763, report 0.760;
    # txt 0.579, docx 0.646, pdf 0.821, xlsx 0.507; scores F1 0.179, totals 0.462; deadlines of matched items 0.992).
    # Before round 16 (f52464d): 0.561. Round 17 tuned on it: 0.827 (assessment 0.918, rectification 0.882, reminder
    # 0.955, report 0.980; txt 0.721, docx 0.875, pdf 0.956, xlsx 0.643).
    "unseen9": {
        "all": 0.80,
        "genre:assessment": 0.89,
        "genre:rectification": 0.85,
        "genre:reminder": 0.93,
        "genre:report": 0.95,
        "format:txt": 0.70,
        "format:docx": 0.85,
        "format:pdf": 0.93,
        "format:xlsx": 0.62,
    },
    # Scored once at the end of round 18: 0.628 (assessment 0.601, rectification 0.707, reminder 0.923, report 0.763;
    # txt 0.513, docx 0.774, pdf 0.806, xlsx 0.639; scores F1 0.271, totals 0.400; deadlines of matched items 0.986).
    # Before round 18 (abec35e): the same 0.628. Round 19 tuned on it: 0.670 (assessment 0.643; txt 0.607); round 20:
    # 0.821 (assessment 0.947, rectification 0.707, reminder 0.923, report 0.956; txt 0.753, docx 0.922, pdf 0.917,
    # xlsx 0.788); round 22: 0.829 (xlsx 0.909).
    "unseen10": {
        "all": 0.80,
        "genre:assessment": 0.92,
        "genre:rectification": 0.69,
        "genre:reminder": 0.90,
        "genre:report": 0.93,
        "format:txt": 0.73,
        "format:docx": 0.90,
        "format:pdf": 0.89,
        "format:xlsx": 0.76,
    },
    # Scored once at the end of round 20: 0.675 (before round 20, 79969c8: 0.675; assessment 0.902, rectification
    # 0.333, reminder 0.710, report 0.735; txt 0.667, docx 0.718, pdf 0.760, xlsx 0.358; deadlines of matched items
    # 0.935); a tuning part in round 21, which took it to 0.682; round 22: 0.850 (rectification 1.000, xlsx 0.902).
    "unseen11": {
        "all": 0.83,
        "genre:assessment": 0.88,
        "genre:rectification": 0.97,
        "genre:reminder": 0.93,
        "genre:report": 0.95,
        "format:txt": 0.75,
        "format:docx": 0.89,
        "format:pdf": 0.91,
        "format:xlsx": 0.88,
    },
    # Scored once at the start of round 22 (before any tuning on it; the round's linear-time rewrites change no
    # prediction): 0.653 (assessment 0.853, rectification 0.563, reminder 0.881, report 0.967; txt 0.614, docx 0.931,
    # pdf 0.737, xlsx 0.556; scores F1 0.449; deadlines of matched items 0.795); round 22 tuned on it: 0.789.
    "unseen12": {
        "all": 0.77,
        "genre:assessment": 0.83,
        "genre:rectification": 0.73,
        "genre:reminder": 0.97,
        "genre:report": 0.94,
        "format:txt": 0.70,
        "format:docx": 0.90,
        "format:pdf": 0.90,
        "format:xlsx": 0.97,
    },
    # Scored once in round 23 (after its fixes of renderings read worse than their texts, tuned on earlier parts,
    # before any tuning on it): 0.658 (assessment 0.671, rectification 0.825, reminder 0.858, report 0.756; txt 0.466,
    # docx 0.828, pdf 0.769, xlsx 0.725; scores F1 0.565; deadlines of matched items 0.925); round 23 then tuned on
    # it (points printed at the start of the next line): 0.687; round 24 (a plan run on from its `附件:` line, stories'
    # genres, points counted in words one a row): 0.793.
    "unseen13": {
        "all": 0.77,
        "genre:assessment": 0.68,
        "genre:rectification": 0.87,
        "genre:reminder": 0.96,
        "genre:report": 0.94,
        "format:txt": 0.64,
        "format:docx": 0.89,
        "format:pdf": 0.89,
        "format:xlsx": 0.85,
    },
    # Scored once in round 24 (after its fixes tuned on unseen13, before any tuning on it): 0.707 (assessment 0.639,
    # rectification 0.962, reminder 0.908, report 0.735; txt 0.644, docx 0.865, pdf 0.663, xlsx 0.789; scores F1
    # 0.612; deadlines of matched items 0.971: docx, pdf, xlsx 1.000, txt 0.947); round 24 then tuned on it (a story
    # opening with its dateline): 0.764.
    "unseen14": {
        "all": 0.74,
        "genre:assessment": 0.62,
        "genre:rectification": 0.94,
        "genre:reminder": 0.89,
        "genre:report": 0.95,
        "format:txt": 0.66,
        "format:docx": 0.84,
        "format:pdf": 0.85,
        "format:xlsx": 0.77,
    },
}


def _labels(part: str) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((HELDOUT / part / "gold").glob("*.json"))]


@pytest.mark.parametrize("part", PARTS)
def test_unseen_labels_are_consistent_and_cut_from_their_texts(part: str) -> None:
    golds = _labels(part)
    docs = HELDOUT / part / "docs"
    if not golds:
        pytest.skip(f"heldout/{part}/ has no labels yet")
    texts = {g["doc"]: g for g in golds if g["doc"].endswith(".txt")}
    assert all(is_unseen(g["doc"]) for g in golds)
    assert {g["genre"] for g in texts.values()} == set(GENRES)
    for gold in golds:
        assert (docs / gold["doc"]).is_file(), gold["doc"]
        if not gold["doc"].endswith(".txt"):  # a rendering is labelled exactly as its text
            twin = texts[gold["doc"].rsplit(".", 1)[0] + ".txt"]
            assert {**gold, "doc": twin["doc"]} == twin, gold["doc"]

    def squash(text: str | None) -> str:
        return re.sub(r"\s+", "", text or "")

    for gold in texts.values():
        raw = (docs / gold["doc"]).read_text(encoding="utf-8")
        assert raw.startswith("source: "), gold["doc"]
        text = squash(raw.split("\n", 2)[2])
        pieces = [s["what"] for s in gold["stats"]] + [s["section"] for s in gold["scores"]]
        pieces += list(gold["section_totals"])
        for item in gold["items"]:
            pieces += [item[f] for f in ("category", "problem", "measures", "deadline_raw")] + item["units"]
        assert all(squash(p) in text for p in pieces if p), gold["doc"]


def score_unseen(part: str) -> tuple[dict[str, float], dict[str, tuple[int, int]]]:
    """A part's overall per group (all, genre:X, format:Y) and deadlines of matched items per format, in aggregate."""
    scorer = _scorer()
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    deadlines: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        for gold in _labels(part):
            pred = predict(HELDOUT / part / "docs" / gold["doc"], Path(tmp))
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
        print(f"{part} {name:20s} n={len(groups[name]):2d} overall {value:.3f}  ({detail})")
    if groups:
        print(f"{part} item fields over all gold items: {field_accuracy(groups['all'])}")
        print(f"{part} item fields over matched items: {field_accuracy(groups['all'], matched_only=True)}")
    for key, (right, total) in sorted(deadlines.items()):
        print(f"{part} deadlines of matched items, {key:5s} {right}/{total} = {right / total:.3f}")
    return got, {k: (v[0], v[1]) for k, v in deadlines.items()}


@pytest.mark.parametrize("part", PARTS)
def test_unseen_part_scored_in_aggregate(part: str) -> None:
    if not _labels(part):
        pytest.skip(f"heldout/{part}/ has no labels yet")
    if not FLOORS[part] and os.environ.get(SCORE_UNSEEN) != part:
        pytest.skip(f"{part} is scored once, by the merger: {SCORE_UNSEEN}={part} pytest -s {__file__} -k scored")
    got, _ = score_unseen(part)
    assert {f"genre:{genre}" for genre in GENRES} <= set(got)
    assert all(got.get(name, 0.0) >= floor for name, floor in FLOORS[part].items()), got
