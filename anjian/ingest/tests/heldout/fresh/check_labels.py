"""Check the fresh labels against SCHEMA.md with the shared checker (no extractor is run).

Run from the repository root: `python anjian/ingest/tests/heldout/fresh/check_labels.py` (needs the shared folder,
python-docx, openpyxl and pdftotext). It loads `eval/train/check_labels.py` and applies its `check` (schema shapes,
every label string cut from the text, dates and figures printed) to each label file, on the `.txt` for text
documents and on the text read back from the file (its `read_binary`) for .docx/.xlsx renderings (a PDF's
lines must each be cut from the .txt, since pdftotext interleaves wrapped table cells); checks that a rendering's label
equals its `.txt` label except `doc`; and scores every label against itself with the shared `score_doc` and formula
(1.000 each), and an empty prediction over all label files (low: only the empty parts of some documents match). One convention differs from eval/train: an item printed without a number
(one problem under a heading, 431) has `seq: null`, so the checker's "empty seq" message is not counted for it.
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
UNNUMBERED_OK = "empty seq"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cut(line: str, flat: str) -> bool:
    """A PDF line is cut from the text: one piece of it, or two side by side (cells of one table row that wrap), or
    a header word of a table made for a list that prints none (make_binaries.HEADERS)."""
    if line in flat or line in HEADERS:
        return True
    return any(line[:i] in flat and line[i:] in flat for i in range(1, len(line)))


HEADERS = {"序号", "单位名称", "存在隐患", "存在问题", "城市"}


def _zero_years(text: str) -> str:
    """A year in Chinese numerals written with the digit 0 for the zero (二00九年) as printed with "〇"."""
    return re.sub(
        r"[一二三四五六七八九〇0]{4}(?=年)",
        lambda m: m.group().replace("0", "〇") if re.search("[一二三四五六七八九]", m.group()) else m.group(),
        text,
    )


def main() -> int:
    shared = ROOT.parent / "shared" / "eval"
    checker = _load(shared / "train" / "check_labels.py", "check_labels")
    scorer = _load(shared / "score_extraction.py", "score_extraction")
    sys.path.insert(0, str(ROOT))
    from anjian.ingest.tests.train_scores import overall

    errors: list[str] = []
    golds = sorted((HERE / "gold").glob("*.json"))
    texts = {}
    empty: list[dict] = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = HERE / "docs" / gold["doc"]
        if path.name != f"{gold['doc'].removesuffix('.txt')}.json" and path.name != f"{gold['doc']}.json":
            errors.append(f"{path.name}: names {gold['doc']}")
        source = checker.read_doc(str(HERE / "docs" / f"{gold['doc'].split('.', 1)[0]}.txt"))
        if doc.suffix == ".txt":
            text = source
            texts[doc.stem] = gold
        elif doc.suffix == ".pdf":
            # pdftotext interleaves the lines of table cells that wrap side by side, so a PDF is checked as made of
            # the text's pieces (each of its lines is cut from the .txt) and its labels against the .txt
            lines = [checker.norm(line) for line in checker.read_binary(str(doc)).split("\n")]
            flat = checker.norm(source)
            errors += [
                f"{gold['doc']}: line not from the text: {line[:40]}"
                for line in lines
                if not _cut(line, flat)
            ]
            text = source
        else:
            text = checker.read_binary(str(doc))
        found: list[str] = []
        checker.check(gold, text, found, gold["doc"])
        # a date printed with "○" (U+25CB) for the zero, as 438's 二○一二年四月五日, or with the digit 0 inside a year
        # in Chinese numerals, as unseen2 612's 二00九年三月二十五日, is read as "〇"
        if gold.get("issued") and any("issued date" in e for e in found):
            found = [e for e in found if "issued date" not in e]
            checker.check(
                {**gold, "items": [], "scores": [], "stats": [], "section_totals": {}},
                _zero_years(text.replace("○", "〇")),
                found,
                gold["doc"],
            )
        errors += [e for e in found if not (e.endswith(UNNUMBERED_OK) and " item None" in e)]
        value, _ = overall([scorer.score_doc(gold, gold)], scorer)
        if abs(value - 1.0) > 1e-9:
            errors.append(f"{gold['doc']}: scores {value:.3f} against itself")
        empty.append(scorer.score_doc(gold, {}))
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold["doc"].endswith(".txt"):
            twin = texts[gold["doc"].rsplit(".", 1)[0]]
            if {**gold, "doc": twin["doc"]} != twin:
                errors.append(f"{gold['doc']}: label differs from its text's")
    value, parts = overall(empty, scorer)
    if value > 0.5:
        errors.append(f"an empty prediction scores {value:.3f}")
    for error in errors:
        print(error)
    print(f"empty prediction over all label files: overall {value:.3f} {parts}")
    print(
        f"{len(golds)} label files, {len(texts)} documents: {'OK' if not errors else f'{len(errors)} problems'}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
