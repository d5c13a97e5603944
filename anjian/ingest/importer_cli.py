"""`anjian import FILE [--region CODE] [--user U] [--dry-run]`: import a document and print the run report."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from anjian.errors import DomainError
from anjian.ingest.errors import IngestError

BAR_WIDTH = 30


class ProgressBar:
    """A plain-text progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO = sys.stderr, label: str = "导入 / importing") -> None:
        self.stream = stream
        self.label = label
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        total = max(total, done, 1)
        filled = BAR_WIDTH * done // total
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """End the bar's line so the report starts on a fresh one."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _fail(zh: str, en: str) -> int:
    print(f"错误：{zh} / error: {en}", file=sys.stderr)
    return 2


def _actor(username: str | None, region: Any) -> Any:
    """The named user, else an office clerk whose region covers `region` (the policy judges either)."""
    from anjian.accounts.choices import Role
    from anjian.accounts.models import RoleAssignment, User

    if username:
        return User.objects.filter(username=username, is_active=True).first()
    for assignment in RoleAssignment.objects.filter(role=Role.OFFICE, user__is_active=True).select_related(
        "region", "user"
    ).order_by("id"):
        if region.path.startswith(assignment.region.path):
            return assignment.user
    return None


def run_import(path: str, *, region_code: str | None, username: str | None, dry_run: bool) -> int:
    """Preview or import `path`; 0 on success, 2 with one bilingual line on bad input (nothing written)."""
    from django.db import DatabaseError

    try:
        return _run_import(path, region_code=region_code, username=username, dry_run=dry_run)
    except DatabaseError as exc:
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return _fail(f"数据库不可用或尚未初始化，请先运行 anjian migrate（{detail}）",
                     f"database unavailable or not migrated; run anjian migrate ({detail})")


def _run_import(path: str, *, region_code: str | None, username: str | None, dry_run: bool) -> int:
    from anjian.accounts.services import top_region
    from anjian.ingest.importer import apply_import, preview_file
    from anjian.org.models import Region

    region = Region.objects.filter(code=region_code).first() if region_code else top_region()
    if region is None:
        return _fail(f"区划代码 {region_code} 不存在", f"unknown region {region_code}")
    try:
        preview = preview_file(path, region=region)
        print(render_preview(preview))
        if dry_run:
            print("（预览，未写入 / dry run, nothing written）")
            return 0
        actor = _actor(username, region)
        if actor is None:
            return _fail("找不到导入用户，请用 --user 指定", "no importing user; pass --user")
        bar = ProgressBar()
        try:
            run = apply_import(actor=actor, region=region, path=path, original_name=preview.original_name,
                               progress=bar)
        finally:
            bar.close()
    except IngestError as exc:
        return _fail(exc.message_zh, exc.message_en)
    except DomainError as exc:
        message = str(exc) if " / " in str(exc) else f"{exc} / {exc.code}"
        print(f"错误 / error: {message}", file=sys.stderr)
        return 2
    print(render_run(run))
    return 0


def render_preview(preview: Any) -> str:
    """The preview as lines: one per row with outcome, deadline and resolved owners."""
    labels = {"created": "新建", "updated": "更新", "unchanged": "无变化", "rejected": "拒绝"}
    lines = [f"文件 {preview.original_name}  类型 {preview.genre}  日期 {preview.issued or '—'}",
             f"来源 {preview.document_key}"]
    for row in preview.rows[:200]:
        owners = "、".join(dict.fromkeys(o.label for o in row.owners)) or "—"
        extra = f"  ⚠未识别：{'、'.join(row.unknown_units)}" if row.unknown_units else ""
        reason = f"  （{row.reason}）" if row.reason else ""
        deadline = row.deadline or row.deadline_raw or "—"
        lines.append(f"  [{labels[row.outcome]}] {row.seq:<6} {deadline:<12} {owners[:60]}{extra}{reason}")
    if len(preview.rows) > 200:
        lines.append(f"  …… 另有 {len(preview.rows) - 200} 行 / {len(preview.rows) - 200} more rows")
    if preview.unknown_units:
        lines.append("未识别的责任单位（请在导入页面指定一次，系统会记住）/ unknown units: "
                     + "、".join(preview.unknown_units))
    return "\n".join(lines)


def render_run(run: Any) -> str:
    """The report of a finished run: counts, and each rejected or updated row with its reason."""
    lines = [f"导入完成（记录 #{run.pk}）：新建 {run.created}，更新 {run.updated}，无变化 {run.unchanged}，"
             f"拒绝 {run.rejected}",
             f"imported run #{run.pk}: created {run.created}, updated {run.updated}, unchanged {run.unchanged}, "
             f"rejected {run.rejected}"]
    for item in run.items.exclude(outcome__in=["created", "unchanged"])[:100]:
        detail = item.reason or "、".join(item.changes)
        lines.append(f"  {item.get_outcome_display()} {item.seq}：{detail}")
    if run.scheme_id:
        lines.append(f"已生成考核方案 #{run.scheme_id} / assessment scheme created")
    if run.note:
        lines.append(run.note)
    return "\n".join(lines)
