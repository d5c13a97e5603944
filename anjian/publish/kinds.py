"""The registry of report kinds, declared once: the web form, the API, `anjian report` and `generate()` all read it.

It imports no model, so the command line can offer its names before Django is set up; each kind's builder
module (`anjian.publish.reports.<builder>`, with `build(request)`) is imported when a document is made.
Labels are lazy: the interface shows them in the reader's language; documents carry the Chinese name.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from anjian.publish.reports.request import Built, ReportRequest


@dataclass(frozen=True)
class ReportKind:
    """A registered kind of document: its label, formats and builder."""

    name: str
    label: StrOrPromise
    formats: tuple[str, ...]
    builder: str  # the module under anjian.publish.reports that has `build(request)`
    numbered: bool = True  # allocates a 发文字号
    permission: tuple[str, str] = ("document", "create")
    issuer: str = "office"  # anjian.publish.choices.IssuerRole: the committee (文件) or its office (letters)
    same_day: bool = False  # judged as of the drafting day (截至…): issued that day or drafted again

    def build(self, request: ReportRequest) -> Built:
        module: Any = importlib.import_module(f"anjian.publish.reports.{self.builder}")
        built: Built = module.build(request)
        return built

    @property
    def document_name(self) -> str:
        """The label as official documents and their file names carry it (the installation's language)."""
        with translation.override(settings.LANGUAGE_CODE):
            return str(self.label)


DOCS = ("docx", "pdf")
REPORTS: dict[str, ReportKind] = {
    k.name: k
    for k in [
        ReportKind("circular", _("情况通报"), DOCS, "circular", issuer="committee"),
        ReportKind("reminder", _("提醒函"), DOCS, "reminder", same_day=True),
        ReportKind("supervision", _("督办函/函告"), DOCS, "supervision", same_day=True),
        ReportKind("ranking", _("点评排序通报"), DOCS, "ranking", issuer="committee"),
        ReportKind("rectification-report", _("整改落实情况报告"), DOCS, "rectification_report", issuer="committee"),
        ReportKind("ledger", _("整改台账（Excel）"), ("xlsx",), "ledger", numbered=False,
                   permission=("task", "export")),
        # Enforcement documents carry the department's own 文书编号 from the record, not a 文号 of ours.
        ReportKind("rectification-order", _("责令限期整改指令书"), DOCS, "enforcement_order", numbered=False,
                   permission=("enforcement", "create"), issuer="department"),
        ReportKind("review-opinion", _("整改复查意见书"), DOCS, "enforcement_review", numbered=False,
                   permission=("enforcement", "create"), issuer="department"),
    ]
}
