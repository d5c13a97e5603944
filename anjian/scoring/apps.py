from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "anjian.scoring"
    verbose_name = "考核评分 / Assessment"
