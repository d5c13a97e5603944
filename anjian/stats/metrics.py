"""Every figure anjian reports, each defined once and computed with SQL aggregates (docs/metrics.md).

A `Scope` says which rows count: a region subtree, a period, a sector, a department, a grade, a
channel and, for a signed-in user, the permission policy's visibility filter. Functions return
plain dataclasses; the dashboard, the assessment score and the documents all read them from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone

from anjian.accidents.choices import GRADE_ORDER, AccidentGrade
from anjian.accidents.models import Accident
from anjian.accounts.policy import scope_q
from anjian.ledger.choices import (
    HAZARD_OPEN,
    HAZARD_WATCHED,
    TASK_OPEN,
    TASK_WATCHED,
    EnforcementKind,
    HazardChannel,
    HazardGrade,
    HazardStatus,
    OwnerRole,
    TaskStatus,
)
from anjian.ledger.models import EnforcementAction, Hazard, Inspection, Task, TaskOwner
from anjian.org.models import Region
from anjian.stats.localdate import LocalDate

# Below this share of penalties among inspections that found hazards a department is flagged (宽松软).
# Overridable per installation with settings.ANJIAN_PENALTY_RATIO_THRESHOLD and per page view.
DEFAULT_PENALTY_RATIO_THRESHOLD = 0.3


@dataclass(frozen=True)
class Scope:
    """Which rows a metric counts; every field is optional and narrows the rows further."""

    region: Region | None = None  # the region and everything below it
    date_from: date | None = None  # the period: of discovery, inspection, decision, occurrence
    date_to: date | None = None
    sector: str | None = None  # Sector.code
    department: int | None = None  # Department.pk: the supervising (hazard) or lead owner (task) department
    grade: str | None = None  # HazardGrade
    channel: str | None = None  # HazardChannel
    user: Any = field(default=None, compare=False)  # apply the policy's visibility for this user

    def visible(self, kind: str) -> Q:
        """The policy filter of this kind for the scope's user (everything when no user is given)."""
        return Q() if self.user is None else scope_q(self.user, kind)

    def in_period(self, day_field: str) -> Q:
        """Rows whose `day_field` lies inside the period (bounds inclusive)."""
        q = Q()
        if self.date_from is not None:
            q &= Q(**{f"{day_field}__gte": self.date_from})
        if self.date_to is not None:
            q &= Q(**{f"{day_field}__lte": self.date_to})
        return q

    def until_end(self, day_field: str) -> Q:
        """Rows whose `day_field` is not after the end of the period."""
        return Q() if self.date_to is None else Q(**{f"{day_field}__lte": self.date_to})

    def region_q(self, prefix: str = "") -> Q:
        return Q() if self.region is None else Q(**{f"{prefix}region__path__startswith": self.region.path})


@dataclass(frozen=True)
class Counts:
    """Found / closed / open / overdue for one group of items."""

    key: str = ""
    label: str = ""
    found: int = 0
    closed: int = 0
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class Rate:
    """A share with the counts behind it; `value` is None when nothing was counted."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"


# --- Hazards ---------------------------------------------------------------------------------------------


def hazards(scope: Scope) -> QuerySet[Hazard]:
    """The hazards of the scope's dimensions (region, sector, department, grade, channel, visibility)."""
    q = scope.region_q() & scope.visible("hazard")
    if scope.sector:
        q &= Q(sector__code=scope.sector)
    if scope.department:
        q &= Q(supervising_department=scope.department)
    if scope.grade:
        q &= Q(grade=scope.grade)
    if scope.channel:
        q &= Q(channel=scope.channel)
    return Hazard.objects.filter(q)


def with_closed_day(qs: QuerySet[Any]) -> QuerySet[Any]:
    """Hazards or tasks annotated with `closed_day`, the local date of `closed_at` (what "closed on" means)."""
    return qs.annotate(closed_day=LocalDate("closed_at"))


def _count_filters(scope: Scope, as_of: date, watched: frozenset[str], open_: frozenset[str],
                   closed: str, cancelled: str, day: str) -> dict[str, Q]:
    return {
        "found": scope.in_period(day) & ~Q(status=cancelled),
        "closed": Q(status=closed) & scope.in_period("closed_day"),
        "open": Q(status__in=open_) & scope.until_end(day),
        "overdue": Q(status__in=watched, due_date__lt=as_of) & scope.until_end(day),
    }


def _counted(filters: dict[str, Q]) -> dict[str, Count]:
    return {name: Count("pk", filter=q, distinct=True) for name, q in filters.items()}


