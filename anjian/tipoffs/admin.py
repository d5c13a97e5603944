"""Admin: reward policies are data an administrator edits; tip-offs are read-only and never show identity."""

from django.contrib import admin

from anjian.tipoffs.models import RewardPolicy, TipOff


@admin.register(RewardPolicy)
class RewardPolicyAdmin(admin.ModelAdmin[RewardPolicy]):
    list_display = ("name", "rate", "floor", "cap", "active", "created_at")


@admin.register(TipOff)
class TipOffAdmin(admin.ModelAdmin[TipOff]):
    list_display = ("__str__", "category", "region", "status", "due_date")
    list_filter = ("status", "category")
    # Changes go through services; identity is not a field here and has no admin page.
    readonly_fields = [f.name for f in TipOff._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
