"""The .xlsx ledger in the layout of seed 001's table, the monthly progress column from ProgressReports."""

from __future__ import annotations

from anjian.ledger.models import Task
from anjian.publish.reports.items import deadline_text, owners_text, with_details
from anjian.publish.reports.request import ReportRequest
from anjian.publish.xlsx_safe import Sheet

HEADER = ("序号", "问题类别", "具体问题", "整改措施", "责任单位及责任人", "完成时限", "当月工作开展情况", "状态")
WIDTHS = (6.0, 18.0, 40.0, 40.0, 20.0, 14.0, 40.0, 10.0)


def build(request: ReportRequest) -> list[Sheet]:
    """Every task of the region (or of one imported plan); the progress column shows the month of `date_to`."""
    tasks = Task.objects.filter(request.visible("task"), region__path__startswith=request.region.path)
    if request.import_run is not None:
        tasks = tasks.filter(import_run=request.import_run)
    month = request.date_to.replace(day=1)
    rows = []
    for task in with_details(tasks):
        progress = "\n".join(r.text for r in task.progress_reports.all() if r.period == month)
        rows.append((task.seq, task.category, task.problem, task.measures, owners_text(task, with_person=True),
                     deadline_text(task), progress, task.get_status_display()))
    caption = f"{request.region.name}整改任务台账（{month.year}年{month.month}月）"
    return [Sheet(title="整改台账", header=HEADER, rows=rows, caption=caption, column_widths=WIDTHS,
                  merge_columns=(1,))]
