"""URLs of the import pages (in the workspace namespace "web", see anjian/urls.py; names are fixed)."""

from django.urls import URLPattern, URLResolver, path

from anjian.ingest.views import hazard_import, imports

urlpatterns: list[URLPattern | URLResolver] = [
    path("tasks/<int:pk>/fill/", imports.task_fill, name="task_fill"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/hazards/", hazard_import.hazard_import, name="hazard_import"),
    path("import/hazards/template.csv", hazard_import.hazard_import_template, name="hazard_import_template"),
    path("import/hazards/<str:token>/confirm/", hazard_import.hazard_import_confirm, name="hazard_import_confirm"),
    path("import/<str:token>/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/runs/<int:pk>/", imports.import_run, name="import_run"),
]
