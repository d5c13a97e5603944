"""URLs of the stats app."""

from django.urls import URLPattern, URLResolver, path

from anjian.stats import views

app_name = "stats"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("table/", views.table, name="table"),
    path("cockpit/", views.cockpit, name="cockpit"),
]
