"""The assessment page: live score, per-item breakdown with its data, missing materials, sub-region ranking."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.errors import DomainError
from anjian.org.models import Region
from anjian.scoring.errors import SchemeNotFound
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


def _scheme(name: str | None) -> AssessmentScheme:
    # An unknown scheme name in the address shows the current scheme, as no name does.
    # With no scheme at all (every one deleted; the 2024 one is seeded by migration) the page is not found.
    try:
        return current_scheme(name or None)
    except SchemeNotFound:
        pass
    try:
        return current_scheme(None)
    except SchemeNotFound as exc:
        raise Http404(str(exc)) from exc

@login_required
def score_page(request: HttpRequest) -> HttpResponse:
    """The live score of a region and year under a scheme."""
    region = _region(request, request.GET.get("region"))
    scheme = _scheme(request.GET.get("scheme"))
    year = _year(request.GET.get("year")) if request.GET.get("year") else scheme.year
    result = score(scheme=scheme, region=region, year=year)
    context = {
        "result": result, "scheme": scheme, "region": region, "year": year,
        "schemes": AssessmentScheme.objects.all(), "ranking": ranking(scheme=scheme, parent=region, year=year),
        "children": Region.objects.filter(parent=region).order_by("path"),
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

def _score_url(scheme: AssessmentScheme, region: Region, year: int) -> str:
    from urllib.parse import urlencode

    from django.urls import reverse

    return reverse("scoring:score") + "?" + urlencode({"scheme": scheme.name, "region": region.code, "year": year})
