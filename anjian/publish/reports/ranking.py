"""点评排序: the month's rankings of townships and departments (the cockpit's, docs/metrics.md §11) as a 通报."""

from __future__ import annotations

from anjian.publish.gbt9704 import Block, Heading, OfficialDocument, Paragraph, Table
from anjian.publish.reports.circular import AUTHOR_NOTE, MEMBERS
from anjian.publish.reports.request import Letterhead, ReportRequest
from anjian.stats.cockpit import Period, Ranked, department_ranking, month_start, township_ranking

HEADER = ("名次", "单位", "按期整改率", "逾期事项", "自查自改率", "处罚率")
WIDTHS = (14.0, 42.0, 28.0, 24.0, 24.0, 24.0)


def _points(change: float | None) -> str:
    return "" if change is None else f"（{change:+.1f}）"


def _row(r: Ranked) -> tuple[str, ...]:
    return (str(r.rank), r.label, r.now.on_time.percent + _points(r.on_time_change),
            f"{r.now.overdue}（{r.overdue_change:+d}）", r.now.self_fix.percent + _points(r.self_fix_change),
            r.now.enforcement.percent + _points(r.enforcement_change))


def _table(rows: list[Ranked]) -> Table:
    return Table(header=HEADER, rows=tuple(_row(r) for r in rows), column_widths_mm=WIDTHS)


def _remarks(kind: str, rows: list[Ranked]) -> list[Paragraph]:
    if not rows:
        return [Paragraph(f"本月无{kind}排序数据。")]
    lines = [f"{kind}排名前列的是：{'、'.join(r.label for r in rows[:3])}。"]
    if len(rows) > 3:
        lines.append(f"排名靠后的是：{'、'.join(r.label for r in rows[-3:])}。")
    late = [r for r in rows if r.now.overdue]
    if late:
        lines.append("有逾期事项的" + kind + "：" + "、".join(f"{r.label}（{r.now.overdue}项）" for r in late) + "。")
    worse = [r for r in rows if r.overdue_change > 0]
    if worse:
        lines.append("逾期事项较上月增加的：" + "、".join(f"{r.label}（增加{r.overdue_change}项）" for r in worse) + "。")
    return [Paragraph(line) for line in lines]


def build(request: ReportRequest) -> OfficialDocument:
    """The 点评排序 of the month of the request's end date, numbered by the region's committee."""
    head = Letterhead.of(request)
    period = Period(month_start(request.date_to), request.day)
    townships = township_ranking(request.region, period, user=request.actor)
    departments = department_ranking(request.region, period, user=request.actor)
    month = f"{period.month.year}年{period.month.month}月"
    body: tuple[Block, ...] = (
        Paragraph(f"根据每月对各乡（镇）、街道和有关部门安全生产工作点评排序的要求，现将{month}"
                  f"{request.region.name}隐患整改情况排序结果（本年1月1日起累计）通报如下。"),
        Heading(1, "排序办法"),
        Paragraph("依次按隐患按期整改率（高者在前）、逾期未整改事项数（少者在前）、重大事故隐患自查自改率、"
                  "发现隐患的检查中实施处罚的比例排序，各项均相同的并列；括号内为较截至上月末的变化"
                  "（比率为百分点，逾期事项为项数）。"),
        Heading(1, "各乡（镇）、街道排序情况"),
        _table(townships),
        *_remarks("乡（镇）、街道", townships),
        Heading(1, "各部门排序情况"),
        _table(departments),
        *_remarks("部门", departments),
        Heading(1, "工作要求"),
        Paragraph(AUTHOR_NOTE + "（建议：排名靠后和逾期事项增加的单位，要认真分析原因，逐项落实整改；"
                                "对逾期事项逐项督办。）"),
    )
    return head.file_document(title=f"关于{month}安全生产工作点评排序情况的通报", addressee=MEMBERS, body=body)
