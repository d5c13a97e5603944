"""Format invariance: the same document as .txt, .docx, .xlsx and text .pdf gives the same extraction.

Every document of the labelled corpus (`corpus/*.txt`) is written out as a Word file whose paragraphs
carry the 公文 first-line indent, as a Word file with flush-left paragraphs whose text is split across
runs, as an Excel sheet, and (with LibreOffice) as a PDF printed from the Word file; the training corpus
(eval/train) ships real .docx/.xlsx/.pdf renderings of some documents, compared with their .txt (only
the tuning part: held-out documents are scored once, never inspected).

Tolerance: the same genre; the same number of items in the same order; per item the same `seq` after
the scorer's normalisation (brackets, punctuation, blanks), `problem` and `measures` each at least 0.9
similar (character bigrams, the scorer's field threshold; PDF text may space out digits), `category` at
least 0.8, `deadline` equal, `units` equal as sets; the same scores (seq, section, points, kind) and
section totals (names compared without blanks).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest

from anjian.ingest.extract import extract_file, extract_text, to_schema_json
from anjian.ingest.tests.documents import docx_from_text, text_blocks, xlsx_from_text
from anjian.ingest.tests.split import is_held_out
from anjian.ingest.tests.test_corpus import _dice, _norm, _norm_seq

CORPUS = Path(__file__).parent / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))


def _differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """What differs beyond the stated tolerance, as readable lines (empty when the extractions agree)."""
    out = []
    if expected["genre"] != got["genre"]:
        out.append(f"genre {expected['genre']} != {got['genre']}")
    if len(expected["items"]) != len(got["items"]):
        out.append(f"{len(expected['items'])} items != {len(got['items'])}")
    for n, (a, b) in enumerate(zip(expected["items"], got["items"], strict=False)):
        if _norm_seq(a["seq"]) != _norm_seq(b["seq"]):
            out.append(f"item {n}: seq {a['seq']} != {b['seq']}")
        for name in ("problem", "measures"):
            if _dice(a[name], b[name]) < 0.9:
                out.append(f"item {n}: {name} {a[name]!r} != {b[name]!r}")
        if (a["category"] or b["category"]) and _dice(a["category"], b["category"]) < 0.8:
            out.append(f"item {n}: category {a['category']!r} != {b['category']!r}")
        if a["deadline"] != b["deadline"]:
            out.append(f"item {n}: deadline {a['deadline']} != {b['deadline']}")
        if {_norm(u) for u in a["units"]} != {_norm(u) for u in b["units"]}:
            out.append(f"item {n}: units {a['units']} != {b['units']}")

    def scores(d: dict[str, Any]) -> list[tuple[str, str, Any, str]]:
        return [(_norm_seq(s["seq"]), _norm(s["section"]), s["points"], s["kind"]) for s in d["scores"]]

    if scores(expected) != scores(got):
        out.append(f"scores {scores(expected)} != {scores(got)}")
    totals = [{_norm(k): v for k, v in d["section_totals"].items()} for d in (expected, got)]
    if totals[0] != totals[1]:
        out.append(f"totals {totals[0]} != {totals[1]}")
    return out


def _flush_split_docx(text: str, path: Path) -> Path:
    """A Word file without first-line indents whose paragraph text is split into runs of 7 characters."""
    document = docx.Document()
    for block in text_blocks(text):
        if isinstance(block, str):
            paragraph = document.add_paragraph()
            for start in range(0, len(block), 7):
                paragraph.add_run(block[start : start + 7])
            continue
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block):
            for c in range(width):
                table.cell(r, c).text = row[c] if c < len(row) else ""
    document.save(str(path))
    return path


@pytest.mark.parametrize("source", TEXTS, ids=lambda p: p.stem[:3])
def test_word_and_excel_renderings_extract_like_the_text(source: Path, tmp_path: Path) -> None:
    text = source.read_text(encoding="utf-8")
    expected = to_schema_json(extract_text(text))
    renderings = {
        "docx": docx_from_text(text, tmp_path / "indented.docx"),
        "docx flush, split runs": _flush_split_docx(text, tmp_path / "flush.docx"),
        "xlsx": xlsx_from_text(text, tmp_path / "sheet.xlsx"),
    }
    for name, path in renderings.items():
        assert _differences(expected, to_schema_json(extract_file(path))) == [], name


def test_pdf_renderings_extract_like_the_text(tmp_path: Path, libreoffice: str) -> None:
    sources = [docx_from_text(p.read_text(encoding="utf-8"), tmp_path / f"{p.stem}.docx") for p in TEXTS]
    sources += [
        _flush_split_docx(p.read_text(encoding="utf-8"), tmp_path / f"{p.stem}.flush.docx") for p in TEXTS
    ]
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    failures = {}
    for source in TEXTS:
        expected = to_schema_json(extract_text(source.read_text(encoding="utf-8")))
        for pdf in (tmp_path / f"{source.stem}.pdf", tmp_path / f"{source.stem}.flush.pdf"):
            found = _differences(expected, to_schema_json(extract_file(pdf)))
            if found:
                failures[pdf.name] = found
    assert failures == {}


def test_training_documents_in_several_formats_extract_alike(shared: Path) -> None:
    docs = shared / "eval" / "train" / "docs"
    compared = 0
    for text_path in sorted(docs.glob("*.txt")):
        if is_held_out(text_path.name):
            continue
        binaries = [p for p in docs.glob(f"{text_path.stem}.*") if p.suffix in (".docx", ".xlsx", ".pdf")]
        if not binaries:
            continue
        text = text_path.read_text(encoding="utf-8")
        text = text.split("\n", 2)[2] if text.startswith("source: ") else text
        expected = to_schema_json(extract_text(text))
        for binary in binaries:
            assert _differences(expected, to_schema_json(extract_file(binary))) == [], binary.name
            compared += 1
    assert compared >= 4  # 201 (.docx/.xlsx/.pdf), 206 (.pdf), 209 (.docx/.xlsx) at the time of writing


def test_the_comparison_notices_a_different_deadline_and_a_missing_item() -> None:
    base = to_schema_json(extract_text("整改方案\n一、消防通道堵塞。2024年5月31日前完成清理。\n二、灭火器过期。\n"))
    later = to_schema_json(extract_text("整改方案\n一、消防通道堵塞。2024年6月30日前完成清理。\n二、灭火器过期。\n"))
    assert any("deadline" in line for line in _differences(base, later))
    shorter = dict(base, items=base["items"][:1])
    assert _differences(base, shorter) == ["2 items != 1"]
