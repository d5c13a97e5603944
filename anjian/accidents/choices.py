"""Accident grades and the thresholds that decide them (生产安全事故报告和调查处理条例 第三条)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccidentGrade(models.TextChoices):
    ORDINARY = "ordinary", _("一般事故")
    LARGER = "larger", _("较大事故")
    MAJOR = "major", _("重大事故")
    ESPECIALLY_MAJOR = "especially_major", _("特别重大事故")


@dataclass(frozen=True)
class GradeThreshold:
    """The lowest figures (inclusive: 以上包括本数) that put an accident in a grade."""

    grade: str
    deaths: int
    serious_injuries: int
    direct_loss_yuan: Decimal


# Highest grade first; any one figure reaching its threshold decides the grade.
GRADE_THRESHOLDS: tuple[GradeThreshold, ...] = (
    GradeThreshold(AccidentGrade.ESPECIALLY_MAJOR, 30, 100, Decimal("100000000")),
    GradeThreshold(AccidentGrade.MAJOR, 10, 50, Decimal("50000000")),
    GradeThreshold(AccidentGrade.LARGER, 3, 10, Decimal("10000000")),
)

GRADE_ORDER = [AccidentGrade.ORDINARY, AccidentGrade.LARGER, AccidentGrade.MAJOR, AccidentGrade.ESPECIALLY_MAJOR]

# The unit reports to the county within one hour (条例 第九条).
FIRST_REPORT_WITHIN = timedelta(hours=1)


def grade_for(*, deaths: int, serious_injuries: int, direct_loss_yuan: Decimal) -> str:
    """The grade of an accident with these consequences."""
    for threshold in GRADE_THRESHOLDS:
        if (
            deaths >= threshold.deaths
            or serious_injuries >= threshold.serious_injuries
            or direct_loss_yuan >= threshold.direct_loss_yuan
        ):
            return threshold.grade
    return AccidentGrade.ORDINARY
