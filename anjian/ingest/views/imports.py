"""Document import: upload → editable preview with unknown units highlighted → confirm → run report."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.policy import assignments, can_create, scope_q
from anjian.errors import DomainError
from anjian.ingest import staging
from anjian.ingest.errors import IngestError
from anjian.ingest.importer import ImportPreview, RowsUndecided, apply_stage, preview_stage, stage_file
from anjian.ingest.models import ImportRun, ImportStage
from anjian.ingest.preview import DEADLINE_WORDS, deadline_from_label
from anjian.ingest.services import fill_pending_task
from anjian.ledger.choices import DeadlineKind
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Task
from anjian.org.models import Department, Region

ROW_FIELDS = ("seq", "category", "problem", "measures", "deadline_raw", "deadline", "units")


def _import_regions(user: Any) -> list[Region]:
    """Regions where the policy lets the user import."""
    return [a.region for a in assignments(user) if can_create(user, "import", a.region.path)]


def _stage_of(request: HttpRequest, token: str) -> ImportStage:
    """The caller's own staged upload; another user's token is a 404 like an unknown one."""
    stage = ImportStage.objects.filter(token=token, actor_id=request.user.pk).select_related("region").first()
    if stage is None:
        raise Http404
    return stage


def _render_preview(request: HttpRequest, stage: ImportStage, preview: ImportPreview,
                    error: str = "", posted: bool = False) -> HttpResponse:
    region = stage.region
    return render(request, "web/imports/preview.html", {
        "preview": preview, "token": stage.token, "region": region, "fields": ROW_FIELDS,
        "departments": Department.objects.filter(region=region),
        "townships": Region.objects.filter(path__startswith=region.path, level="township"),
        "counts": preview.counts(), "missing": preview.missing(), "error": error, "posted": posted,
        "deadline_words": DEADLINE_WORDS,
    }, status=400 if error else 200)


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
        token, stored = staging.stage_upload(upload)
        try:
            # The only time the file is read and extracted: confirming works from the staged rows.
            stage = stage_file(actor=request.user, region=region, stored=stored, original_name=upload.name,
                               token=token)
        except (IngestError, DomainError) as error:
            staging.discard(stored)
            messages.error(request, getattr(error, "message_zh", None) or str(error))
            return redirect("web:import_upload")
        return _render_preview(request, stage, preview_stage(stage))
    return render(request, "web/imports/upload.html", {"regions": regions, "runs": _recent_runs(request.user)})


def _posted_rows(request: HttpRequest, stage: ImportStage) -> list[dict[str, Any]]:
    """The clerk's rows: edited cells, the deadline typed in Chinese, and each row's 待定 decision."""
    count = int(request.POST.get("row_count", "0") or 0)
    year = int(stage.issued[:4]) if stage.issued else timezone.localdate().year
    pending_all = bool(request.POST.get("pending_all"))
    rows = []
    for i in range(count):
        if request.POST.get(f"row-{i}-skip"):
            continue
        row: dict[str, Any] = {f: request.POST.get(f"row-{i}-{f}", "").strip() for f in ROW_FIELDS}
        row["units"] = [u.strip() for u in row["units"].replace("，", "、").replace(",", "、").split("、") if u.strip()]
        row["deadline"] = deadline_from_label(row["deadline"], year)
        # Inferred stays inferred only while the clerk left the inferred value as it was shown.
        guess = request.POST.get(f"row-{i}-deadline_guess", "")
        row["deadline_inferred"] = bool(guess) and row["deadline"] == guess
        row["pending"] = pending_all or bool(request.POST.get(f"row-{i}-pending"))
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
    """Import the clerk's corrected rows of the staged upload (never the file again), then show the report."""
    stage = _stage_of(request, token)
    if not can_create(request.user, "import", stage.region.path):
        raise Http404
    rows, aliases = _posted_rows(request, stage), _posted_aliases(request)
    try:
        run = apply_stage(actor=request.user, stage=stage, rows=rows, aliases=aliases)
    except RowsUndecided as error:
        # Back to the preview with the clerk's edits kept and the undecided rows marked.
        return _render_preview(request, stage, preview_stage(stage, rows=rows, aliases=aliases),
                               error=str(error), posted=True)
    except (IngestError, DomainError) as error:
        messages.error(request, getattr(error, "message_zh", None) or str(error))
        return redirect("web:import_upload")
    staging.discard(stage.path)
    stage.delete()
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


@login_required
@require_POST
def task_fill(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the responsible units and/or the deadline an import left 待定 (ingest.services.fill_pending_task)."""
    task = Task.objects.filter(scope_q(request.user, "task"), pk=pk).first()
    if task is None:
        raise Http404
    units = [u.strip() for u in re.split(r"[、，,;；\s]+", request.POST.get("units", "")) if u.strip()]
    text = request.POST.get("deadline", "").strip()
    try:
        value = deadline_from_label(text, timezone.localdate().year)
        deadline = DeadlineSpec.from_schema(value, text) if value else None
    except ValueError:
        messages.error(request, _("整改时限无法识别：%(t)s") % {"t": text})
        return redirect("web:task_detail", pk=task.pk)
    if deadline is not None and deadline.kind == DeadlineKind.NONE:
        messages.error(request, _("整改时限无法识别：%(t)s") % {"t": text})
        return redirect("web:task_detail", pk=task.pk)
    if not units and deadline is None:
        messages.error(request, _("请填写责任单位或整改时限。"))
        return redirect("web:task_detail", pk=task.pk)
    try:
        fill_pending_task(actor=request.user, task=task, units=units, deadline=deadline)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已补全责任单位/时限。"))
    return redirect("web:task_detail", pk=task.pk)
