from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "anjian.prevention"
    verbose_name = "双重预防 / Dual prevention"
