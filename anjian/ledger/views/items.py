"""Item detail pages (task, hazard) and the forms that move an item along the loop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Model, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from anjian import filestore
from anjian.accounts.policy import can, scope_q
from anjian.core.pagecache import cached_page
from anjian.errors import ConflictError, DomainError
from anjian.escalation.choices import StepAction
from anjian.ingest.preview import DEADLINE_WORDS
from anjian.ingest.services import pending_q
from anjian.ledger.choices import (
    HAZARD_TERMINAL,
    HAZARD_TRANSITIONS,
    TASK_TERMINAL,
    TASK_TRANSITIONS,
    Action,
    OwnerRole,
)
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Evidence, FiveInPlace, Hazard, ItemEvent, ProgressReport, Task
from anjian.ledger.owners import owner_entries
from anjian.ledger.services import (
    add_evidence,
    is_overdue,
    record_five_in_place,
    revise_task,
    submit_progress,
    transition,
)
from anjian.ledger.steering import SteeringInvalid
from anjian.web.forms import EvidenceForm, FiveInPlaceForm, ProgressForm, TransitionForm

MODELS: dict[str, type[Task] | type[Hazard]] = {"task": Task, "hazard": Hazard}
DATED_ACTIONS = {Action.ASSIGN, Action.APPROVE_EXTENSION}
EVENT_LABELS = {"create": gettext_lazy("登记"), "progress": gettext_lazy("报送进展"),
                "evidence": gettext_lazy("上传证明材料"), "five_in_place": gettext_lazy("填报五落实"),
                "escalate": gettext_lazy("督办升级"), "remind": gettext_lazy("到期提醒"),
                "enforcement": gettext_lazy("执法措施")}
# The scanner's events are "escalate:<step>": shown as the step's name (督办升级：挂牌督办).
ESCALATION_EVENT_LABELS = {f"escalate:{step}": format_lazy("{}：{}", gettext_lazy("督办升级"), label)
                           for step, label in StepAction.choices}


@dataclass(frozen=True)
class ActionButton:
    """A transition this user may take now."""

    action: str
    label: str
    needs_reason: bool
    needs_date: bool
    danger: bool


def visible_item(user: Any, kind: str, pk: int) -> Task | Hazard:
    """The item if the user's scope includes it; otherwise 404 (an invisible item does not exist)."""
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    item = model.objects.filter(scope_q(user, kind), pk=pk).first()
    if item is None:
        raise Http404
    return item


def available_actions(user: Any, item: Task | Hazard) -> list[ActionButton]:
    """The declared edges leaving the current status that the policy lets this user take."""
    from anjian.ledger.views.steering import (
        NOT_IN_ACTIONS,  # forms needing a date, an opinion or a confirmation
    )

    table = TASK_TRANSITIONS if isinstance(item, Task) else HAZARD_TRANSITIONS
    buttons = []
    for action, edge in table.items():
        if action not in NOT_IN_ACTIONS and item.status in edge.sources and can(user, action, item):
            buttons.append(ActionButton(action, str(Action(action).label), edge.needs_reason,
                                        action in DATED_ACTIONS, action in {Action.CANCEL, Action.RETURN}))
    return buttons


def _detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = visible_item(request.user, kind, pk)
    target = {kind: item}
    terminal = TASK_TERMINAL if kind == "task" else HAZARD_TERMINAL
    is_open = item.status not in terminal
    may = {a: is_open and can(request.user, a, item) for a in ("progress", "evidence")}
    five = None
    five_form = None
    if isinstance(item, Hazard):
        five = FiveInPlace.objects.filter(hazard=item).first()
        may["five_in_place"] = is_open and can(request.user, "five_in_place", item)
        if may["five_in_place"]:
            five_form = FiveInPlaceForm(instance=five or FiveInPlace(hazard=item), prefix="five")
    from anjian.ledger.views.steering import steering_context

    context = {
        "kind": kind, "item": item, "overdue": is_overdue(item), "steer": steering_context(request.user, item),
        "events": ItemEvent.objects.filter(**target).select_related("actor"),
        "reports": ProgressReport.objects.filter(**target).select_related("author").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.only("id", "original_name", "content_type",
                                                                "progress_report_id"))),
        "evidence": Evidence.objects.filter(**target).select_related("uploaded_by"),
        "actions": available_actions(request.user, item) if is_open else [],
        "may": may, "five": five, "five_form": five_form,
        "progress_form": ProgressForm(), "evidence_form": EvidenceForm(),
        "owners": owner_entries(item.owners.all()) if isinstance(item, Task) else [],
        "may_fill": isinstance(item, Task) and is_open and can(request.user, "edit", item)
        and Task.objects.filter(pending_q(), pk=item.pk).exists(),
        "deadline_words": DEADLINE_WORDS[:-1],
        "event_labels": {**EVENT_LABELS, **dict(Action.choices), **ESCALATION_EVENT_LABELS},
        "status_labels": dict(type(item)._meta.get_field("status").choices or []),
    }
    return render(request, f"web/items/{kind}_detail.html", context)


