"""Hazard table import: upload an .xlsx/.csv → check every row (nothing written) → confirm → imported."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.policy import Where, allowed
from anjian.ingest import staging
from anjian.ingest.hazard_table import COLUMNS, HazardTableError, import_hazard_table, template_csv

SESSION_KEY = "anjian_hazard_table_staged"
SUFFIXES = (".xlsx", ".csv")


def _may_import(user: Any) -> bool:
    return allowed(user, "create", Where("hazard"))


@login_required
def hazard_import(request: HttpRequest) -> HttpResponse:
    """Upload a hazard table; every row is checked as the import would (then rolled back) and reported."""
    if not _may_import(request.user):
        raise Http404
    upload: Any = request.FILES.get("file")
    if request.method == "POST" and upload:
        if not upload.name.lower().endswith(SUFFIXES):
            messages.error(request, _("只能导入 .xlsx 或 .csv 格式的隐患表"))
            return redirect("web:hazard_import")
        token, stored = staging.stage_upload(upload)
        try:
            with staging.local_copy(stored) as path:
                check = import_hazard_table(path, actor=request.user, dry_run=True)
        except HazardTableError as error:
            staging.discard(stored)
            messages.error(request, str(error))
            return redirect("web:hazard_import")
        # The file waits in the shared store and the session in the database: any web host may confirm.
        staged = request.session.get(SESSION_KEY, {})
        staged[token] = {"path": stored, "name": upload.name, "sha256": check.sha256}
        request.session[SESSION_KEY] = staged
        return render(request, "web/imports/hazard_check.html", {"check": check, "token": token, "name": upload.name})
    columns = [(aliases[0], aliases[1:]) for aliases in COLUMNS.values()]
    return render(request, "web/imports/hazard_upload.html", {"columns": columns})


@login_required
@require_POST
def hazard_import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Import the checked table (the same file, byte for byte) and go to the hazard list."""
    staged = request.session.get(SESSION_KEY, {}).get(token)
    if not staged or not _may_import(request.user) or not staging.is_staged(staged["path"]):
        raise Http404
    try:
        with staging.local_copy(staged["path"]) as path:
            result = import_hazard_table(path, actor=request.user)
    except HazardTableError as error:
        messages.error(request, str(error))
        return redirect("web:hazard_import")
    finally:
        staging.discard(staged["path"])
        remaining = request.session.get(SESSION_KEY, {})
        remaining.pop(token, None)
        request.session[SESSION_KEY] = remaining
    messages.success(request, _("隐患表导入完成：新建 %(c)d 条，重复 %(d)d 条，拒绝 %(r)d 条。")
                     % {"c": result.created, "d": result.duplicates, "r": result.rejected})
    return redirect("web:hazard_list")


@login_required
def hazard_import_template(request: HttpRequest) -> HttpResponse:
    """The CSV template (with a BOM, so Excel opens the Chinese header correctly)."""
    response = HttpResponse("\ufeff" + template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E9%9A%90%E6%82%A3%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv"
    return response
