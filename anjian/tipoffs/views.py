"""Pages of the public portal (no login) and of the handling queue (login, policy-scoped)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from anjian import filestore
from anjian.accounts.policy import Where, allowed, can, scope_q
from anjian.accounts.services import top_region
from anjian.audit.services import record
from anjian.errors import DomainError
from anjian.publish.xlsx_safe import Sheet, write_workbook
from anjian.tipoffs import humancheck, services, throttle
from anjian.tipoffs.choices import EVENT_LABELS, TIPOFF_TRANSITIONS, TipOffAction, TipOffStatus
from anjian.tipoffs.errors import HumanCheckFailed
from anjian.tipoffs.forms import ActionForm, PaymentForm, SubmitForm, TrackForm
from anjian.tipoffs.models import TipOff, TipOffPhoto

_CODE_KEY = "tipoff_code"
PAGE_SIZE = 30


def _render_form(request: HttpRequest, form: SubmitForm, status: int = 200) -> HttpResponse:
    """The form with a fresh question; only the question's random token goes into the page."""
    challenge = humancheck.new_challenge()
    return render(request, "tipoffs/submit.html",
                  {"form": form, "question": challenge.question, "challenge_token": challenge.token}, status=status)


@sensitive_post_parameters("name", "phone", "contact")
@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    """The public tip-off form."""
    form = SubmitForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _render_form(request, form)
    client = throttle.client_key(request)
    try:
        throttle.ensure_may_file(client)
        if form.is_valid():
            try:
                humancheck.check(request.POST.get("challenge", ""), form.cleaned_data["answer"])
            except HumanCheckFailed:
                throttle.record(client=client, kind=throttle.FAILED_CHECK)
                raise
            data = form.cleaned_data
            reporter = None
            if data["real_name"]:
                reporter = services.ReporterInfo(name=data["name"], phone=data["phone"], contact=data["contact"])
            submission = services.submit_tipoff(
                region=data["region"] or top_region(), category=data["category"], place=data["place"],
                unit_name=data["unit_name"], description=data["description"], reporter=reporter,
                photos=[(f.name, f.read()) for f in data["photos"]],
            )
            throttle.record(client=client, kind=throttle.SUBMIT)  # the hourly limit counts accepted reports
            request.session[_CODE_KEY] = submission.code
            return redirect("tipoffs:done")
    except DomainError as exc:
        form.add_error(None, exc.message)
        status = exc.http_status
    else:
        status = 400
    # The reporter's own POST is echoed back so nothing typed is lost; it goes nowhere else.
    return _render_form(request, form, status=status)


@never_cache
def done(request: HttpRequest) -> HttpResponse:
    """The tracking code, shown exactly once after filing."""
    code = request.session.pop(_CODE_KEY, None)
    if code is None:
        return redirect("tipoffs:track")
    return render(request, "tipoffs/done.html", {"code": services.format_code(code)})


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    """Enter a tracking code, see the status and outcome (no internal details)."""
    form = TrackForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            throttle.hit(client=throttle.client_key(request), kind="track")
            result = services.public_status(form.cleaned_data["code"])
            if result is None:
                form.add_error("code", _("查询码不存在，请核对后重新输入"))
                status = 404
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.http_status
    return render(request, "tipoffs/track.html", {"form": form, "result": result}, status=status)


def _may_export(user: Any) -> bool:
    return allowed(user, "export", Where("tipoff"))


