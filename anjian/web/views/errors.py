"""The 403, 404 and 500 pages: Chinese first, in the workspace frame (the 500 page without the database)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the frame, the menu, and what to do next."""
    if _api(request):
        return JsonResponse({"detail": "Forbidden"}, status=403)
    return render(request, "web/error.html", {"status": 403}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: the frame, the menu, and a way back."""
    if _api(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "web/error.html", {"status": 404}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: rendered from a template alone (no request context, no user, no session), as the database may be
    what failed."""
    html = loader.get_template("web/500.html").render({"LANG": get_language()})
    return HttpResponseServerError(html)
