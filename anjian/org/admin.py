"""Admin pages for the organisation tree (the rarer administration screens)."""

from django.contrib import admin

from anjian.org import models


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin[models.Region]):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("path",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # The path is derived; re-parenting a subtree is a data migration, not a form edit.
        obj.path = models.Region.path_for(obj.code, obj.parent)
        super().save_model(request, obj, form, change)


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin[models.Department]):
    list_display = ("name", "short_name", "region", "is_office")
    search_fields = ("name", "short_name")


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin[models.Unit]):
    list_display = ("name", "sector", "region", "risk_level", "high_risk")
    list_filter = ("risk_level", "high_risk", "sector")
    search_fields = ("name", "credit_code")


admin.site.register(models.Committee)
admin.site.register(models.Sector)
admin.site.register(models.ResponsibilityList)
admin.site.register(models.UnitGuarantor)
admin.site.register(models.Expert)
admin.site.register(models.GridStaff)
