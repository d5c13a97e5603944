"""Errors of the ledger loop, each with a stable code."""

from anjian.errors import ConflictError, DomainError, NotFound, PermissionDenied, WrongState

__all__ = ["ConflictError", "DomainError", "NotFound", "PermissionDenied"]


class TransitionNotAllowed(WrongState):
    """当前状态不允许此操作"""

    code = "transition_not_allowed"


class SeparationOfDuties(DomainError):
    """整改人不能验收销号自己的整改"""

    code = "separation_of_duties"
    http_status = 403


class FiveInPlaceIncomplete(DomainError):
    """重大事故隐患销号前必须完成“五落实”并上传证明材料"""

    code = "five_in_place_incomplete"


class EvidenceRejected(DomainError):
    """证明材料不合格"""

    code = "evidence_rejected"


class ReasonRequired(DomainError):
    """此操作必须填写理由"""

    code = "reason_required"


class EnforcementInvalid(DomainError):
    """执法措施信息不完整或不一致"""

    code = "enforcement_invalid"


class EvidenceMissing(DomainError):
    """提交验收前须上传整改证明材料"""

    code = "evidence_missing"


class ProgressMissing(DomainError):
    """提交验收前须报送整改进展情况"""

    code = "progress_missing"
