from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "anjian.publish"
    verbose_name = "文书生成 / Documents out"
