"""One delivery attempt, the same for every channel: the mail of an inbox row, the robot post of an outbox message.

A channel keeps four columns on its model: `<prefix>_attempts` (compare-and-swap: the deliverer that raises it
holds the attempt), `<prefix>_claimed_at` (when; the lease runs from it), `<prefix>_error` (the last failure,
empty while there is none) and the column that records success (`emailed_at`, `webhook_sent_at`). An attempt
is claimed, made after commit, then recorded as sent or failed; a failed one, or one whose deliverer died
before recording it (its lease, ANJIAN_DELIVERY_LEASE_SECONDS, passed), is tried again by a later delivery.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils import timezone


@dataclass(frozen=True)
class Channel:
    """Where one delivery channel keeps its attempts, how often it tries and which exceptions are failures."""

    model: type[Model]
    prefix: str  # `mail` → mail_attempts, mail_claimed_at, mail_error
    sent_field: str  # set when delivered
    attempts: int  # a row failed this many times is left as it is (its error says why)
    failures: tuple[type[BaseException], ...]  # what a refused delivery raises; anything else propagates
    label: str  # names the row in the log: "mail for notification 12 failed …"
    logger: logging.Logger

    @property
    def attempts_field(self) -> str:
        return f"{self.prefix}_attempts"

    @property
    def claimed_field(self) -> str:
        return f"{self.prefix}_claimed_at"

    @property
    def error_field(self) -> str:
        return f"{self.prefix}_error"


def lease_start() -> datetime:
    """Claims older than this and neither sent nor failed died with their deliverer (ANJIAN_DELIVERY_LEASE_SECONDS)."""
    return timezone.now() - timedelta(seconds=settings.ANJIAN_DELIVERY_LEASE_SECONDS)


def retry(channel: Channel) -> QuerySet[Any]:
    """Rows not yet delivered that failed before, or whose claimed attempt outlived its lease, with tries left."""
    unsent: dict[str, Any] = {f"{channel.sent_field}__isnull": True, f"{channel.attempts_field}__gt": 0,
                              f"{channel.attempts_field}__lt": channel.attempts}
    return channel.model._default_manager.filter(**unsent).filter(
        ~Q(**{channel.error_field: ""}) | Q(**{f"{channel.claimed_field}__lt": lease_start()})
        | Q(**{f"{channel.claimed_field}__isnull": True}))


def attempt(channel: Channel, row: Model, send: Callable[[], object], *, claimed: bool = False) -> bool | None:
    """Claim one attempt on `row` (unless the deliverer's transaction `claimed` it), `send`, and record the
    outcome: True sent, False failed (logged, kept for a later delivery), None not ours."""
    rows = channel.model._default_manager.filter(pk=row.pk)
    attempts: int = getattr(row, channel.attempts_field)
    if not claimed:
        if attempts >= channel.attempts:
            return None
        unsent = {f"{channel.sent_field}__isnull": True, channel.attempts_field: attempts}
        claim = {channel.attempts_field: attempts + 1, channel.claimed_field: timezone.now(), channel.error_field: ""}
        if rows.filter(**unsent).update(**claim) != 1:
            return None  # another deliverer holds this attempt
        attempts += 1
    try:
        send()
    except channel.failures as exc:
        rows.update(**{channel.error_field: f"{type(exc).__name__}: {exc}"[:200]})
        channel.logger.warning("%s %s failed (attempt %s of %s): %s", channel.label, row.pk, attempts,
                               channel.attempts, type(exc).__name__)
        return False
    rows.update(**{channel.sent_field: timezone.now(), channel.error_field: ""})
    return True
