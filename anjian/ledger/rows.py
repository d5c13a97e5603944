"""The table rows of the two big ledger lists (hazards, tasks) as plain values for their templates.

A template spends most of a row's time resolving variables and calling filters (a label per choice field,
a reversed URL, the overdue test): 50 rows of seven cells took 13 ms (BENCHMARKS.md, G8). Here each row
becomes one dict of ready strings — choice labels from a per-language table, links from one reversed URL
per page — so the template only prints values, and prints them through autoescape. No HTML is built here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.text import Truncator

from anjian.ledger.choices import OwnerRole
from anjian.ledger.models import Hazard, Task
from anjian.ledger.owners import owner_entries
from anjian.ledger.services import is_overdue
from anjian.web.templatetags.web_tags import STATUS_COLOURS, choice_label, deadline_kind_label, id_url

Row = dict[str, Any]


def _clip(text: str, length: int) -> str:
    return Truncator(text).chars(length)


def _status(item: Hazard | Task) -> dict[str, str]:
    return {"status": choice_label(item, "status"), "status_colour": STATUS_COLOURS.get(item.status, "grey")}


def hazard_rows(rows: Iterable[Any], today: date) -> list[Row]:
    """The cells of one page of the hazard list (hazards annotated with unit_name, region_name, sector_name:
    `listing.HAZARDS.page_names`)."""
    return [
        {
            "pk": h.pk, "unit_url": id_url("web:unit_detail", h.unit_id), "unit": h.unit_name,
            "region": h.region_name,
            "sector": h.sector_name, "url": id_url("web:hazard_detail", h.pk), "description": _clip(h.description, 60),
            "grade": choice_label(h, "grade"), "grade_colour": "red" if h.grade == "major" else "grey",
            "channel": choice_label(h, "channel"), "found_on": h.found_on.isoformat() if h.found_on else "",
            "due_on": h.due_date.isoformat() if h.due_date else "", "late": is_overdue(h, today), **_status(h),
        }
        for h in rows
    ]


def task_rows(rows: Iterable[Task], today: date) -> list[Row]:
    """The cells of one page of the task list (owners prefetched)."""
    return [
        {
            "pk": t.pk, "seq": t.seq, "url": id_url("web:task_detail", t.pk), "problem": _clip(t.problem or t.measures, 60),
            "category": _clip(t.category, 30) if t.category else "",
            "owners": [(o.name, o.role == OwnerRole.COOPERATE) for o in owner_entries(t.owners.all())],
            "due_on": t.due_date.isoformat() if t.due_date else "", "deadline_kind": deadline_kind_label(t),
            "late": is_overdue(t, today), **_status(t),
        }
        for t in rows
    ]
