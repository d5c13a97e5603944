"""Holiday table administration."""

from django.contrib import admin

from anjian.workdays.models import WorkCalendarDay


@admin.register(WorkCalendarDay)
class WorkCalendarDayAdmin(admin.ModelAdmin[WorkCalendarDay]):
    list_display = ("date", "is_workday", "note")
    list_filter = ("is_workday",)
