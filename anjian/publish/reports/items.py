"""Reading tasks and hazards for documents: owners, deadlines, progress and evidence as text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch

from anjian.ledger.models import Evidence, Hazard, ProgressReport, Task
from anjian.ledger.owners import owner_names
from anjian.ledger.services import is_overdue
from anjian.publish.gbt9704 import format_chinese_date


def owners_text(task: Task, *, with_person: bool = False) -> str:
    """责任单位 as printed: lead units first, then cooperating ones."""
    return "、".join(owner_names(task.owners.all(), with_person=with_person)) or "未明确"


def deadline_text(item: Task | Hazard) -> str:
    """整改时限 as the document should print it: the original wording, else the date."""
    if isinstance(item, Task) and item.deadline_raw:
        return item.deadline_raw
    if item.due_date:
        return format_chinese_date(item.due_date)
    return item.get_deadline_kind_display()


def with_details(tasks: Iterable[Task]) -> list[Task]:
    """Tasks with owners, progress reports and evidence loaded in three queries."""
    qs = Task.objects.filter(pk__in=[t.pk for t in tasks]).prefetch_related(
        "owners",
        Prefetch("progress_reports", queryset=ProgressReport.objects.order_by("period", "submitted_at")),
        Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at")),
    )
    return sorted(qs, key=_seq_key)


def _seq_key(task: Task) -> tuple[int, str, int]:
    digits = "".join(ch for ch in task.seq if ch.isdecimal())  # what int() reads ("²" is a digit, not decimal)
    return (int(digits) if digits else 10**6, task.seq, task.pk)


def days_overdue(item: Task | Hazard, today: date) -> int:
    """Days past the due date (0 when not overdue)."""
    if not is_overdue(item, today) or item.due_date is None:
        return 0
    return (today - item.due_date).days
