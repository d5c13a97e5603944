from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "anjian.api"
    verbose_name = "接口 / API"
