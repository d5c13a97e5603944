"""The outbox of messages to deliver, and each user's inbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A message decided by a state change, waiting for delivery (second pass of the scanner)."""

    # The key makes re-running a scan harmless: the same decision produces the same key.
    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("类型"), max_length=30)
    item_kind = models.CharField(max_length=20)
    item_id = models.BigIntegerField()
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The ledger event this message announces (a new assignment): each event is announced once.
    event_id = models.BigIntegerField(null=True, blank=True, unique=True)
    # The group-chat robot (ANJIAN_WEBHOOK_URL): claimed per attempt (compare-and-swap on webhook_attempts),
    # posted after the inbox rows commit, a failure kept here and retried by later deliveries.
    webhook_sent_at = models.DateTimeField(null=True, blank=True)
    webhook_attempts = models.PositiveSmallIntegerField(default=0)
    # When the last attempt was claimed: one claimed and neither sent nor failed after ANJIAN_DELIVERY_LEASE_SECONDS
    # died with its deliverer and is tried again.
    webhook_claimed_at = models.DateTimeField(null=True, blank=True)
    webhook_error = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("待发消息")
        verbose_name_plural = _("待发消息")

    def __str__(self) -> str:
        return self.title


class Notification(models.Model):
    """One message in one user's in-app inbox (and mailed when SMTP is configured)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    outbox = models.ForeignKey(OutboxMessage, null=True, on_delete=models.SET_NULL, related_name="notifications")
    kind = models.CharField(_("类型"), max_length=30)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    item_kind = models.CharField(max_length=20, blank=True)
    item_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Mail is sent after the inbox row commits; each attempt is claimed first (mail_attempts compare-and-swap),
    # a failure is kept here and retried by later deliveries up to MAIL_ATTEMPTS times.
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mail_claimed_at = models.DateTimeField(null=True, blank=True)  # as OutboxMessage.webhook_claimed_at
    mail_error = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "outbox"], name="notification_once_per_outbox")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.title
