"""URLs of the publish app."""

from django.urls import URLPattern, URLResolver, path

from anjian.publish import views

app_name = "publish"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.reports, name="reports"),
    path("export/", views.export, name="export"),
    path("enforcement/", views.enforcement, name="enforcement"),
    path("issuers/", views.issuers, name="issuers"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/<str:file_format>/", views.download, name="download"),
]
