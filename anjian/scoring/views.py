"""The assessment page: live score, per-item breakdown with its data, missing materials, sub-region ranking."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.errors import DomainError
from anjian.org.models import Region
from anjian.publish.forms import region_choices
from anjian.scoring.errors import SchemeNotFound
from anjian.scoring.evaluation import TIE_RULE
from anjian.scoring.export import DOCX, XLSX, score_docx, score_workbook
from anjian.scoring.models import AssessmentItem, AssessmentScheme, RequiredMaterial
from anjian.scoring.services import current_scheme, enter_manual_score, link_material, ranking, score
from anjian.security import params
from anjian.stats.forms import regions_for, within

VIEW, EDIT = ("assessment", "view"), ("assessment", "edit")

def _region(request: HttpRequest, code: str | None) -> Region:
    tops = regions_for(request.user, VIEW)
    if not tops:
        raise PermissionDenied("无权查看考核 / not allowed to view the assessment")
    region = Region.objects.filter(code=code).first() if code else None
    return region if region is not None and within(region, tops) else tops[0]

def _year(text: str | None) -> int:
    # A year outside the range anything is counted in (or no number at all) means this year.
    return params.year(text) or timezone.localdate().year


def _scheme(name: str | None, year: int) -> AssessmentScheme:
    # An unknown scheme name in the address is treated as no name: the year's own scheme, else the current one.
    # With no scheme at all (every one deleted; the 2024 one is seeded by migration) the page is not found.
    if name:
        try:
            return current_scheme(name)
        except SchemeNotFound:
            pass
    own = AssessmentScheme.objects.filter(year=year).order_by("-is_current", "name").first()
    if own is not None:
        return own
    try:
        return current_scheme(None)
    except SchemeNotFound as exc:
        raise Http404(str(exc)) from exc


def _context(request: HttpRequest) -> tuple[Region, AssessmentScheme, int]:
    """Region, scheme and year of the request: by default this year and its scheme (issue 20)."""
    region = _region(request, request.GET.get("region"))
    year = _year(request.GET.get("year"))
    return region, _scheme(request.GET.get("scheme"), year), year

@login_required
def score_page(request: HttpRequest) -> HttpResponse:
    """The live score of a region and year under a scheme."""
    region, scheme, year = _context(request)
    result = score(scheme=scheme, region=region, year=year)
    tops = regions_for(request.user, VIEW)
    context = {
        "result": result, "scheme": scheme, "region": region, "year": year,
        "schemes": AssessmentScheme.objects.all(), "ranking": ranking(scheme=scheme, parent=region, year=year),
        "children": Region.objects.filter(parent=region).order_by("path"), "tie_rule": TIE_RULE,
        "regions": region_choices(tops), "years": range(timezone.localdate().year, 2019, -1),
        "query": _query(scheme, region, year),
        "can_edit": bool(regions_for(request.user, EDIT)) and within(region, regions_for(request.user, EDIT)),
    }
    return render(request, "scoring/score.html", context)

@login_required
@require_POST
def manual_score(request: HttpRequest, item_id: int) -> HttpResponse:
    """Enter an assessor's score or counted occurrences of an item, with a comment."""
    item = get_object_or_404(AssessmentItem, pk=item_id)
    region, year = _region(request, request.POST.get("region")), _year(request.POST.get("year"))
    try:
        value = request.POST.get("score", "").strip()
        occurrences = request.POST.get("occurrences", "").strip()
        enter_manual_score(actor=request.user, item=item, region=region, year=year,
                           score=Decimal(value) if value else None,
                           occurrences=params.bounded_int(occurrences, low=0, high=2**31 - 1),
                           comment=request.POST.get("comment", ""))
        messages.success(request, _("已保存评分"))
    except (DomainError, InvalidOperation) as exc:
        messages.error(request, str(exc))
    return redirect(_score_url(item.scheme, region, year))

@login_required
@require_POST
def upload_material(request: HttpRequest, material_id: int) -> HttpResponse:
    """Attach an uploaded file to a required material."""
    material = get_object_or_404(RequiredMaterial.objects.select_related("item__scheme"), pk=material_id)
    region, year = _region(request, request.POST.get("region")), _year(request.POST.get("year"))
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise DomainError(_("请选择文件"))
        link_material(actor=request.user, material=material, region=region, year=year, name=upload.name or "file",
                      content=upload.read())
        messages.success(request, _("已上传材料"))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(_score_url(material.item.scheme, region, year))

def _query(scheme: AssessmentScheme, region: Region, year: int) -> str:
    return urlencode({"scheme": scheme.name, "region": region.code, "year": year})


def _score_url(scheme: AssessmentScheme, region: Region, year: int) -> str:
    return reverse("scoring:score") + "?" + _query(scheme, region, year)


@login_required
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The score and its evidence list as .xlsx or .docx (the same figures as the page)."""
    region, scheme, year = _context(request)
    result = score(scheme=scheme, region=region, year=year)
    rows = ranking(scheme=scheme, parent=region, year=year)
    if file_format == "xlsx":
        content, content_type = score_workbook(result, rows), XLSX
    elif file_format == "docx":
        content, content_type = score_docx(result, rows), DOCX
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    name = f"考核得分-{region.name}-{year}.{file_format}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
