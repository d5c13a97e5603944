#!/usr/bin/env python3
"""The deadline sub-score of `anjian extract` on the tuning parts: deadlines of matched items, per format.

    PYTHONPATH=$PWD python scripts/score_deadlines.py        # eval/train tuning part and heldout/ tuning part
    PYTHONPATH=$PWD python scripts/score_deadlines.py -v     # each wrong deadline: gold raw/value, extracted

Items are matched as the shared scorer matches them (`greedy_match` on `item_sim`, threshold 0.5) and a
deadline counts with its `field_ok`. Only tuning documents are read: eval/train numbers that `split.is_held_out`
keeps out and heldout/ numbers that `split.is_heldout_untouched` keeps out are skipped before they are opened.
Issue 18's goal is 0.95 on unseen documents in every format.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from anjian.ingest.tests.split import doc_format, is_held_out, is_heldout_untouched
    from anjian.ingest.tests.train_scores import load_scorer, predict

    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", type=Path, default=Path("/work/shared/eval"), help="the shared eval folder")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    scorer = load_scorer(args.eval)
    heldout = root / "anjian" / "ingest" / "tests" / "heldout"
    parts = {
        "train": (args.eval / "train", lambda name: not is_held_out(name)),
        "heldout": (heldout, lambda name: not is_heldout_untouched(name)),
    }
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        for part, (folder, tuning) in parts.items():
            for gold_path in sorted((folder / "gold").glob("*.json")):
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                if not tuning(gold["doc"]):
                    continue
                pred = predict(folder / "docs" / gold["doc"], Path(tmp))
                g_items, p_items = gold.get("items") or [], pred.get("items") or []
                for i, j in scorer.greedy_match(g_items, p_items, scorer.item_sim, 0.5):
                    ok = scorer.field_ok("deadline", g_items[i], p_items[j]) == 1.0
                    for key in (part, f"{part} {doc_format(gold['doc'])}"):
                        counts[key][0] += ok
                        counts[key][1] += 1
                    if args.verbose and not ok:
                        got = (p_items[j].get("deadline_raw"), p_items[j].get("deadline"))
                        want = (g_items[i].get("deadline_raw"), g_items[i].get("deadline"))
                        print(f"{gold['doc'][:40]:40s} {g_items[i].get('seq')}: gold {want} extracted {got}")
    for key in sorted(counts):
        right, total = counts[key]
        print(f"deadlines of matched items, {key:14s} {right:4d}/{total:<4d} = {right / total:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
