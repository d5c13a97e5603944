"""Administrator-maintained holiday and make-up-workday overrides (节假日安排)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkCalendarDay(models.Model):
    """One date whose working status differs from the built-in calendar, or extends it past its years."""

    date = models.DateField(_("日期"), primary_key=True)
    is_workday = models.BooleanField(_("是否工作日"))
    note = models.CharField(_("说明"), max_length=100, blank=True, help_text=_("例如：春节、国庆调休上班"))

    class Meta:
        verbose_name = _("节假日/调休")
        verbose_name_plural = _("节假日/调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_workday else '休息'}"
