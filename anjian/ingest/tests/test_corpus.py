"""The hand-labelled corpus in `corpus/`: documents of the seed genres written in other wordings.

Each `NNN_name.txt` has a `NNN_name.json` gold label in the format of eval/gold-seeds, labelled by
eval/SCHEMA.md. They are scored with the shared scorer's `score_doc` when the shared folder is
present, else with the small copy below, so the corpus guards generalisation on any checkout.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from anjian.ingest.extract import extract_text, to_schema_json
from anjian.ingest.tests.conftest import shared_dir

CORPUS = Path(__file__).parent / "corpus"
GOLDS = sorted(CORPUS.glob("*.json"))
FIELDS = ("seq", "category", "problem", "measures", "deadline", "units")
_FULL = str.maketrans("（）【】：，；。！？“”‘’、～", "()[]:,;.!?\"\"''、~")


def _norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_FULL)
    return re.sub(r"\s+", "", re.sub(r"</?p>", "", text)).lower()


def _norm_seq(seq: str | None) -> str:
    return re.sub(r"[()\[\]、.,:\s]", "", _norm(seq))


def _dice(a: str | None, b: str | None) -> float:
    a, b = _norm(a), _norm(b)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    grams_a = [a[i : i + 2] for i in range(max(1, len(a) - 1))]
    pool: dict[str, int] = {}
    for gram in (b[i : i + 2] for i in range(max(1, len(b) - 1))):
        pool[gram] = pool.get(gram, 0) + 1
    common = 0
    for gram in grams_a:
        if pool.get(gram, 0) > 0:
            pool[gram] -= 1
            common += 1
    return 2 * common / (len(grams_a) + max(1, len(b) - 1))


def _f1(tp: float, n_pred: int, n_gold: int) -> float:
    if n_pred == 0 and n_gold == 0:
        return 1.0
    p, r = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def _match(
    gold: list[Any], pred: list[Any], sim: Callable[[Any, Any], float], floor: float
) -> list[tuple[int, int]]:
    pairs = sorted(((sim(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, i, j in pairs:
        if s >= floor and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _field_ok(name: str, g: dict[str, Any], p: dict[str, Any]) -> float:
    if name == "seq":
        return float(_norm_seq(g["seq"]) == _norm_seq(p["seq"]))
    if name == "category":
        return float(_dice(g["category"], p["category"]) >= 0.8)
    if name in ("problem", "measures"):
        return float(_dice(g[name], p[name]) >= 0.9)
    if name == "deadline":
        return float((g["deadline"] or None) == (p["deadline"] or None))
    gs, ps = {_norm(u) for u in g["units"]}, {_norm(u) for u in p["units"]}
    return _f1(len(gs & ps), len(ps), len(gs))


def _local_score_doc(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    """The shared scorer's `score_doc`, reduced to what `overall` uses."""

    def text(item: dict[str, Any]) -> str:
        return (item.get("problem") or "") + (item.get("measures") or "")

    def item_sim(g: dict[str, Any], p: dict[str, Any]) -> float:
        same = bool(_norm_seq(g["seq"])) and _norm_seq(g["seq"]) == _norm_seq(p["seq"])
        return _dice(text(g), text(p)) + (0.1 if same else 0.0)

    out: dict[str, Any] = {}
    g_items, p_items = gold["items"], pred["items"]
    pairs = _match(g_items, p_items, item_sim, 0.5)
    out["items"] = (len(pairs), len(p_items), len(g_items))
    fields = {f: sum(_field_ok(f, g_items[i], p_items[j]) for i, j in pairs) for f in FIELDS}
    out["fields"] = (fields, len(g_items))
    g_sc, p_sc = gold["scores"], pred["scores"]

    def sc_sim(g: dict[str, Any], p: dict[str, Any]) -> float:
        head = _dice(g["text_head"], (p["text_head"] or "")[: len(g["text_head"] or "")])
        return head + (0.3 if _norm_seq(g["seq"]) == _norm_seq(p["seq"]) else 0.0)

    sc_pairs = _match(g_sc, p_sc, sc_sim, 0.6)
    ok = sum(
        1 for i, j in sc_pairs if (g_sc[i]["points"], g_sc[i]["kind"]) == (p_sc[j]["points"], p_sc[j]["kind"])
    )
    out["scores"] = (ok, len(p_sc), len(g_sc))
    g_tot, p_tot = list(gold["section_totals"].items()), list(pred["section_totals"].items())
    tot_pairs = _match(g_tot, p_tot, lambda g, p: _dice(g[0], p[0]), 0.8)
    out["totals"] = (sum(1 for i, j in tot_pairs if g_tot[i][1] == p_tot[j][1]), len(p_tot), len(g_tot))

    def st_sim(g: dict[str, Any], p: dict[str, Any]) -> float:
        same = float(g["value"]) == float(p["value"]) and _norm(g["unit"]) == _norm(p["unit"])
        return _dice(g["what"], p["what"]) + 1.0 if same else 0.0

    out["stats"] = (
        len(_match(gold["stats"], pred["stats"], st_sim, 1.3)),
        len(pred["stats"]),
        len(gold["stats"]),
    )
    out["genre"] = float(gold["genre"] == pred["genre"])
    return out


