"""The ledger lists as data: what each list shows, filters on, searches, sorts and exports."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.policy import scope_q
from anjian.core.search import apply_search
from anjian.ingest.services import pending_q
from anjian.ledger.choices import (
    HAZARD_OPEN,
    HAZARD_WATCHED,
    TASK_OPEN,
    TASK_WATCHED,
    DeadlineKind,
    EnforcementKind,
    HazardChannel,
    HazardGrade,
    HazardStatus,
    InspectionKind,
    TaskStatus,
)
from anjian.ledger.models import EnforcementAction, Hazard, Inspection, Task, TaskOwner
from anjian.org.choices import RiskLevel, UnitKind
from anjian.org.models import Region, Unit
from anjian.security.params import bounded_id, bounded_int, day

PAGE_SIZE = 50
FAR_FUTURE = date(9999, 12, 31)
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
    search_fields: tuple[str, ...]
    filters: frozenset[str]
    orders: Mapping[str, Order]
    default_order: str
    prefetch: tuple[str, ...] = ()
    # What a page of the list loads, when less than the export: (relations, columns) for select_related/only.
    page_load: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    export_action: str = "view"
    sector_field: str = "sector__code"
    department_q: Callable[[int], Q] = field(default=lambda pk: Q(department=pk))


def _task_department(pk: int) -> Q:
    return Q(Exists(TaskOwner.objects.filter(task=OuterRef("pk"), department=pk))) | Q(supervising_department=pk)


TASKS = LedgerList(
    kind="task", model=Task, title=_("整改任务"), url_name="web:task_list", template="web/lists/task_rows.html",
    select_related=("region", "supervising_department"), prefetch=("owners",),
    search_fields=("seq", "category", "problem", "measures", "deadline_raw", "owners__name"),
    filters=frozenset({"region", "department", "status", "overdue", "due_within", "deadline_kind", "pending"}),
    orders={"-id": Order(_("最新登记"), "id", True), "due": Order(_("截止日期"), "due_date", False, FAR_FUTURE),
            "seq": Order(_("序号"), "id")},
    default_order="-id", export_action="export", department_q=_task_department,
    page_load=((), ("id", "seq", "category", "problem", "measures", "due_date", "deadline_kind", "recurrence",
                    "status")),
)
HAZARDS = LedgerList(
    kind="hazard", model=Hazard, title=_("隐患排查治理"), url_name="web:hazard_list",
    template="web/lists/hazard_rows.html",
    select_related=("unit", "region", "sector", "supervising_department"),
    search_fields=("description", "location", "found_by", "unit__name"),
    filters=frozenset({"region", "sector", "department", "grade", "status", "channel", "overdue", "due_within"}),
    orders={"-found": Order(_("发现日期"), "found_on", True), "due": Order(_("截止日期"), "due_date", False, FAR_FUTURE)},
    default_order="-found", export_action="export", department_q=lambda pk: Q(supervising_department=pk),
    page_load=(("unit", "region", "sector"), ("id", "unit_id", "description", "grade", "channel", "found_on",
                                               "due_date", "status", "unit__name", "region__name", "sector__name")),
)
INSPECTIONS = LedgerList(
    kind="inspection", model=Inspection, title=_("检查记录"), url_name="web:inspection_list",
    template="web/lists/inspection_rows.html", select_related=("unit", "region", "department"),
    search_fields=("inspectors", "notes", "unit__name"),
    filters=frozenset({"region", "sector", "department", "kind"}), sector_field="unit__sector__code",
    orders={"-date": Order(_("检查日期"), "inspected_on", True)}, default_order="-date",
)
ENFORCEMENT = LedgerList(
    kind="enforcement", model=EnforcementAction, title=_("执法措施"), url_name="web:enforcement_list",
    template="web/lists/enforcement_rows.html", select_related=("unit", "region", "department"),
    search_fields=("document_number", "person_name", "notes", "unit__name"),
    filters=frozenset({"region", "sector", "department", "kind"}), sector_field="unit__sector__code",
    orders={"-date": Order(_("决定日期"), "decided_on", True)}, default_order="-date",
)
UNITS = LedgerList(
    kind="unit", model=Unit, title=_("生产经营单位"), url_name="web:unit_list", template="web/lists/unit_rows.html",
    select_related=("region", "sector"), search_fields=("name", "address", "credit_code", "principal_name"),
    filters=frozenset({"region", "sector", "grade", "kind"}),
    orders={"name": Order(_("名称"), "name"), "-id": Order(_("最新登记"), "id", True)}, default_order="name",
)
LISTS = {spec.kind: spec for spec in (TASKS, HAZARDS, INSPECTIONS, ENFORCEMENT, UNITS)}


def _int(value: str | None) -> int | None:
    # An id the database can hold, else None: the filter is then ignored, like any other unknown value.
    return bounded_id(value)


def _choices(spec: LedgerList) -> dict[str, frozenset[str]]:
    """The values each choice filter of this list accepts ("open" is the status group of the filter bar)."""
    task = spec.kind == "task"
    kinds = {"inspection": InspectionKind, "enforcement": EnforcementKind, "unit": UnitKind}.get(spec.kind)
    return {
        "status": frozenset({"open", *(TaskStatus.values if task else HazardStatus.values)}),
        "grade": frozenset(RiskLevel.values if spec.kind == "unit" else HazardGrade.values),
        "channel": frozenset(HazardChannel.values), "kind": frozenset(kinds.values if kinds else ()),
        "deadline_kind": frozenset(DeadlineKind.values), "overdue": frozenset({"1"}), "pending": frozenset({"1"}),
        "order": frozenset(spec.orders),
    }


def clean_params(spec: LedgerList, raw: Mapping[str, str]) -> dict[str, str]:
    """The filter-bar parameters worth applying: unknown choices, ids past the database's range, day
    counts that are not numbers and undecodable cursors are dropped (the list then shows as if they were
    not given), so neither the query nor the page's links carry them on."""
    allowed = _choices(spec)
    params: dict[str, str] = {}
    for key, value in raw.items():
        if key in allowed and value not in allowed[key]:
            continue
        if key == "department" and _int(value) is None:
            continue
        if key == "due_within" and bounded_int(value) is None:
            continue
        if key == "after" and _decode(value, order_of(spec, raw)[1]) is None:
            continue
        if key == "page" and bounded_int(value, low=1, high=MAX_PAGE) is None:
            continue
        params[key] = value
    return params


