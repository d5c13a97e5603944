from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "anjian.audit"
    verbose_name = "审计日志 / Audit"
