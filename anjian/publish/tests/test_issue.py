"""Documents issued once: a draft has no 文号, 签发 takes one, and the .docx and PDF kept carry that one."""

from __future__ import annotations

import io
from datetime import date, datetime

import pdfplumber
import pytest
from django.core.files.storage import default_storage
from docx import Document as Docx

from anjian.audit.models import AuditEntry
from anjian.errors import PermissionDenied
from anjian.fixtures import World
from anjian.ledger.models import ItemEvent, Task
from anjian.ledger.services import OwnerSpec
from anjian.publish.choices import DocumentStatus, IssuerRole
from anjian.publish.drafts import editable, from_json, placeholders
from anjian.publish.errors import DraftHasPlaceholders, DraftOutdated, NotADraft
from anjian.publish.models import Document, DocumentNumber
from anjian.publish.numbering import committee_for, issuing_body
from anjian.publish.reports import ReportRequest, generate
from anjian.publish.services import draft_document, edit_draft, issue_document, issued_file
from anjian.publish.tests.plan import TZ, Plan, build_plan
from anjian.publish.tests.test_report_pdf_cli import _require_soffice, assert_chinese_fonts
from anjian.stats.tests.jurisdiction import build_year

pytestmark = pytest.mark.django_db
DAY = date(2024, 12, 31)


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def plan(world: World) -> Plan:
    build_year(world)
    return build_plan(world)


def _draft(world: World, kind: str = "circular", **extra: object) -> Document:
    values: dict[str, object] = {"kind": kind, "region": world.county, "date_from": date(2024, 12, 1),
                                 "date_to": DAY, "as_of": DAY}
    return draft_document(actor=world.clerk, request=ReportRequest(**(values | extra)))  # type: ignore[arg-type]


def _filled(world: World, document: Document) -> Document:
    texts = {p.index: "严格落实隐患排查治理责任。" for p in editable(from_json(document.content))}
    return edit_draft(actor=world.clerk, document=document, texts=texts) if texts else document


def test_drafting_takes_no_number_and_flags_the_placeholders(plan: Plan, world: World) -> None:
    document = _draft(world)
    assert document.status == DocumentStatus.DRAFT and document.doc_number == ""
    assert not DocumentNumber.objects.exists()
    paragraphs = editable(from_json(document.content))
    assert paragraphs and all(p.unfilled for p in paragraphs)
    assert AuditEntry.objects.filter(action="document.draft", object_id=str(document.pk)).exists()


def test_a_draft_with_a_placeholder_left_cannot_be_issued(plan: Plan, world: World) -> None:
    document = _draft(world)
    first, *rest = editable(from_json(document.content))
    document = edit_draft(actor=world.clerk, document=document, texts={first.index: "已补充。"})
    assert len(placeholders(from_json(document.content))) == len(rest) > 0
    with pytest.raises(DraftHasPlaceholders):
        issue_document(actor=world.clerk, document=document, on=DAY)
    assert not DocumentNumber.objects.exists() and Document.objects.get().status == DocumentStatus.DRAFT


def test_only_placeholder_paragraphs_are_editable(plan: Plan, world: World) -> None:
    document = _draft(world)
    with pytest.raises(NotADraft):
        edit_draft(actor=world.clerk, document=document, texts={0: "改写首段"})


def test_the_docx_and_the_pdf_carry_the_one_number_and_are_kept(plan: Plan, world: World) -> None:
    _require_soffice()
    document = issue_document(actor=world.clerk, document=_filled(world, _draft(world)), on=DAY)
    assert document.doc_number == "龙安生委〔2024〕1号" and document.issued_by == world.clerk
    docx, pdf = issued_file(document, "docx"), issued_file(document, "pdf")
    assert any(p.text == "龙安生委〔2024〕1号" for p in Docx(io.BytesIO(docx)).paragraphs)
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        text = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "龙安生委〔2024〕1号" in text and "【请" not in text and "严格落实隐患排查治理责任" in text
    assert_chinese_fonts(pdf)
    assert DocumentNumber.objects.get().last_seq == 1  # both formats, one number
    # kept in storage and downloadable again, byte for byte
    again = Document.objects.get(pk=document.pk)
    assert default_storage.exists(again.docx.name) and default_storage.exists(again.pdf.name)
    assert issued_file(again, "docx") == docx and issued_file(again, "pdf") == pdf
    entry = AuditEntry.objects.get(action="document.issue", object_id=str(document.pk))
    assert entry.actor_id == world.clerk.pk


def test_an_issued_document_is_frozen(plan: Plan, world: World) -> None:
    document = issue_document(actor=world.clerk, document=_filled(world, _draft(world, "reminder")), on=DAY)
    with pytest.raises(NotADraft):
        issue_document(actor=world.clerk, document=document, on=DAY)
    with pytest.raises(NotADraft):
        edit_draft(actor=world.clerk, document=document, texts={})
    assert DocumentNumber.objects.get().last_seq == 1


def test_a_letter_judged_as_of_its_day_is_issued_that_day(plan: Plan, world: World) -> None:
    document = _draft(world, "reminder", as_of=date(2024, 12, 10))
    with pytest.raises(DraftOutdated):
        issue_document(actor=world.clerk, document=document, on=date(2024, 12, 11))
    assert issue_document(actor=world.clerk, document=document, on=date(2024, 12, 10)).doc_number


def test_prefix_and_masthead_name_the_same_body(plan: Plan, world: World) -> None:
    circular = issue_document(actor=world.clerk, document=_filled(world, _draft(world)), on=DAY)
    spec = from_json(circular.content)
    assert spec.issuer_mark == "龙亭区安全生产委员会文件" and spec.signature_org == "龙亭区安全生产委员会"
    assert circular.doc_number.startswith("龙安生委〔")
    office = issuing_body(committee_for(world.county), IssuerRole.OFFICE)
    office.doc_prefix = "龙安委办"  # configured by an administrator
    office.save()
    letter = issue_document(actor=world.clerk, document=_draft(world, "reminder"), on=DAY)
    assert from_json(letter.content).issuer_mark == "龙亭区安全生产委员会办公室"
    assert letter.doc_number == "龙安委办〔2024〕1号"


def test_a_department_may_not_draft(plan: Plan, world: World) -> None:
    with pytest.raises(PermissionDenied):
        draft_document(actor=world.officer, request=ReportRequest(
            kind="circular", region=world.county, date_from=date(2024, 12, 1), date_to=DAY))
    assert not Document.objects.exists()


def test_no_letter_repeats_a_unit(plan: Plan, world: World) -> None:
    # an item shared by 区城管局 and 区消防救援大队, escalated beside T1 (区城管局 alone)
    shared = world.task(seq="9", owners=[OwnerSpec("区城管局", department=world.urban),
                                         OwnerSpec("区消防救援大队", department=world.fire_brigade)])
    ItemEvent.objects.create(task=shared, action="escalate:notice_letter", from_status="assigned",
                             to_status="assigned", at=datetime(2024, 12, 9, 9, tzinfo=TZ))
    Task.objects.filter(pk=shared.pk).update(escalation_level=2, due_date=date(2024, 11, 30))
    rendered = generate(ReportRequest(kind="supervision", region=world.county, date_from=date(2024, 12, 1),
                                      date_to=DAY, as_of=DAY, actor=world.clerk))
    spec = from_json(Document.objects.get(pk=rendered.document_id).content)
    units = spec.addressee.split("、")
    assert len(units) == len(set(units)) and {"区城管局", "区消防救援大队"} <= set(units)
    closing = next(b.text for b in spec.body if getattr(b, "text", "").startswith("请"))
    assert closing.count("区城管局") == 1
