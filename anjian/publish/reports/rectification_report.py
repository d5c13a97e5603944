"""The written report on an imported rectification plan that seed 000 demands (形成书面报告).

Every item of the plan with its status, its progress statements and the list of its evidence.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath

from anjian.ingest.models import ImportRun
from anjian.ledger.choices import TaskStatus
from anjian.ledger.models import Task
from anjian.ledger.services import is_overdue
from anjian.org.models import Committee
from anjian.publish.errors import NothingToReport
from anjian.publish.gbt9704 import (
    Appendix,
    AttachmentNote,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)
from anjian.publish.reports.circular import AUTHOR_NOTE
from anjian.publish.reports.items import deadline_text, owners_text, with_details
from anjian.publish.reports.request import Letterhead, ReportRequest


def plan_run(request: ReportRequest) -> ImportRun:
    """The requested import run, else the latest one of the region that created tasks."""
    runs = ImportRun.objects.filter(region__path__startswith=request.region.path)
    if request.import_run is not None:
        run = runs.filter(pk=request.import_run).first()
    else:
        run = runs.filter(tasks__isnull=False).distinct().order_by("-started_at", "-pk").first()
    if run is None:
        raise NothingToReport("未找到已导入的整改方案，请先导入方案或指定 --import-run")
    return run


def plan_title(run: ImportRun) -> str:
    """The plan's name as written in the report (the file name without its extension)."""
    return PurePath(run.original_name).stem.strip("《》") or f"导入批次{run.pk}"


def _item_blocks(n: int, task: Task, today: object) -> list[Block]:
    status = task.get_status_display() + ("（已逾期）" if is_overdue(task, today) else "")  # type: ignore[arg-type]
    blocks: list[Block] = [
        Heading(3, f"{task.seq or n}. {task.problem or task.measures}", numbered=False),
    ]
    if task.measures and task.problem:
        blocks.append(Paragraph(f"整改措施：{task.measures}"))
    blocks.append(Paragraph(f"责任单位：{owners_text(task, with_person=True)}；整改时限：{deadline_text(task)}；"
                            f"当前状态：{status}。"))
    reports = list(task.progress_reports.all())
    if reports:
        for report in reports:
            blocks.append(Paragraph(f"{report.period.year}年{report.period.month}月进展：{report.text}"))
    else:
        blocks.append(Paragraph("工作进展：尚未报送进展情况。"))
    files = [e.original_name for e in task.evidence.all()]
    blocks.append(Paragraph("证明材料：" + ("；".join(files) if files else "暂无") + "。"))
    return blocks


def _addressee(request: ReportRequest) -> str:
    parent = request.region.parent
    committee = Committee.objects.filter(region=parent).first() if parent else None
    return committee.office_name if committee else "上级安委会办公室"


def build(request: ReportRequest) -> OfficialDocument:
    """The report on the plan: totals, then every item by category, then a summary table as attachment."""
    run = plan_run(request)
    tasks = with_details(Task.objects.filter(request.visible("task"), import_run=run))
    if not tasks:
        raise NothingToReport("该整改方案没有可报告的任务")
    today = request.day
    closed = sum(1 for t in tasks if t.status == TaskStatus.CLOSED)
    cancelled = sum(1 for t in tasks if t.status == TaskStatus.CANCELLED)
    overdue = sum(1 for t in tasks if is_overdue(t, today))
    title = plan_title(run)
    head = Letterhead.of(request)
    body: list[Block] = [
        Paragraph(f"按照《{title}》要求，现将截至{today.year}年{today.month}月{today.day}日的整改落实情况报告如下。"),
        Heading(1, "总体进展"),
        Paragraph(f"方案共列整改任务{len(tasks)}项，已整改销号{closed}项，正在整改"
                  f"{len(tasks) - closed - cancelled}项（其中已逾期{overdue}项），撤销{cancelled}项。"),
        Heading(1, "逐项整改情况"),
    ]
    by_category: dict[str, list[Task]] = defaultdict(list)
    for task in tasks:
        by_category[task.category or "其他问题"].append(task)
    for category, members in by_category.items():
        body.append(Heading(2, category))
        for n, task in enumerate(members, start=1):
            body += _item_blocks(n, task, today)
    body += [Heading(1, "下一步工作"), Paragraph(AUTHOR_NOTE), AttachmentNote(("整改任务完成情况一览表",))]
    table = Table(
        header=("序号", "问题", "状态", "证明材料"),
        rows=tuple((t.seq, (t.problem or t.measures)[:60], t.get_status_display(), f"{len(t.evidence.all())}份")
                   for t in tasks),
        column_widths_mm=(16.0, 90.0, 25.0, 25.0),
    )
    return head.file_document(title=f"关于{title}整改落实情况的报告", addressee=_addressee(request), body=tuple(body),
                              appendices=(Appendix(title="整改任务完成情况一览表", body=(table,), label="附件"),))
