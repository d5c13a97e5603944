"""`manage.py audit_export_head FILE`: verify the chain and append its head to FILE (keep it elsewhere).

`anjian audit verify --against FILE` then checks that every head exported there is still in the chain:
deleting the newest entries and rewinding the head, which the database alone cannot show once its
triggers are dropped, is caught.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anjian.security.services import export_chain_head


class Command(BaseCommand):
    help = "导出审计链头 / export the audit chain head"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        line = export_chain_head(Path(options["file"]))
        self.stdout.write(f"{line['entries']} {line['head_hash']}")
        if not line["ok"]:
            raise CommandError(f"审计链断裂于 #{line['broken_seq']} / audit chain broken")