def hazard_count_filters(scope: Scope, *, as_of: date) -> dict[str, Q]:
    """§1 found / closed / open / overdue as filters on `hazards(scope)` annotated with `closed_day`.

    What `hazard_counts` counts; a caller counting several periods or groups in one query uses them."""
    return _count_filters(scope, as_of, HAZARD_WATCHED, HAZARD_OPEN, HazardStatus.CLOSED,
                          HazardStatus.CANCELLED, "found_on")


def _hazard_aggregates(scope: Scope, as_of: date) -> dict[str, Count]:
    return _counted(hazard_count_filters(scope, as_of=as_of))


def hazard_counts(scope: Scope, *, as_of: date) -> Counts:
    """Hazards found and closed in the period, and open and overdue now (found up to the period's end)."""
    row = with_closed_day(hazards(scope)).aggregate(**_hazard_aggregates(scope, as_of))
    return Counts(key="all", label="合计", **row)


HAZARD_DIMENSIONS = {
    "region": "region__path",
    "sector": "sector__code",
    "department": "supervising_department",
    "grade": "grade",
    "channel": "channel",
}


def hazard_breakdown(scope: Scope, by: str, *, as_of: date) -> list[Counts]:
    """Hazard counts per region (the scope region's children), sector, department, grade or channel."""
    column = HAZARD_DIMENSIONS[by]
    rows = with_closed_day(hazards(scope)).values(column).annotate(**_hazard_aggregates(scope, as_of))
    grouped = {row[column]: row for row in rows}
    if by == "region":
        return _roll_up_regions(scope.region, grouped)
    labels = _labels(by, grouped.keys())
    result = [Counts(key=str(k or ""), label=labels.get(k, "未指定"),
                     **{n: row[n] for n in ("found", "closed", "open", "overdue")})
              for k, row in grouped.items()]
    return sorted(result, key=lambda c: (-c.found, c.key))


def _labels(by: str, keys: Iterable[Any]) -> dict[Any, str]:
    from anjian.org.models import Department, Sector

    if by == "sector":
        return dict(Sector.objects.filter(code__in=list(keys)).values_list("code", "name"))
    if by == "department":
        return dict(Department.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))
    if by == "grade":
        return {k: str(v) for k, v in HazardGrade.choices}
    if by == "channel":
        return {k: str(v) for k, v in HazardChannel.choices}
    return {}


def _roll_up_regions(parent: Region | None, grouped: dict[str, dict[str, int]]) -> list[Counts]:
    """Fold per-path rows into the children of `parent` (rows of the parent itself count as 本级)."""
    children = list(Region.objects.filter(parent=parent).order_by("path")) if parent else \
        list(Region.objects.filter(parent__isnull=True).order_by("path"))
    totals: dict[str, dict[str, int]] = {}
    for path, row in grouped.items():
        owner = next((c for c in children if path.startswith(c.path)), None)
        key = owner.code if owner else (parent.code if parent else "")
        bucket = totals.setdefault(key, {"found": 0, "closed": 0, "open": 0, "overdue": 0})
        for name in bucket:
            bucket[name] += row[name]
    names = {c.code: c.name for c in children}
    if parent is not None:
        names.setdefault(parent.code, f"{parent.name}（本级）")
    return [Counts(key=code, label=names.get(code, code), **totals.get(code, {}))
            for code in [c.code for c in children] + ([parent.code] if parent and parent.code in totals else [])]


def monthly_trend(scope: Scope) -> list[tuple[str, int, int]]:
    """(YYYY-MM, hazards found, hazards closed) for every month of the period that has either."""
    found = dict(
        hazards(scope).filter(scope.in_period("found_on")).exclude(status=HazardStatus.CANCELLED)
        .annotate(m=TruncMonth("found_on")).values("m").annotate(n=Count("pk")).values_list("m", "n")
    )
    closed = dict(
        with_closed_day(hazards(scope)).filter(Q(status=HazardStatus.CLOSED) & scope.in_period("closed_day"))
        .annotate(m=TruncMonth("closed_day")).values("m").annotate(n=Count("pk")).values_list("m", "n")
    )
    months = sorted({_month(m) for m in [*found, *closed]})
    found_by = {_month(m): n for m, n in found.items()}
    closed_by = {_month(m): n for m, n in closed.items()}
    return [(m, found_by.get(m, 0), closed_by.get(m, 0)) for m in months]


def _month(value: Any) -> str:
    return f"{value:%Y-%m}"


