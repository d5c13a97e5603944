"""`{% unit_risk unit %}`: a unit's highest current risk grade and its inventory size, for the unit page."""

from __future__ import annotations

from typing import Any

from django import template

from anjian.prevention.choices import HEX, RiskGrade
from anjian.prevention.grading import highest
from anjian.prevention.metrics import highest_grades
from anjian.prevention.models import RiskPoint

register = template.Library()


@register.inclusion_tag("prevention/_unit_risk.html")
def unit_risk(unit: Any) -> dict[str, Any]:
    """The highest grade among the unit's active points (none before its inventory is graded)."""
    grade = highest_grades([unit.pk]).get(unit.pk, "")
    return {"unit": unit, "grade": RiskGrade(grade).label if grade else "", "hex": HEX.get(RiskGrade(grade)) if grade
            else "", "yellow": grade == RiskGrade.GENERAL,
            "points": RiskPoint.objects.filter(unit=unit.pk, active=True).count()}


@register.inclusion_tag("prevention/_grade_tag.html")
def highest_grade_tag(unit: Any) -> dict[str, Any]:
    """The unit list's cell: the highest grade among the unit's active points, from the prefetched
    `risk_points` (the list prefetches them, so no query per row)."""
    grade = highest([p.grade for p in unit.risk_points.all() if p.active and p.grade])
    return {"grade": RiskGrade(grade).label if grade else "", "hex": HEX.get(RiskGrade(grade)) if grade else "",
            "yellow": grade == RiskGrade.GENERAL}
