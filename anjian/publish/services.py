"""公文 from draft to issue: drafting takes no 文号, 签发 takes one and freezes the text and the files.

Every state change is one function here (the page, the API and `anjian report` call them); each runs in
a transaction and writes an audit row. Files go through Django's storage (`default_storage`), never a
local path, so a deployment may keep them elsewhere.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.org.models import Committee
from anjian.publish.choices import DocumentStatus, IssuerRole
from anjian.publish.drafts import from_json, placeholders, to_json, with_texts
from anjian.publish.errors import (
    DocumentNotReady,
    DraftHasPlaceholders,
    DraftOutdated,
    FormatNotSupported,
    IssuingBodyInvalid,
    NotADraft,
    PdfNotAvailable,
)
from anjian.publish.gbt9704 import OfficialDocument, build_official_document
from anjian.publish.models import Document, IssuingBody
from anjian.publish.numbering import allocate_doc_number, committee_for, issuing_body
from anjian.publish.pdf import PdfConversionError, PdfUnavailable, docx_to_pdf
from anjian.publish.reports import kind_of, may_generate
from anjian.publish.reports.request import ReportRequest

log = logging.getLogger(__name__)


def _require(actor: Any, document: Document) -> None:
    kind = kind_of(document.kind)
    if not may_generate(actor, kind, document.region.path):
        raise PermissionDenied(f"无权起草或签发{kind.label}")


def draft_document(*, actor: Any, request: ReportRequest) -> Document:
    """Build the kind's text into a draft: no 文号, placeholders flagged, nothing issued yet."""
    kind = kind_of(request.kind)
    if not kind.numbered:
        raise FormatNotSupported(f"{kind.label}不是公文，请直接导出")
    if not may_generate(actor, kind, request.region.path):
        raise PermissionDenied(f"无权起草{kind.label}")
    today = timezone.localdate()
    as_of = request.as_of or (today if kind.same_day else min(request.date_to, today))
    request = dataclasses.replace(request, actor=actor, as_of=as_of)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        built = kind.build(request)
        if not isinstance(built, OfficialDocument):  # pragma: no cover - every numbered kind builds a 公文
            raise TypeError(f"{kind.name} did not build an official document")
        body = issuing_body(committee_for(request.region), kind.issuer)
        data = to_json(built)
        document = Document.objects.create(
            kind=kind.name, region=request.region, body=body, title=built.title.replace("\n", "")[:300],
            period_from=request.date_from, period_to=request.date_to, as_of=as_of, template=data, content=data,
            created_by=actor,
        )
        record(actor=actor, action="document.draft", object_type="document", object_id=document.pk,
               after={"kind": kind.name, "region": request.region.code, "placeholders": len(placeholders(built))})
    return document


def edit_draft(*, actor: Any, document: Document, texts: dict[int, str]) -> Document:
    """Rewrite the draft's editable paragraphs (those the builder left a placeholder in)."""
    _require(actor, document)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.DRAFT:
            raise NotADraft("该公文已签发，内容不可再修改")
        before = from_json(locked.content)
        try:
            after = with_texts(before, texts, template=from_json(locked.template))
        except ValueError as exc:
            raise NotADraft(f"只能修改标注为待补充的段落：{exc}") from exc
        locked.content = to_json(after)
        locked.save(update_fields=["content"])
        record(actor=actor, action="document.edit", object_type="document", object_id=locked.pk,
               before={"placeholders": len(placeholders(before))},
               after={"placeholders": len(placeholders(after)), "paragraphs": sorted(texts)})
    return locked


def draft_docx(document: Document) -> bytes:
    """The draft as a .docx to read or print for review (number line left blank)."""
    return build_official_document(from_json(document.content))


def file_stem(document: Document) -> str:
    """The download name without extension: kind, region, and the 文号 or 草稿."""
    name = kind_of(document.kind).document_name.split("（")[0].replace("/", "-")
    return f"{name}-{document.region.name}-{document.doc_number or '草稿'}"


