"""Issuing, checking and revoking API tokens (each change audited)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.api.models import ApiToken
from anjian.audit.services import record
from anjian.errors import DomainError

TOKEN_PREFIX = "aj_"
# Writing last_used_at on every call would turn each read into a write; once a minute is enough.
TOUCH_INTERVAL = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    """The stored form of a token (it is random and long, so a plain SHA-256 suffices)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_token(*, actor: Any, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; the raw value is returned once and never stored."""
    if not name.strip():
        raise DomainError("请填写令牌用途", code="token_name_required")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name.strip()[:100], prefix=raw[:10], token_hash=hash_token(raw))
        record(actor=actor, action="api_token.issue", object_type="api_token", object_id=token.pk,
               after={"user": user.pk, "name": token.name, "prefix": token.prefix})
    return token, raw


def revoke_token(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token at once; revoking twice changes nothing."""
    with transaction.atomic():
        if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
            record(actor=actor, action="api_token.revoke", object_type="api_token", object_id=token.pk,
                   after={"prefix": token.prefix})
    token.refresh_from_db()
    return token


def user_for_token(raw: str) -> Any:
    """The active user a presented token stands for, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.filter(token_hash=hash_token(raw), revoked_at__isnull=True).select_related("user").first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
