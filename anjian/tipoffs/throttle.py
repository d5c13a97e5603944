"""Rate limits of the public endpoints, counted in the database per keyed hash of the client address.

Filing counts accepted tip-offs only: a wrong answer to the human check is counted apart, against a larger
allowance, so a few wrong answers (or a neighbour behind the same address) never lock out an honest report.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from anjian.security.clientaddr import client_address
from anjian.tipoffs.errors import RateLimited
from anjian.tipoffs.models import SubmissionAttempt

WINDOW = timedelta(hours=1)
SUBMIT, FAILED_CHECK, TRACK = "submit", "failed", "track"


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address, so attempts can be counted without storing the IP."""
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def limit_for(kind: str) -> int:
    """Events allowed per client and hour: accepted tip-offs, failed human checks, or tracking attempts."""
    return {
        SUBMIT: settings.ANJIAN_TIPOFF_SUBMIT_PER_HOUR,
        FAILED_CHECK: settings.ANJIAN_TIPOFF_FAILED_CHECKS_PER_HOUR,
    }.get(kind, settings.ANJIAN_TIPOFF_TRACK_PER_HOUR)


def ensure_below(*, client: str, kind: str) -> None:
    """Raise RateLimited when the hour's allowance of `kind` is used up."""
    recent = SubmissionAttempt.objects.filter(client_hash=client, kind=kind, at__gt=timezone.now() - WINDOW).count()
    if recent >= limit_for(kind):
        raise RateLimited()


def record(*, client: str, kind: str) -> None:
    """Count one event of `kind` for the client."""
    now = timezone.now()
    SubmissionAttempt.objects.create(client_hash=client, kind=kind, at=now)
    # Old rows are useless once outside every window; trimming here keeps the table small without a job.
    SubmissionAttempt.objects.filter(at__lt=now - 2 * WINDOW).delete()


def hit(*, client: str, kind: str) -> None:
    """Count one attempt; raise RateLimited when the hour's allowance is already used up."""
    ensure_below(client=client, kind=kind)
    record(client=client, kind=kind)


def ensure_may_file(client: str) -> None:
    """Before a filing: both the accepted tip-offs and the failed checks of the hour are within their limits."""
    ensure_below(client=client, kind=SUBMIT)
    ensure_below(client=client, kind=FAILED_CHECK)
