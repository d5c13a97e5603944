"""URLs of the tipoffs app: the public portal and the handling queue."""

from django.urls import URLPattern, URLResolver, path

from anjian.tipoffs import views

app_name = "tipoffs"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.submit, name="submit"),
    path("done/", views.done, name="done"),
    path("track/", views.track, name="track"),
    path("queue/", views.queue, name="queue"),
    path("queue/export.xlsx", views.export, name="export"),
    path("queue/<int:pk>/", views.detail, name="detail"),
    path("queue/<int:pk>/act/", views.act, name="act"),
    path("queue/<int:pk>/reveal/", views.reveal, name="reveal"),
    path("queue/<int:pk>/reward/", views.reward, name="reward"),
    path("queue/<int:pk>/photo/<int:photo_pk>/", views.photo, name="photo"),
]
