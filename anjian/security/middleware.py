"""Session limits and password rotation of the level-3 profile (等保三级 8.1.4.1 a–b, ASVS V3.3.2)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from anjian.security.services import password_expired

STARTED = "anjian_session_started"
SEEN = "anjian_session_seen"
# Touching the session on every request would rewrite it on every click; a minute is precise enough.
TOUCH_EVERY = 60
_ROTATION_EXEMPT = ("/static/", "/login/", "/logout/", "/password/", "/i18n/")


class SessionLimitMiddleware:
    """End idle sessions after ANJIAN_IDLE_TIMEOUT_SECONDS and every session after SESSION_COOKIE_AGE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            reason = self._expired(request) if settings.ANJIAN_LEVEL3 else ""
            if reason:
                from anjian.audit.services import record

                record(actor=user, action=f"session.{reason}", object_type="user", object_id=user.pk)
                logout(request)
            # A password someone else chose is replaced first, in every profile (not only level 3).
            elif password_expired(user) and not request.path.startswith(_ROTATION_EXEMPT):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"code": "password_expired", "message": "密码已过期，请先修改密码 / password expired"},
                        status=403,
                    )
                return redirect(reverse("web:password_change"))
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> str:
        """'idle' or 'absolute' when the session is over, else '' (and the session is touched)."""
        now = time.time()
        session = request.session
        started = session.get(STARTED)
        seen = session.get(SEEN)
        if started is None:
            session[STARTED] = session[SEEN] = now
            return ""
        if now - float(started) > settings.SESSION_COOKIE_AGE:
            return "absolute"
        if seen is not None and now - float(seen) > settings.ANJIAN_IDLE_TIMEOUT_SECONDS:
            return "idle"
        if seen is None or now - float(seen) > TOUCH_EVERY:
            session[SEEN] = now
        return ""


class RequestSizeMiddleware:
    """Refuse a request body over ANJIAN_UPLOAD_MAX_BYTES with 413 before any of it is read (ASVS V5.2.1)."""

    # Multipart boundaries and the other form fields of an upload at the limit.
    SLACK = 64 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.ANJIAN_UPLOAD_MAX_BYTES + self.SLACK:
            limit = settings.ANJIAN_UPLOAD_MAX_BYTES // (1024 * 1024)
            return HttpResponse(
                f"上传内容超过 {limit} MB 上限 / request body larger than {limit} MB".encode(),
                status=413, content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class NulByteMiddleware:
    """Refuse input holding a NUL character (U+0000): PostgreSQL text cannot store it, so it would end as
    a server error deep in a query, and no form or document needs it. Checked: the path, query string,
    form fields and JSON bodies; 422 for the API, 400 for pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "invalid_input", "message": "输入含有空字符（U+0000）/ input holds a NUL "
                                     "character", "errors": []}, status=422)
            return HttpResponse("输入含有空字符（U+0000），请删除后重试 / input holds a NUL character".encode(),
                                status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or any(_has_nul(k) or _has_nul(v) for k, v in request.GET.lists()):
            return True
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        content_type = request.content_type or ""
        if content_type.startswith("application/json"):
            body = request.body
            if b"\x00" in body:
                return True
            if b"\\u0000" in body:  # maybe an escaped NUL; parse to be sure (a literal "\\u0000" is fine)
                import json

                try:
                    return _has_nul(json.loads(body))
                except ValueError:
                    return False  # not JSON: the API answers that itself
            return False
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return any(_has_nul(k) or _has_nul(v) for k, v in request.POST.lists())
        return False


# Scripts only from /static/ (htmx, ECharts and anjian.js are vendored there): no inline script, no eval, no
# other origin. Styles: the templates still carry style attributes, so inline styles stay allowed (an
# injected style cannot run code); images may be data: URLs (ECharts' canvas export).
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
    "frame-ancestors 'none'",
))
# ninja's interactive API docs page loads Swagger UI from a CDN with an inline script; it is left as it was.
_CSP_EXEMPT = ("/api/docs",)


class SecurityHeadersMiddleware:
    """A Content-Security-Policy on every HTML answer and `Cache-Control: no-store` on every dynamic one.

    It sits below WhiteNoise, so /static/ files never reach it and stay cacheable; every page, the JSON API
    and the tip-off portal do, including pages served from the page cache (a decorator inside the view),
    error pages and the refusals of the middleware below it. A ledger page, a tip-off or the audit log
    left in a browser or proxy cache would outlive the session that was allowed to see it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and not request.path.startswith(_CSP_EXEMPT):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
