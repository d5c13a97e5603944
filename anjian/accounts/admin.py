"""User and role administration."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from anjian.accounts.models import RoleAssignment, User


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("region",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleInline]
    list_display = ("username", "display_name", "is_active", "last_login", "locked_until")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("anjian", {"fields": ("display_name", "phone", "locked_until")}))
