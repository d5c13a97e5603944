"""URLs of the organisation's pages (namespace "org")."""

from django.urls import path

from anjian.org import views

app_name = "org"

urlpatterns = [
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_edit, name="group_new"),
    path("groups/<int:pk>/", views.group_edit, name="group_edit"),
]
