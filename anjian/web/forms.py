"""Forms of the workspace; each feeds one service call."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.ledger.choices import EnforcementKind, HazardChannel, HazardGrade, InspectionKind
from anjian.ledger.models import FiveInPlace
from anjian.stats.choices import Obligation


class LoginForm(forms.Form):
    """User name and password."""

    username = forms.CharField(label=_("用户名"), max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label=_("密码"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that accepts several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more uploaded files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class TransitionForm(forms.Form):
    """One step of the loop: the action, a reason where the edge needs one, the version the user saw."""

    action = forms.CharField(max_length=30, widget=forms.HiddenInput)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由 / 意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    new_due = forms.DateField(label=_("新的截止日期"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))


class ProgressForm(forms.Form):
    """A progress statement with optional photos and documents."""

    text = forms.CharField(label=_("工作开展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    period = forms.DateField(label=_("报告期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    attachments = MultipleFileField(label=_("证明材料（图片、PDF、Word、Excel，可多选）"))


class EvidenceForm(forms.Form):
    """Evidence files added outside a progress report."""

    attachments = MultipleFileField(label=_("证明材料"), required=True)


class FiveInPlaceForm(forms.ModelForm[FiveInPlace]):
    """五落实 of a hazard."""

    class Meta:
        model = FiveInPlace
        fields = ["responsibility", "measures", "funds", "deadline", "contingency_plan"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}),
                   "measures": forms.Textarea(attrs={"rows": 2}),
                   "contingency_plan": forms.Textarea(attrs={"rows": 2})}


class InspectionForm(forms.Form):
    """The head of an on-site inspection."""

    unit = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": _("请先选择被检查单位")})
    kind = forms.ChoiceField(label=_("检查方式"), choices=InspectionKind.choices)
    inspected_on = forms.DateField(label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"}))
    inspectors = forms.CharField(label=_("检查人员"), max_length=200)
    notes = forms.CharField(label=_("检查情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sign_off = forms.BooleanField(label=_("检查人员签字确认"), required=False)


class HazardEntryForm(forms.Form):
    """One hazard found during an inspection (prefix hazard-N)."""

    description = forms.CharField(label=_("隐患描述"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    location = forms.CharField(label=_("隐患部位"), max_length=200, required=False)
    grade = forms.ChoiceField(label=_("隐患等级"), choices=HazardGrade.choices, initial=HazardGrade.GENERAL)
    due = forms.DateField(label=_("整改期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    photos = MultipleFileField(label=_("现场照片"), widget=MultipleFileInput(
        attrs={"accept": "image/*", "capture": "environment"}))


class EnforcementForm(forms.Form):
    """An enforcement measure decided on a unit; the hazard it answers is optional."""

    kind = forms.ChoiceField(label=_("执法措施"), choices=EnforcementKind.choices)
    decided_on = forms.DateField(label=_("决定日期"), widget=forms.DateInput(attrs={"type": "date"}))
    document_number = forms.CharField(label=_("文书编号"), max_length=60, required=False)
    company_amount = forms.DecimalField(label=_("对单位罚款（元）"), min_value=0, max_digits=14, decimal_places=2,
                                        required=False)
    person_name = forms.CharField(label=_("被处罚责任人"), max_length=50, required=False)
    person_amount = forms.DecimalField(label=_("对个人罚款（元）"), min_value=0, max_digits=14, decimal_places=2,
                                       required=False)
    hazard = forms.TypedChoiceField(label=_("针对的隐患"), coerce=int, required=False, empty_value=None)
    notes = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, hazards: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["hazard"]).choices = [("", _("（不关联具体隐患）")), *hazards]


class HazardReportForm(forms.Form):
    """A hazard registered on a unit outside an inspection: a self-report, a covert visit, other."""

    description = forms.CharField(label=_("隐患描述"), widget=forms.Textarea(attrs={"rows": 3}))
    location = forms.CharField(label=_("隐患部位"), max_length=200, required=False)
    grade = forms.ChoiceField(label=_("隐患等级"), choices=HazardGrade.choices, initial=HazardGrade.GENERAL)
    channel = forms.ChoiceField(label=_("隐患来源"), choices=[
        (HazardChannel.COVERT_VISIT, HazardChannel.COVERT_VISIT.label),
        (HazardChannel.INSPECTION, HazardChannel.INSPECTION.label),
        (HazardChannel.OTHER, HazardChannel.OTHER.label)])
    found_on = forms.DateField(label=_("发现日期"), widget=forms.DateInput(attrs={"type": "date"}))
    due = forms.DateField(label=_("整改期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    photos = MultipleFileField(label=_("现场照片"), widget=MultipleFileInput(
        attrs={"accept": "image/*", "capture": "environment"}))

    def __init__(self, *args: Any, self_report: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self_report:  # an enterprise reports its own hazards: the channel is fixed
            del self.fields["channel"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        found, due = data.get("found_on"), data.get("due")
        if found and found > timezone.localdate():
            self.add_error("found_on", _("发现日期不能晚于今天"))
        if found and due and due < found:
            self.add_error("due", _("整改期限不能早于发现日期"))
        return data


class ObligationForm(forms.Form):
    """A unit's recurring duty done: the principal's own check, an evacuation drill, training."""

    obligation = forms.ChoiceField(label=_("履职事项"), choices=Obligation.choices)
    done_on = forms.DateField(label=_("开展日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("情况说明"), max_length=300, required=False)
