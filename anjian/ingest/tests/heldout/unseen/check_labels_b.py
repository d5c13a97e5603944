"""Check helper U2's unseen labels (521-540) with the shared checker (no extractor is run).

Run from the repository root: `python anjian/ingest/tests/heldout/unseen/check_labels_b.py` (needs the shared folder,
python-docx, openpyxl and pdftotext). It reuses `../fresh/check_labels.py` (loaded with importlib, as that script loads
the shared `eval/train/check_labels.py`): the shared `check` on each label file (schema shapes, every label string cut
from the text, dates and figures printed), on the `.txt` for text documents, on the text read back for .docx/.xlsx
renderings and, for a PDF, each of its lines cut from the `.txt`; a rendering's label must equal its `.txt` label except
`doc`; every label scores 1.000 against itself with the shared `score_doc` and overall formula. Only files numbered
521-540 are checked (helper U1's 501-520 in the same folder have their own check).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[4]
MINE = re.compile(r"^5(2[1-9]|3\d|40)_")
UNNUMBERED_OK = "empty seq"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FRESH = _load(HERE.parent / "fresh" / "check_labels.py", "fresh_check_labels")


def main() -> int:
    shared = ROOT.parent / "shared" / "eval"
    checker = _load(shared / "train" / "check_labels.py", "check_labels")
    scorer = _load(shared / "score_extraction.py", "score_extraction")
    sys.path.insert(0, str(ROOT))
    from anjian.ingest.tests.train_scores import overall

    errors: list[str] = []
    golds = sorted(p for p in (HERE / "gold").glob("*.json") if MINE.match(p.name))
    texts: dict[str, dict] = {}
    empty: list[dict] = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = HERE / "docs" / gold["doc"]
        if path.name not in (f"{gold['doc'].removesuffix('.txt')}.json", f"{gold['doc']}.json"):
            errors.append(f"{path.name}: names {gold['doc']}")
        if not doc.exists():
            errors.append(f"{path.name}: no document {gold['doc']}")
            continue
        source = checker.read_doc(str(HERE / "docs" / f"{gold['doc'].split('.', 1)[0]}.txt"))
        if doc.suffix == ".txt":
            text = source
            texts[doc.stem] = gold
        elif doc.suffix == ".pdf":
            flat = checker.norm(source)
            lines = [checker.norm(line) for line in checker.read_binary(str(doc)).split("\n")]
            errors += [
                f"{gold['doc']}: line not from the text: {line[:40]}"
                for line in lines
                if not FRESH._cut(line, flat)
            ]
            text = source
        else:
            text = checker.read_binary(str(doc))
        found: list[str] = []
        checker.check(gold, text, found, gold["doc"])
        errors += [e for e in found if not (e.endswith(UNNUMBERED_OK) and " item None" in e)]
        value, _ = overall([scorer.score_doc(gold, gold)], scorer)
        if abs(value - 1.0) > 1e-9:
            errors.append(f"{gold['doc']}: scores {value:.3f} against itself")
        empty.append(scorer.score_doc(gold, {}))
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold["doc"].endswith(".txt"):
            twin = texts.get(gold["doc"].rsplit(".", 1)[0])
            if twin is None or {**gold, "doc": twin["doc"]} != twin:
                errors.append(f"{gold['doc']}: label differs from its text's")
    value, parts = overall(empty, scorer)
    for error in errors:
        print(error)
    print(f"empty prediction over these label files: overall {value:.3f} {parts}")
    print(
        f"{len(golds)} label files, {len(texts)} documents: {'OK' if not errors else f'{len(errors)} problems'}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