def _found(scope: Scope) -> Q:
    # Hazards found in the period: the rows §2 and §3 count.
    return scope.in_period("found_on") & ~Q(status=HazardStatus.CANCELLED)


def on_time_filters(scope: Scope, *, as_of: date) -> tuple[Q, Q]:
    """§2's numerator and denominator as filters on `hazards(scope)` annotated with `closed_day`."""
    closed = Q(status=HazardStatus.CLOSED)
    in_time = closed & (Q(due_date__isnull=True) | Q(closed_day__lte=F("due_date")))
    return _found(scope) & in_time, _found(scope) & (closed | Q(due_date__lt=as_of))


def on_time_rate(scope: Scope, *, as_of: date) -> Rate:
    """按期整改率: hazards closed by their due date ÷ hazards found in the period that are due or closed."""
    n, d = on_time_filters(scope, as_of=as_of)
    row = with_closed_day(hazards(scope).filter(_found(scope))).aggregate(n=Count("pk", filter=n),
                                                                      d=Count("pk", filter=d))
    return Rate(row["n"], row["d"])


def on_time_rate_by_year(scope: Scope, *, as_of: date) -> list[tuple[int, Rate]]:
    """按期整改率 by year of discovery (the same definition as `on_time_rate`)."""
    n, d = on_time_filters(scope, as_of=as_of)
    rows = (
        with_closed_day(hazards(scope).filter(_found(scope))).annotate(year=ExtractYear("found_on")).values("year")
        .annotate(n=Count("pk", filter=n), d=Count("pk", filter=d))
        .order_by("year")
    )
    return [(row["year"], Rate(row["n"], row["d"])) for row in rows]


def self_fix_filters(scope: Scope) -> tuple[Q, Q]:
    """§3's numerator and denominator as filters on `hazards(scope)`."""
    major = _found(scope) & Q(grade=HazardGrade.MAJOR)
    return major & Q(channel=HazardChannel.SELF_REPORT, status=HazardStatus.CLOSED), major


def self_fix_rate(scope: Scope) -> Rate:
    """自查自改率: major hazards self-reported by units and closed ÷ major hazards found in the period."""
    n, d = self_fix_filters(scope)
    row = hazards(scope).filter(d).aggregate(n=Count("pk", filter=n), d=Count("pk", filter=d))
    return Rate(row["n"], row["d"])


@dataclass(frozen=True)
class Clearing:
    """动态清零 of major hazards: known, closed, still open, open past due, open without 五落实."""

    known: int
    closed: int
    open: int
    overdue: int
    five_in_place_missing: int

    @property
    def cleared(self) -> bool:
        return self.open == 0


def dynamic_clearing(scope: Scope, *, as_of: date) -> Clearing:
    """Major hazards found up to the period's end and where they stand now; cleared when none is open."""
    from anjian.ledger.models import FiveInPlace

    incomplete = FiveInPlace.objects.filter(hazard=OuterRef("pk")).filter(
        Q(responsibility="") | Q(measures="") | Q(funds="") | Q(deadline__isnull=True) | Q(contingency_plan="")
    )
    complete = FiveInPlace.objects.filter(hazard=OuterRef("pk"))
    qs = hazards(scope).filter(scope.until_end("found_on"), grade=HazardGrade.MAJOR).exclude(
        status=HazardStatus.CANCELLED
    )
    row = qs.annotate(bad=Exists(incomplete), has=Exists(complete)).aggregate(
        known=Count("pk"),
        closed=Count("pk", filter=Q(status=HazardStatus.CLOSED)),
        open=Count("pk", filter=Q(status__in=HAZARD_OPEN)),
        overdue=Count("pk", filter=Q(status__in=HAZARD_WATCHED, due_date__lt=as_of)),
        five_in_place_missing=Count("pk", filter=Q(status__in=HAZARD_OPEN) & (Q(bad=True) | Q(has=False))),
    )
    return Clearing(**row)


# --- Tasks -----------------------------------------------------------------------------------------------


def tasks(scope: Scope) -> QuerySet[Task]:
    """The tasks of the scope's region, lead department and visibility (grade/channel/sector do not apply)."""
    q = scope.region_q() & scope.visible("task")
    if scope.department:
        q &= Q(Exists(TaskOwner.objects.filter(task=OuterRef("pk"), role=OwnerRole.LEAD,
                                               department=scope.department)))
    return Task.objects.filter(q).annotate(created_day=LocalDate("created_at"))


