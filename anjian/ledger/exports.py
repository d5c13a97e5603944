"""xlsx exports of exactly the filtered ledger rows, read from the database in chunks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.ledger.models import EnforcementAction, Hazard, Inspection, Task
from anjian.ledger.owners import owner_names
from anjian.ledger.services import is_overdue
from anjian.org.models import Unit
from anjian.publish.xlsx_safe import CellValue, Sheet, write_workbook

CHUNK = 2000
Row = tuple[CellValue, ...]


def _task_row(t: Task) -> Row:
    owners = "、".join(owner_names(t.owners.all()))
    return (t.pk, t.seq, t.category, t.problem, t.measures, owners, t.get_deadline_kind_display(), t.due_date,
            t.deadline_raw, t.get_status_display(), _("是") if is_overdue(t) else "")


def _hazard_row(h: Hazard) -> Row:
    return (h.pk, h.unit.name, h.region.name, h.sector.name, h.description, h.location, h.get_grade_display(),
            h.get_channel_display(), h.found_on, h.due_date, h.get_status_display(), _("是") if is_overdue(h) else "",
            h.supervising_department.name if h.supervising_department else "")


def _inspection_row(i: Inspection) -> Row:
    return (i.pk, i.unit.name, i.region.name, i.department.name if i.department else "", i.get_kind_display(),
            i.inspected_on, i.inspectors, i.notes)


def _enforcement_row(e: EnforcementAction) -> Row:
    return (e.pk, e.unit.name, e.region.name, e.department.name, e.get_kind_display(), e.decided_on,
            e.document_number, e.company_amount, e.person_name, e.person_amount)


def _unit_row(u: Unit) -> Row:
    return (u.pk, u.name, u.credit_code, u.region.name, u.sector.name, u.get_risk_level_display(), u.address,
            u.principal_name, u.principal_phone)


def _headers(kind: str) -> tuple[str, ...]:
    return {
        "task": (_("编号"), _("序号"), _("问题类别"), _("问题"), _("整改措施"), _("责任单位"), _("时限类型"),
                 _("截止日期"), _("原文时限"), _("状态"), _("逾期")),
        "hazard": (_("编号"), _("单位"), _("区域"), _("行业领域"), _("隐患描述"), _("隐患部位"), _("隐患等级"),
                   _("隐患来源"), _("发现日期"), _("截止日期"), _("状态"), _("逾期"), _("监管部门")),
        "inspection": (_("编号"), _("单位"), _("区域"), _("检查部门"), _("检查方式"), _("检查日期"), _("检查人员"),
                       _("检查情况")),
        "enforcement": (_("编号"), _("单位"), _("区域"), _("执法部门"), _("执法措施"), _("决定日期"), _("文书编号"),
                        _("对单位罚款（元）"), _("被处罚责任人"), _("对个人罚款（元）")),
        "unit": (_("编号"), _("名称"), _("统一社会信用代码"), _("区域"), _("行业领域"), _("风险等级"), _("地址"),
                 _("主要负责人"), _("电话")),
    }[kind]


ROW_BUILDERS: dict[str, Callable[[Any], Row]] = {
    "task": _task_row, "hazard": _hazard_row, "inspection": _inspection_row, "enforcement": _enforcement_row,
    "unit": _unit_row,
}


def _rows(kind: str, qs: QuerySet[Any]) -> Iterator[Row]:
    build = ROW_BUILDERS[kind]
    # iterator() keeps at most one chunk of model instances alive; prefetches run per chunk.
    for obj in qs.iterator(chunk_size=CHUNK):
        yield build(obj)


def export_workbook(kind: str, title: str, qs: QuerySet[Any]) -> tuple[bytes, int]:
    """The workbook of every row of `qs` (one sheet with a caption naming the list and the time), and how many."""
    caption = f"{title}（{timezone.localtime():%Y-%m-%d %H:%M} 导出）"
    rows = list(_rows(kind, qs))
    return write_workbook([Sheet(title=title, header=_headers(kind), rows=rows, caption=caption)]), len(rows)
