"""提醒函: tasks due soon and overdue, grouped by heading, in the manner of seed 002."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from anjian.ledger.choices import TASK_WATCHED
from anjian.ledger.models import Task
from anjian.publish.errors import NothingToReport
from anjian.publish.gbt9704 import Block, Heading, Masthead, OfficialDocument, Paragraph, format_chinese_date
from anjian.publish.reports.items import deadline_text, owners_text, with_details
from anjian.publish.reports.request import Letterhead, ReportRequest


def _grouped(tasks: list[Task], n: int) -> tuple[list[Block], int]:
    by_category: dict[str, list[Task]] = defaultdict(list)
    for task in tasks:
        by_category[task.category or "其他任务"].append(task)
    blocks: list[Block] = []
    for category, members in by_category.items():
        blocks.append(Heading(2, category))
        for task in members:
            n += 1
            text = task.measures or task.problem
            blocks.append(Paragraph(f"{n}. {text}（责任单位：{owners_text(task)}；完成时限：{deadline_text(task)}）"))
    return blocks, n


def build(request: ReportRequest) -> OfficialDocument:
    """Open tasks overdue on the day of the letter (截至), and those due from then to the period's end."""
    as_of = request.as_of or timezone.localdate()
    base = Task.objects.filter(request.visible("task"), region__path__startswith=request.region.path,
                               status__in=TASK_WATCHED, due_date__isnull=False)
    overdue = with_details(base.filter(due_date__lt=as_of))
    soon = with_details(base.filter(due_date__gte=as_of, due_date__lte=request.date_to))
    if not overdue and not soon:
        raise NothingToReport("截至今日没有逾期的任务，该期间也没有即将到期的任务")
    head = Letterhead.of(request)
    body: list[Block] = [Paragraph(
        f"为推动各项任务按时保质完成，现将截至{format_chinese_date(as_of)}已逾期、"
        + (f"以及将于{format_chinese_date(request.date_to)}前到期的" if soon else "")
        + "任务提示如下："
    )]
    n = 0
    if overdue:
        body.append(Heading(1, f"已逾期未完成的任务（{len(overdue)}项）"))
        blocks, n = _grouped(overdue, n)
        body += blocks
    if soon:
        body.append(Heading(1, f"即将到期的任务（{len(soon)}项）"))
        blocks, n = _grouped(soon, n)
        body += blocks
    body.append(Paragraph(
        "各责任单位要认真对照上述任务，逐项检查，有具体时间节点的，确保按时完成；已逾期的，立行立改，"
        "并于3个工作日内将整改进展及证明材料报送" + head.office + "。"
    ))
    return OfficialDocument(
        masthead=Masthead.LETTER,
        issuer_mark=head.name,
        doc_number=head.doc_number,
        title="工作提醒函",
        addressee="各乡（镇）人民政府、街道办事处，安委会有关成员单位",
        body=tuple(body),
        signature_org=head.name,
        date=as_of,
    )
