"""Gives each request an id that its audit rows carry and its response echoes."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from anjian.audit.context import current_request_id, new_request_id, reset_request_id


class RequestIdMiddleware:
    """Set a fresh request id for the duration of each request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = new_request_id()
        try:
            response = self.get_response(request)
            response["X-Request-Id"] = current_request_id()
            return response
        finally:
            reset_request_id(token)
