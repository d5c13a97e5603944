"""The base of every domain error: a stable code, a Chinese message, an HTTP status."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rule violation a service reports; `code` is stable, the message is Chinese."""

    code = "invalid"
    http_status = 400

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        super().__init__(message or self.__class__.__doc__ or self.code)
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)


class ConflictError(DomainError):
    """该事项已被他人修改，请刷新后重试"""

    code = "conflict"
    http_status = 409


class WrongState(DomainError):
    """当前状态不允许此操作"""

    # The base of the refusals that depend on an object's state (issued, outdated, not yet due): 409 Conflict.
    code = "wrong_state"
    http_status = 409


class PermissionDenied(DomainError):
    """无权执行此操作"""

    code = "permission_denied"
    http_status = 403


class NotFound(DomainError):
    """未找到该事项"""

    code = "not_found"
    http_status = 404