def task_count_filters(scope: Scope, *, as_of: date) -> dict[str, Q]:
    """§1 found / closed / open / overdue as filters on `tasks(scope)` annotated with `closed_day`."""
    return _count_filters(scope, as_of, TASK_WATCHED, TASK_OPEN, TaskStatus.CLOSED, TaskStatus.CANCELLED,
                          "created_day")


def _task_aggregates(scope: Scope, as_of: date) -> dict[str, Count]:
    return _counted(task_count_filters(scope, as_of=as_of))


def task_counts(scope: Scope, *, as_of: date) -> Counts:
    """Tasks created and closed in the period, and open and overdue now (created up to the period's end)."""
    row = with_closed_day(tasks(scope)).aggregate(**_task_aggregates(scope, as_of))
    return Counts(key="all", label="合计", **row)


def task_breakdown(scope: Scope, by: str, *, as_of: date) -> list[Counts]:
    """Task counts per region (the scope region's children) or per lead department."""
    if by == "region":
        rows = with_closed_day(tasks(scope)).values("region__path").annotate(**_task_aggregates(scope, as_of))
        return _roll_up_regions(scope.region, {row["region__path"]: row for row in rows})
    if by != "department":
        raise ValueError(f"tasks have no breakdown by {by}")
    lead = Q(owners__role=OwnerRole.LEAD)
    rows = (
        with_closed_day(tasks(scope)).filter(lead, owners__department__isnull=False)
        .values("owners__department", "owners__department__name")
        .annotate(**_task_aggregates(scope, as_of))
    )
    result = [Counts(key=str(r["owners__department"]), label=r["owners__department__name"],
                     **{n: r[n] for n in ("found", "closed", "open", "overdue")}) for r in rows]
    return sorted(result, key=lambda c: (-c.overdue, -c.open, c.label))


def most_overdue_departments(scope: Scope, *, as_of: date, limit: int = 10) -> list[tuple[str, str, int, int]]:
    """(department id, name, overdue tasks, overdue hazards) ordered by the sum, most first."""
    task_rows = {c.key: (c.label, c.overdue) for c in task_breakdown(scope, "department", as_of=as_of)}
    hazard_rows = {c.key: (c.label, c.overdue) for c in hazard_breakdown(scope, "department", as_of=as_of)}
    keys = {k for k in [*task_rows, *hazard_rows] if k}
    rows = [(k, (task_rows.get(k) or hazard_rows[k])[0], task_rows.get(k, ("", 0))[1],
             hazard_rows.get(k, ("", 0))[1]) for k in keys]
    rows = [r for r in rows if r[2] + r[3] > 0]
    return sorted(rows, key=lambda r: (-(r[2] + r[3]), r[1]))[:limit]


# --- Inspections and enforcement -------------------------------------------------------------------------


def inspections(scope: Scope) -> QuerySet[Inspection]:
    """Inspections in the period of the scope's region, unit sector, department and visibility."""
    q = scope.region_q() & scope.visible("inspection") & scope.in_period("inspected_on")
    if scope.sector:
        q &= Q(unit__sector__code=scope.sector)
    if scope.department:
        q &= Q(department=scope.department)
    return Inspection.objects.filter(q)


@dataclass(frozen=True)
class PerThousand:
    """每千次检查发现重大事故隐患数: major hazards found by inspections per 1,000 inspections."""

    major_hazards: int
    inspections: int

    @property
    def value(self) -> float | None:
        return 1000 * self.major_hazards / self.inspections if self.inspections else None


def major_per_thousand_inspections(scope: Scope) -> PerThousand:
    """Major hazards linked to an inspection of the period ÷ inspections of the period × 1,000."""
    visits = inspections(scope)
    major = Hazard.objects.filter(inspection__in=visits.values("pk"), grade=HazardGrade.MAJOR).exclude(
        status=HazardStatus.CANCELLED
    )
    return PerThousand(major_hazards=major.count(), inspections=visits.count())


@dataclass(frozen=True)
class PenaltyRatio:
    """Inspections of one department that found hazards, and how many of them ended in a penalty."""

    department_id: int | None
    department: str
    inspections: int
    with_hazards: int
    with_penalty: int
    threshold: float

    @property
    def rate(self) -> Rate:
        return Rate(self.with_penalty, self.with_hazards)

    @property
    def flagged(self) -> bool:
        """宽松软: a department whose inspections found hazards but rarely led to a penalty."""
        value = self.rate.value
        return value is not None and value < self.threshold


