"""Outgoing documents: who issues them, the 发文字号 counter, 公文 from draft to issue, and the export register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.publish.choices import DocumentStatus, IssuerRole


class DocumentNumber(models.Model):
    """The last 发文字号 sequence of one 机关代字 of a committee in one year (locked while allocating)."""

    committee = models.ForeignKey("org.Committee", on_delete=models.CASCADE, related_name="document_numbers")
    prefix = models.CharField(_("机关代字"), max_length=20, default="")
    year = models.PositiveSmallIntegerField(_("年份"))
    last_seq = models.PositiveIntegerField(_("已用序号"), default=0)

    class Meta:
        verbose_name = _("发文字号计数")
        verbose_name_plural = _("发文字号计数")
        constraints = [models.UniqueConstraint(fields=["committee", "prefix", "year"], name="doc_number_unique_prefix_year")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.last_seq}"


class IssuedDocument(models.Model):
    """One exported workbook (and, before 签发 existed, generated 公文): kind, period, fingerprint."""

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


class IssuingBody(models.Model):
    """Who signs a document of a committee, in its masthead and 署名, and the 机关代字 of its 文号."""

    committee = models.ForeignKey("org.Committee", on_delete=models.CASCADE, related_name="issuing_bodies")
    role = models.CharField(_("发文机关"), max_length=20, choices=IssuerRole.choices)
    name = models.CharField(_("发文机关名称"), max_length=100, help_text=_("版头与署名，例如：龙亭区安全生产委员会办公室"))
    doc_prefix = models.CharField(_("机关代字"), max_length=20, help_text=_("发文字号前缀，例如：龙安委办"))

    class Meta:
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")
        constraints = [models.UniqueConstraint(fields=["committee", "role"], name="issuing_body_unique_role")]

    def __str__(self) -> str:
        return f"{self.name}（{self.doc_prefix}）"


class Document(models.Model):
    """A 公文 from draft to issue: its text (frozen once issued), 文号, files and who issued it when."""

    kind = models.CharField(_("文书类型"), max_length=30)
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(IssuingBody, on_delete=models.PROTECT, related_name="documents")
    status = models.CharField(_("状态"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT,
                              db_index=True)
    title = models.CharField(_("标题"), max_length=300)
    period_from = models.DateField(_("起始日期"))
    period_to = models.DateField(_("截止日期"))
    as_of = models.DateField(_("统计截至"))
    template = models.JSONField(_("起草时内容"))  # as the builder wrote it: which paragraphs were placeholders
    content = models.JSONField(_("内容"))
    doc_number = models.CharField(_("发文字号"), max_length=60, blank=True)
    docx = models.FileField(_("Word 文件"), upload_to="documents/%Y/", blank=True)
    pdf = models.FileField(_("PDF 文件"), upload_to="documents/%Y/", blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    issued_at = models.DateTimeField(_("签发时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公文")
        verbose_name_plural = _("公文")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["doc_number"], condition=~models.Q(doc_number=""),
                                    name="document_number_once"),
            models.CheckConstraint(
                condition=models.Q(status=DocumentStatus.DRAFT, doc_number="")
                | (models.Q(status=DocumentStatus.ISSUED) & ~models.Q(doc_number="")),
                name="document_number_iff_issued"),
        ]

    def __str__(self) -> str:
        return self.doc_number or f"{self.title}（{self.get_status_display()}）"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT
