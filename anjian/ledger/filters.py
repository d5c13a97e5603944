"""One filter definition per ledger list (django-filter), serving the list page, its xlsx export and the API.

Each FilterSet takes the query parameters (the page's filter bar, the API's query) and narrows a queryset
the caller has already limited to what the user may see (`scope_q`). A value a filter cannot read (an
unknown choice, an id past the database's range) is an error of that filter: the page drops it (the list
shows as if it were not given), the API answers 422.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
from anjian.ledger.models import TaskOwner
from anjian.org.choices import RiskLevel, UnitKind
from anjian.org.models import Region

DB_ID_MAX = 2**63 - 1
FAR_FUTURE = date(9999, 12, 31)
OPEN = ("open", _("未销号"))


# Choices are given as functions: a FilterSet deep-copies its filters for every instance, and a list of
# lazy labels cost more to copy than the filtering itself (≈ 3 ms of every list page).
def _task_statuses() -> list[tuple[str, Any]]:
    return [OPEN, *TaskStatus.choices]


def _hazard_statuses() -> list[tuple[str, Any]]:
    return [OPEN, *HazardStatus.choices]


class IdFilter(django_filters.Filter):
    """An id the database can hold (a larger one is an error, not an overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, min_value=-DB_ID_MAX - 1, max_value=DB_ID_MAX, **kwargs)


class FlagFilter(django_filters.BooleanFilter):
    """A yes/no filter read as the filter bar writes it ("1") or as the API does ("true"/"false")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # NullBooleanSelect would read "1" as "unknown"; a text widget hands "1"/"0"/"true"/"false" to the field.
        super().__init__(*args, widget=forms.TextInput, **kwargs)


class DaysFilter(django_filters.Filter):
    """A number of days (any integer; callers clamp it to the dates a calendar holds)."""

    field_class = forms.IntegerField


class LedgerFilterSet(django_filters.FilterSet):
    """What every list filters on: the region's whole subtree and the search box."""

    search_fields: tuple[str, ...] = ()
    _form_classes: ClassVar[dict[type, type[forms.Form]]] = {}

    region = django_filters.CharFilter(method="filter_region")
    q = django_filters.CharFilter(method="filter_q")

    def __init__(self, data: Any = None, queryset: QuerySet[Any] | None = None, *, today: date | None = None,
                 **kwargs: Any) -> None:
        super().__init__(data, queryset, **kwargs)
        self.today = today or timezone.localdate()

    @classmethod
    def form_class(cls) -> type[forms.Form]:
        """The form that reads and validates these filters' parameters.

        Its fields depend on the class alone (no filter here reads the request or the database), so it is
        built once per class rather than on every request; a caller that only validates uses it directly."""
        if cls not in LedgerFilterSet._form_classes:
            fields = {name: f.field for name, f in copy.deepcopy(cls.base_filters).items()}
            LedgerFilterSet._form_classes[cls] = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
        return LedgerFilterSet._form_classes[cls]

    def get_form_class(self) -> type[forms.Form]:
        return self.form_class()

    def filter_region(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        region = Region.objects.filter(code=value).only("path").first()
        return qs.filter(region__path__startswith=region.path) if region else qs.none()

    def filter_q(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        qs = apply_search(qs, self.search_fields, value)
        # A search across a to-many relation (task owners) must not repeat rows.
        return qs.distinct() if any(f.startswith("owners__") for f in self.search_fields) else qs


class DeadlineFilterSet(LedgerFilterSet):
    """Tasks and hazards: status or the open group, deadline kind, overdue, due within n days."""

    open_statuses: frozenset[str] = frozenset()
    watched: frozenset[str] = frozenset()

    deadline_kind = django_filters.ChoiceFilter(choices=lambda: DeadlineKind.choices)
    overdue = FlagFilter(method="filter_overdue")
    due_within = DaysFilter(method="filter_due_within")

    def filter_status(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(status__in=self.open_statuses) if value == "open" else qs.filter(status=value)

    def filter_overdue(self, qs: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        late = Q(status__in=self.watched, due_date__lt=self.today)
        return qs.filter(late) if value else qs.exclude(late)

    def filter_due_within(self, qs: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        # Past the last day a date can hold, "due within" means every future deadline.
        days = min(max(value, 0), (FAR_FUTURE - self.today).days)
        return qs.filter(status__in=self.watched, due_date__gte=self.today,
                         due_date__lte=self.today + timedelta(days=days))


class TaskFilter(DeadlineFilterSet):
    """整改任务: also by department (a responsible unit or the supervising department) and 待定 rows."""

    search_fields = ("seq", "category", "problem", "measures", "deadline_raw", "owners__name")
    open_statuses = TASK_OPEN
    watched = TASK_WATCHED

    status = django_filters.ChoiceFilter(choices=_task_statuses, method="filter_status")
    department = IdFilter(method="filter_department")
    pending = FlagFilter(method="filter_pending")

    def filter_department(self, qs: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        owner = Exists(TaskOwner.objects.filter(task=OuterRef("pk"), department=value))
        return qs.filter(Q(owner) | Q(supervising_department=value))

    def filter_pending(self, qs: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        # Open tasks without a responsible unit or a deadline (imported as 待定): the office's to-fill list.
        pending = Q(pending_q(), status__in=self.watched)
        return qs.filter(pending) if value else qs.exclude(pending)


class HazardFilter(DeadlineFilterSet):
    """隐患: also by sector, supervising department, grade, channel and unit."""

    search_fields = ("description", "location", "found_by", "unit__name")
    open_statuses = HAZARD_OPEN
    watched = HAZARD_WATCHED

    status = django_filters.ChoiceFilter(choices=_hazard_statuses, method="filter_status")
    sector = django_filters.CharFilter(field_name="sector__code")
    department = IdFilter(field_name="supervising_department")
    grade = django_filters.ChoiceFilter(choices=lambda: HazardGrade.choices)
    channel = django_filters.ChoiceFilter(choices=lambda: HazardChannel.choices)
    unit = IdFilter(field_name="unit")


class InspectionFilter(LedgerFilterSet):
    """检查记录."""

    search_fields = ("inspectors", "notes", "unit__name")

    sector = django_filters.CharFilter(field_name="unit__sector__code")
    department = IdFilter(field_name="department")
    kind = django_filters.ChoiceFilter(choices=lambda: InspectionKind.choices)
    unit = IdFilter(field_name="unit")


class EnforcementFilter(LedgerFilterSet):
    """执法措施."""

    search_fields = ("document_number", "person_name", "notes", "unit__name")

    sector = django_filters.CharFilter(field_name="unit__sector__code")
    department = IdFilter(field_name="department")
    kind = django_filters.ChoiceFilter(choices=lambda: EnforcementKind.choices)
    unit = IdFilter(field_name="unit")
    hazard = IdFilter(field_name="hazard")


class UnitFilter(LedgerFilterSet):
    """生产经营单位: grade is the unit's risk level."""

    search_fields = ("name", "address", "credit_code", "principal_name")

    sector = django_filters.CharFilter(field_name="sector__code")
    grade = django_filters.ChoiceFilter(field_name="risk_level", choices=lambda: RiskLevel.choices)
    kind = django_filters.ChoiceFilter(choices=lambda: UnitKind.choices)
