"""A simple human check for the public portal: an arithmetic question whose answer never leaves the server.

The form (or API client) carries only a random token; the answer waits in a HumanChallenge row, which the
first answer given consumes, right or wrong, so a solved token cannot be replayed and a question cannot be
guessed at.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from anjian.tipoffs.errors import HumanCheckFailed
from anjian.tipoffs.models import HumanChallenge

MAX_AGE_SECONDS = 30 * 60


@dataclass(frozen=True)
class Challenge:
    """The question shown to a person and the random token that names its stored answer."""

    question: str
    token: str


def new_challenge() -> Challenge:
    """A fresh addition or subtraction of small numbers; its answer is stored, the token is random."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        question, answer = f"{a} + {b} = ?", a + b
    else:
        a, b = max(a, b), min(a, b)
        question, answer = f"{a} − {b} = ?", a - b
    now = timezone.now()
    # Expired questions are useless; trimming here keeps the table small without a job.
    HumanChallenge.objects.filter(created_at__lt=now - timedelta(seconds=MAX_AGE_SECONDS)).delete()
    token = secrets.token_urlsafe(24)
    HumanChallenge.objects.create(token=token, answer=answer, created_at=now)
    return Challenge(question=question, token=token)


def check(token: str, answer: str | int | None) -> None:
    """Consume the challenge; raise HumanCheckFailed unless it existed, was fresh and the answer is right."""
    row = HumanChallenge.objects.filter(token=str(token or "")[:64]).first()
    # Only the request whose delete removed the row may use it: two requests with one token, one answer.
    if row is None or HumanChallenge.objects.filter(pk=row.pk).delete()[0] != 1:
        raise HumanCheckFailed()
    if row.created_at < timezone.now() - timedelta(seconds=MAX_AGE_SECONDS):
        raise HumanCheckFailed()
    try:
        given = int(str(answer).strip())
    except ValueError as exc:
        raise HumanCheckFailed() from exc
    if given != row.answer:
        raise HumanCheckFailed()
