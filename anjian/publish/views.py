"""The documents page: draft a 公文, fill its placeholders, 签发 it, download what was issued; export the ledger.

Who sees what is asked before rendering: the draft form only to those the policy lets create documents
(a leader reads the register, never the form), the export form only to those who may export the ledger.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from anjian.errors import DomainError
from anjian.org.models import Region
from anjian.publish import services
from anjian.publish.choices import DocumentStatus, IssuerRole
from anjian.publish.drafts import editable, from_json, placeholders
from anjian.publish.forms import ENFORCEMENT_KINDS, DraftForm, DraftTextForm, EnforcementForm, ExportForm
from anjian.publish.models import Document
from anjian.publish.numbering import committee_for, issuing_body
from anjian.publish.reports import CONTENT_TYPES, REPORTS, ReportKind, ReportRequest, generate, may_generate
from anjian.stats.forms import regions_for, within

REGISTER_ROWS = 30
LEDGER = REPORTS["ledger"]


def _drafting(request: HttpRequest) -> tuple[list[ReportKind], list[Region]]:
    """The 公文 kinds the user may draft and the top regions where (empty: no draft form)."""
    kinds, tops = [], {}
    for kind in REPORTS.values():
        if not kind.numbered:
            continue
        regions = regions_for(request.user, kind.permission)
        if regions:
            kinds.append(kind)
            tops.update({r.path: r for r in regions})
    return kinds, [tops[p] for p in sorted(tops)]


def _readers(request: HttpRequest) -> list[Region]:
    """Top regions whose documents the user may read: where they may draft 公文 or export the ledger."""
    tops = {r.path: r for kind in REPORTS.values() for r in regions_for(request.user, kind.permission)}
    if not tops:
        raise PermissionDenied("无权查看文书 / not allowed to see documents")
    return [tops[p] for p in sorted(tops)]


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _region(code: str, tops: list[Region]) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None or not within(region, tops):
        raise PermissionDenied("无权在该区域生成文书")
    return region


@login_required
def reports(request: HttpRequest) -> HttpResponseBase:
    """GET: the register and the forms the user may use; POST: make a draft (no 文号) and open it."""
    readers = _readers(request)
    kinds, tops = _drafting(request)
    export_tops = regions_for(request.user, LEDGER.permission)
    draft_form = DraftForm(request.POST if request.method == "POST" else None, kinds=kinds, tops=tops,
                           initial={"region": tops[0].code}) if kinds else None
    error = ""
    if request.method == "POST":
        if draft_form is None:
            raise PermissionDenied("无权起草公文")
        if draft_form.is_valid():
            data = draft_form.cleaned_data
            try:
                document = services.draft_document(actor=request.user, request=ReportRequest(
                    kind=data["kind"], region=_region(data["region"], tops), date_from=data["date_from"],
                    date_to=data["date_to"], item=data["item"] or "",
                    import_run=int(data["import_run"]) if data["import_run"] else None))
            except DomainError as exc:
                error = str(exc)
            else:
                return redirect("publish:document", pk=document.pk)
    export_form = ExportForm(tops=export_tops, initial={"region": export_tops[0].code}) if export_tops else None
    enforcement_tops = regions_for(request.user, REPORTS[ENFORCEMENT_KINDS[0]].permission)
    enforcement_form = EnforcementForm(tops=enforcement_tops) if enforcement_tops else None
    where = Q()
    for top in readers:
        where |= Q(region__path__startswith=top.path)
    documents = (Document.objects.filter(where)
                 .select_related("region", "issued_by", "created_by", "body"))
    if not kinds:  # readers see what was issued, drafts stay with those who write them
        documents = documents.filter(status=DocumentStatus.ISSUED)
    return render(request, "publish/reports.html", {
        "draft_form": draft_form, "export_form": export_form, "enforcement_form": enforcement_form,
        "error": error, "kinds": kinds,
        "documents": documents[:REGISTER_ROWS], "labels": {k.name: k.label for k in REPORTS.values()},
    })


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponseBase:
    """The ledger workbook (not a 公文: no number, no draft)."""
    tops = regions_for(request.user, LEDGER.permission)
    if not tops:
        raise PermissionDenied("无权导出台账")
    form = ExportForm(request.POST, tops=tops)
    if not form.is_valid():
        return render(request, "publish/reports.html", {"export_form": form, "documents": [], "labels": {}},
                      status=400)
    data = form.cleaned_data
    try:
        rendered = generate(ReportRequest(
            kind=LEDGER.name, region=_region(data["region"], tops), date_from=data["date_from"],
            date_to=data["date_to"], actor=request.user, file_format="xlsx",
            import_run=int(data["import_run"]) if data["import_run"] else None))
    except DomainError as exc:
        return render(request, "publish/reports.html", {"export_form": form, "error": str(exc), "documents": [],
                                                        "labels": {}}, status=400)
    return _attachment(rendered.content, rendered.filename, rendered.content_type)


@login_required
@require_POST
def enforcement(request: HttpRequest) -> HttpResponseBase:
    """A 责令限期整改指令书 or 整改复查意见书 from an enforcement record (the department's own 文书编号)."""
    tops = regions_for(request.user, REPORTS[ENFORCEMENT_KINDS[0]].permission)
    if not tops:
        raise PermissionDenied("无权生成执法文书")
    form = EnforcementForm(request.POST, tops=tops)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    data = form.cleaned_data
    today = timezone.localdate()
    try:
        rendered = generate(ReportRequest(
            kind=data["kind"], region=tops[0], date_from=today, date_to=today, as_of=today, actor=request.user,
            file_format=data["file_format"], item=data["record"]))
    except DomainError as exc:
        return HttpResponse(str(exc), status=exc.http_status, content_type="text/plain; charset=utf-8")
    return _attachment(rendered.content, rendered.filename, rendered.content_type)


@login_required
def issuers(request: HttpRequest) -> HttpResponseBase:
    """The issuing bodies of the user's committees: name (masthead, 署名) and 机关代字 of the 文号."""
    kinds, tops = _drafting(request)
    if not kinds:
        raise PermissionDenied("无权设置发文机关")
    committees = [committee_for(top) for top in tops]
    error = ""
    if request.method == "POST":
        committee = next((c for c in committees if str(c.pk) == request.POST.get("committee")), None)
        if committee is None:
            raise PermissionDenied("无权设置该安委会的发文机关")
        try:
            services.configure_issuing_body(actor=request.user, committee=committee,
                                            role=request.POST.get("role", ""), name=request.POST.get("name", ""),
                                            doc_prefix=request.POST.get("doc_prefix", ""))
        except DomainError as exc:
            error = str(exc)
        else:
            return redirect("publish:issuers")
    bodies = [issuing_body(c, role) for c in committees for role in IssuerRole.values]
    return render(request, "publish/issuers.html", {"bodies": bodies, "error": error})


def _readable(request: HttpRequest, pk: int) -> tuple[Document, bool]:
    """The document if the user may read it, and whether they may also edit and issue it."""
    document = get_object_or_404(Document.objects.select_related("region", "body", "issued_by", "created_by"), pk=pk)
    writer = may_generate(request.user, REPORTS[document.kind], document.region.path)
    reader = writer or any(within(document.region, [r]) for r in _readers(request))
    if not reader or (document.status == DocumentStatus.DRAFT and not writer):
        raise Http404
    return document, writer


@login_required
def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A draft (its text, the paragraphs to fill, 保存 / 签发) or an issued document (who, when, files)."""
    doc, writer = _readable(request, pk)
    spec = from_json(doc.content)
    paragraphs = editable(spec, template=from_json(doc.template)) if doc.is_draft else []
    form = DraftTextForm(request.POST if request.method == "POST" else None, paragraphs=paragraphs)
    error = ""
    if request.method == "POST":
        if not writer or not doc.is_draft:
            raise PermissionDenied("无权修改或签发该公文")
        if form.is_valid():
            try:
                if paragraphs:
                    doc = services.edit_draft(actor=request.user, document=doc, texts=form.texts())
                if request.POST.get("action") == "issue":
                    doc = services.issue_document(actor=request.user, document=doc)
            except DomainError as exc:
                error = str(exc)
            else:
                return redirect("publish:document", pk=doc.pk)
    return render(request, "publish/document.html", {
        "doc": doc, "spec": spec, "form": form, "error": error, "writer": writer,
        "left": placeholders(spec), "label": REPORTS[doc.kind].label,
        "blocks": [(i, b, getattr(b, "text", ""), form[f"p{i}"] if f"p{i}" in form.fields else None)
                   for i, b in enumerate(spec.body)],
    })


@login_required
def download(request: HttpRequest, pk: int, file_format: str) -> HttpResponseBase:
    """An issued document's stored .docx or .pdf; a draft's .docx for review (marked 草稿, unnumbered)."""
    doc, _writer = _readable(request, pk)
    if file_format not in ("docx", "pdf"):
        raise Http404
    try:
        if doc.is_draft:
            if file_format != "docx":
                raise Http404
            content = services.draft_docx(doc)
        else:
            content = services.issued_file(doc, file_format)
    except DomainError as exc:
        return HttpResponse(str(exc), status=exc.http_status, content_type="text/plain; charset=utf-8")
    return _attachment(content, f"{services.file_stem(doc)}.{file_format}", CONTENT_TYPES[file_format])
