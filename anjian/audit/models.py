"""The append-only audit log, chained by SHA-256 so an edit, deletion or swap is detectable."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change: who did what to which object, before and after, chained to the previous entry."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=60)
    object_type = models.CharField(_("对象类型"), max_length=60)
    object_id = models.CharField(_("对象编号"), max_length=60, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=40, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """The single row holding the chain head; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # The head's hash before the last append: one UPDATE … RETURNING then hands an append both of its links.
    prev_hash = models.CharField(max_length=64, default="0" * 64)
    # After a retention purge the chain starts from this anchor instead of the genesis hash.
    base_seq = models.PositiveBigIntegerField(default=0)
    base_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"head #{self.last_seq}"


class PurgePermit(models.Model):
    """While a retention purge runs, the delete trigger lets through entries up to `upto_seq` only."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    upto_seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "审计清理许可"
        verbose_name_plural = "审计清理许可"

    def __str__(self) -> str:
        return f"purge ≤ {self.upto_seq}"
