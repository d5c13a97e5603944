"""Records of imports, and the remembered meaning of responsible-unit names."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import of one document: what it created, updated, left alone or rejected."""

    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="import_runs")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("原始文件"), upload_to="imports/%Y/%m/", max_length=255, blank=True)
    original_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    # The document's identity across versions (its normalised title, else its file name): tasks of
    # an edited plan are found again by (region, document_key, seq, category).
    document_key = models.CharField(_("来源文件"), max_length=200, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    genre = models.CharField(_("文件类型"), max_length=20, blank=True)
    issued = models.DateField(_("成文日期"), null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    # The AssessmentScheme built from the document's scores, when it had any (scoring app).
    scheme = models.ForeignKey(
        "scoring.AssessmentScheme", null=True, blank=True, on_delete=models.SET_NULL, related_name="import_runs",
        verbose_name=_("考核方案"),
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.started_at:%Y-%m-%d})"


class ImportRunItem(models.Model):
    """The outcome for one extracted item of an import."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("新建")
        UPDATED = "updated", _("更新")
        UNCHANGED = "unchanged", _("无变化")
        REJECTED = "rejected", _("拒绝")

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    seq = models.CharField(_("序号"), max_length=20, blank=True)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices)
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    task = models.ForeignKey(
        "ledger.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("导入明细")
        verbose_name_plural = _("导入明细")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.seq} {self.outcome}"


class UnitAlias(models.Model):
    """A responsible-unit name as documents print it, resolved once by a clerk and remembered."""

    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="unit_aliases")
    name = models.CharField(_("名称（原文）"), max_length=100)
    department = models.ForeignKey("org.Department", null=True, blank=True, on_delete=models.CASCADE)
    target_region = models.ForeignKey(
        "org.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    ignore = models.BooleanField(_("不作为责任单位"), default=False)

    class Meta:
        verbose_name = _("责任单位别名")
        verbose_name_plural = _("责任单位别名")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="alias_unique")]

    def __str__(self) -> str:
        return self.name


class ImportStage(models.Model):
    """What an uploaded document yielded, kept between the preview and the clerk's confirmation.

    Confirming builds tasks from these rows (with the clerk's corrections): the file is not read or
    extracted a second time, so what was previewed is what is imported.
    """

    token = models.CharField(max_length=32, unique=True)
    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    original_name = models.CharField(max_length=200)
    # The uploaded file's name in the shared store (ingest/staging.py), kept only to be archived with the run.
    path = models.CharField(max_length=500, blank=True)
    sha256 = models.CharField(max_length=64)
    genre = models.CharField(max_length=20, blank=True)
    issued = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=300, blank=True)
    document_key = models.CharField(max_length=200, blank=True)
    items = models.JSONField(default=list)
    # The rest of the extraction (scores of an assessment scheme …) without the items.
    extraction = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("导入暂存")
        verbose_name_plural = _("导入暂存")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.token[:8]})"
