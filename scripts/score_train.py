#!/usr/bin/env python3
"""Score `anjian extract` on the shared training corpus, per genre and per format.

    PYTHONPATH=$PWD python scripts/score_train.py            # the tuning part (default)
    PYTHONPATH=$PWD python scripts/score_train.py --held-out # the held-out part (once, at the end)
    PYTHONPATH=$PWD python scripts/score_train.py -v         # per-document lines too

The split is anjian/ingest/tests/split.py; the scoring is anjian/ingest/tests/train_scores.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from anjian.ingest.tests.train_scores import overall, score_split

    ap = argparse.ArgumentParser()
    ap.add_argument("--held-out", action="store_true", help="score the held-out third instead")
    ap.add_argument("--eval", type=Path, default=Path("/work/shared/eval"), help="the shared eval folder")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    groups, docs, scorer = score_split(args.eval, held_out=args.held_out)
    if args.verbose:
        for name, pred, s in docs:
            value, parts = overall([s], scorer)
            it = s["items"]
            print(
                f"{name[:60]:60s} {value:.3f}  items {it[0]}/{it[2]} ({it[1]} pred) fields {parts['fields']:.2f} "
                f"scores {s['scores'][0]}/{s['scores'][2]} totals {s['totals'][0]}/{s['totals'][2]} "
                f"stats {s['stats'][0]}/{s['stats'][2]} genre {'ok' if s['genre'] else pred.get('genre')}"
            )
    for group in sorted(groups, key=lambda n: (n != "all", n)):
        value, parts = overall(groups[group], scorer)
        detail = " ".join(f"{k} {v:.3f}" for k, v in parts.items())
        print(f"{group:22s} n={len(groups[group]):2d} overall {value:.3f}  ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
