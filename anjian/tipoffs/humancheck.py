"""A simple human check for the public portal: an arithmetic question whose answer travels signed."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing

from anjian.tipoffs.errors import HumanCheckFailed

_SALT = "anjian.tipoffs.humancheck"
MAX_AGE_SECONDS = 30 * 60


@dataclass(frozen=True)
class Challenge:
    """The question shown to a person and the signed token that carries its answer."""

    question: str
    token: str


def new_challenge() -> Challenge:
    """A fresh addition or subtraction of small numbers, with a nonce so two tokens never match."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        question, answer = f"{a} + {b} = ?", a + b
    else:
        a, b = max(a, b), min(a, b)
        question, answer = f"{a} − {b} = ?", a - b
    token = signing.dumps({"a": answer, "n": secrets.token_hex(8)}, salt=_SALT, compress=True)
    return Challenge(question=question, token=token)


def check(token: str, answer: str | int | None) -> None:
    """Raise HumanCheckFailed unless the token is genuine, fresh and the answer right."""
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature as exc:
        raise HumanCheckFailed() from exc
    try:
        given = int(str(answer).strip())
    except ValueError as exc:
        raise HumanCheckFailed() from exc
    if given != data.get("a"):
        raise HumanCheckFailed()
