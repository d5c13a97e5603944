"""URLs of the audit log pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from anjian.audit import views

app_name = "audit"
urlpatterns: list[URLPattern] = [
    path("", views.audit_log, name="log"),
    path("verify/", views.audit_verify, name="verify"),
]
