"""Steering pages and forms: 催办, 改派, 调整时限, 延期, 拆分, 验收销号 on an item, and the bulk page.

Every form calls one function of `anjian.ledger.steering` (or `services.transition`); what a user is
offered is what `policy.allowed` lets them do on this item now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from anjian.accounts.choices import Role
from anjian.accounts.policy import Where, allowed, assignments, scope_q
from anjian.errors import DomainError
from anjian.ledger import listing, steering
from anjian.ledger.choices import (
    HAZARD_OPEN,
    HAZARD_TERMINAL,
    HAZARD_TRANSITIONS,
    HAZARD_WATCHED,
    TASK_TERMINAL,
    TASK_TRANSITIONS,
    Action,
    HazardChannel,
    HazardStatus,
    OwnerRole,
)
from anjian.ledger.exports import export_workbook
from anjian.ledger.models import Hazard, ItemEvent, Task
from anjian.ledger.services import OwnerSpec, evidence_required, transition
from anjian.ledger.views.items import visible_item
from anjian.notify.models import Notification
from anjian.org.models import Department
from anjian.stats.models import ObligationRecord
from anjian.web.services import record_export

# Transitions whose forms live here (they need a date, an opinion or a confirmation), not in _actions.html.
OWN_FORMS = frozenset({Action.REQUEST_EXTENSION, Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION, Action.CLOSE})
# Not buttons in _actions.html: the forms above, and 交办, which a self-report does by itself.
NOT_IN_ACTIONS = OWN_FORMS | {Action.HAND_OVER}
BULK_LIMIT = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _departments(item: Task | Hazard) -> Any:
    """The departments of the item's region and the regions above it (a township task may go to the county's)."""
    codes = item.region.path.strip("/").split("/")
    return Department.objects.filter(region__code__in=codes).order_by("region__path", "name")


@dataclass
class Steering:
    """What the item page shows and offers about steering."""

    urges: int = 0
    last_urge: ItemEvent | None = None
    requested_until: date | None = None
    request_reason: str = ""
    may: dict[str, bool] = field(default_factory=dict)
    departments: list[Department] = field(default_factory=list)
    lead_ids: list[int] = field(default_factory=list)
    cooperate_ids: list[int] = field(default_factory=list)
    evidence_required: bool = False
    splittable: bool = False


def steering_context(user: Any, item: Task | Hazard) -> Steering:
    """The steering block of an item page for this user."""
    kind = "task" if isinstance(item, Task) else "hazard"
    table = TASK_TRANSITIONS if kind == "task" else HAZARD_TRANSITIONS
    is_open = item.status not in (TASK_TERMINAL if kind == "task" else HAZARD_TERMINAL)
    urges = ItemEvent.objects.filter(action=Action.URGE, **{kind: item}).select_related("actor").order_by("-id")
    info = Steering(urges=urges.count(), last_urge=urges.first(), evidence_required=evidence_required(item))
    for action in ("urge", "reassign", "change_deadline", "split"):
        info.may[action] = is_open and allowed(user, action, item)
    for action in (*OWN_FORMS, Action.SUBMIT):
        info.may[action] = item.status in table[action].sources and allowed(user, action, item)
    if isinstance(item, Task) and info.may["split"]:
        info.splittable = item.owners.count() > 1
    if info.may["reassign"]:
        info.departments = list(_departments(item))
        if isinstance(item, Task):
            owners = list(item.owners.all())
            info.lead_ids = [o.department_id for o in owners if o.role == OwnerRole.LEAD and o.department_id]
            info.cooperate_ids = [o.department_id for o in owners if o.role == OwnerRole.COOPERATE and o.department_id]
        elif item.supervising_department_id:
            info.lead_ids = [item.supervising_department_id]
    if info.may[Action.APPROVE_EXTENSION] or info.may[Action.REFUSE_EXTENSION] or item.status == "extension_requested":
        event = ItemEvent.objects.filter(action=Action.REQUEST_EXTENSION, **{kind: item}).order_by("-id").first()
        if event is not None:
            info.request_reason = event.reason
            until = (event.data or {}).get("until")
            info.requested_until = date.fromisoformat(until) if until else None
    return info


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000)


class DeadlineForm(ReasonForm):
    due = forms.DateField()


class ReassignForm(ReasonForm):
    lead = forms.IntegerField()
    cooperate = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args: Any, departments: list[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cooperate"].choices = [(d.pk, d.name) for d in departments]  # type: ignore[attr-defined]


class DecideForm(ReasonForm):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse")])
    until = forms.DateField(required=False)


class AcceptForm(ReasonForm):
    confirm = forms.BooleanField(required=True, error_messages={"required": gettext_lazy("请勾选确认整改到位")})


def _back(kind: str, item: Task | Hazard) -> HttpResponse:
    return redirect(f"web:{kind}_detail", pk=item.pk)


def _invalid(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _run(request: HttpRequest, done: str, call: Any) -> None:
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


def _owner(department: Department, role: str) -> OwnerSpec:
    return OwnerSpec(department.short_name or department.name, role=role, department=department)


@login_required
@require_POST
def item_steer(request: HttpRequest, kind: str, pk: int, op: str) -> HttpResponse:
    """One steering step on one item (`op`: urge, reassign, deadline, extension, decide, accept, split)."""
    item = visible_item(request.user, kind, pk)
    user = request.user
    if op == "urge":
        form: forms.Form = ReasonForm(request.POST)
        if form.is_valid():
            _run(request, _("已催办，通知已发送给责任单位。"),
                 lambda: steering.urge(actor=user, item=item, message=form.cleaned_data["reason"]))
    elif op == "reassign":
        departments = list(_departments(item))
        form = ReassignForm(request.POST, departments=departments)
        if form.is_valid():
            by_pk = {d.pk: d for d in departments}
            lead = by_pk.get(form.cleaned_data["lead"])
            if lead is None:
                messages.error(request, _("请选择牵头单位"))
                return _back(kind, item)
            owners = [_owner(lead, OwnerRole.LEAD)] + [
                _owner(by_pk[d], OwnerRole.COOPERATE) for d in form.cleaned_data["cooperate"]
                if d in by_pk and d != lead.pk]
            _run(request, _("已改派。"), lambda: steering.reassign(
                actor=user, item=item, owners=owners, department=lead, reason=form.cleaned_data["reason"]))
    elif op == "deadline":
        form = DeadlineForm(request.POST)
        if form.is_valid():
            _run(request, _("时限已调整。"), lambda: steering.change_deadline(
                actor=user, item=item, due=form.cleaned_data["due"], reason=form.cleaned_data["reason"]))
    elif op == "extension":
        form = DeadlineForm(request.POST)
        if form.is_valid():
            _run(request, _("延期申请已提交。"), lambda: steering.request_extension(
                actor=user, item=item, until=form.cleaned_data["due"], reason=form.cleaned_data["reason"]))
    elif op == "decide":
        form = DecideForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            _run(request, _("已同意延期。") if approve else _("已不同意延期。"), lambda: steering.decide_extension(
                actor=user, item=item, approve=approve, reason=form.cleaned_data["reason"],
                until=form.cleaned_data["until"]))
    elif op == "accept":
        form = AcceptForm(request.POST)
        if form.is_valid():
            _run(request, _("已验收销号。"), lambda: transition(
                item=item, action=Action.CLOSE, actor=user, reason=form.cleaned_data["reason"]))  # type: ignore[type-var]
    elif op == "split" and isinstance(item, Task):
        form = ReasonForm(request.POST)
        if form.is_valid():
            _run(request, _("已按责任单位拆分。"),
                 lambda: steering.split(actor=user, task=item, reason=form.cleaned_data["reason"]))
    else:
        raise Http404
    if not form.is_valid():
        _invalid(request, form)
    return _back(kind, item)


def _selected(request: HttpRequest, kind: str) -> list[Task | Hazard]:
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()][:BULK_LIMIT]
    if kind == "task":
        return list(Task.objects.filter(scope_q(request.user, kind), pk__in=ids))
    return list(Hazard.objects.filter(scope_q(request.user, kind), pk__in=ids).select_related("unit"))


@login_required
def bulk(request: HttpRequest, kind: str) -> HttpResponse:
    """批量办理: the list's filtered rows with checkboxes; the selected ones are urged, reassigned or exported."""
    spec = listing.LISTS.get(kind)
    if spec is None or kind not in {"task", "hazard"}:
        raise Http404
    user = request.user
    today = timezone.localdate()
    params = listing.clean_params(spec, {k: str(request.GET.get(k, "")) for k in request.GET})
    if request.method == "POST":
        op = request.POST.get("op", "")
        items = _selected(request, kind)
        query = urlencode({k: v for k, v in params.items() if v})
        # Posted from the list page's bulk bar: back to the same list page, else to this page.
        back = f"{'/tasks/' if kind == 'task' else '/hazards/'}?{query}" if request.POST.get("back") == "list" \
            else f"{request.path}?{query}"
        if not items:
            messages.error(request, _("请先勾选要办理的事项"))
            return redirect(back)
        if op == "export":
            qs = listing.filtered(spec, user, params, today, action=spec.export_action).filter(
                pk__in=[i.pk for i in items])
            body, count = export_workbook(kind, str(spec.title), listing.export_rows(spec, qs, params))
            record_export(actor=user, kind=kind, filters={**params, "selected": str(len(items))}, rows=count)
            response = HttpResponse(body, content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{kind}-{today:%Y%m%d}-selected.xlsx"'
            return response
        reason = request.POST.get("reason", "").strip()
        if op == "urge":
            result = steering.bulk_urge(actor=user, items=items, message=reason)
            verb = _("催办")
        elif op == "reassign":
            lead = Department.objects.filter(pk=request.POST.get("lead") or 0).first()
            if lead is None or not any(allowed(user, "reassign", i) for i in items[:1]):
                messages.error(request, _("请选择牵头单位"))
                return redirect(back)
            result = steering.bulk_reassign(actor=user, items=items, department=lead, reason=reason)
            verb = _("改派")
        else:
            raise Http404
        if result.done:
            messages.success(request, _("已%(verb)s %(n)d 项。") % {"verb": verb, "n": result.done})
        for message, n in (result.skipped or {}).items():
            messages.warning(request, _("%(n)d 项未办理：%(why)s") % {"n": n, "why": message})
        return redirect(back)
    qs = listing.filtered(spec, user, params, today)
    total = qs.count()
    pks = list(qs.order_by("due_date", "id").values_list("pk", flat=True)[:BULK_LIMIT])
    found = (Task.objects.prefetch_related("owners") if kind == "task"
             else Hazard.objects.select_related("unit", "supervising_department"))
    rows = sorted(found.filter(pk__in=pks), key=lambda r: (r.due_date is None, r.due_date or today, r.pk))
    context = {
        "kind": kind, "spec": spec, "rows": rows, "total": total, "limit": BULK_LIMIT, "today": today,
        "may_urge": _may(user, kind, "urge"),
        "may_reassign": _may(user, kind, "reassign"),
        "may_export": _may(user, kind, "export"),
        "departments": _scope_departments(user),
        "list_url": f"{'/tasks/' if kind == 'task' else '/hazards/'}?{urlencode({k: v for k, v in params.items() if v})}",
    }
    return render(request, "web/steering/bulk.html", context)


def _may(user: Any, kind: str, action: str) -> bool:
    return allowed(user, action, Where(kind))


def _scope_departments(user: Any) -> Any:
    codes: set[str] = set()
    for a in assignments(user):
        codes.update(a.region.path.strip("/").split("/"))
    return Department.objects.filter(region__code__in=codes).order_by("region__path", "name")


def is_enterprise(user: Any) -> bool:
    """Whether the user works only for enterprises (unit roles): their home is the enterprise home."""
    roles = {a.role for a in assignments(user)}
    return bool(roles) and roles == {Role.UNIT}


def enterprise_home(request: HttpRequest) -> HttpResponse:
    """An enterprise's home: its own open hazards by deadline, what to do on each, its duties this quarter."""
    user = request.user
    today = timezone.localdate()
    units = [a.unit for a in assignments(user) if a.role == Role.UNIT and a.unit is not None]
    hazards = Hazard.objects.filter(scope_q(user, "hazard"), status__in=HAZARD_OPEN).select_related(
        "unit", "supervising_department").order_by(F("due_date").asc(nulls_last=True), "pk")
    rows = []
    for h in hazards[:50]:
        rows.append({
            "hazard": h, "overdue": h.status in HAZARD_WATCHED and h.due_date is not None and h.due_date < today,
            "next": _next_step(user, h),
        })
    quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    duties = [{
        "unit": unit,
        "self_checks": Hazard.objects.filter(unit=unit, channel=HazardChannel.SELF_REPORT,
                                             found_on__gte=quarter).count(),
        "records": list(ObligationRecord.objects.filter(unit=unit).order_by("-done_on", "-pk")[:5]),
        "may_record": allowed(user, "create", Where("obligationrecord", unit.region.path, unit.pk)),
    } for unit in units]
    inbox = list(Notification.objects.filter(recipient_id=user.pk).order_by("-created_at")[:5])
    from anjian.prevention.due import due_checks  # 双重预防 builds on the ledger: imported where it is shown

    checks = due_checks(user, today)
    return render(request, "web/steering/enterprise_home.html", {
        "checks": checks, "checks_overdue": any(c.overdue for c in checks),
        "rows": rows, "open_count": hazards.count(), "overdue_count": sum(1 for r in rows if r["overdue"]),
        "duties": duties, "quarter": quarter, "inbox": inbox, "today": today,
        "may_self_report": allowed(user, "self_report", Where("hazard")),
    })


def _next_step(user: Any, hazard: Hazard) -> str:
    """What the enterprise has to do next on its hazard, in words."""
    if hazard.status == HazardStatus.SUBMITTED:
        return _("已提交验收，等待监管部门验收")
    if hazard.status == HazardStatus.EXTENSION_REQUESTED:
        return _("已申请延期，等待审批")
    if hazard.status == HazardStatus.FOUND:
        return _("等待交办")
    if allowed(user, Action.SUBMIT, hazard):
        if hazard.status == HazardStatus.RETURNED:
            return _("被退回：请按意见重新整改，报送进展后再提交验收")
        return _("请整改，报送进展并上传整改照片后提交验收")
    return ""
