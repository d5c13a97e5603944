from django.apps import AppConfig


class AccidentsConfig(AppConfig):
    name = "anjian.accidents"
    verbose_name = "生产安全事故 / Accidents"
