"""Domain errors of the accidents app."""

from __future__ import annotations

from anjian.errors import ConflictError, DomainError


class InvalidAccident(DomainError):
    """事故信息不完整或不合理"""

    code = "accident_invalid"


class AlreadyReported(ConflictError):
    """该事故已登记首报时间"""

    code = "accident_already_reported"