def filtered(spec: LedgerList, user: Any, params: Mapping[str, str], today: date, action: str = "view") -> QuerySet[Any]:
    """The rows this user may see, narrowed by the filter-bar parameters; scope is applied in the query."""
    qs = spec.model._default_manager.filter(scope_q(user, spec.kind, action))
    watched = TASK_WATCHED if spec.kind == "task" else HAZARD_WATCHED
    if "region" in spec.filters and params.get("region"):
        region = Region.objects.filter(code=params["region"]).only("path").first()
        qs = qs.filter(region__path__startswith=region.path) if region else qs.none()
    if "sector" in spec.filters and params.get("sector"):
        qs = qs.filter(**{spec.sector_field: params["sector"]})
    if "department" in spec.filters and (pk := _int(params.get("department"))):
        qs = qs.filter(spec.department_q(pk))
    if "grade" in spec.filters and params.get("grade"):
        qs = qs.filter(risk_level=params["grade"]) if spec.kind == "unit" else qs.filter(grade=params["grade"])
    if "status" in spec.filters and (status := params.get("status")):
        if status == "open":
            qs = qs.filter(status__in=TASK_OPEN if spec.kind == "task" else HAZARD_OPEN)
        else:
            qs = qs.filter(status=status)
    if "channel" in spec.filters and params.get("channel"):
        qs = qs.filter(channel=params["channel"])
    if "kind" in spec.filters and params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    if "deadline_kind" in spec.filters and params.get("deadline_kind"):
        qs = qs.filter(deadline_kind=params["deadline_kind"])
    if "overdue" in spec.filters and params.get("overdue") == "1":
        qs = qs.filter(status__in=watched, due_date__lt=today)
    if "pending" in spec.filters and params.get("pending") == "1":
        # Open tasks without a responsible unit or a deadline (imported as 待定): the office's to-fill list.
        qs = qs.filter(pending_q(), status__in=watched)
    if "due_within" in spec.filters and (days := bounded_int(params.get("due_within"))) is not None:
        # Past the last day a date can hold, "due within" means every future deadline.
        days = min(max(days, 0), (FAR_FUTURE - today).days)
        qs = qs.filter(status__in=watched, due_date__gte=today, due_date__lte=today + timedelta(days=days))
    if params.get("q"):
        # A search across a to-many relation (task owners) must not repeat rows.
        qs = apply_search(qs, spec.search_fields, params["q"])
        if any("__" in f for f in spec.search_fields if f.startswith("owners")):
            qs = qs.distinct()
    return qs


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
    """The rows of a page by primary key, with the relations and columns the list shows."""
    found = spec.model._default_manager.prefetch_related(*spec.prefetch).filter(pk__in=pks).order_by()
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
