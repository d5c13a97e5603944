"""URLs of the scoring app."""

from django.urls import URLPattern, URLResolver, path

from anjian.scoring import views

app_name = "scoring"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.score_page, name="score"),
    path("export.<str:file_format>", views.export, name="export"),
    path("items/<int:item_id>/score/", views.manual_score, name="manual_score"),
    path("materials/<int:material_id>/upload/", views.upload_material, name="upload_material"),
]