def issue_document(*, actor: Any, document: Document, on: date | None = None) -> Document:
    """签发: allocate the 文号 once, date the document, freeze its text as .docx (and PDF after commit)."""
    _require(actor, document)
    kind = kind_of(document.kind)
    today = on or timezone.localdate()
    with transaction.atomic():
        locked = Document.objects.select_for_update().select_related("body__committee").get(pk=document.pk)
        if locked.status != DocumentStatus.DRAFT:
            raise NotADraft(f"该公文已签发（{locked.doc_number}），不能重复签发")
        spec = from_json(locked.content)
        left = placeholders(spec)
        if left:
            raise DraftHasPlaceholders(f"草稿中仍有{len(left)}处待补充内容（{left[0]}），请补充后再签发")
        if kind.same_day and locked.as_of != today:
            raise DraftOutdated(f"该草稿按{locked.as_of:%Y-%m-%d}统计，须当日签发；请重新起草")
        number = allocate_doc_number(actor=actor, body=locked.body, year=today.year)
        spec = dataclasses.replace(spec, doc_number=number, date=today,
                                   print_date=today if spec.print_date else None)
        content = build_official_document(spec)
        locked.content = to_json(spec)
        locked.doc_number = number
        locked.status = DocumentStatus.ISSUED
        locked.issued_by = actor
        locked.issued_at = timezone.now()
        locked.docx_sha256 = hashlib.sha256(content).hexdigest()
        locked.docx.save(f"{file_stem(locked)}.docx", ContentFile(content), save=False)
        locked.save()
        record(actor=actor, action="document.issue", object_type="document", object_id=locked.pk,
               before={"status": DocumentStatus.DRAFT},
               after={"status": DocumentStatus.ISSUED, "number": number, "docx_sha256": locked.docx_sha256,
                      "region": locked.region.code, "kind": locked.kind})
    try:  # the PDF is made from the frozen .docx; if LibreOffice fails now, the first download makes it
        issued_pdf(locked)
    except PdfNotAvailable as exc:
        log.warning("PDF of %s not made at issue: %s", number, exc)
    return locked


def issued_file(document: Document, file_format: str) -> bytes:
    """The stored .docx or .pdf of an issued document (the PDF is converted from the .docx once)."""
    if document.status != DocumentStatus.ISSUED:
        raise DocumentNotReady("该公文尚未签发，没有可下载的正式文件")
    if file_format == "pdf":
        return issued_pdf(document)
    if file_format != "docx":
        raise FormatNotSupported("公文只有 docx / pdf 格式")
    with document.docx.open("rb") as f:
        return f.read()


def issued_pdf(document: Document) -> bytes:
    """The stored PDF, made from the stored .docx the first time it is needed, so both carry one 文号."""
    if document.pdf:
        with document.pdf.open("rb") as f:
            return f.read()
    with document.docx.open("rb") as f:
        docx = f.read()
    try:
        pdf = docx_to_pdf(docx)
    except (PdfUnavailable, PdfConversionError) as exc:
        raise PdfNotAvailable(str(exc)) from exc
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not locked.pdf:  # a concurrent download may have stored it first; keep that one
            locked.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            locked.pdf.save(f"{file_stem(locked)}.pdf", ContentFile(pdf), save=False)
            locked.save(update_fields=["pdf", "pdf_sha256"])
            record(actor=None, action="document.pdf", object_type="document", object_id=locked.pk,
                   after={"number": locked.doc_number, "pdf_sha256": locked.pdf_sha256})
        document.pdf, document.pdf_sha256 = locked.pdf, locked.pdf_sha256
    return pdf


def configure_issuing_body(*, actor: Any, committee: Committee, role: str, name: str, doc_prefix: str) -> IssuingBody:
    """Set the name (masthead, 署名) and 机关代字 of a committee's issuing body; later 签发 use them."""
    name, doc_prefix = name.strip(), doc_prefix.strip()
    if not name or not doc_prefix:
        raise IssuingBodyInvalid("发文机关名称和机关代字都不能为空")
    if role not in IssuerRole.values:
        raise IssuingBodyInvalid(f"未知的发文机关：{role}")
    if not may_generate(actor, kind_of("circular"), committee.region.path):
        raise PermissionDenied("无权设置发文机关")
    with transaction.atomic():
        body = issuing_body(committee, role)
        before = {"name": body.name, "doc_prefix": body.doc_prefix}
        body.name, body.doc_prefix = name[:100], doc_prefix[:20]
        body.save(update_fields=["name", "doc_prefix"])
        record(actor=actor, action="document.issuer", object_type="issuingbody", object_id=body.pk,
               before=before, after={"name": body.name, "doc_prefix": body.doc_prefix})
    return body
