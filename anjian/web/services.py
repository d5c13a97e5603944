"""State changes the workspace itself owns: sign-in failures and lockout, inbox reads, reference data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Model
from django.forms import ModelForm
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from anjian.accounts.models import User
from anjian.audit.services import record
from anjian.notify.models import Notification
from anjian.web.models import LoginThrottle


@dataclass(frozen=True)
class SignIn:
    """The outcome of one sign-in attempt: the user now signed in, or (refused) until when the name is locked."""

    user: User | None = None
    locked_until: datetime | None = None


def name_key(username: str) -> str:
    """The keyed hash under which failures are counted for a name no account holds."""
    return salted_hmac("anjian.web.LoginThrottle", username, algorithm="sha256").hexdigest()


def is_locked(counter: User | LoginThrottle) -> bool:
    """Whether the account (or the unknown name) is inside a lockout window."""
    return counter.locked_until is not None and counter.locked_until > timezone.now()


def _claim_counter(username: str) -> tuple[User | None, User | LoginThrottle]:
    """Lock the row that counts this name's failures until the transaction ends: the account's own, or
    for a name no account holds its throttle row (created on first use), so that both behave alike."""
    user = User.objects.select_for_update().filter(username=username).first()
    if user is not None:
        return user, user
    key = name_key(username)
    LoginThrottle.objects.bulk_create([LoginThrottle(name_hash=key)], ignore_conflicts=True)
    return None, LoginThrottle.objects.select_for_update().get(name_hash=key)


def sign_in(*, request: HttpRequest | None, username: str, password: str) -> SignIn:
    """Check a password under the lockout; every attempt writes one audit row.

    The counting row is locked before the password is checked, so parallel guesses are counted one after
    another: the N-th failure in a row locks the name for the configured minutes, and while it is locked no
    password is checked at all (a right one neither signs in nor lifts the lock). A name no account holds
    is counted and locked the same way, so the lockout does not tell which names exist.
    """
    with transaction.atomic():
        user, counter = _claim_counter(username)
        object_id = user.pk if user is not None else ""
        who = {"username": username[:150], "known": user is not None}
        if is_locked(counter):
            record(actor=None, action="login.refused", object_type="user", object_id=object_id,
                   after={**who, "locked_until": counter.locked_until.isoformat()})  # type: ignore[union-attr]
            return SignIn(locked_until=counter.locked_until)
        signed_in = authenticate(request, username=username, password=password)
        if signed_in is not None:
            if counter.failed_logins or counter.locked_until:
                counter.failed_logins, counter.locked_until = 0, None
                counter.save(update_fields=["failed_logins", "locked_until"])
            record(actor=signed_in, action="login", object_type="user", object_id=signed_in.pk)
            return SignIn(user=signed_in)  # type: ignore[arg-type]
        counter.failed_logins += 1
        record(actor=None, action="login.failed", object_type="user", object_id=object_id,
               after={**who, "failed_logins": counter.failed_logins})
        locked = counter.failed_logins >= settings.ANJIAN_LOCKOUT_ATTEMPTS
        if locked:
            counter.locked_until = timezone.now() + timedelta(minutes=settings.ANJIAN_LOCKOUT_MINUTES)
            counter.failed_logins = 0
            record(actor=None, action="login.locked", object_type="user", object_id=object_id,
                   after={**who, "locked_until": counter.locked_until.isoformat()})
        counter.save(update_fields=["failed_logins", "locked_until"])
        return SignIn(locked_until=counter.locked_until if locked else None)


def record_logout(*, user: Any) -> None:
    """Audit a sign-out the user asked for (session expiry is audited by the session middleware)."""
    record(actor=user, action="logout", object_type="user", object_id=user.pk)


def record_export(*, actor: Any, kind: str, filters: dict[str, str], rows: int) -> None:
    """Audit a ledger list exported as a workbook: which list, under which filters, how many rows."""
    record(actor=actor, action=f"{kind}.export", object_type=kind, object_id="",
           after={"filters": {k: v[:100] for k, v in filters.items()}, "rows": rows})


def record_password_change(*, user: User) -> None:
    """Stamp and audit a password change made by the user."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now(), must_change_password=False)
        record(actor=user, action="user.password_change", object_type="user", object_id=user.pk)


def mark_notifications_read(*, actor: Any, ids: list[int] | None = None) -> int:
    """Mark the actor's own notifications read (all unread ones when no ids are given)."""
    rows = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())


def _plain(instance: Model) -> dict[str, Any]:
    return {k: str(v) if v is not None else None for k, v in model_to_dict(instance).items()
            if not isinstance(v, list | bytes)}


def save_reference(*, actor: Any, form: ModelForm[Any]) -> Model:
    """Save an administration form (regions, sectors, holidays …) and audit before and after."""
    instance = form.instance
    kind = instance._meta.model_name or "reference"
    with transaction.atomic():
        before = None
        if not instance._state.adding:  # not `pk`: a holiday's primary key is its date, set before saving
            before = _plain(type(instance)._default_manager.get(pk=instance.pk))
        saved = form.save()
        record(actor=actor, action=f"{kind}.{'update' if before else 'create'}", object_type=kind,
               object_id=saved.pk, before=before, after=_plain(saved))
        return saved


def delete_reference(*, actor: Any, instance: Model) -> None:
    """Delete a reference row (a holiday, a responsibility line, an escalation step) with an audit row."""
    kind = instance._meta.model_name or "reference"
    with transaction.atomic():
        before = _plain(instance)
        pk = instance.pk
        instance.delete()
        record(actor=actor, action=f"{kind}.delete", object_type=kind, object_id=pk, before=before)


def create_user(*, actor: Any, username: str, display_name: str, password: str, role: str, region: Any,
                department: Any = None, unit: Any = None) -> User:
    """Create a person with one role (the department is passed by identity, never looked up by name)."""
    from anjian.accounts.services import create_user as create

    return create(actor=actor, username=username, display_name=display_name, password=password, role=role,
                  region=region, department=department, unit=unit)


def unlock_user(*, actor: Any, user: User) -> None:
    """Lift a sign-in lockout before it expires."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(locked_until=None, failed_logins=0)
        record(actor=actor, action="user.unlock", object_type="user", object_id=user.pk)
