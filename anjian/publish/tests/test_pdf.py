"""PDF output through LibreOffice: the GB/T 9704 grid survives conversion (measured with pdfplumber)."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
import pytest

from anjian.publish import gbt9704
from anjian.publish.gbt9704 import Masthead, Paragraph, build_official_document
from anjian.publish.pdf import PdfConversionError, PdfUnavailable, docx_to_pdf, find_soffice
from anjian.publish.tests.samples import sample_notice

PT_PER_MM = 72 / 25.4
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
TYPE_TOP = gbt9704.MARGIN_TOP_MM
TYPE_BOTTOM = gbt9704.PAGE_HEIGHT_MM - gbt9704.MARGIN_BOTTOM_MM
TYPE_LEFT = gbt9704.MARGIN_LEFT_MM
TYPE_RIGHT = gbt9704.PAGE_WIDTH_MM - gbt9704.MARGIN_RIGHT_MM


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _require(tool: str | None, name: str) -> None:
    """Skip locally when a tool is missing, but fail in CI where it must be installed."""
    if tool is None:
        message = f"{name} is not installed"
        if _in_ci():
            pytest.fail(message + " (required in CI)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def notice_pdf() -> bytes:
    _require(find_soffice(), "LibreOffice (soffice)")
    return docx_to_pdf(build_official_document(sample_notice()))


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    _require(find_soffice(), "LibreOffice (soffice)")
    return docx_to_pdf(build_official_document(sample_notice(Masthead.LETTER)))


def _lines(page: pdfplumber.page.Page) -> list[list[dict]]:
    """Group the page's characters into text lines, top to bottom, each sorted left to right."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for char in page.chars:
        if char["text"].strip():
            rows[round(char["top"])].append(char)
    return [sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)]


def _mm(value: float) -> float:
    return value / PT_PER_MM


def _body_lines(page: pdfplumber.page.Page) -> list[list[dict]]:
    return [line for line in _lines(page) if _mm(line[0]["bottom"]) <= TYPE_BOTTOM]


def _footer(page: pdfplumber.page.Page) -> list[dict]:
    return [c for line in _lines(page) if _mm(line[0]["top"]) > TYPE_BOTTOM for c in line]


def test_full_page_has_22_lines_of_28_characters(notice_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(notice_pdf)) as pdf:
        lines = _body_lines(pdf.pages[1])  # page 2 is body text only
    assert len(lines) == 22
    full = [
        line for line in lines if _mm(line[0]["x0"]) < TYPE_LEFT + 1 and _mm(line[-1]["x1"]) > TYPE_RIGHT - 3
    ]
    assert len(full) >= 10
    assert {len(line) for line in full} <= {27, 28}


def test_body_uses_the_aliased_serif_font(notice_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(notice_pdf)) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[1].chars if c["text"].strip()}
    # 仿宋_GB2312 → Noto Serif SC (scripts/install-fonts.sh), not a face of the JP-named CJK collection.
    assert fonts == {"NotoSerifSC-Regular"}, fonts


def test_page_numbers_sit_7mm_below_the_type_area_odd_right_even_left(notice_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(notice_pdf)) as pdf:
        odd, even = _footer(pdf.pages[0]), _footer(pdf.pages[1])
    assert "".join(c["text"] for c in odd) == "—1—"
    assert "".join(c["text"] for c in even) == "—2—"
    assert _mm(min(c["top"] for c in odd)) == pytest.approx(TYPE_BOTTOM + gbt9704.PAGE_NUMBER_GAP_MM, abs=1)
    assert _mm(max(c["x1"] for c in odd)) > TYPE_RIGHT - 10
    assert _mm(min(c["x0"] for c in even)) < TYPE_LEFT + 10


def test_red_header_geometry(notice_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(notice_pdf)) as pdf:
        page = pdf.pages[0]
        lines = _lines(page)
        red_rules = [edge for edge in page.lines if edge["stroking_color"] == (1.0, 0.2, 0.2)]
    mark, number = lines[0], lines[1]
    assert "".join(c["text"] for c in mark) == "开封市龙亭区安全生产委员会文件"
    assert _mm(mark[0]["top"]) == pytest.approx(TYPE_TOP + gbt9704.ISSUER_MARK_OFFSET_MM, abs=1)
    assert _mm(mark[0]["x0"]) >= TYPE_LEFT - 1 and _mm(mark[-1]["x1"]) <= TYPE_RIGHT + 1
    assert "".join(c["text"] for c in number) == "龙安生委〔2022〕14号"
    assert red_rules, "no red rule drawn"
    rule = red_rules[0]
    assert _mm(rule["top"] - number[0]["bottom"]) == pytest.approx(gbt9704.RED_RULE_GAP_MM, abs=1)
    assert _mm(rule["x1"] - rule["x0"]) == pytest.approx(gbt9704.TYPE_AREA_WIDTH_MM, abs=1)


