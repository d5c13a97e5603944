"""The home page of every role, and the notifications inbox."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.policy import scope_q
from anjian.core.pagecache import cached_page
from anjian.ledger.choices import HAZARD_OPEN, HAZARD_WATCHED, TASK_OPEN, TASK_WATCHED, HazardGrade
from anjian.ledger.models import Hazard, Task
from anjian.ledger.views.steering import enterprise_home, is_enterprise
from anjian.notify.models import Notification
from anjian.security.params import bounded_id
from anjian.stats.views import cockpit_context, shows_cockpit
from anjian.web.services import mark_notifications_read
from anjian.web.todos import todos


@login_required
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """My to-dos, the headline counts of my scope, and my latest notifications."""
    user = request.user
    if is_enterprise(user):  # an enterprise sees its own hazards, deadlines and duties, no government figures
        return enterprise_home(request)
    today = timezone.localdate()
    tasks = Task.objects.filter(scope_q(user, "task"))
    hazards = Hazard.objects.filter(scope_q(user, "hazard"))
    counts = {
        "open_tasks": tasks.filter(status__in=TASK_OPEN).count(),
        "overdue_tasks": tasks.filter(status__in=TASK_WATCHED, due_date__lt=today).count(),
        "open_hazards": hazards.filter(status__in=HAZARD_OPEN).count(),
        "overdue_hazards": hazards.filter(status__in=HAZARD_WATCHED, due_date__lt=today).count(),
        "open_major": hazards.filter(status__in=HAZARD_OPEN, grade=HazardGrade.MAJOR).count(),
    }
    boxes = [box for box in todos(user, today) if box.count]
    inbox = list(Notification.objects.filter(recipient_id=user.pk).order_by("-created_at")[:8])
    context = {"counts": counts, "boxes": boxes, "inbox": inbox, "today": today}
    if shows_cockpit(user):  # leaders and the office read the 领导驾驶舱 above their to-dos
        context |= cockpit_context(request)
    return render(request, "web/home.html", context)


@login_required
@cached_page
def notifications(request: HttpRequest) -> HttpResponse:
    """The full inbox, newest first, 30 to a page."""
    rows = Notification.objects.filter(recipient_id=request.user.pk).order_by("-created_at")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "web/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark one (id given) or all of my notifications read."""
    ids = [pk for i in request.POST.getlist("id") if (pk := bounded_id(i)) is not None] or None
    done = mark_notifications_read(actor=request.user, ids=ids)
    if done:
        messages.success(request, _("已标记 %(n)d 条为已读。") % {"n": done})
    return redirect("web:notifications")
