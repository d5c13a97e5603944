"""URL map: the workspace, the public tip-off portal, statistics, documents and the API.

There is no Django admin: it would be a second door beside the policy (it let a superuser reset the
audit administrator's password and ignored the sign-in lockout). Base data is kept at /manage/, the audit
log is read at /audit/.
"""

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from anjian.api.api import api
from anjian.ingest import urls as ingest_urls
from anjian.ledger import urls as ledger_urls
from anjian.web import urls as web_urls


def health(request: HttpRequest) -> JsonResponse:
    """Readiness probe for load balancers: 503 while this host cannot reach the primary database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return JsonResponse({"status": "database unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("health", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("tipoff/", include("anjian.tipoffs.urls")),
    path("stats/", include("anjian.stats.urls")),
    path("accidents/", include("anjian.accidents.urls")),
    path("prevention/", include("anjian.prevention.urls")),
    path("audit/", include("anjian.audit.urls")),
    path("assessment/", include("anjian.scoring.urls")),
    path("documents/", include("anjian.publish.urls")),
    path("org/", include("anjian.org.urls")),
    # The workspace: each app keeps its own pages' URLs; they share the namespace "web" (web:task_list …).
    path("", include(([*ledger_urls.urlpatterns, *ingest_urls.urlpatterns, *web_urls.urlpatterns], "web"))),
]

# Chinese error pages in the workspace frame (the 500 page reads nothing from the database).
handler403 = "anjian.web.views.errors.permission_denied"
handler404 = "anjian.web.views.errors.page_not_found"
handler500 = "anjian.web.views.errors.server_error"
