"""Errors of the security controls, each with a stable code."""

from __future__ import annotations

from anjian.errors import PermissionDenied, WrongState


class RetentionTooShort(WrongState):
    """审计日志保留期不足 183 天，不得清理 / audit entries younger than 183 days cannot be purged"""

    code = "retention_too_short"


class NotAuditAdministrator(PermissionDenied):
    """仅审计管理员可清理审计日志 / only the audit administrator may purge the audit log"""

    code = "not_audit_administrator"
