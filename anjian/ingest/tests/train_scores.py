"""Scores of `anjian extract` on the shared training corpus (eval/train), per genre and per format.

Used by `scripts/score_train.py` (printing) and `test_train_split.py` (floors on the tuning part).
Extraction runs in process, the same code as `anjian extract FILE --json`; scoring is the shared
scorer's `score_doc` and its overall formula. The split is `split.py`.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from anjian.ingest.extract import extract_file, to_schema_json
from anjian.ingest.tests.split import doc_format, is_held_out

FIELDS = ("seq", "category", "problem", "measures", "deadline", "units")


def load_scorer(eval_dir: Path) -> Any:
    """The shared scorer module (score_extraction.py) of an eval folder."""
    spec = importlib.util.spec_from_file_location("score_extraction", eval_dir / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(doc: Path, tmp: Path) -> dict[str, Any]:
    """The schema JSON for one training document (a .txt loses its `source:` line, as in the scorer)."""
    if doc.suffix == ".txt":
        text = doc.read_text(encoding="utf-8")
        if text.startswith("source: "):
            text = text.split("\n", 2)[2] if text.count("\n") >= 2 else ""
        copy = tmp / doc.name
        copy.write_text(text, encoding="utf-8")
        doc = copy
    try:
        return to_schema_json(extract_file(doc))
    except Exception:  # a failed run scores zero, as in the shared scorer
        return {}


def overall(scored: list[dict[str, Any]], scorer: Any) -> tuple[float, dict[str, float]]:
    """The shared scorer's overall figure over a group of scored documents, and its parts."""
    totals = {k: [0.0, 0, 0] for k in ("items", "scores", "totals", "stats")}
    field_sum = dict.fromkeys(FIELDS, 0.0)
    n_items = 0
    for s in scored:
        for k, acc in totals.items():
            for i in range(3):
                acc[i] += s[k][i]
        fields, n = s["fields"]
        n_items += n
        for f in FIELDS:
            field_sum[f] += fields[f]
    parts = {k: scorer.f1(tp, int(p), int(g)) for k, (tp, p, g) in totals.items()}
    parts["fields"] = sum((field_sum[f] / n_items if n_items else 1.0) for f in FIELDS) / len(FIELDS)
    parts["genre"] = sum(s["genre"] for s in scored) / len(scored)
    value = sum(parts[k] for k in ("items", "fields", "scores", "totals", "stats", "genre")) / 6
    return value, parts


def score_split(
    eval_dir: Path, *, held_out: bool
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, dict[str, Any], dict[str, Any]]], Any]:
    """Scored documents of one part grouped as all / genre:X / format:Y, the per-document results, the scorer."""
    scorer = load_scorer(eval_dir)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    docs: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for gold_path in sorted((eval_dir / "train" / "gold").glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if is_held_out(gold["doc"]) != held_out:
                continue
            pred = predict(eval_dir / "train" / "docs" / gold["doc"], Path(tmp))
            s = scorer.score_doc(gold, pred)
            groups["all"].append(s)
            groups[f"genre:{gold['genre']}"].append(s)
            groups[f"format:{doc_format(gold['doc'])}"].append(s)
            docs.append((gold["doc"], pred, s))
    return groups, docs, scorer
