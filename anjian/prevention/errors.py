"""Domain errors of the dual-prevention app."""

from __future__ import annotations

from anjian.errors import ConflictError, DomainError


class InvalidInventory(DomainError):
    """风险辨识清单信息不完整或不合理"""

    code = "prevention_invalid"


class InvalidCheck(DomainError):
    """排查结果不完整：每一项须判定合格或不合格，不合格项须附照片"""

    code = "prevention_check_invalid"


class CheckAlreadyDone(ConflictError):
    """本周期的排查已由他人提交，请刷新后重试"""

    code = "prevention_check_conflict"
