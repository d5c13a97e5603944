from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "anjian.escalation"
    verbose_name = "督办升级 / Escalation"
