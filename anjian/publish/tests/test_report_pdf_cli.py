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
from anjian.publish.drafts import editable, from_json
from anjian.publish.models import DocumentNumber
from anjian.publish.pdf import find_soffice
from anjian.publish.reports import ReportRequest
from anjian.publish.services import draft_document, edit_draft, issue_document, issued_file
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
def test_each_kind_issues_as_an_a4_pdf_in_chinese_fonts(plan: Plan, world: World, kind: str) -> None:
    _require_soffice()
    day = date(2024, 12, 31)
    document = draft_document(actor=world.clerk, request=ReportRequest(
        kind=kind, region=world.county, date_from=date(2024, 12, 1), date_to=day, as_of=day))
    fill = {p.index: "（起草人补充的内容。）" for p in editable(from_json(document.content))}
    if fill:
        document = edit_draft(actor=world.clerk, document=document, texts=fill)
    document = issue_document(actor=world.clerk, document=document, on=day)
    content = issued_file(document, "pdf")
    assert content.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)
        assert document.doc_number in "".join((page.extract_text() or "").split())
        text = "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "【请" not in text  # no placeholder reaches an issued PDF
    assert_chinese_fonts(content)


@pytest.mark.parametrize("kind", ["circular", "reminder", "supervision", "rectification-report"])
def test_cli_writes_each_document(plan: Plan, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{kind}.docx"
    assert main(["report", kind, "--region", "410202", *PERIOD, "-o", str(out)]) == 0
    doc = Document(str(out))
    number = next(p.text.split("\t")[0] for p in doc.paragraphs if p.text.startswith("龙安生委"))
    assert number.endswith("    号")  # a draft: drafting takes no 文号
    assert "已生成" in capsys.readouterr().out and not DocumentNumber.objects.exists()


def test_cli_ledger_defaults_to_xlsx_and_the_top_region(plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    assert main(["report", "ledger", *PERIOD, "-o", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws.cell(row=1, column=1).value == "开封市整改任务台账（2024年12月）"  # the province is only an ancestor


def test_cli_refuses_a_wrong_format_in_one_line(plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "ledger", *PERIOD, "--format", "docx", "-o", str(tmp_path / "x")]) == 2
    assert "xlsx" in capsys.readouterr().err
