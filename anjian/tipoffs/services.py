"""Every change to a tip-off goes through one of these functions (STYLE: services.py).

The reporter's identity is sealed on the way in and opened only by `reveal_identity`, which needs
the tip-off handling role and leaves an audit row. Nothing here writes the identity to an event,
an audit row, a log line or an exception message.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.accounts.policy import allowed, require
from anjian.audit.services import record
from anjian.errors import ConflictError
from anjian.ledger import evidence as evidence_files
from anjian.ledger.choices import HazardChannel, HazardGrade
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.errors import ReasonRequired, TransitionNotAllowed
from anjian.ledger.services import report_hazard
from anjian.notify.models import Notification
from anjian.notify.services import announce
from anjian.org.models import Department, Region, Unit
from anjian.tipoffs import photos as tipoff_photos
from anjian.tipoffs import sealing
from anjian.tipoffs.choices import (
    REWARD_TRANSITIONS,
    TIPOFF_TRANSITIONS,
    TIPOFF_WATCHED,
    RewardStatus,
    TipOffAction,
    TipOffCategory,
    TipOffStatus,
)
from anjian.tipoffs.errors import NoIdentity, RewardNotDue, TipOffInvalid
from anjian.tipoffs.models import ReporterIdentity, Reward, RewardPolicy, TipOff, TipOffEvent, TipOffPhoto
from anjian.tipoffs.rewards import compute_reward, current_policy, penalty_total

# No 0/O, 1/I/L: a code read aloud over the phone or copied by hand must not be ambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
MAX_PHOTOS = 5


@dataclass(frozen=True, repr=False)
class ReporterInfo:
    """Who sent a tip-off, as typed by the reporter; never printed (repr is redacted)."""

    name: str
    phone: str = ""
    contact: str = ""

    def __repr__(self) -> str:
        return "ReporterInfo(<sealed>)"

    __str__ = __repr__


@dataclass(frozen=True, repr=False)
class Submission:
    """A filed tip-off and the tracking code handed to the reporter (shown once, stored only hashed)."""

    tipoff: TipOff
    code: str

    def __repr__(self) -> str:
        return f"Submission({self.tipoff!r})"


@dataclass(frozen=True)
class PublicStatus:
    """What the holder of a tracking code may know: no names, departments or internal notes."""

    status: str
    status_label: str
    received_on: date
    category_label: str
    feedback: str
    reward_label: str = ""
    steps: list[str] = field(default_factory=list)


def hash_code(code: str) -> str:
    """The stored form of a tracking code (normalised: case and separators do not matter)."""
    clean = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(clean.encode("ascii", "ignore")).hexdigest()


def new_code() -> str:
    """A fresh tracking code: 12 characters from a 31-letter alphabet (about 59 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """The code in groups of four, easier to copy: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _event(tipoff: TipOff, **fields: Any) -> TipOffEvent:
    return TipOffEvent.objects.create(tipoff=tipoff, at=timezone.now(), **fields)


def _snapshot(tipoff: TipOff) -> dict[str, Any]:
    """The audit view of a tip-off: status and routing only, never identity or free text."""
    return {
        "status": tipoff.status,
        "routed_department": tipoff.routed_department_id,
        "hazard": tipoff.hazard_id,
        "due_date": tipoff.due_date.isoformat() if tipoff.due_date else None,
        "version": tipoff.version,
    }


def resolve_unit(region: Region, unit_name: str) -> Unit | None:
    """The registered unit of that exact name inside the region, if there is exactly one."""
    if not unit_name.strip():
        return None
    matches = list(Unit.objects.filter(name=unit_name.strip(), region__path__startswith=region.path)[:2])
    return matches[0] if len(matches) == 1 else None


def submit_tipoff(
    *,
    actor: Any = None,
    region: Region,
    category: str,
    place: str,
    description: str,
    unit_name: str = "",
    photos: Sequence[tuple[str, bytes]] = (),
    reporter: ReporterInfo | None = None,
) -> Submission:
    """File a tip-off from the public (actor None): seal the identity, store photos, start the 60-day clock."""
    if category not in TipOffCategory.values:
        raise TipOffInvalid("请选择举报类别")
    if not place.strip() or not description.strip():
        raise TipOffInvalid("请填写地点和举报内容")
    if len(photos) > MAX_PHOTOS:
        raise TipOffInvalid(f"最多上传 {MAX_PHOTOS} 张照片")
    if reporter is not None and not reporter.name.strip():
        reporter = None
    # Re-encoded from their pixels first (no EXIF GPS, camera or author survives; the upload is stored nowhere),
    # under neutral file names: an uploaded "张三举报.jpg" must not carry the reporter's name onto disk.
    cleaned = [tipoff_photos.without_metadata(content) for _name, content in photos]
    stored = [
        evidence_files.store(photo.content, f"photo-{i + 1}{photo.suffix}", folder="tipoffs")
        for i, photo in enumerate(cleaned)
    ]
    for f in stored:
        if not f.content_type.startswith("image/"):
            for s in stored:
                evidence_files.discard(s)
            raise TipOffInvalid("举报照片仅支持图片格式")
    code = new_code()
    now = timezone.now()
    try:
        with transaction.atomic():
            tipoff = TipOff.objects.create(
                code_hash=hash_code(code), region=region, category=category, place=place.strip()[:200],
                unit_name=unit_name.strip()[:200], unit=resolve_unit(region, unit_name),
                description=description.strip(), received_at=now, has_identity=reporter is not None,
                due_date=timezone.localdate(now) + timedelta(days=settings.ANJIAN_TIPOFF_HANDLING_DAYS),
            )
            if reporter is not None:
                ReporterIdentity.objects.create(
                    tipoff=tipoff,
                    ciphertext=sealing.seal(
                        {"name": reporter.name.strip(), "phone": reporter.phone.strip(),
                         "contact": reporter.contact.strip()}
                    ),
                )
            for f in stored:
                TipOffPhoto.objects.create(tipoff=tipoff, file=f.name, content_type=f.content_type, size=f.size,
                                           sha256=f.sha256)
            _event(tipoff, action="submit", to_status=tipoff.status, actor=actor,
                   data={"photos": len(stored), "real_name": reporter is not None})
            record(actor=actor, action="tipoff.submit", object_type="tipoff", object_id=tipoff.pk,
                   after=_snapshot(tipoff) | {"photos": [f.sha256 for f in stored],
                                              "real_name": reporter is not None})
    except Exception:
        for f in stored:
            evidence_files.discard(f)
        raise
    return Submission(tipoff=tipoff, code=code)


def public_status(code: str) -> PublicStatus | None:
    """The status a reporter sees for a tracking code, or None for an unknown code."""
    tipoff = TipOff.objects.filter(code_hash=hash_code(code)).select_related("reward").first()
    if tipoff is None:
        return None
    feedback = tipoff.public_feedback or {
        TipOffStatus.VERIFIED: "经核查，您举报的问题属实，已依法督促整改。",
        TipOffStatus.REJECTED: "经核查，未发现您举报的问题。",
    }.get(TipOffStatus(tipoff.status), "您的举报已受理，正在办理中。")
    reward = getattr(tipoff, "reward", None)
    steps = [str(TipOffStatus(e.to_status).label)
             for e in tipoff.events.order_by("at", "id") if e.to_status in TipOffStatus.values]
    return PublicStatus(
        status=tipoff.status, status_label=str(TipOffStatus(tipoff.status).label),
        received_on=timezone.localdate(tipoff.received_at), category_label=str(TipOffCategory(tipoff.category).label),
        feedback=feedback, reward_label=str(RewardStatus(reward.status).label) if reward else "", steps=steps,
    )


def transition(
    *,
    tipoff: TipOff,
    action: str,
    actor: Any,
    reason: str = "",
    expected_version: int | None = None,
    department: Department | None = None,
    unit: Unit | None = None,
    grade: str = HazardGrade.GENERAL,
    hazard_description: str = "",
    hazard_location: str = "",
    hazard_deadline: DeadlineSpec | None = None,
    public_feedback: str = "",
) -> TipOff:
    """Move a tip-off along one declared edge; routing needs a department, verifying creates the Hazard.

    The hazard is read by the reported unit, so its text is what the verifier writes (`hazard_description`,
    required; `hazard_location`, optional), never the report: a reporter's words can name the reporter.
    """
    edge = TIPOFF_TRANSITIONS.get(action)
    if edge is None:
        raise TransitionNotAllowed(f"未知操作：{action}")
    require(actor, action, tipoff)
    if edge.needs_reason and not reason.strip():
        raise ReasonRequired("查证不实须填写理由")
    if action == TipOffAction.ROUTE and department is None:
        raise TipOffInvalid("转办须选择主管部门")
    if action == TipOffAction.VERIFY and not hazard_description.strip():
        raise TipOffInvalid("查证属实须填写隐患描述（被举报单位可见，请用核查结论表述，勿照抄举报原文）")
    with transaction.atomic():
        current = TipOff.objects.select_for_update().get(pk=tipoff.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError()
        if current.status not in edge.sources:
            label = TipOffStatus(current.status).label
            raise TransitionNotAllowed(f"“{label}”状态下不能{TipOffAction(action).label} / not allowed in {current.status}")
        before = _snapshot(current)
        changes: dict[str, Any] = {"status": edge.target, "version": F("version") + 1}
        if action == TipOffAction.ROUTE:
            changes["routed_department"] = department
        if action == TipOffAction.REJECT:
            changes["rejection_reason"] = reason.strip()
        if action == TipOffAction.VERIFY:
            target = unit or current.unit
            if target is None:
                raise TipOffInvalid("查证属实须确定被举报单位（在单位库中选择）")
            hazard = report_hazard(
                actor=actor, unit=target, description=hazard_description.strip(),
                channel=HazardChannel.TIP_OFF, found_on=timezone.localdate(), grade=grade,
                location=hazard_location.strip()[:200], found_by="群众举报",
                deadline=hazard_deadline or DeadlineSpec(),
            )
            changes.update(hazard=hazard, unit=target)
        if action == TipOffAction.CLOSE:
            changes["closed_at"] = timezone.now()
        if public_feedback.strip():
            changes["public_feedback"] = public_feedback.strip()
        swapped = TipOff.objects.filter(pk=current.pk, version=current.version, status=current.status).update(**changes)
        if swapped != 1:
            raise ConflictError()
        current.refresh_from_db()
        _event(current, action=action, from_status=before["status"], to_status=edge.target, actor=actor,
               reason=reason.strip(), data={"department": current.routed_department_id, "hazard": current.hazard_id})
        if action == TipOffAction.ROUTE:
            # Only the number, the category and the date: the message must not quote the report.
            # Stored messages are written in the site's language, whatever language the router's page speaks.
            with translation.override(settings.LANGUAGE_CODE):
                category = str(TipOffCategory(current.category).label)
            announce(key=f"tipoff:{current.pk}:routed:{current.version}", kind="tipoff_routed", item_kind="tipoff",
                     item_id=current.pk, title=f"【举报转办】{current} {category}",
                     body=f"一件举报已转办你单位核查，办理期限 {current.due_date:%Y-%m-%d}。")
        # The reason may quote the report; the audit row keeps only that one was given.
        record(actor=actor, action=f"tipoff.{action}", object_type="tipoff", object_id=current.pk,
               before=before, after=_snapshot(current) | ({"reason_given": True} if reason.strip() else {}))
        return current


def reveal_identity(*, actor: Any, tipoff: TipOff) -> ReporterInfo:
    """Open the sealed identity for the tip-off handling role; every reveal is audited."""
    require(actor, "reveal", tipoff)
    with transaction.atomic():
        sealed = ReporterIdentity.objects.filter(tipoff=tipoff).first()
        if sealed is None:
            raise NoIdentity()
        values = sealing.unseal(sealed.ciphertext)
        record(actor=actor, action="tipoff.reveal_identity", object_type="tipoff", object_id=tipoff.pk,
               after={"fields": sorted(k for k, v in values.items() if v)})
        _event(tipoff, action="reveal_identity", from_status=tipoff.status, to_status=tipoff.status, actor=actor)
    return ReporterInfo(name=values.get("name", ""), phone=values.get("phone", ""), contact=values.get("contact", ""))


def propose_reward(*, actor: Any, tipoff: TipOff, policy: RewardPolicy | None = None) -> Reward:
    """Propose (or re-propose, before payment) the reward due under the policy for a verified tip-off."""
    require(actor, "reward", tipoff)
    policy = policy or current_policy()
    with transaction.atomic():
        current = TipOff.objects.select_for_update().get(pk=tipoff.pk)
        if current.status not in {TipOffStatus.VERIFIED, TipOffStatus.CLOSED} or current.hazard_id is None:
            raise RewardNotDue()
        penalty = penalty_total(current)
        if penalty <= 0:
            raise RewardNotDue("尚无对该隐患的罚款处罚，暂不能计算奖励")
        existing = Reward.objects.select_for_update().filter(tipoff=current).first()
        if existing is not None and existing.status == RewardStatus.PAID:
            raise TransitionNotAllowed("奖励已兑付，不能重新核定")
        amount = compute_reward(penalty, policy)
        reward, _ = Reward.objects.update_or_create(
            tipoff=current,
            defaults={"policy": policy, "penalty_total": penalty, "amount": amount, "proposed_by": actor,
                      "proposed_at": timezone.now(), "status": RewardStatus.PROPOSED},
        )
        _event(current, action="reward_propose", from_status=current.status, to_status=current.status, actor=actor,
               data={"amount": str(amount), "penalty": str(penalty), "policy": policy.pk})
        record(actor=actor, action="tipoff.reward_propose", object_type="tipoff", object_id=current.pk,
               before={"amount": str(existing.amount)} if existing else None,
               after={"amount": str(amount), "penalty": str(penalty), "policy": policy.pk})
        return reward


def pay_reward(*, actor: Any, tipoff: TipOff, payment_ref: str) -> Reward:
    """Record that the proposed reward was paid (once: a second payment is refused)."""
    require(actor, "pay", tipoff)
    if not payment_ref.strip():
        raise TipOffInvalid("请填写兑付凭证号")
    edge = REWARD_TRANSITIONS["pay"]
    with transaction.atomic():
        reward = Reward.objects.select_for_update().filter(tipoff=tipoff).first()
        if reward is None or reward.status not in edge.sources:
            raise TransitionNotAllowed("没有待兑付的奖励")
        now = timezone.now()
        swapped = Reward.objects.filter(pk=reward.pk, status=reward.status).update(
            status=edge.target, paid_by=actor, paid_at=now, payment_ref=payment_ref.strip()[:100]
        )
        if swapped != 1:
            raise ConflictError()
        reward.refresh_from_db()
        _event(tipoff, action="reward_pay", from_status=tipoff.status, to_status=tipoff.status, actor=actor,
               data={"amount": str(reward.amount)})
        record(actor=actor, action="tipoff.reward_pay", object_type="tipoff", object_id=tipoff.pk,
               before={"reward": RewardStatus.PROPOSED}, after={"reward": RewardStatus.PAID,
                                                                "amount": str(reward.amount)})
        return reward


def overdue_q(today: date | None = None) -> Q:
    """Tip-offs still being handled after their handling deadline."""
    return Q(status__in=TIPOFF_WATCHED, due_date__lt=today or timezone.localdate())


def is_overdue(tipoff: TipOff, today: date | None = None) -> bool:
    """Still being handled after its deadline."""
    return tipoff.status in TIPOFF_WATCHED and tipoff.due_date < (today or timezone.localdate())


def _handlers(tipoff: TipOff) -> list[User]:
    """Handlers and office staff whose region contains the tip-off, plus the department it was routed to."""
    parts = tipoff.region.path.strip("/").split("/")
    ancestors = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    q = Q(role__in=[Role.TIPOFF_HANDLER, Role.OFFICE], region__path__in=ancestors)
    if tipoff.routed_department_id:
        q |= Q(role=Role.DEPARTMENT, department=tipoff.routed_department_id)
    ids = RoleAssignment.objects.filter(q).values("user")
    candidates = User.objects.filter(pk__in=ids, is_active=True).order_by("pk")
    # The policy has the last word: nobody hears of a tip-off they may not open.
    return [user for user in candidates if allowed(user, "view", tipoff)]


def scan_deadlines(as_of: date | None = None) -> int:
    """Remind handlers once per due date of tip-offs near or past their deadline; returns how many were due."""
    today = as_of or timezone.localdate()
    horizon = today + timedelta(days=settings.ANJIAN_TIPOFF_REMIND_DAYS)
    due = (TipOff.objects.filter(status__in=TIPOFF_WATCHED, due_date__lte=horizon)
           .exclude(reminded_for=F("due_date")).select_related("region"))
    count = 0
    for tipoff in due:
        with transaction.atomic():
            if not TipOff.objects.filter(pk=tipoff.pk, version=tipoff.version).update(
                reminded_for=tipoff.due_date, version=F("version") + 1
            ):
                continue
            late = tipoff.due_date < today
            # Only the number, the category and the date: the message must not quote the report.
            title = f"【举报{'超期' if late else '即将到期'}】{tipoff} {TipOffCategory(tipoff.category).label}"
            body = f"办理期限 {tipoff.due_date:%Y-%m-%d}，当前状态：{TipOffStatus(tipoff.status).label}。"
            for user in _handlers(tipoff):
                Notification.objects.create(recipient=user, kind="tipoff_deadline", title=title, body=body,
                                            item_kind="tipoff", item_id=tipoff.pk)
            _event(tipoff, action="remind", from_status=tipoff.status, to_status=tipoff.status,
                   data={"due_date": tipoff.due_date.isoformat(), "overdue": late})
            count += 1
    return count
