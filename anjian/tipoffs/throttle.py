"""Rate limits of the public endpoints, counted in the database per keyed hash of the client address."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from anjian.tipoffs.errors import RateLimited
from anjian.tipoffs.models import SubmissionAttempt

WINDOW = timedelta(hours=1)


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address, so attempts can be counted without storing the IP."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def limit_for(kind: str) -> int:
    """Attempts allowed per client and hour for `kind` ("submit" or "track")."""
    return settings.ANJIAN_TIPOFF_SUBMIT_PER_HOUR if kind == "submit" else settings.ANJIAN_TIPOFF_TRACK_PER_HOUR


def hit(*, client: str, kind: str) -> None:
    """Count one attempt; raise RateLimited when the hour's allowance is already used up."""
    now = timezone.now()
    recent = SubmissionAttempt.objects.filter(client_hash=client, kind=kind, at__gt=now - WINDOW).count()
    if recent >= limit_for(kind):
        raise RateLimited()
    SubmissionAttempt.objects.create(client_hash=client, kind=kind, at=now)
    # Old rows are useless once outside every window; trimming here keeps the table small without a job.
    SubmissionAttempt.objects.filter(at__lt=now - 2 * WINDOW).delete()
