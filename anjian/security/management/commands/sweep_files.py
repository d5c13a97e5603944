"""`manage.py sweep_files [--check]`: remove orphan stored files; with --check, verify every evidence hash."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anjian.security.services import ORPHAN_GRACE_SECONDS, sweep_orphan_files, verify_evidence_files


class Command(BaseCommand):
    help = "清理无主文件并校验证明材料 / sweep orphan files and verify evidence"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=ORPHAN_GRACE_SECONDS, help="seconds")
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        removed = sweep_orphan_files(older_than_seconds=options["older_than"])
        self.stdout.write(f"已清理 {len(removed)} 个无主文件 / removed {len(removed)} orphan files")
        if options["check"]:
            bad = verify_evidence_files()
            for item in bad:
                self.stderr.write(f"证明材料 #{item.evidence_id} {item.problem}: {item.name}")
            if bad:
                raise CommandError(f"{len(bad)} 个证明材料缺失或被改动 / evidence missing or altered")
            self.stdout.write("证明材料全部完好 / all evidence intact")
