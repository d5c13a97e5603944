"""Inventory export and import as .xlsx (the template enterprises keep), and sector checklist import."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accounts.policy import Where, allowed, assignments, scope_q
from anjian.errors import DomainError
from anjian.org.models import Sector, Unit
from anjian.prevention.importer import Imported, import_checklist, import_inventory
from anjian.prevention.models import RiskPoint
from anjian.prevention.sheets import CHECKLIST_HEADER, INVENTORY_HEADER, inventory_rows
from anjian.publish.xlsx_safe import Sheet, write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit(request: HttpRequest, pk: int) -> Unit:
    unit = Unit.objects.filter(scope_q(request.user, "unit"), pk=pk).select_related("region").first()
    if unit is None:
        raise Http404
    return unit


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
def inventory_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's inventory in the template's columns (the empty template when it has none)."""
    unit = _unit(request, pk)
    points = (RiskPoint.objects.filter(scope_q(request.user, "riskpoint"), unit=unit, active=True)
              .prefetch_related("factors", "evaluations", "controls").order_by("code", "id"))
    sheet = Sheet(title="风险分级管控清单", header=INVENTORY_HEADER, rows=inventory_rows(points),
                  caption=f"{unit.name}安全风险分级管控清单")
    return _attachment(write_workbook([sheet]), quote(f"{unit.name}风险分级管控清单.xlsx"))


def _imported(upload: UploadedFile, run: Any) -> Imported:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(upload.read())
        result: Imported = run(path)
        return result


@login_required
def inventory_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an inventory sheet for the unit: all its rows go in, or none with the reasons."""
    unit = _unit(request, pk)
    if not allowed(request.user, "create", Where("riskpoint", unit.region.path, unit.pk)):
        raise Http404
    errors: list[str] = []
    upload = request.FILES.get("file")
    if request.method == "POST" and upload is not None:
        try:
            result = _imported(upload, lambda path: import_inventory(actor=request.user, unit=unit, path=path))
        except DomainError as exc:
            errors = [str(exc)]
        else:
            errors = result.errors
            if not errors:
                messages.success(request, _("已导入风险点 %(n)d 个") % {"n": result.created})
                return redirect(f"/prevention/?unit={unit.pk}")
    return render(request, "prevention/import.html", {
        "title": _("导入风险分级管控清单"), "subject": unit.name, "errors": errors, "header": INVENTORY_HEADER,
        "sectors": None}, status=400 if errors else 200)


@login_required
def checklist_import(request: HttpRequest) -> HttpResponse:
    """Upload a sector checklist for the user's region (its items join the checks of the sector's units)."""
    region = next((a.region for a in assignments(request.user)
                   if allowed(request.user, "create", Where("checklist", a.region.path))), None)
    if region is None:
        raise Http404
    errors: list[str] = []
    upload = request.FILES.get("file")
    sector = Sector.objects.filter(pk=request.POST.get("sector") or 0).first()
    if request.method == "POST" and upload is not None and sector is not None:
        try:
            result = _imported(upload, lambda path: import_checklist(
                actor=request.user, region=region, sector=sector, name=request.POST.get("name", ""), path=path))
        except DomainError as exc:
            errors = [str(exc)]
        else:
            errors = result.errors
            if not errors:
                messages.success(request, _("已导入排查项 %(n)d 条") % {"n": result.created})
                return redirect("prevention:list")
    return render(request, "prevention/import.html", {
        "title": _("导入行业隐患排查清单"), "subject": region.name, "errors": errors, "header": CHECKLIST_HEADER,
        "sectors": Sector.objects.order_by("name")}, status=400 if errors else 200)
