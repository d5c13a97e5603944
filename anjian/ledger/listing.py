"""The ledger lists as data: what each list shows, filters on, searches, sorts and exports."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, Model, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.policy import scope_q
from anjian.ledger import filters
from anjian.ledger.filters import FAR_FUTURE, LedgerFilterSet
from anjian.ledger.models import EnforcementAction, Hazard, Inspection, Task
from anjian.org.models import Unit
from anjian.security.params import bounded_id, bounded_int, day

PAGE_SIZE = 50
FAR_PAST = date(1, 1, 1)
MAX_CURSOR = 512  # a cursor this code writes is under 100 characters
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Order:
    """A sort option: the field, its direction, and the stand-in for NULL so keyset paging stays total."""

    label: str | Promise
    field: str
    descending: bool = False
    null_as: Any = None


@dataclass(frozen=True)
class LedgerList:
    """One ledger list: its model, policy kind, filters, search fields and sort options."""

    kind: str
    model: type[Model]
    title: str | Promise
    url_name: str
    template: str
    select_related: tuple[str, ...]
    filterset: type[LedgerFilterSet]
    filters: frozenset[str]  # the controls of the filter bar (the FilterSet may read more: unit, hazard …)
    orders: Mapping[str, Order]
    default_order: str
    prefetch: tuple[str, ...] = ()
    # What a page of the list loads, when less than the export: (relations, columns) for select_related/only.
    page_load: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    # Names of related rows a page shows, annotated onto its rows (alias → field path): one column each
    # instead of a related model instance per row (three per hazard, ≈ 0.8 ms of a 50-row page).
    page_names: Mapping[str, str] = field(default_factory=dict)
    export_action: str = "view"


TASKS = LedgerList(
    kind="task", model=Task, title=_("整改任务"), url_name="web:task_list", template="web/lists/task_rows.html",
    select_related=("region", "supervising_department"), prefetch=("owners",),
    filterset=filters.TaskFilter,
    filters=frozenset({"region", "department", "status", "overdue", "due_within", "deadline_kind", "pending"}),
    orders={"-id": Order(_("最新登记"), "id", True), "due": Order(_("截止日期"), "due_date", False, FAR_FUTURE),
            "seq": Order(_("序号"), "id")},
    default_order="-id", export_action="export",
    page_load=((), ("id", "seq", "category", "problem", "measures", "due_date", "deadline_kind", "recurrence",
                    "status")),
)
HAZARDS = LedgerList(
    kind="hazard", model=Hazard, title=_("隐患排查治理"), url_name="web:hazard_list",
    template="web/lists/hazard_rows.html",
    select_related=("unit", "region", "sector", "supervising_department"),
    filterset=filters.HazardFilter,
    filters=frozenset({"region", "sector", "department", "grade", "status", "channel", "overdue", "due_within"}),
    orders={"-found": Order(_("发现日期"), "found_on", True), "due": Order(_("截止日期"), "due_date", False, FAR_FUTURE)},
    default_order="-found", export_action="export",
    page_load=((), ("id", "unit_id", "description", "grade", "channel", "found_on", "due_date", "status")),
    page_names={"unit_name": "unit__name", "region_name": "region__name", "sector_name": "sector__name"},
)
INSPECTIONS = LedgerList(
    kind="inspection", model=Inspection, title=_("检查记录"), url_name="web:inspection_list",
    template="web/lists/inspection_rows.html", select_related=("unit", "region", "department"),
    filterset=filters.InspectionFilter, filters=frozenset({"region", "sector", "department", "kind"}),
    orders={"-date": Order(_("检查日期"), "inspected_on", True)}, default_order="-date",
)
ENFORCEMENT = LedgerList(
    kind="enforcement", model=EnforcementAction, title=_("执法措施"), url_name="web:enforcement_list",
    template="web/lists/enforcement_rows.html", select_related=("unit", "region", "department"),
    filterset=filters.EnforcementFilter, filters=frozenset({"region", "sector", "department", "kind"}),
    orders={"-date": Order(_("决定日期"), "decided_on", True)}, default_order="-date",
)
UNITS = LedgerList(
    kind="unit", model=Unit, title=_("生产经营单位"), url_name="web:unit_list", template="web/lists/unit_rows.html",
    select_related=("region", "sector"), filterset=filters.UnitFilter, prefetch=("risk_points",),
    filters=frozenset({"region", "sector", "grade", "kind"}),
    orders={"name": Order(_("名称"), "name"), "-id": Order(_("最新登记"), "id", True)}, default_order="name",
)
LISTS = {spec.kind: spec for spec in (TASKS, HAZARDS, INSPECTIONS, ENFORCEMENT, UNITS)}


def clean_params(spec: LedgerList, raw: Mapping[str, str]) -> dict[str, str]:
    """The parameters worth applying: the list's FilterSet judges the filters (an unknown choice, an id past
    the database's range, days that are not a number are its errors), the list the sort, cursor and page.
    What fails is dropped (the list then shows as if it were not given), so no link carries it on."""
    form = spec.filterset.form_class()(data=dict(raw))
    errors = form.errors
    params: dict[str, str] = {}
    for key, value in raw.items():
        if key in form.fields:
            if key in errors:
                continue
        elif key == "order":
            if value not in spec.orders:
                continue
        elif key == "after":
            if _decode(value, order_of(spec, raw)[1]) is None:
                continue
        elif key == "page":
            if bounded_int(value, low=1, high=MAX_PAGE) is None:
                continue
        else:
            continue
        params[key] = value
    return params


def filtered(spec: LedgerList, user: Any, params: Mapping[str, str], today: date, action: str = "view") -> QuerySet[Any]:
    """The rows this user may see (scope applied in the query), narrowed by the list's FilterSet."""
    qs = spec.model._default_manager.filter(scope_q(user, spec.kind, action))
    return spec.filterset(dict(params), qs, today=today).qs


