"""Template tags of the workspace: the menu, status tags, the signed-in user's role."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.db.models import Model
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Role
from anjian.accounts.policy import assignments
from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED
from anjian.web.navigation import build_menu

register = template.Library()

# Colour per status value: grey waiting, blue working, orange needs attention, green done.
STATUS_COLOURS = {
    "draft": "grey", "found": "grey", "assigned": "blue", "in_progress": "blue", "rectifying": "blue",
    "submitted": "purple", "returned": "orange", "extension_requested": "gold", "closed": "green",
    "cancelled": "grey",
}
RISK_COLOURS = {"red": "red", "orange": "orange", "yellow": "gold", "blue": "blue"}


@register.inclusion_tag("web/partials/sidebar.html", takes_context=True)
def sidebar(context: dict[str, Any]) -> dict[str, Any]:
    """Render the left navigation for the current user and page."""
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    return {"menu": build_menu(request.user, current)}


@lru_cache(maxsize=256)
def _choice_labels(model: type[Model], field: str, language: str | None) -> dict[Any, str]:
    # get_FOO_display() hashes every lazy label of the field on every call (a gettext each); the labels are
    # code, so one translated dict per field and language serves every row of every request.
    choices = model._meta.get_field(field).flatchoices  # type: ignore[union-attr]
    return {value: str(label) for value, label in choices}


def choice_label(obj: Model, field: str) -> str:
    """The translated label of obj.<field>'s value, like get_FOO_display() without the per-call cost."""
    value = getattr(obj, field)
    return _choice_labels(type(obj), field, get_language()).get(value, "" if value is None else str(value))


def deadline_kind_label(item: Model) -> str:
    """The kind of an item's deadline in words: 限期, 长期, 立行立改, 未定, or the period (每季度) of a recurring one."""
    if getattr(item, "deadline_kind", "") == "recurring" and getattr(item, "recurrence", ""):
        return choice_label(item, "recurrence")
    return choice_label(item, "deadline_kind")


@register.filter(name="deadline_kind")
def deadline_kind_filter(item: Model) -> str:
    """{{ item|deadline_kind }}: see deadline_kind_label."""
    return deadline_kind_label(item)


CHANGE_FIELDS = {"problem": _("问题"), "measures": _("整改措施"), "deadline": _("时限"), "owners": _("责任单位")}


@register.filter
def change_field(field: str) -> str:
    """The Chinese name of a field a re-import changed (problem → 问题)."""
    return str(CHANGE_FIELDS.get(field, field))


@register.filter(name="label")
def label_filter(obj: Model, field: str) -> str:
    """{{ item|label:"status" }}: the display label of a choice field."""
    return choice_label(obj, field)


@lru_cache(maxsize=64)
def _url_halves(name: str, prefix: str) -> tuple[str, str]:
    sentinel = 987654321
    url = reverse(name, args=[sentinel])
    head, _, tail = url.partition(str(sentinel))
    return head, tail


@register.simple_tag
def id_url(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a URL whose one argument is an id, reversed once per name and reused."""
    head, tail = _url_halves(name, get_script_prefix())
    return f"{head}{int(pk)}{tail}"


ITEM_PAGES = {"task": "web:task_detail", "hazard": "web:hazard_detail", "tipoff": "tipoffs:detail",
              "import": "web:import_run"}


@register.filter
def item_url(notification: Any) -> str:
    """The page of the item a notification is about ("" when it names none)."""
    name = ITEM_PAGES.get(notification.item_kind)
    return id_url(name, notification.item_id) if name and notification.item_id else ""


@register.inclusion_tag("web/partials/escalation.html")
def escalation(item: Any, kind: str) -> dict[str, Any]:
    """The escalation step an open item has reached, by name (挂牌督办, not "level 5"), and the next step
    with its date."""
    from anjian.escalation.models import standing

    watched = item.status in (TASK_WATCHED if kind == "task" else HAZARD_WATCHED)
    if not watched or (not item.escalation_level and not item.due_date):
        return {"standing": None}
    return {"standing": standing(kind, item.escalation_level, item.due_date, getattr(item, "grade", ""))}


@register.inclusion_tag("web/partials/options.html")
def options(choices: Any, selected: Any) -> dict[str, Any]:
    """The <option> elements of a filter: (value, label) pairs, the one equal to `selected` selected."""
    chosen = "" if selected is None else str(selected)
    return {"options": [(value, label, str(value) == chosen) for value, label in choices]}


@register.inclusion_tag("web/partials/tag.html")
def status_tag(item: Any) -> dict[str, str]:
    """A coloured tag for an item's status."""
    return {"colour": STATUS_COLOURS.get(item.status, "grey"), "label": choice_label(item, "status")}


@register.inclusion_tag("web/partials/tag.html")
def risk_tag(unit: Any) -> dict[str, str]:
    """A coloured tag for a unit's risk level (red/orange/yellow/blue)."""
    return {"colour": RISK_COLOURS.get(unit.risk_level, "grey"), "label": choice_label(unit, "risk_level")}


@register.inclusion_tag("web/partials/tag.html")
def grade_tag(hazard: Any) -> dict[str, str]:
    """Major hazards stand out in red."""
    return {"colour": "red" if hazard.grade == "major" else "grey", "label": choice_label(hazard, "grade")}


@register.filter
def overdue(item: Any) -> bool:
    """Whether a task or hazard is past its watched date (no query)."""
    from anjian.ledger.services import is_overdue

    return is_overdue(item, timezone.localdate())


@register.simple_tag(takes_context=True)
def user_role(context: dict[str, Any]) -> str:
    """The user's first role and region, as the top bar shows it."""
    held = assignments(context["request"].user)
    if not held:
        return ""
    first = held[0]
    where = first.department.short_name or first.department.name if first.department else first.region.name
    return f"{Role(first.role).label} · {where}"


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """mapping[key] in a template, '' when missing."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def outcome_label(outcome: str) -> str:
    """The label of an import outcome value (created, updated …)."""
    from anjian.ingest.models import ImportRunItem

    return str(dict(ImportRunItem.Outcome.choices).get(outcome, outcome))
