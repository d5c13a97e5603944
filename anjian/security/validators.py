"""Password rules of the level-3 profile (等保三级 8.1.4.1 a: 鉴别信息具有复杂度要求)."""

from __future__ import annotations

import string
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = 3  # of upper case, lower case, digits, symbols


def character_classes(password: str) -> int:
    """How many of the four character classes the password uses."""
    return sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or not (c.isalnum() or c.isspace()) for c in password),
        )
    )


class ComplexityValidator:
    """Under the level-3 profile a password mixes at least three of upper, lower, digit and symbol."""

    def __init__(self, min_classes: int = CLASSES) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        """Raise ValidationError when the profile is on and the password is too uniform."""
        if not settings.ANJIAN_LEVEL3:
            return
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须至少包含大写字母、小写字母、数字、符号中的 %(n)d 类。") % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        """The rule as the password form shows it."""
        return _("密码须至少包含大写字母、小写字母、数字、符号中的 %(n)d 类。") % {"n": self.min_classes}
