"""Forms of the public portal and of the handling pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.ledger.choices import HazardGrade
from anjian.org.choices import RegionLevel
from anjian.org.models import Department, Region, Unit
from anjian.tipoffs.choices import TipOffAction, TipOffCategory
from anjian.tipoffs.services import MAX_PHOTOS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("最多上传 %(n)d 张照片") % {"n": MAX_PHOTOS})
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class SubmitForm(forms.Form):
    """The public tip-off form; the identity fields are optional (anonymous by default)."""

    region = forms.ModelChoiceField(label=_("所在区域"), queryset=Region.objects.none(), required=False,
                                    empty_label=_("不清楚（由区安委办分办）"))
    category = forms.ChoiceField(label=_("举报类别"), choices=TipOffCategory.choices)
    place = forms.CharField(label=_("地点"), max_length=200)
    unit_name = forms.CharField(label=_("被举报单位名称"), max_length=200, required=False)
    description = forms.CharField(label=_("举报内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    photos = MultipleImageField(label=_("现场照片（可选，最多5张）"), required=False)
    real_name = forms.BooleanField(label=_("实名举报（查实后可申请奖励）"), required=False)
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    contact = forms.CharField(label=_("其他联系方式"), max_length=100, required=False)
    answer = forms.CharField(label=_("验证题"), max_length=5)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.filter(level__in=[RegionLevel.COUNTY, RegionLevel.TOWNSHIP]).order_by("path")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("real_name") and not (data.get("name") or "").strip():
            self.add_error("name", _("实名举报请填写姓名"))
        if data.get("real_name") and not (data.get("phone") or data.get("contact") or "").strip():
            self.add_error("phone", _("实名举报请留下联系电话或其他联系方式"))
        return data


class TrackForm(forms.Form):
    """Enter a tracking code."""

    code = forms.CharField(label=_("查询码"), max_length=20)


class ActionForm(forms.Form):
    """One handling step on a tip-off."""

    action = forms.ChoiceField(choices=TipOffAction.choices)
    expected_version = forms.IntegerField(required=False)
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(label=_("主管部门"), queryset=Department.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("被举报单位"), queryset=Unit.objects.none(), required=False)
    grade = forms.ChoiceField(label=_("隐患等级"), choices=HazardGrade.choices, required=False)
    # Required for "verify" (the service checks it): the reported unit reads it, so it starts empty and is
    # written by the verifier; the report's own words could name the reporter.
    hazard_description = forms.CharField(
        label=_("隐患描述（被举报单位可见）"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("按核查结论描述隐患，勿照抄举报原文，勿写举报人信息")}),
    )
    hazard_location = forms.CharField(label=_("隐患部位（被举报单位可见，可不填）"), required=False, max_length=200)
    public_feedback = forms.CharField(label=_("向举报人反馈"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ancestors = [c for c in region.path.strip("/").split("/")]
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.filter(region__code__in=ancestors, is_office=False)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(region__path__startswith=region.path)


class PaymentForm(forms.Form):
    """The record of a reward payment."""

    payment_ref = forms.CharField(label=_("兑付凭证号"), max_length=100)
