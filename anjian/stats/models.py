"""Records the statistics need that no other app keeps: a unit's recurring safety obligations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.stats.choices import Obligation


class ObligationRecord(models.Model):
    """One fulfilment of a recurring obligation by a unit (a principal's check, a drill, a training)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="obligation_records")
    # Copied from the unit so scoping needs no join.
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    obligation = models.CharField(_("义务"), max_length=20, choices=Obligation.choices)
    done_on = models.DateField(_("开展日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("履职记录")
        verbose_name_plural = _("履职记录")
        ordering = ["-done_on", "-id"]
        indexes = [models.Index(fields=["obligation", "done_on", "unit"], name="obligation_day_unit")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.get_obligation_display()} {self.done_on}"
