"""URLs of the ledger's pages (in the workspace namespace "web", see anjian/urls.py; names are fixed)."""

from django.urls import URLPattern, URLResolver, path

from anjian.ledger.views import inspections, items, lists, steering, units

urlpatterns: list[URLPattern | URLResolver] = [
    path("tasks/", lists.task_list, name="task_list"),
    path("hazards/", lists.hazard_list, name="hazard_list"),
    path("inspections/", lists.inspection_list, name="inspection_list"),
    path("enforcement/", lists.enforcement_list, name="enforcement_list"),
    path("units/", lists.unit_list, name="unit_list"),
    path("tasks/<int:pk>/", items.task_detail, name="task_detail"),
    path("hazards/<int:pk>/", items.hazard_detail, name="hazard_detail"),
    path("hazards/<int:pk>/five-in-place/", items.hazard_five_in_place, name="hazard_five_in_place"),
    path("items/<str:kind>/<int:pk>/action/", items.item_action, name="item_action"),
    path("items/<str:kind>/<int:pk>/progress/", items.item_progress, name="item_progress"),
    path("items/<str:kind>/<int:pk>/evidence/", items.item_evidence, name="item_evidence"),
    path("evidence/<int:pk>/", items.evidence_file, name="evidence_file"),
    path("items/<str:kind>/<int:pk>/steer/<str:op>/", steering.item_steer, name="item_steer"),
    path("tasks/bulk/", steering.bulk, {"kind": "task"}, name="task_bulk"),
    path("hazards/bulk/", steering.bulk, {"kind": "hazard"}, name="hazard_bulk"),
    path("inspections/new/", inspections.inspection_new, name="inspection_new"),
    path("inspections/units/", inspections.unit_search, name="unit_search"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/enforcement/new/", units.enforcement_new, name="enforcement_new"),
    path("units/<int:pk>/hazards/new/", units.hazard_new, name="hazard_new"),
    path("units/<int:pk>/obligations/new/", units.obligation_new, name="obligation_new"),
    path("hazards/new/", units.my_hazard_new, name="my_hazard_new"),
]
