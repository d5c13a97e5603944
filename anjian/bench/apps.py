from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "anjian.bench"
    verbose_name = "性能基准 / Benchmarks"
