"""The forms of the documents page: draft a 公文, export the ledger, fill a draft's placeholders."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.ingest.models import ImportRun
from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED
from anjian.ledger.models import EnforcementAction, Hazard, Task
from anjian.org.models import Region
from anjian.publish.drafts import EditableParagraph
from anjian.publish.reports import REPORTS, ReportKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ITEM_CHOICES_LIMIT = 300  # the escalated items offered in the picker, most overdue first


def _month_start() -> date:
    return timezone.localdate().replace(day=1)


class DateInput(forms.DateInput):
    """A native date picker."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type=date> reads, whatever the locale


def region_choices(tops: list[Region]) -> list[tuple[str, StrOrPromise]]:
    """Every region under the user's top regions, indented by depth (the region picker)."""
    rows: list[tuple[str, StrOrPromise]] = []
    for top in tops:
        depth0 = top.path.count("/")
        for region in Region.objects.filter(path__startswith=top.path).order_by("path").only("code", "name", "path"):
            rows.append((region.code, "\u3000" * (region.path.count("/") - depth0) + region.name))
    return rows


def item_choices(tops: list[Region]) -> list[tuple[str, StrOrPromise]]:
    """Open escalated tasks and hazards in the user's regions (the item picker of the 督办函)."""
    rows: list[tuple[str, StrOrPromise]] = [("", _("本期所有已升级督办的事项"))]
    for top in tops:
        tasks = (Task.objects.filter(region__path__startswith=top.path, status__in=TASK_WATCHED,
                                     escalation_level__gt=0).order_by("due_date", "pk")[:ITEM_CHOICES_LIMIT])
        rows += [(f"task:{t.pk}", f"{_('任务')} {t.seq or t.pk}：{(t.measures or t.problem)[:40]}") for t in tasks]
        hazards = (Hazard.objects.filter(region__path__startswith=top.path, status__in=HAZARD_WATCHED,
                                         escalation_level__gt=0)
                   .select_related("unit")
                   .order_by("due_date", "pk")[:ITEM_CHOICES_LIMIT])
        rows += [(f"hazard:{h.pk}", f"{_('隐患')} {h.pk}：{h.unit.name} {h.description[:30]}") for h in hazards]
    return rows


def run_choices(tops: list[Region]) -> list[tuple[str, StrOrPromise]]:
    """The imported rectification plans (整改方案) of the user's regions."""
    rows: list[tuple[str, StrOrPromise]] = [("", _("（最近导入的整改方案）"))]
    for top in tops:
        runs = ImportRun.objects.filter(region__path__startswith=top.path).order_by("-pk")[:100]
        rows += [(str(r.pk), f"{r.original_name}（{r.pk}）") for r in runs]
    return rows


class _Period(forms.Form):
    def _choices(self, name: str, choices: list[tuple[str, StrOrPromise]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    region = forms.ChoiceField(label=_("区域"))
    date_from = forms.DateField(label=_("起始日期"), initial=_month_start, widget=DateInput)
    date_to = forms.DateField(label=_("截止日期"), initial=timezone.localdate, widget=DateInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, date) and isinstance(end, date) and start > end:
            raise forms.ValidationError(_("起始日期晚于截止日期"))
        return data


class DraftForm(_Period):
    """Which 公文 to draft, for which region and period (and, for some kinds, which item or plan)."""

    kind = forms.ChoiceField(label=_("文书类型"))
    item = forms.ChoiceField(label=_("督办事项"), required=False)
    import_run = forms.ChoiceField(label=_("整改方案"), required=False)
    field_order = ["kind", "region", "date_from", "date_to", "item", "import_run"]

    def __init__(self, *args: Any, kinds: list[ReportKind], tops: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("kind", [(k.name, k.label) for k in kinds])
        self._choices("region", region_choices(tops))
        self._choices("item", item_choices(tops))
        self._choices("import_run", run_choices(tops))


class ExportForm(_Period):
    """The ledger workbook of a region and period."""

    import_run = forms.ChoiceField(label=_("整改方案"), required=False)

    def __init__(self, *args: Any, tops: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("region", region_choices(tops))
        self._choices("import_run", run_choices(tops))


ENFORCEMENT_KINDS = ("rectification-order", "review-opinion")


def enforcement_choices(tops: list[Region]) -> list[tuple[str, StrOrPromise]]:
    """Recent enforcement records of the user's regions (newest first), named by unit, measure and date."""
    rows: list[tuple[str, StrOrPromise]] = []
    for top in tops:
        records = (EnforcementAction.objects.filter(region__path__startswith=top.path)
                   .select_related("unit").order_by("-decided_on", "-pk")[:ITEM_CHOICES_LIMIT])
        rows += [(f"enforcement:{r.pk}", f"{r.decided_on:%Y-%m-%d} {r.unit.name} {r.get_kind_display()}"
                  + (f"（{r.document_number}）" if r.document_number else "")) for r in records]
    return rows


class EnforcementForm(forms.Form):
    """Which enforcement document, from which record, in which format."""

    kind = forms.ChoiceField(label=_("执法文书"))
    record = forms.ChoiceField(label=_("执法记录"))
    file_format = forms.ChoiceField(label=_("格式"), choices=[("docx", "Word (.docx)"), ("pdf", "PDF")])

    def __init__(self, *args: Any, tops: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind, record = self.fields["kind"], self.fields["record"]
        assert isinstance(kind, forms.ChoiceField) and isinstance(record, forms.ChoiceField)
        kind.choices = [(name, REPORTS[name].label) for name in ENFORCEMENT_KINDS]
        record.choices = enforcement_choices(tops)


class DraftTextForm(forms.Form):
    """One textarea per paragraph the builder left a placeholder in."""

    def __init__(self, *args: Any, paragraphs: list[EditableParagraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for p in paragraphs:
            self.fields[f"p{p.index}"] = forms.CharField(
                label=_("待补充段落"), initial=p.text, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def texts(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


__all__ = ["REPORTS", "DraftForm", "DraftTextForm", "ExportForm"]
