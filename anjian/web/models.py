"""What the workspace itself stores: sign-in failures under names no account holds."""

from __future__ import annotations

from django.db import models


class LoginThrottle(models.Model):
    """Failed sign-ins under a name no account holds, counted and locked exactly as an account's are.

    Without it an unknown name never locked while a known one did, so the lockout told which names exist.
    The name is stored only as a keyed hash (people type passwords into the name field too).
    """

    name_hash = models.CharField(max_length=64, primary_key=True)
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name_hash[:12]
