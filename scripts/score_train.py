#!/usr/bin/env python3
"""Score `anjian extract` on the shared training corpus, per genre and per format.

    PYTHONPATH=$PWD python scripts/score_train.py            # the tuning part (default)
    PYTHONPATH=$PWD python scripts/score_train.py --held-out # the held-out part (once, at the end)
    PYTHONPATH=$PWD python scripts/score_train.py -v         # per-document lines too

Extraction runs in process (the same code as `anjian extract FILE --json`); scoring uses the shared
scorer's `score_doc` and its overall formula. The split is anjian/ingest/tests/split.py.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

SHARED = Path("/work/shared/eval")
FIELDS = ("seq", "category", "problem", "measures", "deadline", "units")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "score_extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(doc: Path, tmp: Path) -> dict[str, Any]:
    from anjian.ingest.extract import extract_file, to_schema_json

    if doc.suffix == ".txt":
        text = doc.read_text(encoding="utf-8")
        if text.startswith("source: "):
            text = text.split("\n", 2)[2] if text.count("\n") >= 2 else ""
        copy = tmp / doc.name
        copy.write_text(text, encoding="utf-8")
        doc = copy
    try:
        return to_schema_json(extract_file(doc))
    except Exception as exc:  # a failed run scores zero, as in the shared scorer
        print(f"{doc.name}: extractor failed: {exc!r}")
        return {}


def overall(scored: list[dict[str, Any]], sc: Any) -> tuple[float, dict[str, float]]:
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
    parts = {k: sc.f1(tp, int(p), int(g)) for k, (tp, p, g) in totals.items()}
    field_mean = sum((field_sum[f] / n_items if n_items else 1.0) for f in FIELDS) / len(FIELDS)
    genre = sum(s["genre"] for s in scored) / len(scored)
    parts["fields"] = field_mean
    parts["genre"] = genre
    value = (parts["items"] + field_mean + parts["scores"] + parts["totals"] + parts["stats"] + genre) / 6
    return value, parts


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from anjian.ingest.tests.split import doc_format, is_held_out

    ap = argparse.ArgumentParser()
    ap.add_argument("--held-out", action="store_true", help="score the held-out third instead")
    ap.add_argument("--gold", type=Path, default=SHARED / "train" / "gold")
    ap.add_argument("--docs", type=Path, default=SHARED / "train" / "docs")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    sc = _scorer()
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for gold_path in sorted(args.gold.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if is_held_out(gold["doc"]) != args.held_out:
                continue
            pred = _predict(args.docs / gold["doc"], Path(tmp))
            s = sc.score_doc(gold, pred)
            groups["all"].append(s)
            groups[f"genre:{gold['genre']}"].append(s)
            groups[f"format:{doc_format(gold['doc'])}"].append(s)
            if args.verbose:
                value, parts = overall([s], sc)
                it = s["items"]
                print(
                    f"{gold['doc'][:60]:60s} {value:.3f}  items {it[0]}/{it[2]} ({it[1]} pred) "
                    f"fields {parts['fields']:.2f} scores {s['scores'][0]}/{s['scores'][2]} "
                    f"stats {s['stats'][0]}/{s['stats'][2]} genre {'ok' if s['genre'] else pred.get('genre')}"
                )
    for name in sorted(groups, key=lambda n: (n != "all", n)):
        value, parts = overall(groups[name], sc)
        detail = " ".join(f"{k} {v:.3f}" for k, v in parts.items())
        print(f"{name:22s} n={len(groups[name]):2d} overall {value:.3f}  ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
