"""Choices of the publish app: the state of a 公文, and which body of a committee issues it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    """A draft has no 文号 and can be edited; an issued document has one and never changes."""

    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已签发")


# The one allowed edge; issue_document enforces it with a compare-and-swap on the status.
TRANSITIONS: dict[str, frozenset[str]] = {DocumentStatus.DRAFT: frozenset({DocumentStatus.ISSUED})}


class IssuerRole(models.TextChoices):
    """The committee issues 文件 in its own name; its office issues letters (提醒函, 督办函, 通知书)."""

    COMMITTEE = "committee", _("安委会")
    OFFICE = "office", _("安委会办公室")
