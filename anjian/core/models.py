"""The database's change counter (PostgreSQL): what the page cache keys on."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class DataVersion(models.Model):
    """One row, bumped by a trigger in every transaction that writes any table (anjian.core.dataversion)."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)
    # Set when the row is (re)created: after a TRUNCATE the count starts again under another start time.
    started = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.version} since {self.started:%Y-%m-%d %H:%M:%S}"
