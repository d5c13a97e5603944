from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "anjian.ingest"
    verbose_name = "文件导入 / Documents in"
