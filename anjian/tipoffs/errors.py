"""Errors of the tip-off loop, each with a stable code."""

from anjian.errors import DomainError, NotFound, WrongState


class TipOffInvalid(DomainError):
    """举报信息不完整"""

    code = "tipoff_invalid"


class HumanCheckFailed(DomainError):
    """验证题答案不正确或已过期，请重新作答"""

    code = "human_check_failed"


class RateLimited(DomainError):
    """提交过于频繁，请稍后再试"""

    code = "rate_limited"
    http_status = 429


class NoIdentity(NotFound):
    """该举报为匿名举报，没有举报人信息"""

    code = "no_identity"


class RewardNotDue(WrongState):
    """该举报尚不符合奖励条件（须查证属实且已作出罚款处罚）"""

    code = "reward_not_due"


class IdentityKeyError(DomainError):
    """举报人信息密钥不可用或与数据不匹配"""

    code = "identity_key_error"
    http_status = 500
