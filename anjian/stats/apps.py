from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "anjian.stats"
    verbose_name = "统计分析 / Statistics"
