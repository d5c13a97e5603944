"""The deadline scanner: pass one changes state and writes events, pass two delivers the outbox.

Both passes are idempotent: an item's escalation level only rises, a reminder is remembered per
due date, outbox keys are unique, and a notification exists once per recipient and message.
Two deliverers may run at once (the minutely `deliver` schedule and the hourly scan): each claims a
message (compare-and-swap on `processed_at`, in the transaction that writes its inbox rows) before
touching it, and each mail (compare-and-swap on `mail_attempts`) before sending it. Mail goes out after
the inbox rows commit, so a refused mail rolls nothing back; its failure is kept on the notification
and retried by later deliveries. A mail or robot post whose attempt was claimed by a deliverer that died
before sending it (kill -9, a lost host) is tried again once its lease has passed
(ANJIAN_DELIVERY_LEASE_SECONDS): delivery is at least once.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.accounts.policy import Where, allowed, roles_of
from anjian.escalation.choices import StepAction
from anjian.escalation.models import EscalationStep, ladder, policy_for
from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED
from anjian.ledger.models import Hazard, Task, TaskOwner
from anjian.ledger.services import mark_reminded, raise_escalation
from anjian.notify import attempts, webhook
from anjian.notify.models import Notification, OutboxMessage
from anjian.notify.services import DECIDING, announce_events

logger = logging.getLogger(__name__)

# A mail refused this many times is left as it is (mail_error says why); the inbox row is what counts.
MAIL_ATTEMPTS = 5
MAIL = attempts.Channel(Notification, "mail", sent_field="emailed_at", attempts=MAIL_ATTEMPTS,
                        failures=(smtplib.SMTPException, OSError), label="mail for notification", logger=logger)


@dataclass
class ScanResult:
    """What one scan did."""

    reminded: int = 0
    escalated: int = 0
    delivered: int = 0
    notifications: int = 0
    emailed: int = 0
    mail_failed: int = 0
    announced: int = 0
    posted: int = 0
    post_failed: int = 0
    levels: dict[str, int] = field(default_factory=dict)


def _target_level(steps: list[EscalationStep], days_overdue: int) -> EscalationStep | None:
    reached = [s for s in steps if s.days_after_due <= days_overdue]
    return reached[-1] if reached else None


def _label(item: Task | Hazard) -> str:
    if isinstance(item, Task):
        return f"任务 {item.seq} {(item.problem or item.measures)[:30]}".strip()
    return f"隐患：{item.unit.name} {item.description[:30]}"


def _outbox(key: str, kind: str, item_kind: str, item: Task | Hazard, title: str, body: str) -> None:
    OutboxMessage.objects.get_or_create(
        key=key[:120], defaults={"kind": kind, "item_kind": item_kind, "item_id": item.pk, "title": title, "body": body}
    )


def _remind(item_kind: str, item: Task | Hazard, as_of: date) -> bool:
    if not mark_reminded(item=item, as_of=as_of):
        return False
    days = (item.due_date - as_of).days if item.due_date else 0
    _outbox(f"{item_kind}:{item.pk}:remind:{item.due_date}", "reminder", item_kind, item,
            f"【到期提醒】{_label(item)}", f"该事项将于 {item.due_date}（{days} 天后）到期，请按时完成并报送进展。")
    return True


def _escalate(item_kind: str, item: Task | Hazard, step: EscalationStep, as_of: date) -> bool:
    if not raise_escalation(item=item, level=step.level, step=step.action, as_of=as_of):
        return False
    overdue = (as_of - item.due_date).days if item.due_date else 0
    _outbox(f"{item_kind}:{item.pk}:escalate:{step.level}:{item.due_date}", f"escalation:{step.action}", item_kind,
            item, f"【{StepAction(step.action).label}】{_label(item)}",
            f"该事项已逾期 {overdue} 天（截止 {item.due_date}），现予{StepAction(step.action).label}。")
    return True


def escalate(as_of: date) -> ScanResult:
    """Pass one: reminders before deadlines and ladder steps after them, with events and outbox rows."""
    result = ScanResult()
    for item_kind, model, watched in (("task", Task, TASK_WATCHED), ("hazard", Hazard, HAZARD_WATCHED)):
        grades = [""] if model is Task else ["general", "major"]
        policies = {g: policy_for(item_kind, g) for g in grades}
        ladders = {g: ladder(p) for g, p in policies.items()}
        horizon = max(p.remind_days_before for p in policies.values())
        base = model.objects.filter(status__in=watched, due_date__isnull=False)
        if model is Hazard:
            base = base.select_related("unit")  # type: ignore[misc]
        upcoming = base.filter(due_date__gte=as_of, due_date__lte=as_of + timedelta(days=horizon)).filter(
            Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due_date"))
        )
        for item in upcoming.iterator(chunk_size=500):
            grade = getattr(item, "grade", "")
            if item.due_date and (item.due_date - as_of).days <= policies[grade].remind_days_before:
                with transaction.atomic():
                    result.reminded += _remind(item_kind, item, as_of)
        for item in base.filter(due_date__lt=as_of).iterator(chunk_size=500):
            grade = getattr(item, "grade", "")
            assert item.due_date is not None
            step = _target_level(ladders[grade], (as_of - item.due_date).days)
            if step is not None and step.level > item.escalation_level:
                with transaction.atomic():
                    if _escalate(item_kind, item, step, as_of):
                        result.escalated += 1
                        result.levels[step.action] = result.levels.get(step.action, 0) + 1
    return result


def _tipoff_recipients(tipoff_id: int) -> list[User]:
    """A routed tip-off is heard of by the department it was routed to, and only by those who may open it."""
    from anjian.tipoffs.models import TipOff

    tipoff = TipOff.objects.get(pk=tipoff_id)
    if tipoff.routed_department_id is None:
        return []
    user_ids = RoleAssignment.objects.filter(role=Role.DEPARTMENT, department=tipoff.routed_department_id).values("user")
    candidates = User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    return [user for user in candidates if allowed(user, "view", tipoff)]


def _import_recipients(run_id: int) -> list[User]:
    """An import that left rows 待定 is heard of by the office that imported it: the importer and the office
    accounts of the run's region, those the policy lets fill (edit) tasks there."""
    from anjian.ingest.models import ImportRun

    run = ImportRun.objects.select_related("region").filter(pk=run_id).first()
    if run is None:
        return []
    office = RoleAssignment.objects.filter(role=Role.OFFICE, region=run.region_id).values("user")
    candidates = User.objects.filter(Q(pk__in=office) | Q(pk=run.actor_id), is_active=True).order_by("pk")
    return [user for user in candidates if allowed(user, "edit", Where("task", run.region.path))]


