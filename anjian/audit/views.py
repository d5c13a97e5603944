"""The audit log for the audit administrator (三权分立): read-only, filtered, newest first, chain check."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.security.params import bounded_id, day
from anjian.security.services import is_audit_administrator

PAGE = 50


def _auditor_only(request: HttpRequest) -> None:
    if not is_audit_administrator(request.user):
        raise Http404  # the system administrator may not read the log either


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Entries newest first, 50 a page (keyset on seq), filtered by text, object type and day range."""
    _auditor_only(request)
    params = {k: request.GET.get(k, "").strip()[:100] for k in ("q", "object_type", "date_from", "date_to", "before")}
    rows = AuditEntry.objects.order_by("-seq")
    if params["q"]:
        q = params["q"]
        rows = rows.filter(Q(actor_name__icontains=q) | Q(action__icontains=q) | Q(object_id=q) | Q(request_id=q))
    if params["object_type"]:
        rows = rows.filter(object_type=params["object_type"])
    start, end = day(params["date_from"]), day(params["date_to"])
    if start:
        rows = rows.filter(at__date__gte=start)
    if end:
        rows = rows.filter(at__date__lte=end)
    if (before := bounded_id(params["before"])) is not None:
        rows = rows.filter(seq__lt=before)
    page = list(rows[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    keep = {k: v for k, v in params.items() if v and k != "before"}
    entries = [(e, json.dumps(e.before, ensure_ascii=False) if e.before is not None else "",
                json.dumps(e.after, ensure_ascii=False) if e.after is not None else "") for e in page]
    return render(request, "audit/log.html", {
        "entries": entries, "params": params,
        "object_types": AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct(),
        "next_url": f"?{urlencode({**keep, 'before': str(page[-1].seq)})}" if more else "",
        "first_url": f"?{urlencode(keep)}" if params["before"] else "",
    })


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Walk the whole hash chain now and show the result (the first broken entry, if any)."""
    _auditor_only(request)
    result: Any = verify()
    return render(request, "audit/verify.html", {"result": result})
