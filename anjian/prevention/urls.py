"""URLs of the dual-prevention pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from anjian.prevention import views

app_name = "prevention"
urlpatterns: list[URLPattern] = [
    path("", views.point_list, name="list"),
    path("points/<int:pk>/", views.point_detail, name="detail"),
    path("points/<int:pk>/check/", views.check, name="check"),
    path("points/<int:pk>/card/", views.card, name="card"),
    path("points/<int:pk>/qr.svg", views.qr, name="qr"),
]
