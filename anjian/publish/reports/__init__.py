"""The one function that renders any report kind (the registry: anjian.publish.kinds).

Each kind is a module here with `build(request)`; it is registered in anjian.publish.kinds by name, explicitly.
`generate()` checks the permission; a workbook is built, recorded in the export register and returned;
a 公文 becomes a draft (anjian.publish.services), issued at once only when the request says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation

from anjian.accounts.policy import Where, allowed
from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.publish.errors import FormatNotSupported, PdfNotAvailable, UnknownReportKind
from anjian.publish.gbt9704 import OfficialDocument, build_official_document
from anjian.publish.kinds import DOCS, REPORTS, ReportKind
from anjian.publish.models import IssuedDocument
from anjian.publish.pdf import PdfConversionError, PdfUnavailable, docx_to_pdf
from anjian.publish.reports.request import ReportRequest
from anjian.publish.xlsx_safe import write_workbook

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Rendered:
    """A generated file."""

    content: bytes
    filename: str
    content_type: str
    doc_number: str = ""
    title: str = ""
    document_id: int | None = None  # the 公文 (draft or issued) it came from


def may_generate(actor: object, kind: ReportKind, region_path: str) -> bool:
    """Whether the policy allows this kind's permission inside the region (None: the CLI)."""
    if actor is None:
        return True
    object_kind, action = kind.permission
    return allowed(actor, action, Where(object_kind, region_path))


def kind_of(name: str) -> ReportKind:
    """The registered kind with this name."""
    kind = REPORTS.get(name)
    if kind is None:
        raise UnknownReportKind(f"未知的文书类型：{name}（可选：{'、'.join(REPORTS)}）")
    return kind


def generate(request: ReportRequest) -> Rendered:
    """Export a workbook, or draft a 公文 (and with `request.issue`, 签发 it) and return its file."""
    kind = kind_of(request.kind)
    if request.file_format not in kind.formats:
        raise FormatNotSupported(f"{kind.label}只能生成 {'/'.join(kind.formats)} 格式")
    if not may_generate(request.actor, kind, request.region.path):
        raise PermissionDenied(f"无权生成{kind.label}")
    if kind.numbered:
        return _official(request)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        built = kind.build(request)
        if isinstance(built, OfficialDocument):  # an enforcement document: its number is the record's
            content = build_official_document(built)
            title = built.title.replace("\n", "")
        else:
            content = write_workbook(built)
            title = built[0].caption or kind.document_name
    if request.file_format == "pdf":
        try:
            content = docx_to_pdf(content)
        except (PdfUnavailable, PdfConversionError) as exc:
            raise PdfNotAvailable(str(exc)) from exc
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        issued = IssuedDocument.objects.create(
            kind=kind.name, region=request.region, doc_number="", title=title[:300],
            file_format=request.file_format, period_from=request.date_from, period_to=request.date_to,
            sha256=digest, created_by=request.actor,
        )
        record(actor=request.actor, action=f"document.{kind.name}", object_type="issueddocument",
               object_id=issued.pk, after={"sha256": digest, "format": request.file_format,
                                           "region": request.region.code})
    stem = f"{kind.document_name.split('（')[0].replace('/', '-')}-{request.region.name}-{request.date_to:%Y%m%d}"
    return Rendered(content, f"{stem}.{request.file_format}", CONTENT_TYPES[request.file_format], "", title)


def _official(request: ReportRequest) -> Rendered:
    """A draft's .docx (no 文号), or, when asked to issue, the issued file with its one 文号."""
    from anjian.publish import services

    document = services.draft_document(actor=request.actor, request=request)
    if request.issue:
        document = services.issue_document(actor=request.actor, document=document)
        content = services.issued_file(document, request.file_format)
    elif request.file_format == "pdf":
        raise FormatNotSupported("草稿只生成 Word 文件以供修改；签发后可下载 PDF")
    else:
        content = services.draft_docx(document)
    filename = f"{services.file_stem(document)}.{request.file_format}"
    return Rendered(content, filename, CONTENT_TYPES[request.file_format], document.doc_number, document.title,
                    document.pk)


__all__ = ["DOCS", "REPORTS", "Rendered", "ReportKind", "ReportRequest", "generate", "kind_of", "may_generate"]
