"""The authentication backend: Django's, except that a locked account cannot authenticate at all."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(ModelBackend):
    """Any door that calls `authenticate()` obeys the sign-in lockout, not only the sign-in page (which also
    refuses before checking the password, and counts: web.services.sign_in)."""

    def user_can_authenticate(self, user: Any) -> bool:
        from anjian.web.services import is_locked

        return super().user_can_authenticate(user) and not is_locked(user)
