from typing import Any

from django.apps import AppConfig
from django.db import connections


def _install_version_triggers(using: str = "default", **kwargs: Any) -> None:
    # Tables created by any app's later migration get the change trigger too (idempotent).
    from anjian.core.dataversion import install_triggers

    install_triggers(connections[using])


class CoreConfig(AppConfig):
    """Low-level parts the apps share: search, the page cache and the database's change counter."""

    name = "anjian.core"
    verbose_name = "基础 / Core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_install_version_triggers, sender=self, dispatch_uid="anjian.core.dataversion")
