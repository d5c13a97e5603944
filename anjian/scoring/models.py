"""Assessment schemes (考核要点/细则) as data, and the inputs that are not in the ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.scoring.choices import Evaluation, ItemKind, SchemeSource


class AssessmentScheme(models.Model):
    """A scored list of items for one year (e.g. 100 points in five parts)."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    year = models.PositiveSmallIntegerField(_("考核年度"))
    source = models.CharField(_("来源"), max_length=10, choices=SchemeSource.choices, default=SchemeSource.MANUAL)
    source_ref = models.CharField(_("来源文件"), max_length=200, blank=True)
    is_current = models.BooleanField(_("当前使用"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    """A part of a scheme with its total (一、… 20分)."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("标题"), max_length=300)
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("考核部分")
        verbose_name_plural = _("考核部分")
        ordering = ["scheme", "order"]

    def __str__(self) -> str:
        return self.title


class AssessmentItem(models.Model):
    """One item: its points and how it is judged; deductions and bonuses are items too."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    order = models.PositiveSmallIntegerField(_("顺序"))
    seq = models.CharField(_("序号"), max_length=20)
    kind = models.CharField(_("类型"), max_length=10, choices=ItemKind.choices, default=ItemKind.ITEM)
    title = models.CharField(_("要点"), max_length=300)
    text = models.TextField(_("考核内容"), blank=True)
    # For an item its full points; for a deduction or a bonus the cap (blank: no cap).
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2, null=True, blank=True)
    evaluation = models.CharField(_("评定方式"), max_length=12, choices=Evaluation.choices,
                                  default=Evaluation.MANUAL)
    per_occurrence = models.DecimalField(_("每次扣分"), max_digits=6, decimal_places=2, null=True, blank=True)
    occurrence_indicator = models.CharField(_("次数指标"), max_length=50, blank=True,
                                            help_text=_("为空时次数人工填写"))
    # {"especially_major": {"per": 40}, "major": {"tiers": [[1, 10], [2, 20], [3, 40]]}}
    accident_rules = models.JSONField(_("事故扣分规则"), default=dict, blank=True)

    class Meta:
        verbose_name = _("考核项")
        verbose_name_plural = _("考核项")
        ordering = ["scheme", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "order"], name="item_unique_order")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.title}"


class IndicatorRule(models.Model):
    """A data indicator of an item mapped to points by thresholds (e.g. on-time rate ≥ 95% → 2)."""

    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="indicator_rules")
    indicator = models.CharField(_("指标"), max_length=50)
    # [[threshold, points], ...]: the first reached wins, checked from the strictest.
    thresholds = models.JSONField(_("阈值与得分"))
    higher_is_better = models.BooleanField(_("越高越好"), default=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("指标评分规则")
        verbose_name_plural = _("指标评分规则")
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return f"{self.item.seq}: {self.indicator}"


class RequiredMaterial(models.Model):
    """A material the assessors will ask for under an item (逐项对照考核要点收集整理资料)."""

    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    name = models.CharField(_("材料"), max_length=300)

    class Meta:
        verbose_name = _("所需材料")
        verbose_name_plural = _("所需材料")
        ordering = ["item", "order", "id"]

    def __str__(self) -> str:
        return self.name


class MaterialLink(models.Model):
    """A file collected for a required material, for one region and year (a ledger Evidence or an upload)."""

    material = models.ForeignKey(RequiredMaterial, on_delete=models.CASCADE, related_name="links")
    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    evidence = models.ForeignKey("ledger.Evidence", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    file = models.FileField(_("文件"), upload_to="assessment/%Y/%m/", max_length=255, blank=True)
    original_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64, blank=True)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("材料")
        verbose_name_plural = _("材料")
        indexes = [models.Index(fields=["region", "year"], name="material_region_year")]

    def __str__(self) -> str:
        return self.original_name


class ManualScore(models.Model):
    """A score entered by an assessor (manual items, bonuses, counted occurrences), with a comment."""

    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="manual_scores")
    region = models.ForeignKey("org.Region", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    score = models.DecimalField(_("得分/扣分"), max_digits=6, decimal_places=2, null=True, blank=True)
    occurrences = models.PositiveIntegerField(_("次数"), null=True, blank=True)
    comment = models.TextField(_("评语"), blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("人工评分")
        verbose_name_plural = _("人工评分")
        constraints = [models.UniqueConstraint(fields=["item", "region", "year"], name="manual_score_unique")]

    def __str__(self) -> str:
        return f"{self.item} {self.score}"
