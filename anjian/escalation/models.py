"""Escalation policy as data an administrator edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.escalation.choices import GradeScope, ItemKind, StepAction


class EscalationPolicy(models.Model):
    """Reminder lead time, immediate-deadline rule and the ladder for one item kind and grade."""

    item_kind = models.CharField(_("事项类型"), max_length=10, choices=ItemKind.choices)
    grade = models.CharField(_("等级"), max_length=10, choices=GradeScope.choices, blank=True, default="")
    remind_days_before = models.PositiveSmallIntegerField(_("到期前提醒天数"), default=3)
    immediate_workdays = models.PositiveSmallIntegerField(
        _("立行立改时限（工作日）"), default=1, help_text=_("立行立改事项自交办起的工作日数")
    )

    class Meta:
        verbose_name = _("督办策略")
        verbose_name_plural = _("督办策略")
        constraints = [models.UniqueConstraint(fields=["item_kind", "grade"], name="policy_unique")]

    def __str__(self) -> str:
        return f"{self.get_item_kind_display()} {self.get_grade_display()}"


class EscalationStep(models.Model):
    """One rung of the ladder: taken when an item is this many days past its deadline."""

    policy = models.ForeignKey(EscalationPolicy, on_delete=models.CASCADE, related_name="steps")
    level = models.PositiveSmallIntegerField(_("级别"))
    action = models.CharField(_("措施"), max_length=20, choices=StepAction.choices)
    days_after_due = models.PositiveSmallIntegerField(_("逾期天数"))

    class Meta:
        verbose_name = _("督办步骤")
        verbose_name_plural = _("督办步骤")
        ordering = ["policy", "level"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "level"], name="step_unique_level"),
        ]

    def __str__(self) -> str:
        return f"{self.level}. {self.get_action_display()}（逾期 {self.days_after_due} 天）"


DEFAULT_LADDER = [
    (1, StepAction.REMIND, 0),
    (2, StepAction.NOTICE_LETTER, 7),
    (3, StepAction.CIRCULAR, 15),
    (4, StepAction.SUMMONS, 30),
    (5, StepAction.LISTED_SUPERVISION, 60),
]


def policy_for(item_kind: str, grade: str = "") -> EscalationPolicy:
    """The policy for this kind and grade, else the kind's general one (seeded by migration 0002).

    A pure read: when an administrator has deleted the general policy too, the defaults are returned as an
    unsaved policy (`ladder()` gives its DEFAULT_LADDER) and nothing is written."""
    candidates = {p.grade: p for p in EscalationPolicy.objects.filter(item_kind=item_kind, grade__in=[grade, ""])}
    policy = candidates.get(grade) or candidates.get("")
    return policy if policy is not None else EscalationPolicy(item_kind=item_kind, grade="")


def ladder(policy: EscalationPolicy) -> list[EscalationStep]:
    """The policy's steps by level; the default ladder for an unsaved (default) policy."""
    if policy.pk is None:
        return [EscalationStep(level=level, action=action, days_after_due=days)
                for level, action, days in DEFAULT_LADDER]
    return list(policy.steps.order_by("level"))


@dataclass(frozen=True)
class Standing:
    """Where an item stands on its ladder: the step reached (None: none yet) and the next one with its date."""

    reached: EscalationStep | None
    next_step: EscalationStep | None
    next_on: date | None


def standing(item_kind: str, level: int, due_date: date | None, grade: str = "") -> Standing:
    """The step an item's escalation level names, and the next step with the day it falls due."""
    steps = ladder(policy_for(item_kind, grade))
    reached = next((s for s in steps if s.level == level), None)
    following = next((s for s in steps if s.level > level), None)
    next_on = due_date + timedelta(days=following.days_after_due) if following and due_date else None
    return Standing(reached, following, next_on)
