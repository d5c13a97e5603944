"""Every page refused to a signed-in user leaves one audit row (等保三级 8.1.4.3 security audit)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

# The public tip-off portal: whoever uses it is a reporter, and nothing identifying them is written down.
_PUBLIC_TIPOFF = frozenset({"submit", "done", "track"})
_VIEW_SAID_NOT_FOUND = "_anjian_view_not_found"


class DenialAuditMiddleware:
    """Audit a 403, and a 404 raised by a view (the policy answers 'not found' for what a user may not see),
    given to a signed-in user — unless the policy's `require` already audited this request's denial.

    A 404 for a path no view serves is not a denial and is not written; nor is anything for an anonymous
    visitor (pages send them to the sign-in page, whose attempts are audited there).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = timezone.now()
        response = self.get_response(request)
        status = response.status_code
        if status == 403 or (status == 404 and getattr(request, _VIEW_SAID_NOT_FOUND, False)):
            self._record(request, status, started)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, Http404):
            setattr(request, _VIEW_SAID_NOT_FOUND, True)

    @staticmethod
    def _record(request: HttpRequest, status: int, started: object) -> None:
        from anjian.audit.context import current_request_id
        from anjian.audit.models import AuditEntry
        from anjian.audit.services import record

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        match = request.resolver_match
        if match is not None and match.namespace == "tipoffs" and match.url_name in _PUBLIC_TIPOFF:
            return
        rid = current_request_id()
        if rid and AuditEntry.objects.filter(at__gte=started, request_id=rid, action__startswith="denied").exists():
            return  # policy.require wrote it, with the object
        record(actor=user, action="denied:page", object_type="page",
               object_id=match.view_name[:60] if match is not None else "",
               after={"status": status, "method": request.method, "path": request.path[:300]})
