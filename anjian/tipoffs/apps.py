from django.apps import AppConfig


class TipoffsConfig(AppConfig):
    name = "anjian.tipoffs"
    verbose_name = "群众举报 / Tip-offs"
