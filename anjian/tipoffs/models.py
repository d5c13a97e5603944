"""Public tip-offs (群众举报): the report, its sealed reporter identity, photos, events and reward."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.tipoffs.choices import STATUS_COLOURS, RewardStatus, TipOffCategory, TipOffStatus


class RewardPolicy(models.Model):
    """How a reward is computed (e.g. 15 % of the resulting fine, floor 3,000, cap 300,000 元); editable data."""

    name = models.CharField(_("名称"), max_length=100)
    rate = models.DecimalField(_("奖励比例"), max_digits=5, decimal_places=4, default=Decimal("0.15"))
    floor = models.DecimalField(_("最低奖励（元）"), max_digits=12, decimal_places=2, default=Decimal("3000"))
    cap = models.DecimalField(_("最高奖励（元）"), max_digits=12, decimal_places=2, default=Decimal("300000"))
    active = models.BooleanField(_("现行"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("举报奖励标准")
        verbose_name_plural = _("举报奖励标准")
        ordering = ["-active", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class TipOff(models.Model):
    """One report from the public; who sent it lives only in the sealed ReporterIdentity."""

    # Only the SHA-256 of the tracking code is kept: staff never see the code that unlocks the status page.
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="tipoffs")
    category = models.CharField(_("举报类别"), max_length=30, choices=TipOffCategory.choices)
    place = models.CharField(_("地点"), max_length=200)
    unit_name = models.CharField(_("被举报单位"), max_length=200, blank=True)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="tipoffs")
    description = models.TextField(_("举报内容"))
    status = models.CharField(_("状态"), max_length=20, choices=TipOffStatus.choices, default=TipOffStatus.RECEIVED)
    routed_department = models.ForeignKey(
        "org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="tipoffs"
    )
    hazard = models.OneToOneField(
        "ledger.Hazard", null=True, blank=True, on_delete=models.SET_NULL, related_name="tipoff"
    )
    rejection_reason = models.TextField(_("不实理由"), blank=True)
    public_feedback = models.TextField(_("向举报人反馈"), blank=True)
    has_identity = models.BooleanField(_("实名举报"), default=False)
    received_at = models.DateTimeField(_("受理时间"))
    due_date = models.DateField(_("办理期限"), db_index=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("群众举报")
        verbose_name_plural = _("群众举报")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["region", "status"], name="tipoff_region_status")]

    def __str__(self) -> str:
        return f"举报 #{self.pk}"

    @property
    def status_colour(self) -> str:
        """The tag colour of the current status."""
        return STATUS_COLOURS.get(TipOffStatus(self.status), "grey")


class ReporterIdentity(models.Model):
    """The reporter's name and contact, Fernet-encrypted; readable only through services.reveal_identity."""

    tipoff = models.OneToOneField(TipOff, on_delete=models.CASCADE, related_name="identity")
    ciphertext = models.TextField(editable=False)

    class Meta:
        verbose_name = _("举报人信息（加密）")
        verbose_name_plural = _("举报人信息（加密）")

    def __str__(self) -> str:
        return "举报人信息（已加密）"

    def __repr__(self) -> str:
        return f"<ReporterIdentity of tipoff {self.tipoff_id}: sealed>"


class IdentityKeyFingerprint(models.Model):
    """The fingerprint of the key sealing reporter identities (one row): every host must hold that key."""

    fingerprint = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("举报人信息密钥指纹")
        verbose_name_plural = _("举报人信息密钥指纹")

    def __str__(self) -> str:
        return self.fingerprint[:12]


class TipOffPhoto(models.Model):
    """A photo sent with a tip-off; stored under a neutral name so the file name cannot identify anyone."""

    tipoff = models.ForeignKey(TipOff, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("举报照片")
        verbose_name_plural = _("举报照片")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"照片 #{self.pk}"


class TipOffEvent(models.Model):
    """One change of a tip-off: who moved it from which status to which, why, and when."""

    tipoff = models.ForeignKey(TipOff, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("举报办理记录")
        verbose_name_plural = _("举报办理记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"


class Reward(models.Model):
    """The reward proposed for a verified tip-off under a RewardPolicy, and its payment."""

    tipoff = models.OneToOneField(TipOff, on_delete=models.CASCADE, related_name="reward")
    policy = models.ForeignKey(RewardPolicy, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=RewardStatus.choices, default=RewardStatus.PROPOSED)
    penalty_total = models.DecimalField(_("罚款合计（元）"), max_digits=14, decimal_places=2)
    amount = models.DecimalField(_("奖励金额（元）"), max_digits=12, decimal_places=2)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(_("拟定时间"))
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    paid_at = models.DateTimeField(_("兑付时间"), null=True, blank=True)
    payment_ref = models.CharField(_("兑付凭证号"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("举报奖励")
        verbose_name_plural = _("举报奖励")

    def __str__(self) -> str:
        return f"举报 #{self.tipoff_id} 奖励 {self.amount}"


class SubmissionAttempt(models.Model):
    """One public request, keyed by a keyed hash of the client address (the raw IP is never stored)."""

    client_hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=10)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["client_hash", "kind", "at"], name="tipoff_attempt_window")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class HumanChallenge(models.Model):
    """One question of the portal's human check: the answer stays here, the form carries only the random token."""

    token = models.CharField(max_length=64, unique=True)
    answer = models.SmallIntegerField()
    created_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"challenge {self.created_at:%Y-%m-%d %H:%M}"
