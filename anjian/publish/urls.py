"""URLs of the publish app."""

from django.urls import URLPattern, URLResolver, path

from anjian.publish import views

app_name = "publish"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.reports, name="reports"),
]
