"""Choice sets of the statistics app: the recurring obligations of units and their frequencies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Obligation(models.TextChoices):
    PRINCIPAL_CHECK = "principal_check", _("主要负责人重大事故隐患排查检查")
    EVACUATION_DRILL = "evacuation_drill", _("疏散逃生演练")
    TRAINING = "training", _("主要负责人安全教育培训")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    HALF_YEARLY = "half_yearly", _("每半年")
    YEARLY = "yearly", _("每年")


PERIODS_PER_YEAR = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.HALF_YEARLY: 2, Frequency.YEARLY: 1}

# (ordinary unit, unit in a high-risk sector): seed 002 items 8 and 10, and the training duty of item 6.
OBLIGATION_FREQUENCY: dict[str, tuple[str, str]] = {
    Obligation.PRINCIPAL_CHECK: (Frequency.QUARTERLY, Frequency.MONTHLY),
    Obligation.EVACUATION_DRILL: (Frequency.YEARLY, Frequency.HALF_YEARLY),
    Obligation.TRAINING: (Frequency.YEARLY, Frequency.YEARLY),
}
