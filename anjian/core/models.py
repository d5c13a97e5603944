"""The database's change counter (PostgreSQL), what the page cache keys on; the shared secret key's fingerprint."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row, bumped by a trigger in every transaction that writes any table (anjian.core.dataversion)."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)
    # Set when the row is (re)created: after a TRUNCATE the count starts again under another start time.
    started = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.version} since {self.started:%Y-%m-%d %H:%M:%S}"


class SecretKeyFingerprint(models.Model):
    """One row: a one-way fingerprint of the secret key every host must share (anjian/security/secretkey.py)."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    fingerprint = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("密钥指纹")
        verbose_name_plural = _("密钥指纹")

    def __str__(self) -> str:
        return self.fingerprint[:12]
