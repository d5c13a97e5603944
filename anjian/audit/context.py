"""The request id of the current request, so audit rows from one click can be grouped."""

from __future__ import annotations

import contextvars
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("anjian_request_id", default="")


def current_request_id() -> str:
    """The id of the request being served, or '' outside a request."""
    return _request_id.get()


def new_request_id() -> contextvars.Token[str]:
    """Start a new request id and return the token that restores the previous one."""
    return _request_id.set(uuid.uuid4().hex[:16])


def reset_request_id(token: contextvars.Token[str]) -> None:
    """Restore the request id that was current before `new_request_id`."""
    _request_id.reset(token)
