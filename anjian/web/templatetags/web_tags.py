"""Template tags of the workspace: the menu, status tags, the signed-in user's role."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from anjian.accounts.choices import Role
from anjian.accounts.policy import assignments
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


@register.simple_tag
def status_tag(item: Any) -> SafeString:
    """A coloured tag for an item's status."""
    colour = STATUS_COLOURS.get(item.status, "grey")
    return format_html('<span class="tag {}">{}</span>', colour, item.get_status_display())


@register.simple_tag
def risk_tag(unit: Any) -> SafeString:
    """A coloured tag for a unit's risk level (red/orange/yellow/blue)."""
    return format_html('<span class="tag {}">{}</span>', RISK_COLOURS.get(unit.risk_level, "grey"),
                       unit.get_risk_level_display())


@register.simple_tag
def grade_tag(hazard: Any) -> SafeString:
    """Major hazards stand out in red."""
    colour = "red" if hazard.grade == "major" else "grey"
    return format_html('<span class="tag {}">{}</span>', colour, hazard.get_grade_display())


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
