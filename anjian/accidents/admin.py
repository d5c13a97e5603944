"""Admin pages for accidents (read-mostly: changes go through the services)."""

from django.contrib import admin

from anjian.accidents import models


@admin.register(models.Accident)
class AccidentAdmin(admin.ModelAdmin[models.Accident]):
    list_display = ("occurred_at", "unit", "region", "grade", "deaths", "serious_injuries", "direct_loss_yuan",
                    "reported_at")
    list_filter = ("grade",)
    search_fields = ("unit__name", "description")
    readonly_fields = ("grade", "report_due_at", "created_by", "created_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # New accidents need the computed grade and deadline: record them through the service.
        return False
