from typing import Any

from django.apps import AppConfig
from django.db import connections


def _reinstall_search(using: str = "default", **kwargs: Any) -> None:
    # SQLite rebuilds a table on many ALTERs and silently drops its triggers; re-creating the (idempotent)
    # search structures after every migrate keeps the FTS tables in step with later ledger migrations.
    from anjian.core.search import install

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.schema_editor() as editor:
        install(editor)


class WebConfig(AppConfig):
    name = "anjian.web"
    verbose_name = "工作台 / Workspace"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_reinstall_search, sender=self, dispatch_uid="anjian.core.search")