def recipients(item_kind: str, item_id: int, *, include_office: bool) -> list[User]:
    """Who hears about an item: its owners (department, township, unit), its supervisor, maybe the office."""
    if item_kind == "tipoff":
        return _tipoff_recipients(item_id)
    if item_kind == "import":
        return _import_recipients(item_id)
    q = Q(pk__in=[])
    item: Task | Hazard
    if item_kind == "task":
        task = item = Task.objects.select_related("region").get(pk=item_id)
        owners = TaskOwner.objects.filter(task=task)
        departments = [d for d in owners.values_list("department", flat=True) if d]
        q |= Q(role=Role.DEPARTMENT, department__in=departments)
        for path in owners.exclude(region=None).values_list("region__path", flat=True):
            q |= Q(role=Role.TOWNSHIP, region__path__startswith=path)
        if task.supervising_department_id:
            q |= Q(role=Role.DEPARTMENT, department=task.supervising_department_id)
        region_path = task.region.path
    else:
        hazard = item = Hazard.objects.select_related("region").get(pk=item_id)
        q |= Q(role=Role.UNIT, unit=hazard.unit_id)
        if hazard.supervising_department_id:
            q |= Q(role=Role.DEPARTMENT, department=hazard.supervising_department_id)
        region_path = hazard.region.path
    if include_office:
        ancestors = ["/" + "/".join(region_path.strip("/").split("/")[: i + 1]) + "/"
                     for i in range(len(region_path.strip("/").split("/")))]
        q |= Q(role=Role.OFFICE, region__path__in=ancestors)
    user_ids = RoleAssignment.objects.filter(q).values("user")
    candidates = User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    # The policy has the last word: nobody hears about an item they may not open (a department role held
    # in another county, say, matches the supervising department but not the place).
    return [user for user in candidates if allowed(user, "view", item)]


