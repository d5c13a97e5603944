"""URL map: the workspace, the public tip-off portal, statistics, documents, the API and the admin."""

from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from anjian.api.api import api


def health(request: HttpRequest) -> JsonResponse:
    """Liveness probe for load balancers."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("health", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("tipoff/", include("anjian.tipoffs.urls")),
    path("stats/", include("anjian.stats.urls")),
    path("accidents/", include("anjian.accidents.urls")),
    path("audit/", include("anjian.audit.urls")),
    path("assessment/", include("anjian.scoring.urls")),
    path("documents/", include("anjian.publish.urls")),
    path("", include("anjian.web.urls")),
]
