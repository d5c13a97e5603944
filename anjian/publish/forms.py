"""The form of the documents page."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.publish.reports import REPORTS


def _month_start() -> date:
    return timezone.localdate().replace(day=1)


class ReportForm(forms.Form):
    """Which document, for which region and period, in which format."""

    kind = forms.ChoiceField(label=_("文书类型"), choices=[(k.name, k.label) for k in REPORTS.values()])
    region = forms.CharField(label=_("区域代码"), required=False)
    date_from = forms.DateField(label=_("起始日期"), initial=_month_start)
    date_to = forms.DateField(label=_("截止日期"), initial=timezone.localdate)
    file_format = forms.ChoiceField(label=_("格式"), choices=[("docx", "Word (.docx)"), ("pdf", "PDF"),
                                                              ("xlsx", "Excel (.xlsx)")])
    item = forms.CharField(label=_("督办事项（task:编号 或 hazard:编号，可空）"), required=False)
    import_run = forms.IntegerField(label=_("导入批次编号（可空）"), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, date) and isinstance(end, date) and start > end:
            raise forms.ValidationError(_("起始日期晚于截止日期"))
        kind = REPORTS.get(str(data.get("kind")))
        if kind is not None and data.get("file_format") not in kind.formats:
            data["file_format"] = kind.formats[0]
        return data