def order_of(spec: LedgerList, params: Mapping[str, str]) -> tuple[str, Order]:
    """The chosen sort option (the list's default when unknown)."""
    name = params.get("order") or spec.default_order
    if name not in spec.orders:
        name = spec.default_order
    return name, spec.orders[name]


def _key(order: Order) -> str:
    # A nullable column sorts on an annotation with a stand-in value; others sort on the (indexed) column.
    return "_sort" if order.null_as is not None else order.field


def _sorted(qs: QuerySet[Any], order: Order) -> QuerySet[Any]:
    if order.null_as is not None:
        qs = qs.annotate(_sort=Coalesce(F(order.field), Value(order.null_as)))
    key = _key(order)
    if order.descending:
        return qs.order_by(f"-{key}", "-pk")
    return qs.order_by(key, "pk")


def _encode(value: Any, pk: int) -> str:
    raw = json.dumps([value.isoformat() if isinstance(value, date) else value, pk], ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, order: Order) -> tuple[Any, int] | None:
    """The (sort value, pk) a cursor holds, or None when it is not one this sort could have written:
    not base64 or JSON, not a pair, a pk or id outside the database's range, a date that is no date,
    text holding NUL (PostgreSQL cannot compare it)."""
    if len(cursor) > MAX_CURSOR:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, RecursionError):  # binascii, Unicode and JSON errors are ValueErrors
        return None
    if not isinstance(decoded, list) or len(decoded) != 2:
        return None
    value, pk = decoded
    if (pk := bounded_id(pk)) is None:
        return None
    if isinstance(order.null_as, date) or order.field.endswith(("_on", "_date")):
        value = day(value)
    elif order.field == "id":
        value = bounded_id(value)
    elif not isinstance(value, str) or "\x00" in value:
        value = None
    return None if value is None else (value, pk)


@dataclass
class Page:
    """One page: its rows, the cursor of the next page (None on the last page) and its number (1-based)."""

    rows: list[Any]
    next_cursor: str | None
    number: int = 1


def page_number(params: Mapping[str, str], pages: int) -> int:
    """The page asked for by `page`, within 1..pages."""
    return min(bounded_int(params.get("page"), low=1, high=MAX_PAGE) or 1, max(pages, 1))


def page_keys(spec: LedgerList, qs: QuerySet[Any], params: Mapping[str, str]) -> QuerySet[Any]:
    """(pk, sort key) of the rows after the `after` cursor, in list order, on the list's table alone.

    Touching one table lets the planner drive the query from the filter's index (region, status)
    rather than from a joined table; the joined columns are fetched for the page's rows only.
    Without a cursor, `page` n starts after the first (n-1) pages (a numbered link); with one, the cursor
    decides the rows (下一页 carries both, so paging on stays a keyset read) and `page` only names them.
    """
    _, order = order_of(spec, params)
    key = _key(order)
    qs = _sorted(qs, order)
    cursor = _decode(params.get("after", ""), order) if params.get("after") else None
    offset = 0
    if cursor is not None:
        value, pk = cursor
        if order.descending:
            qs = qs.filter(Q(**{f"{key}__lt": value}) | Q(**{key: value, "pk__lt": pk}))
        else:
            qs = qs.filter(Q(**{f"{key}__gt": value}) | Q(**{key: value, "pk__gt": pk}))
    else:
        offset = (page_number(params, MAX_PAGE) - 1) * PAGE_SIZE
    return qs.values_list("pk", key)[offset : offset + PAGE_SIZE + 1]


def page_rows(spec: LedgerList, pks: list[int]) -> QuerySet[Any]:
    """The rows of a page by primary key, with the relations, columns and related names the list shows."""
    found = spec.model._default_manager.prefetch_related(*spec.prefetch).filter(pk__in=pks).order_by()
    if spec.page_names:
        found = found.annotate(**{alias: F(path) for alias, path in spec.page_names.items()})
    if spec.page_load:
        related, columns = spec.page_load
        return found.select_related(*related).only(*columns)
    return found.select_related(*spec.select_related)


def page(spec: LedgerList, qs: QuerySet[Any], params: Mapping[str, str]) -> Page:
    """Fetch one page after the `after` cursor: its keys, then its rows (plus one query per prefetch)."""
    keys = list(page_keys(spec, qs, params))
    more = len(keys) > PAGE_SIZE
    keys = keys[:PAGE_SIZE]
    by_pk = {row.pk: row for row in page_rows(spec, [pk for pk, _ in keys])}
    rows = [by_pk[pk] for pk, _ in keys if pk in by_pk]
    next_cursor = _encode(keys[-1][1], keys[-1][0]) if more and keys else None
    return Page(rows, next_cursor, page_number(params, MAX_PAGE))


def export_rows(spec: LedgerList, qs: QuerySet[Any], params: Mapping[str, str]) -> QuerySet[Any]:
    """Every filtered row in list order, for the export (iterated in chunks by the caller)."""
    _, order = order_of(spec, params)
    return _sorted(qs.select_related(*spec.select_related).prefetch_related(*spec.prefetch), order)