def _visible(request: HttpRequest) -> Any:
    return TipOff.objects.filter(scope_q(request.user, "tipoff", "view"))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The handling queue: filter bar, coloured status, red when overdue; not there for roles that handle none."""
    if not allowed(request.user, "view", Where("tipoff")):
        raise Http404()
    rows = _visible(request).select_related("region", "routed_department", "unit")
    status = request.GET.get("status", "")
    if status in TipOffStatus.values:
        rows = rows.filter(status=status)
    if request.GET.get("overdue"):
        rows = rows.filter(services.overdue_q())
    page = Paginator(rows.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for tipoff in page:
        tipoff.overdue = services.is_overdue(tipoff, today)  # type: ignore[attr-defined]
    return render(request, "tipoffs/queue.html", {
        "page": page, "statuses": TipOffStatus.choices, "status": status, "overdue": request.GET.get("overdue", ""),
        "can_export": _may_export(request.user),
    })


def _get(request: HttpRequest, pk: int) -> TipOff:
    tipoff = _visible(request).filter(pk=pk).select_related("region", "routed_department", "unit", "hazard").first()
    if tipoff is None:
        raise Http404()
    return tipoff


def _events(tipoff: TipOff) -> list[Any]:
    events = list(tipoff.events.select_related("actor"))
    for e in events:
        e.action_label = EVENT_LABELS.get(e.action, e.action)  # type: ignore[attr-defined]
        e.to_label = TipOffStatus(e.to_status).label if e.to_status in TipOffStatus.values else ""  # type: ignore[attr-defined]
    return events


def _detail_context(request: HttpRequest, tipoff: TipOff, **extra: Any) -> dict[str, Any]:
    actions = [a for a, edge in TIPOFF_TRANSITIONS.items()
               if tipoff.status in edge.sources and can(request.user, a, tipoff)]
    return {
        "tipoff": tipoff, "overdue": services.is_overdue(tipoff), "actions": actions,
        "action_labels": dict(TipOffAction.choices),
        "form": ActionForm(region=tipoff.region, initial={"expected_version": tipoff.version}),
        "events": _events(tipoff), "photos": list(tipoff.photos.all()),
        "reward": getattr(tipoff, "reward", None), "payment_form": PaymentForm(),
        "can_reveal": tipoff.has_identity and can(request.user, "reveal", tipoff),
        "can_reward": can(request.user, "reward", tipoff), "can_pay": can(request.user, "pay", tipoff),
        # Link the unit and the hazard only for those who may open them (the handling role may not).
        "unit_link": tipoff.unit is not None and can(request.user, "view", tipoff.unit),
        "hazard_link": tipoff.hazard is not None and can(request.user, "view", tipoff.hazard),
        **extra,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One tip-off with its history and the steps the user may take."""
    tipoff = _get(request, pk)
    return render(request, "tipoffs/detail.html", _detail_context(request, tipoff))


@login_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply one handling step through the service."""
    tipoff = _get(request, pk)
    form = ActionForm(request.POST, region=tipoff.region)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误"))
        return redirect("tipoffs:detail", pk=pk)
    data = form.cleaned_data
    try:
        services.transition(
            tipoff=tipoff, action=data["action"], actor=request.user, reason=data["reason"] or "",
            expected_version=data["expected_version"], department=data["department"], unit=data["unit"],
            grade=data["grade"] or "general", public_feedback=data["public_feedback"] or "",
            hazard_description=data["hazard_description"] or "", hazard_location=data["hazard_location"] or "",
        )
        messages.success(request, _("已办理：%(action)s") % {"action": TipOffAction(data["action"]).label})
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("tipoffs:detail", pk=pk)


@login_required
@require_POST
@never_cache
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the reporter's identity to the handling role, on this response only (audited)."""
    tipoff = _get(request, pk)
    try:
        identity = services.reveal_identity(actor=request.user, tipoff=tipoff)
    except DomainError as exc:
        if exc.http_status == 404:
            raise Http404() from exc
        messages.error(request, exc.message)
        return redirect("tipoffs:detail", pk=pk)
    response = render(request, "tipoffs/detail.html", _detail_context(request, tipoff, identity=identity))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def reward(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose the reward due under the current policy, or record its payment."""
    tipoff = _get(request, pk)
    try:
        if request.POST.get("step") == "pay":
            form = PaymentForm(request.POST)
            services.pay_reward(actor=request.user, tipoff=tipoff,
                                payment_ref=form.data.get("payment_ref", ""))
            messages.success(request, _("已登记奖励兑付"))
        else:
            proposed = services.propose_reward(actor=request.user, tipoff=tipoff)
            messages.success(request, _("拟奖励 %(amount)s 元") % {"amount": proposed.amount})
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("tipoffs:detail", pk=pk)


@login_required
def photo(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """A photo of a tip-off the user may see, served as an attachment-safe image."""
    tipoff = _get(request, pk)
    item = get_object_or_404(TipOffPhoto, pk=photo_pk, tipoff=tipoff)
    return filestore.download(item.file.name or "", content_type=item.content_type, as_attachment=False)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The queue as a workbook: no identity, no tracking code; every export is audited."""
    if not _may_export(request.user):
        raise PermissionDenied()
    rows = TipOff.objects.filter(scope_q(request.user, "tipoff", "export")).select_related(
        "region", "routed_department", "unit")
    sheet = Sheet(
        title="群众举报", caption="群众举报办理台账",
        header=("编号", "受理日期", "区域", "类别", "地点", "被举报单位", "状态", "转办部门", "办理期限", "实名"),
        rows=[(t.pk, timezone.localdate(t.received_at), t.region.name, t.get_category_display(), t.place,
               t.unit.name if t.unit else t.unit_name, t.get_status_display(),
               t.routed_department.name if t.routed_department else "", t.due_date, "是" if t.has_identity else "否")
              for t in rows],
    )
    record(actor=request.user, action="tipoff.export", object_type="tipoff", object_id="",
           after={"rows": len(sheet.rows)})
    response = HttpResponse(write_workbook([sheet]),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="tipoffs.xlsx"'
    return response