@login_required
@cached_page
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A task: owners, deadline, timeline, progress, evidence, and the actions this user may take."""
    return _detail(request, "task", pk)


@login_required
@cached_page
def hazard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A hazard: its unit, grade, 五落实, timeline, progress, evidence and the allowed actions."""
    return _detail(request, "hazard", pk)


def _back(kind: str, item: Model) -> HttpResponse:
    return redirect(f"web:{kind}_detail", pk=item.pk)


def _report_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else str(error))


@login_required
@require_POST
def item_action(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Take one transition through ledger.services.transition; a stale form yields a conflict message."""
    item = visible_item(request.user, kind, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        _report_errors(request, form)
        return _back(kind, item)
    data = form.cleaned_data
    deadline = None
    if data["new_due"] and data["action"] in DATED_ACTIONS:
        # The 原文 deadline text stays on the item (the first due date too): the new date is a decision.
        deadline = DeadlineSpec("date", data["new_due"], raw=item.deadline_raw or data["new_due"].isoformat())
    try:
        with transaction.atomic():
            version = data["expected_version"]
            if data["action"] == Action.ASSIGN and isinstance(item, Task) and request.POST.get("lead"):
                version = _assign_owners(request, item, version)
            transition(item=item, action=data["action"], actor=request.user,  # type: ignore[type-var]
                       reason=data["reason"] or "", expected_version=version, new_deadline=deadline)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已%(action)s。") % {"action": Action(data["action"]).label})
    return _back(kind, item)


def _assign_owners(request: HttpRequest, task: Task, version: int) -> int:
    """分派 with the responsible units chosen on the page (lead and co-units among the region's departments):
    the task's owners are revised first, in the assignment's transaction. Returns the version to assign."""
    from anjian.ledger.views.steering import _departments, _owner

    if task.version != version:
        raise ConflictError()
    by_pk = {d.pk: d for d in _departments(task)}
    lead = by_pk.get(int(request.POST["lead"])) if request.POST["lead"].isdigit() else None
    if lead is None:
        raise SteeringInvalid("请选择牵头单位")
    cooperate = [int(v) for v in request.POST.getlist("cooperate") if v.isdigit()]
    owners = [_owner(lead, OwnerRole.LEAD)] + [_owner(by_pk[d], OwnerRole.COOPERATE) for d in dict.fromkeys(cooperate)
                                               if d in by_pk and d != lead.pk]
    before = [o.name for o in task.owners.all()]
    after = [f"{o.name}（{OwnerRole(o.role).label}）" for o in owners]
    revise_task(actor=request.user, task=task, reason="分派时确定责任单位", data={"owners": after},
                before={"owners": before}, after={"owners": after}, owners=owners)
    return version + 1


def _files(uploaded: list[Any]) -> list[tuple[str, bytes]]:
    return [(f.name, f.read()) for f in uploaded]


@login_required
@require_POST
def item_progress(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """File a progress report with evidence files through ledger.services.submit_progress."""
    item = visible_item(request.user, kind, pk)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        _report_errors(request, form)
        return _back(kind, item)
    try:
        submit_progress(actor=request.user, item=item, text=form.cleaned_data["text"],
                        period=form.cleaned_data["period"], files=_files(form.cleaned_data["attachments"]))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("进展情况已报送。"))
    return _back(kind, item)


@login_required
@require_POST
def item_evidence(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Attach evidence files through ledger.services.add_evidence."""
    item = visible_item(request.user, kind, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        _report_errors(request, form)
        return _back(kind, item)
    try:
        for name, content in _files(form.cleaned_data["attachments"]):
            add_evidence(actor=request.user, item=item, name=name, content=content)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("证明材料已上传。"))
    return _back(kind, item)


@login_required
@require_POST
def hazard_five_in_place(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the 五落实 through ledger.services.record_five_in_place."""
    hazard = visible_item(request.user, "hazard", pk)
    form = FiveInPlaceForm(request.POST, prefix="five")
    if not form.is_valid():
        _report_errors(request, form)
        return _back("hazard", hazard)
    try:
        record_five_in_place(actor=request.user, hazard=hazard, **form.cleaned_data)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("五落实已保存。"))
    return _back("hazard", hazard)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Serve an evidence file to someone who may view its item; never through a public media URL."""
    evidence = Evidence.objects.select_related("task", "hazard").filter(pk=pk).first()
    item = (evidence.task or evidence.hazard) if evidence else None
    if evidence is None or item is None or not can(request.user, "view", item):
        raise Http404
    # Streamed from the shared store, so any web host serves what any other received.
    response = filestore.download(evidence.file.name or "", content_type=evidence.content_type,
                                  as_attachment=not evidence.is_image, filename=evidence.original_name)
    response["Cache-Control"] = "private, max-age=3600"
    return response
