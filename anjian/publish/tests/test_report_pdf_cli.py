"""Every document kind converts to an A4 PDF with LibreOffice; `anjian report` writes each kind to a file."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from anjian.cli import main
from anjian.fixtures import World
from anjian.publish.pdf import find_soffice
from anjian.publish.reports import ReportRequest, generate
from anjian.publish.tests.plan import Plan, build_plan
from anjian.stats.tests.jurisdiction import build_year

pytestmark = pytest.mark.django_db
PERIOD = ["--from", "2024-12-01", "--to", "2024-12-31"]


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def plan(world: World) -> Plan:
    build_year(world)
    return build_plan(world)


def _require_soffice() -> None:
    if find_soffice() is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("LibreOffice (soffice) is not installed (required in CI)")
        pytest.skip("LibreOffice (soffice) is not installed")


def pdf_font_names(content: bytes) -> list[str]:
    """The embedded font names `pdffonts` (poppler-utils) lists, subset tags removed."""
    tool = shutil.which("pdffonts")
    if tool is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("pdffonts (poppler-utils) is not installed (required in CI)")
        pytest.skip("pdffonts is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        listing = subprocess.run([tool, pdf.name], check=True, capture_output=True, text=True).stdout
    return [line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()]


def assert_chinese_fonts(content: bytes) -> None:
    """Every embedded font is a Simplified Chinese face: no Japanese or Korean variant of a CJK family."""
    names = pdf_font_names(content)
    assert names, "no embedded fonts"
    foreign = [n for n in names if any(tag in n.lower() for tag in ("cjkjp", "cjkkr", "-jp", "-kr", "jp-", "kr-"))]
    assert not foreign, names
    assert any(n.startswith("NotoSerifSC-") for n in names), names


@pytest.mark.parametrize("kind", ["circular", "reminder", "supervision", "rectification-report"])
def test_each_kind_converts_to_an_a4_pdf(plan: Plan, world: World, kind: str) -> None:
    _require_soffice()
    rendered = generate(ReportRequest(kind=kind, region=world.county, date_from=date(2024, 12, 1),
                                      date_to=date(2024, 12, 31), actor=world.clerk, file_format="pdf"))
    assert rendered.content.startswith(b"%PDF-") and rendered.filename.endswith(".pdf")
    with pdfplumber.open(io.BytesIO(rendered.content)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)
        assert rendered.doc_number in "".join((page.extract_text() or "").split())
    assert_chinese_fonts(rendered.content)


@pytest.mark.parametrize("kind", ["circular", "reminder", "supervision", "rectification-report"])
def test_cli_writes_each_document(plan: Plan, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{kind}.docx"
    assert main(["report", kind, "--region", "410202", *PERIOD, "-o", str(out)]) == 0
    doc = Document(str(out))
    assert any(p.text.startswith("龙安生委〔2024〕") for p in doc.paragraphs)
    assert "已生成" in capsys.readouterr().out


def test_cli_ledger_defaults_to_xlsx_and_the_top_region(plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    assert main(["report", "ledger", *PERIOD, "-o", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws.cell(row=1, column=1).value == "开封市整改任务台账（2024年12月）"  # the province is only an ancestor


def test_cli_refuses_a_wrong_format_in_one_line(plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "ledger", *PERIOD, "--format", "docx", "-o", str(tmp_path / "x")]) == 2
    assert "xlsx" in capsys.readouterr().err
