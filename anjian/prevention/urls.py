"""URLs of the dual-prevention pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from anjian.prevention import sheet_views, siteplan_views, views

app_name = "prevention"
urlpatterns: list[URLPattern] = [
    path("", views.point_list, name="list"),
    path("points/<int:pk>/", views.point_detail, name="detail"),
    path("units/<int:unit_pk>/points/new/", views.point_new, name="new"),
    path("points/<int:pk>/edit/", views.point_edit, name="edit"),
    path("points/<int:pk>/check/", views.check, name="check"),
    path("plans/<int:pk>/check/", views.plan_check, name="plan_check"),
    path("points/<int:pk>/card/", views.card, name="card"),
    path("points/<int:pk>/qr.svg", views.qr, name="qr"),
    path("units/<int:pk>/inventory.xlsx", sheet_views.inventory_export, name="inventory_export"),
    path("units/<int:pk>/import/", sheet_views.inventory_import, name="inventory_import"),
    path("checklists/import/", sheet_views.checklist_import, name="checklist_import"),
    path("major-hazards/", views.major_hazards, name="major_hazards"),
    path("units/<int:pk>/map/", siteplan_views.site_map, name="site_map"),
    path("units/<int:pk>/plan-image/", siteplan_views.site_plan_image, name="site_plan_image"),
]
