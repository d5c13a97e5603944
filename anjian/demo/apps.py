from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "anjian.demo"
    verbose_name = "演示数据 / Demo"