def penalty_threshold() -> float:
    """The installation's penalty-ratio threshold."""
    from django.conf import settings

    return float(getattr(settings, "ANJIAN_PENALTY_RATIO_THRESHOLD", DEFAULT_PENALTY_RATIO_THRESHOLD))


def with_outcomes(qs: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """Inspections annotated with `found` (a hazard not cancelled) and `fined` (a penalty decision)."""
    found = Hazard.objects.filter(inspection=OuterRef("pk")).exclude(status=HazardStatus.CANCELLED)
    fined = EnforcementAction.objects.filter(inspection=OuterRef("pk"), kind=EnforcementKind.PENALTY)
    return qs.annotate(found=Exists(found), fined=Exists(fined))


def penalty_filters(scope: Scope) -> tuple[Q, Q]:
    """§5's with_hazards and with_penalty as filters on `with_outcomes` inspections (in the scope's period)."""
    found = scope.in_period("inspected_on") & Q(found=True)
    return found, found & Q(fined=True)


def penalty_ratio_by_department(scope: Scope, *, threshold: float | None = None) -> list[PenaltyRatio]:
    """处罚率 per department: inspections ending in a penalty ÷ inspections that found hazards."""
    limit = penalty_threshold() if threshold is None else threshold
    h, p = penalty_filters(scope)
    rows = (
        with_outcomes(inspections(scope).filter(department__isnull=False))
        .values("department", "department__name")
        .annotate(n=Count("pk"), h=Count("pk", filter=h), p=Count("pk", filter=p))
        .order_by("department__name")
    )
    return [PenaltyRatio(r["department"], r["department__name"], r["n"], r["h"], r["p"], limit) for r in rows]


@dataclass(frozen=True)
class EnforcementSummary:
    """Enforcement actions of the period: count per kind, fines, 一案双罚."""

    by_kind: dict[str, int]
    fines_yuan: Decimal
    dual_penalties: int


def enforcement_summary(scope: Scope) -> EnforcementSummary:
    """Enforcement decided in the period, in the scope's region, unit sector and department."""
    q = scope.region_q() & scope.visible("enforcement") & scope.in_period("decided_on")
    if scope.sector:
        q &= Q(unit__sector__code=scope.sector)
    if scope.department:
        q &= Q(department=scope.department)
    qs = EnforcementAction.objects.filter(q)
    by_kind = dict(qs.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    totals = qs.aggregate(
        company=Sum("company_amount"), person=Sum("person_amount"),
        dual=Count("pk", filter=Q(company_amount__gt=0, person_amount__gt=0)),
    )
    fines = (totals["company"] or Decimal(0)) + (totals["person"] or Decimal(0))
    return EnforcementSummary({k: by_kind.get(k, 0) for k in EnforcementKind.values}, fines, totals["dual"])


# --- Accidents -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccidentRow:
    """Accidents of one grade: how many, deaths, serious injuries, direct loss, first reports late."""

    grade: str
    label: str
    count: int = 0
    deaths: int = 0
    serious_injuries: int = 0
    direct_loss_yuan: Decimal = Decimal(0)
    late_reports: int = 0


def accidents(scope: Scope) -> QuerySet[Accident]:
    """Accidents that occurred in the period, in the scope's region and sector."""
    q = scope.region_q() & scope.visible("accident")
    if scope.sector:
        q &= Q(sector__code=scope.sector)
    return Accident.objects.annotate(day=LocalDate("occurred_at")).filter(q & scope.in_period("day"))


def accidents_by_grade(scope: Scope) -> list[AccidentRow]:
    """事故起数、死亡、重伤、直接经济损失 per grade (every grade listed, most severe last)."""
    late = Q(reported_at__gt=F("report_due_at")) | Q(reported_at__isnull=True, report_due_at__lt=timezone.now())
    rows = {
        r["grade"]: r
        for r in accidents(scope).values("grade").annotate(
            count=Count("pk"), deaths=Sum("deaths"), serious_injuries=Sum("serious_injuries"),
            direct_loss_yuan=Sum("direct_loss_yuan"), late_reports=Count("pk", filter=late),
        )
    }
    labels = dict(AccidentGrade.choices)
    result = []
    for grade in GRADE_ORDER:
        r = rows.get(grade)
        if r is None:
            result.append(AccidentRow(grade, str(labels[grade])))
            continue
        result.append(AccidentRow(grade, str(labels[grade]), r["count"], r["deaths"] or 0,
                                  r["serious_injuries"] or 0, r["direct_loss_yuan"] or Decimal(0), r["late_reports"]))
    return result
