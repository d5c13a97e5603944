"""The REST API (django-ninja): schema at /api/openapi.json, docs at /api/docs (served from /static/).

Session auth (with CSRF) for the browser, bearer tokens for integrations; every endpoint uses the
same permission policy and services as the pages, and every error is `{"code", "message"}`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from anjian.api import org
from anjian.api.auth import API_AUTH
from anjian.errors import DomainError
from anjian.ledger import api as ledger_api
from anjian.prevention import api as prevention_api
from anjian.tipoffs import api as tipoffs_api

api = NinjaAPI(
    title="anjian 安监 API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    description="安全生产监管台账接口。错误统一为 {\"code\", \"message\"}；对象不在权限范围内时返回 404。",
)

_HTTP_CODES = {400: "bad_request", 401: "unauthenticated", 403: "permission_denied", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large", 429: "rate_limited"}


def _error(request: HttpRequest, status: int, code: str, message: str, **extra: object) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.http_status, exc.code, exc.message)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", "请先登录或提供有效的接口令牌 / authentication required")


@api.exception_handler(AuthorizationError)
def unauthorized(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return _error(request, 403, "permission_denied", "无权执行此操作 / forbidden")


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Field locations and messages only: the submitted values are not echoed back.
    errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors]
    return _error(request, 422, "invalid_input", "提交的数据不符合要求 / invalid input", errors=errors)


@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # An id or cursor beyond 64 bits: SQLite cannot even bind it (PostgreSQL compares it as numeric).
    return _error(request, 422, "invalid_input", "数值超出范围 / number out of range",
                  errors=[{"loc": [], "msg": "integer out of the 64-bit range"}])


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    code = "csrf_failed" if "csrf" in message.lower() else _HTTP_CODES.get(exc.status_code, "error")
    return _error(request, exc.status_code, code, message)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "未找到该事项 / not found")


@api.exception_handler(DjangoPermissionDenied)
def denied(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
    return _error(request, 403, "permission_denied", "无权执行此操作 / forbidden")


api.add_router("/", ledger_api.router)
api.add_router("/", org.router)
api.add_router("/", tipoffs_api.router)
api.add_router("/", prevention_api.router)
