"""`anjian import-hazards FILE [--user U] [--dry-run] [--json]`: a hazard table into the ledger in bulk."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from anjian.ingest.importer_cli import ProgressBar


def add_parser(subparsers: Any) -> None:
    """Add `anjian import-hazards`."""
    p = subparsers.add_parser(
        "import-hazards", help="批量导入隐患台账（.xlsx/.csv）/ bulk-import a hazard table",
        description="表头须含“统一社会信用代码”（或“单位名称”）、“隐患描述”和“发现日期”；可选“隐患部位”"
                    "“隐患等级”“隐患来源”“整改天数”或“整改期限”。--template 打印模板。",
    )
    p.add_argument("file", nargs="?", help=".xlsx 或 .csv 文件 / the table file")
    p.add_argument("--user", help="以该用户身份导入（默认第一个超级用户）/ import as this user")
    p.add_argument("--dry-run", action="store_true", help="只校验不写入 / check only, write nothing")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p.add_argument("--template", action="store_true", help="打印 CSV 模板 / print a CSV template")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import (or check) the table and print the report; 2 with one bilingual line on bad input."""
    from anjian.cli import setup_django

    setup_django()
    from anjian.ingest.hazard_table import import_hazard_table, template_csv
    from anjian.ingest.importer_cli import _fail

    if args.template:
        sys.stdout.write(template_csv())
        return 0
    if not args.file:
        return _fail("请指定要导入的文件", "pass the table file")
    actor = _actor(args.user)
    if actor is None:
        return _fail(f"找不到用户 {args.user or '（安委办工作人员）'}，请用 --user 指定",
                     f"no such user {args.user or '(office clerk)'}; pass --user")
    counter = RowCounter(label="导入隐患 / importing hazards")
    try:
        result = import_hazard_table(Path(args.file), actor=actor, dry_run=args.dry_run, progress=counter)
    finally:
        counter.close()
    if args.json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=1))
        return 0
    verb = "校验完成（未写入）" if result.dry_run else "导入完成"
    print(f"{verb}：新建 {result.created}，重复 {result.duplicates}，拒绝 {result.rejected}"
          f"（审计批次 {result.batches}，SHA-256 {result.sha256[:16]}…）")
    print(f"{'checked (nothing written)' if result.dry_run else 'imported'}: created {result.created}, "
          f"duplicates {result.duplicates}, rejected {result.rejected}")
    for r in result.rejections:
        print(f"  第 {r.row} 行：{r.reason}")
    if result.rejected > len(result.rejections):
        print(f"  …… 另有 {result.rejected - len(result.rejections)} 行被拒绝 / more rejected rows")
    return 0


class RowCounter(ProgressBar):
    """Rows read so far on stderr (a streamed table's length is unknown until its end), ten times a second."""

    def __call__(self, done: int, total: int = 0) -> None:
        now = time.monotonic()
        if now - self.last < 0.1:
            return
        self.last = now
        self.stream.write(f"\r{self.label}: 已读 {done} 行 / rows read")
        self.stream.flush()
        self.drawn = True


def _actor(username: str | None) -> Any:
    from anjian.accounts.models import User

    users = User.objects.filter(is_active=True)
    if username:
        return users.filter(username=username).first()
    # No name: the first office clerk, whose rights the policy then checks row by row (a superuser flag gives none).
    return users.filter(roles__role="office").order_by("id").first()