def test_imprint_ends_at_the_bottom_of_the_last_page(notice_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(notice_pdf)) as pdf:
        last = pdf.pages[-1]
        imprint = [line for line in _body_lines(last) if "印发" in "".join(c["text"] for c in line)]
        lowest_rule = max(edge["bottom"] for edge in last.lines)
    assert imprint, "no 印发 line on the last page"
    assert _mm(lowest_rule) == pytest.approx(TYPE_BOTTOM, abs=3)


@pytest.mark.parametrize("extra_lines", [0, 3])
def test_imprint_never_overlaps_the_body(extra_lines: int) -> None:
    # Three more lines leave no room above the 版记, which must then move to a page of its own.
    _require(find_soffice(), "LibreOffice (soffice)")
    base = sample_notice()
    appendix = base.appendices[0]
    body = appendix.body + tuple(Paragraph("安全生产责任重于泰山。") for _ in range(extra_lines))
    spec = dataclasses.replace(base, appendices=(dataclasses.replace(appendix, body=body),))
    with pdfplumber.open(io.BytesIO(docx_to_pdf(build_official_document(spec)))) as pdf:
        last = pdf.pages[-1]
        rule_top = min(edge["top"] for edge in last.lines)
        text_above = [c for c in last.chars if c["top"] < rule_top and c["text"].strip()]
        assert not [c for c in last.chars if c["top"] < rule_top < c["bottom"]]
    if text_above:
        assert max(c["bottom"] for c in text_above) < rule_top


def test_letter_has_double_rules_and_no_number_on_page_1(letter_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(letter_pdf)) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        rules = sorted(_mm(edge["top"]) for edge in first.lines if edge["stroking_color"] == (1.0, 0.2, 0.2))
        mark = _lines(first)[0]
        assert not _footer(first) or "—" not in "".join(c["text"] for c in _footer(first))
        assert "".join(c["text"] for c in _footer(second)) == "—2—"
    assert _mm(mark[0]["top"]) == pytest.approx(gbt9704.LETTER_MARK_TOP_MM, abs=1)
    top_pair, bottom_pair = rules[:2], rules[-2:]
    assert top_pair[0] - _mm(mark[0]["bottom"]) == pytest.approx(gbt9704.RED_RULE_GAP_MM, abs=1)
    assert gbt9704.PAGE_HEIGHT_MM - sum(bottom_pair) / 2 == pytest.approx(
        gbt9704.LETTER_BOTTOM_RULE_MM, abs=1
    )


def test_page_one_renders_to_png_for_a_human_look(notice_pdf: bytes, letter_pdf: bytes) -> None:
    pdftoppm = shutil.which("pdftoppm")
    _require(pdftoppm, "pdftoppm (poppler-utils)")
    assert pdftoppm is not None
    ARTIFACTS.mkdir(exist_ok=True)
    for name, pdf in (("gbt9704-notice", notice_pdf), ("gbt9704-letter", letter_pdf)):
        (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
        prefix = ARTIFACTS / f"{name}-page1"
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(ARTIFACTS / f"{name}.pdf"),
                str(prefix),
            ],
            check=True,
            timeout=60,
        )
        assert prefix.with_suffix(".png").stat().st_size > 10_000


def test_parallel_conversions_each_get_a_pdf() -> None:
    # Conversions that share a LibreOffice profile silently lose outputs; each call has its own.
    _require(find_soffice(), "LibreOffice (soffice)")
    docx = build_official_document(sample_notice(Masthead.NONE))
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(docx_to_pdf, [docx] * 3))
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)


def test_a_conversion_that_times_out_is_killed_and_cleaned_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _require(find_soffice(), "LibreOffice (soffice)")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the profile and scratch files land here
    with pytest.raises(PdfConversionError, match="timed out"):
        docx_to_pdf(build_official_document(sample_notice()), timeout=0.2)
    assert list(tmp_path.iterdir()) == []


def test_missing_libreoffice_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANJIAN_SOFFICE", str(tmp_path / "no-soffice"))
    with pytest.raises(PdfUnavailable, match="libreoffice-writer-nogui") as raised:
        docx_to_pdf(b"not used")
    assert "未找到 LibreOffice" in str(raised.value)
