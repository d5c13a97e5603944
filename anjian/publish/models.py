"""Outgoing documents: the 发文字号 counter per office and year, and a register of what was issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentNumber(models.Model):
    """The last 发文字号 sequence used by one committee office in one year (locked while allocating)."""

    committee = models.ForeignKey("org.Committee", on_delete=models.CASCADE, related_name="document_numbers")
    year = models.PositiveSmallIntegerField(_("年份"))
    last_seq = models.PositiveIntegerField(_("已用序号"), default=0)

    class Meta:
        verbose_name = _("发文字号计数")
        verbose_name_plural = _("发文字号计数")
        constraints = [models.UniqueConstraint(fields=["committee", "year"], name="doc_number_unique_year")]

    def __str__(self) -> str:
        return f"{self.committee.doc_prefix}〔{self.year}〕{self.last_seq}"


class IssuedDocument(models.Model):
    """One generated document: its kind, number, period and fingerprint (an export register)."""

    kind = models.CharField(_("文书类型"), max_length=30)
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    doc_number = models.CharField(_("发文字号"), max_length=60, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=300)
    file_format = models.CharField(_("格式"), max_length=5)
    period_from = models.DateField(_("起始日期"))
    period_to = models.DateField(_("截止日期"))
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("已生成文书")
        verbose_name_plural = _("已生成文书")
        ordering = ["-created_at", "-id"]

    @property
    def kind_label(self) -> str:
        """The document kind as pages say it (情况通报, 整改台账), not its code."""
        from anjian.publish.kinds import REPORTS

        kind = REPORTS.get(self.kind)
        return str(kind.label) if kind else self.kind

    def __str__(self) -> str:
        return self.doc_number or self.title
