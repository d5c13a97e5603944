"""URLs of the workspace (names are fixed: other apps link to them)."""

from django.urls import URLPattern, URLResolver, path

from anjian.web.views import accounts, administration, home, imports, inspections, items, lists, units

app_name = "web"
urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", accounts.login_view, name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("password/", accounts.password_change, name="password_change"),
    path("", home.home, name="home"),
    path("notifications/", home.notifications, name="notifications"),
    path("notifications/read/", home.notifications_read, name="notifications_read"),
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
    path("import/", imports.import_upload, name="import_upload"),
    path("import/<str:token>/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/runs/<int:pk>/", imports.import_run, name="import_run"),
    path("inspections/new/", inspections.inspection_new, name="inspection_new"),
    path("inspections/units/", inspections.unit_search, name="unit_search"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/enforcement/new/", units.enforcement_new, name="enforcement_new"),
    path("units/<int:pk>/hazards/new/", units.hazard_new, name="hazard_new"),
    path("units/<int:pk>/obligations/new/", units.obligation_new, name="obligation_new"),
    path("hazards/new/", units.my_hazard_new, name="my_hazard_new"),
    path("manage/", administration.admin_index, name="admin_index"),
    path("manage/users/", administration.admin_users, name="admin_users"),
    path("manage/users/<int:pk>/", administration.admin_user, name="admin_user"),
    path("manage/<str:key>/", administration.admin_list, name="admin_list"),
    path("manage/<str:key>/new/", administration.admin_edit, name="admin_new"),
    path("manage/<str:key>/<str:pk>/", administration.admin_edit, name="admin_edit"),
    path("manage/<str:key>/<str:pk>/delete/", administration.admin_delete, name="admin_delete"),
]
