"""Document import: upload → editable preview with unknown units highlighted → confirm → run report."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.policy import assignments, can_create, scope_q
from anjian.errors import DomainError
from anjian.ingest.errors import IngestError
from anjian.ingest.importer import apply_import, preview_file
from anjian.ingest.models import ImportRun
from anjian.ledger.evidence import safe_name
from anjian.org.models import Department, Region
from anjian.security.filemodes import open_private, private_dir

ROW_FIELDS = ("seq", "category", "problem", "measures", "deadline_raw", "deadline", "units")
SESSION_KEY = "anjian_import_staged"
STAGING_MAX_AGE = 24 * 3600


def _import_regions(user: Any) -> list[Region]:
    """Regions where the policy lets the user import."""
    return [a.region for a in assignments(user) if can_create(user, "import", a.region.path)]


def _staging_dir() -> Path:
    folder = private_dir(Path(settings.MEDIA_ROOT) / "import-staging")
    # Previews nobody confirmed are dropped after a day, so the folder cannot grow without bound.
    cutoff = time.time() - STAGING_MAX_AGE
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return folder


def _stage(upload: Any) -> tuple[str, Path]:
    token = uuid.uuid4().hex
    path = _staging_dir() / f"{token}-{safe_name(upload.name)}"
    with open_private(path) as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token, path


def _staged(request: HttpRequest, token: str) -> dict[str, Any]:
    staged = request.session.get(SESSION_KEY, {}).get(token)
    if not staged or not Path(staged["path"]).is_file():
        raise Http404
    return dict(staged)


def _recent_runs(user: Any) -> list[ImportRun]:
    return list(ImportRun.objects.filter(scope_q(user, "import")).select_related("actor", "region")[:10])


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a document and show the editable preview of what importing it would do."""
    regions = _import_regions(request.user)
    if not regions:
        raise Http404
    if request.method == "POST" and request.FILES.get("file"):
        region = next((r for r in regions if r.code == request.POST.get("region")), regions[0])
        upload: Any = request.FILES["file"]
        token, path = _stage(upload)
        try:
            preview = preview_file(str(path), region=region, original_name=upload.name)
        except (IngestError, DomainError) as error:
            path.unlink(missing_ok=True)
            messages.error(request, getattr(error, "message_zh", None) or str(error))
            return redirect("web:import_upload")
        staged = request.session.get(SESSION_KEY, {})
        staged[token] = {"path": str(path), "name": upload.name, "region": region.code}
        request.session[SESSION_KEY] = staged
        departments = Department.objects.filter(region=region)
        townships = Region.objects.filter(path__startswith=region.path, level="township")
        return render(request, "web/imports/preview.html", {
            "preview": preview, "token": token, "region": region, "fields": ROW_FIELDS,
            "departments": departments, "townships": townships, "counts": preview.counts(),
        })
    return render(request, "web/imports/upload.html", {"regions": regions, "runs": _recent_runs(request.user)})


def _posted_rows(request: HttpRequest) -> list[dict[str, Any]]:
    count = int(request.POST.get("row_count", "0") or 0)
    rows = []
    for i in range(count):
        if request.POST.get(f"row-{i}-skip"):
            continue
        row: dict[str, Any] = {f: request.POST.get(f"row-{i}-{f}", "").strip() for f in ROW_FIELDS}
        row["units"] = [u.strip() for u in row["units"].replace("，", "、").replace(",", "、").split("、") if u.strip()]
        row["deadline"] = row["deadline"] or None
        rows.append(row)
    return rows


def _posted_aliases(request: HttpRequest) -> dict[str, dict[str, Any]]:
    aliases: dict[str, dict[str, Any]] = {}
    for key in request.POST:
        value = str(request.POST.get(key, ""))
        if not key.startswith("alias:") or not value:
            continue
        name = key.removeprefix("alias:")
        if value == "ignore":
            aliases[name] = {"ignore": True}
        elif value.startswith("department:"):
            aliases[name] = {"department": int(value.removeprefix("department:"))}
        elif value.startswith("region:"):
            aliases[name] = {"region": value.removeprefix("region:")}
    return aliases


@login_required
@require_POST
def import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Import the clerk's corrected rows through ingest.importer.apply_import, then show the run report."""
    staged = _staged(request, token)
    region = Region.objects.filter(code=staged["region"]).first()
    if region is None or not can_create(request.user, "import", region.path):
        raise Http404
    try:
        run = apply_import(actor=request.user, region=region, path=staged["path"], original_name=staged["name"],
                           rows=_posted_rows(request), aliases=_posted_aliases(request))
    except (IngestError, DomainError) as error:
        messages.error(request, getattr(error, "message_zh", None) or str(error))
        return redirect("web:import_upload")
    Path(staged["path"]).unlink(missing_ok=True)
    remaining = request.session.get(SESSION_KEY, {})
    remaining.pop(token, None)
    request.session[SESSION_KEY] = remaining
    messages.success(request, _("导入完成：新建 %(c)d 条，更新 %(u)d 条，无变化 %(n)d 条，拒绝 %(r)d 条。")
                     % {"c": run.created, "u": run.updated, "n": run.unchanged, "r": run.rejected})
    return redirect("web:import_run", pk=run.pk)


@login_required
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The report of one import: counts and one line per item with its outcome and task."""
    run = ImportRun.objects.filter(Q(pk=pk) & scope_q(request.user, "import")).select_related("actor", "region").first()
    if run is None:
        raise Http404
    items = run.items.select_related("task")
    return render(request, "web/imports/run.html", {"run": run, "items": items})
