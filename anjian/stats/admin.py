"""Admin pages of the statistics app (obligation records; new ones go through services.record_obligation)."""

from django.contrib import admin

from anjian.stats import models


@admin.register(models.ObligationRecord)
class ObligationRecordAdmin(admin.ModelAdmin[models.ObligationRecord]):
    list_display = ("unit", "obligation", "done_on", "recorded_by")
    list_filter = ("obligation",)
    search_fields = ("unit__name",)
