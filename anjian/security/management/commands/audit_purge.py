"""`manage.py audit_purge --before YYYY-MM-DD`: retention purge; refuses entries younger than 183 days."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from anjian.errors import DomainError
from anjian.security.services import purge_audit


class Command(BaseCommand):
    help = "清理早于指定日期的审计日志（保留不少于 183 天）/ purge audit entries older than a date"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--before", required=True, type=date.fromisoformat)

    def handle(self, *args: Any, **options: Any) -> None:
        before = timezone.make_aware(datetime.combine(options["before"], time.min))
        try:
            result = purge_audit(actor=None, before=before)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已清理 {result.purged} 条；链锚点 #{result.base_seq} {result.base_hash[:16]}… / purged")