def _score_doc() -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    shared = shared_dir()
    if shared is None:
        return _local_score_doc
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "eval" / "score_extraction.py")
    if spec is None or spec.loader is None:
        return _local_score_doc
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_extraction", module)
    spec.loader.exec_module(module)
    return getattr(module, "score_doc", _local_score_doc)


def _scored() -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    score_doc = _score_doc()
    out = []
    for path in GOLDS:
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred = to_schema_json(extract_text((CORPUS / gold["doc"]).read_text(encoding="utf-8")))
        out.append((gold, pred, score_doc(gold, pred)))
    return out


def test_corpus_has_documents_of_every_genre() -> None:
    genres = [json.loads(p.read_text(encoding="utf-8"))["genre"] for p in GOLDS]
    assert len(genres) >= 12
    assert set(genres) == {"rectification", "reminder", "assessment", "report"}
    assert all((CORPUS / json.loads(p.read_text(encoding="utf-8"))["doc"]).is_file() for p in GOLDS)


def _overall(results: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]) -> tuple[float, Any, Any]:
    parts: dict[str, list[float]] = {k: [0.0, 0, 0] for k in ("items", "scores", "totals", "stats")}
    fields = dict.fromkeys(FIELDS, 0.0)
    gold_items = 0
    genre_ok = 0.0
    for _, _, scored in results:
        for key, acc in parts.items():
            for n in range(3):
                acc[n] += scored[key][n]
        got, count = scored["fields"]
        gold_items += count
        for name in fields:
            fields[name] += got[name]
        genre_ok += scored["genre"]
    f1 = {k: _f1(tp, int(p), int(g)) for k, (tp, p, g) in parts.items()}
    field_mean = sum(v / gold_items for v in fields.values()) / len(fields)
    overall = (
        f1["items"] + field_mean + f1["scores"] + f1["totals"] + f1["stats"] + genre_ok / len(results)
    ) / 6
    return overall, f1, {k: v / gold_items for k, v in fields.items()}


def test_corpus_overall_is_at_least_090() -> None:
    overall, f1, fields = _overall(_scored())
    assert overall >= 0.9, (overall, f1, fields)


def test_first_corpus_documents_stay_at_their_measured_level() -> None:
    # 101–133 were written while the parsers were built: 0.990 on 2026-12-06 (round 2), less a margin.
    # Documents added later (134 on) are unseen by the parsers and only held to the 0.9 floor above.
    first = [r for r in _scored() if 101 <= int(r[0]["doc"][:3]) <= 133]
    overall, f1, fields = _overall(first)
    assert len(first) == 33 and overall >= 0.97, (overall, f1, fields)


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.stem[:3])
def test_corpus_document_is_sane(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred = to_schema_json(extract_text((CORPUS / gold["doc"]).read_text(encoding="utf-8")))
    scored = _score_doc()(gold, pred)
    assert pred["genre"] == gold["genre"]
    assert pred["issued"] == gold["issued"]
    matched, n_pred, n_gold = scored["items"]
    assert _f1(matched, n_pred, n_gold) >= 0.8
    # Arrays a genre does not have stay empty: no stray items in a report, no stats in a plan.
    for key in ("items", "scores", "stats"):
        assert bool(pred[key]) == bool(gold[key]), key


@pytest.mark.parametrize(
    "text", ["", "\n\n", "关于开展安全生产大检查的通知", "附件", "一、", "1.", "\t\t\n\t"]
)
def test_degenerate_texts_do_not_crash(text: str) -> None:
    result = to_schema_json(extract_text(text))
    assert result["genre"] in ("rectification", "reminder", "assessment", "report")


def test_a_long_document_is_fast() -> None:
    # About 200 pages: every corpus text repeated; 50 pages must take well under a second.
    texts = [
        (CORPUS / json.loads(p.read_text(encoding="utf-8"))["doc"]).read_text(encoding="utf-8") for p in GOLDS
    ]
    page = "\n".join(texts)
    fifty = "\n".join([page] * max(1, 50 * 1500 // len(page)))
    started = time.perf_counter()
    extract_text(fifty)
    assert time.perf_counter() - started < 1.0
    extract_text(fifty * 4)
