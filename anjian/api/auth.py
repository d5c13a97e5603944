"""API authentication: a bearer token for integrations, the Django session (with CSRF) for the browser."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from anjian.api.services import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer aj_…`; the request then acts as the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token.strip())
        if user is not None:
            request.user = user
        return user


# Order matters: a request carrying a token never falls back to (or needs CSRF for) the session.
API_AUTH = [TokenAuth(), django_auth]


def caller(request: HttpRequest) -> Any:
    """The authenticated user ninja attached to the request (token or session)."""
    return request.auth  # type: ignore[attr-defined]
