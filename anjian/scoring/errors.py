"""Domain errors of the assessment app."""

from __future__ import annotations

from anjian.errors import DomainError, NotFound


class SchemeInvalid(DomainError):
    """考核方案数据不完整"""

    code = "scheme_invalid"


class SchemeNotFound(NotFound):
    """未找到该考核方案"""

    code = "scheme_not_found"


class ScoreOutOfRange(DomainError):
    """分数超出该项分值"""

    code = "score_out_of_range"
