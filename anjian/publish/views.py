"""The documents page: choose a kind, a region and a period; generate and download the file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anjian.errors import DomainError
from anjian.org.models import Region
from anjian.publish.forms import ReportForm
from anjian.publish.models import IssuedDocument
from anjian.publish.reports import REPORTS, ReportRequest, generate
from anjian.stats.forms import regions_for, within


def _tops(request: HttpRequest) -> list[Region]:
    tops: dict[str, Region] = {}
    for kind in REPORTS.values():
        for region in regions_for(request.user, kind.permission):
            tops[region.path] = region
    if not tops:
        raise PermissionDenied("无权生成文书 / not allowed to generate documents")
    return [tops[p] for p in sorted(tops)]


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """GET shows the form and the register; POST generates (it takes a 文号, so it is not a GET)."""
    tops = _tops(request)
    form = ReportForm(request.POST or None, initial={"region": tops[0].code})
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = Region.objects.filter(code=data["region"]).first() if data["region"] else tops[0]
        if region is None or not within(region, tops):
            region = tops[0]
        try:
            rendered = generate(ReportRequest(
                kind=data["kind"], region=region, date_from=data["date_from"], date_to=data["date_to"],
                actor=request.user, file_format=data["file_format"], item=data["item"] or "",
                import_run=data["import_run"],
            ))
        except DomainError as exc:
            error = str(exc)
        else:
            response = HttpResponse(rendered.content, content_type=rendered.content_type)
            from urllib.parse import quote

            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(rendered.filename)}"
            return response
    issued = IssuedDocument.objects.filter(region__path__startswith=tops[0].path)[:20]
    return render(request, "publish/reports.html", {"form": form, "error": error, "issued": issued,
                                                    "kinds": REPORTS.values()})