def audience(message: OutboxMessage, *, include_office: bool) -> list[User]:
    """Who receives an outbox message: the people who decide what waits (a review, an extension: those the
    policy lets take that action on the item), the department told of an enterprise's 交办, the owners told
    of a steering action, or everyone concerned (`recipients`)."""
    from anjian.ledger.steering import owners_of

    if message.item_kind not in ("task", "hazard"):
        return recipients(message.item_kind, message.item_id, include_office=include_office)
    model = Task if message.item_kind == "task" else Hazard
    item = model.objects.filter(pk=message.item_id).first()
    if item is None:
        return []
    if message.kind in DECIDING:
        people = recipients(message.item_kind, message.item_id, include_office=True)
        return [user for user in people if allowed(user, DECIDING[message.kind], item)]
    if message.kind == "hand_over":
        if getattr(settings, "ANJIAN_SELF_REPORT_MODE", "hand_over") == "self_rectify":
            return []  # the enterprise rectifies itself; the department hears of its submission
        return [user for user in owners_of(item) if Role.UNIT not in roles_of(user)]
    if message.kind in ("urge", "reassign", "change_deadline"):
        return owners_of(item)
    return recipients(message.item_kind, message.item_id, include_office=include_office)


def _claim(message: OutboxMessage) -> bool:
    """Take the message for this deliverer: only one of two concurrent deliverers flips `processed_at`.

    Runs inside the transaction that writes the inbox rows, so a deliverer that fails releases its claim
    by rolling back, and one that waits on the row lock sees the message processed and skips it. The robot
    post's first attempt is claimed with it: a deliverer that dies after the commit leaves a claim whose lease
    runs out, not a message nobody will post."""
    now = timezone.now()
    post = {"webhook_attempts": F("webhook_attempts") + 1, "webhook_claimed_at": now} if webhook.wanted(message) else {}
    return OutboxMessage.objects.filter(pk=message.pk, processed_at__isnull=True).update(processed_at=now, **post) == 1


def _send(notification: Notification, result: ScanResult, *, claimed: bool = False) -> None:
    """Claim one mail attempt (unless the inbox transaction `claimed` it), send it, record `emailed_at` or the
    failure (logged, kept, retried later)."""
    email = notification.recipient.email
    if not email:
        return
    sent = attempts.attempt(MAIL, notification, lambda: send_mail(notification.title, notification.body, None,
                                                                  [email], fail_silently=False), claimed=claimed)
    if sent is not None:
        result.emailed += sent
        result.mail_failed += not sent


def _mail(notification_ids: list[int], result: ScanResult, *, claimed: bool = False) -> None:
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related("recipient"):
        _send(notification, result, claimed=claimed)


def _post(message_ids: list[int], result: ScanResult, *, claimed: bool = False) -> None:
    for message_id in message_ids:
        sent = webhook.send(message_id, claimed=claimed)
        if sent is not None:
            result.posted += sent
            result.post_failed += not sent


def deliver(limit: int = 5000) -> ScanResult:
    """Pass two: announce new assignments, turn unprocessed outbox rows into inbox notifications, then mail
    them and post them to the group-chat robot after commit."""
    result = ScanResult()
    result.announced = announce_events()
    _post(webhook.retry_ids(limit), result)  # the posts earlier deliveries could not make, one more try each
    mail = bool(settings.EMAIL_HOST)
    if mail:  # the mails earlier deliveries could not send, or claimed and died before sending: one more each
        _mail(list(attempts.retry(MAIL).order_by("pk").values_list("pk", flat=True)[:limit]), result)
    pending = OutboxMessage.objects.filter(processed_at__isnull=True).order_by("pk")[:limit]
    for message in pending:
        include_office = message.kind.startswith("escalation:") and not message.kind.endswith(StepAction.REMIND)
        with transaction.atomic():
            if not _claim(message):
                continue  # another deliverer has it
            created: list[int] = []
            for user in audience(message, include_office=include_office):
                mailed = mail and bool(user.email)  # its first attempt claimed in this transaction
                try:
                    with transaction.atomic():
                        notification = Notification.objects.create(
                            recipient=user, outbox=message, kind=message.kind, title=message.title,
                            body=message.body, item_kind=message.item_kind, item_id=message.item_id,
                            mail_attempts=int(mailed), mail_claimed_at=timezone.now() if mailed else None,
                        )
                except IntegrityError:
                    continue
                result.notifications += 1
                if mailed:
                    created.append(notification.pk)
            result.delivered += 1
            if created:
                transaction.on_commit(partial(_mail, created, result, claimed=True))
            if webhook.wanted(message):
                transaction.on_commit(partial(_post, [message.pk], result, claimed=True))
    return result


def scan_deadlines(as_of: date | None = None) -> ScanResult:
    """Run both passes for the given day (default today)."""
    day = as_of or timezone.localdate()
    first = escalate(day)
    second = deliver()
    first.delivered, first.notifications = second.delivered, second.notifications
    return first


