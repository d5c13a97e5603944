"""Production-safety accidents (生产安全事故) and the tracking of their first report."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accidents.choices import AccidentGrade


class Accident(models.Model):
    """One accident at a unit; the grade is computed by the service from the casualties and the loss."""

    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="accidents")
    # Copied from the unit (or chosen when no unit is known) so scoping and statistics need no join.
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="accidents")
    sector = models.ForeignKey("org.Sector", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("发生时间"), db_index=True)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    serious_injuries = models.PositiveIntegerField(_("重伤人数"), default=0)
    direct_loss_yuan = models.DecimalField(_("直接经济损失（元）"), max_digits=16, decimal_places=2, default=0)
    description = models.TextField(_("事故简况"), blank=True)
    grade = models.CharField(_("事故等级"), max_length=20, choices=AccidentGrade.choices, editable=False)
    report_due_at = models.DateTimeField(_("首报时限"), editable=False)
    reported_at = models.DateTimeField(_("首报时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("生产安全事故")
        verbose_name_plural = _("生产安全事故")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["region", "occurred_at"], name="accident_region_time")]

    def __str__(self) -> str:
        where = self.unit.name if self.unit_id and self.unit else ""
        return f"{self.occurred_at:%Y-%m-%d} {where} {self.get_grade_display()}".strip()

    def report_late(self, now: datetime | None = None) -> bool:
        """The first report came (or is still missing) after the one-hour limit."""
        if self.reported_at is not None:
            return self.reported_at > self.report_due_at
        return (now or timezone.now()) > self.report_due_at
