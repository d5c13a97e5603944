"""The ledger lists: filter bar, search, sorting, keyset pages and xlsx export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from anjian.accounts.policy import Where, allowed, assignments
from anjian.core.pagecache import cached_page
from anjian.dbrouter import use_replica
from anjian.ledger import listing, rows
from anjian.ledger.choices import (
    DeadlineKind,
    EnforcementKind,
    HazardChannel,
    HazardGrade,
    HazardStatus,
    InspectionKind,
    TaskStatus,
)
from anjian.ledger.exports import export_workbook
from anjian.ledger.views.inspections import may_inspect
from anjian.ledger.views.steering import is_enterprise
from anjian.org.choices import RiskLevel, UnitKind
from anjian.org.models import Department, Region, Sector
from anjian.web.services import record_export

# The two big lists get their cells ready-made (anjian.ledger.rows); the others' templates read the models.
ROWS: dict[str, Callable[[Any, date], list[dict[str, Any]]]] = {"task": rows.task_rows, "hazard": rows.hazard_rows}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible_regions(user: Any) -> list[Region]:
    q = Q(pk__in=[])
    for a in assignments(user):
        q |= Q(path__startswith=a.region.path)
    return list(Region.objects.filter(q).exclude(level__in=["village", "grid"]).only("code", "name", "path", "level"))


def _departments(user: Any) -> Any:
    """Departments of the user's regions, their ancestors (a township sees the county's) and below."""
    q = Q(pk__in=[])
    for a in assignments(user):
        q |= Q(region__code__in=a.region.path.strip("/").split("/")) | Q(region__path__startswith=a.region.path)
    return Department.objects.filter(q).only("name")


def _choices(spec: listing.LedgerList) -> dict[str, Any]:
    statuses = TaskStatus.choices if spec.kind == "task" else HazardStatus.choices
    grades = RiskLevel.choices if spec.kind == "unit" else HazardGrade.choices
    kinds = {"inspection": InspectionKind.choices, "enforcement": EnforcementKind.choices,
             "unit": UnitKind.choices}.get(spec.kind, [])
    return {"statuses": statuses, "grades": grades, "channels": HazardChannel.choices, "kinds": kinds,
            "deadline_kinds": DeadlineKind.choices}


def ledger_list(request: HttpRequest, kind: str) -> HttpResponse:
    """One ledger list; `?export=xlsx` returns exactly the filtered rows as a workbook."""
    spec = listing.LISTS.get(kind)
    if spec is None:
        raise Http404
    params = listing.clean_params(spec, {k: str(request.GET.get(k, "")) for k in (*spec.filterset.base_filters,
                                         "order", "after", "page") if k in request.GET})
    today = timezone.localdate()
    if request.GET.get("export") == "xlsx":
        # An export tolerates a second of replica lag (docs/deploy.md); the list page itself does not.
        with use_replica():
            qs = listing.filtered(spec, request.user, params, today, action=spec.export_action)
            body, count = export_workbook(kind, str(spec.title), listing.export_rows(spec, qs, params))
        record_export(actor=request.user, kind=kind, filters=params, rows=count)
        response = HttpResponse(body, content_type=XLSX)
        filename = f"{kind}-{today:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    qs = listing.filtered(spec, request.user, params, today)
    total = qs.count()
    pages = -(-total // listing.PAGE_SIZE) or 1
    if "page" in params:
        params["page"] = str(listing.page_number(params, pages))  # past the last page: the last page
    result = listing.page(spec, qs, params)
    keep = {k: v for k, v in params.items() if k not in {"after", "page"} and v}
    order_name, _order = listing.order_of(spec, params)
    steer = _steering(request.user, kind)
    # An enterprise sees its own rows: the government's department filter means nothing to it.
    filters = spec.filters - {"department"} if is_enterprise(request.user) else spec.filters
    departments = list(_departments(request.user).values_list("pk", "name")) if (
        "department" in filters or steer.get("may_reassign")) else []
    context = {
        "spec": spec, "page": result, "rows": ROWS[kind](result.rows, today) if kind in ROWS else result.rows,
        "params": params, "total": total, "today": today,
        "regions": [(r.code, f"　{r.name}" if r.level == "township" else r.name)
                    for r in _visible_regions(request.user)],
        "sectors": Sector.objects.values_list("code", "name") if "sector" in spec.filters else [],
        "departments": departments, "filters": filters, **steer,
        "order_name": order_name, "orders": spec.orders.items(),
        **pager(keep, result, pages),
        "export_url": f"?{urlencode({**keep, 'export': 'xlsx'})}",
        "bulk_query": f"?{urlencode(keep)}" if keep else "",
        "can_inspect": spec.kind == "inspection" and may_inspect(request.user),
        **_choices(spec),
    }
    return render(request, "web/lists/list.html", context)


def _steering(user: Any, kind: str) -> dict[str, bool]:
    """The bulk bar of the task and hazard lists (催办 / 改派 / 导出所选 on the ticked rows), shown to those
    the policy lets steer (urge or reassign) this kind of item somewhere."""
    if kind not in ("task", "hazard"):
        return {}
    may_urge, may_reassign = allowed(user, "urge", Where(kind)), allowed(user, "reassign", Where(kind))
    return {"may_steer": may_urge or may_reassign, "may_urge": may_urge, "may_reassign": may_reassign,
            "may_export": allowed(user, "export", Where(kind))}


def pager(keep: dict[str, str], result: listing.Page, pages: int) -> dict[str, Any]:
    """Links of the numbered pager: first, previous, the pages around this one (0 marks a gap), next, last.

    下一页 carries the keyset cursor (and the number it leads to); the numbered links jump by position."""
    number = result.number

    def url(n: int) -> str:
        return f"?{urlencode({**keep, 'page': str(n)})}" if n > 1 else f"?{urlencode(keep)}"

    shown = sorted({1, pages, *range(max(number - 2, 1), min(number + 2, pages) + 1)})
    links: list[tuple[int, str]] = []
    for n in shown:
        if links and n > links[-1][0] + 1:
            links.append((0, ""))
        links.append((n, url(n)))
    after = {**keep, "after": result.next_cursor, "page": str(number + 1)} if result.next_cursor else {}
    return {
        "pages": pages, "number": number, "page_links": links,
        "first_url": url(1) if number > 1 else "", "prev_url": url(number - 1) if number > 1 else "",
        "next_url": f"?{urlencode(after)}" if after else "", "last_url": url(pages) if number < pages else "",
    }


@login_required
@cached_page
def task_list(request: HttpRequest) -> HttpResponse:
    """整改任务台账."""
    return ledger_list(request, "task")


@login_required
@cached_page
def hazard_list(request: HttpRequest) -> HttpResponse:
    """隐患台账."""
    return ledger_list(request, "hazard")


@login_required
@cached_page
def inspection_list(request: HttpRequest) -> HttpResponse:
    """检查记录台账."""
    return ledger_list(request, "inspection")


@login_required
@cached_page
def enforcement_list(request: HttpRequest) -> HttpResponse:
    """执法措施台账."""
    return ledger_list(request, "enforcement")


@login_required
@cached_page
def unit_list(request: HttpRequest) -> HttpResponse:
    """生产经营单位台账."""
    return ledger_list(request, "unit")
