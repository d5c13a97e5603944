"""The audit log in the Django admin: read-only, and visible to the audit administrator alone (三权分立)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from anjian.accounts.choices import Role
from anjian.accounts.policy import roles_of
from anjian.audit.models import AuditEntry


def is_audit_administrator(user: Any) -> bool:
    """Holds the auditor role; superuser status alone does not count (the system administrator may not read it)."""
    return Role.AUDITOR in roles_of(user)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("seq", "at", "actor_name", "action", "object_type", "object_id", "request_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "action", "object_id", "request_id")
    readonly_fields = tuple(f.name for f in AuditEntry._meta.fields)
    actions = None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_audit_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return is_audit_administrator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
