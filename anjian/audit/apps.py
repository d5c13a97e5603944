from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "anjian.audit"
    verbose_name = "审计日志 / Audit"

    def ready(self) -> None:
        # Migration 0004 seeds the head and the permit; a flush (tests) empties every table and then sends
        # post_migrate, as it does for content types, so they are seeded again.
        post_migrate.connect(_seed_head, sender=self)


def _seed_head(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from anjian.audit.services import seed_head

    seed_head(using)
