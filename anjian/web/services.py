"""State changes the workspace itself owns: sign-in failures and lockout, inbox reads, reference data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Model
from django.forms import ModelForm
from django.forms.models import model_to_dict
from django.utils import timezone

from anjian.accounts.models import User
from anjian.audit.services import record
from anjian.notify.models import Notification


def is_locked(user: User) -> bool:
    """Whether the account is inside a lockout window."""
    return user.locked_until is not None and user.locked_until > timezone.now()


def register_failed_login(*, username: str, user: User | None) -> User | None:
    """Count a failed sign-in; the N-th failure in a row locks the account for the configured minutes."""
    with transaction.atomic():
        if user is None:
            record(actor=None, action="login.failed", object_type="user", object_id="",
                   after={"username": username[:150], "known": False})
            return None
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
        user = User.objects.select_for_update().get(pk=user.pk)
        record(actor=None, action="login.failed", object_type="user", object_id=user.pk,
               after={"username": user.username, "failed_logins": user.failed_logins})
        if user.failed_logins >= settings.ANJIAN_LOCKOUT_ATTEMPTS:
            user.locked_until = timezone.now() + timedelta(minutes=settings.ANJIAN_LOCKOUT_MINUTES)
            user.failed_logins = 0
            user.save(update_fields=["locked_until", "failed_logins"])
            record(actor=None, action="login.locked", object_type="user", object_id=user.pk,
                   after={"locked_until": user.locked_until.isoformat()})
        return user


def register_successful_login(*, user: User) -> None:
    """Reset the failure counter after a good sign-in."""
    if user.failed_logins or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)


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
