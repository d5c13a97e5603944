"""URLs of the accident pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from anjian.accidents import views

app_name = "accidents"
urlpatterns: list[URLPattern] = [
    path("", views.accident_list, name="list"),
    path("new/", views.accident_new, name="new"),
    path("<int:pk>/reported/", views.accident_reported, name="reported"),
]
