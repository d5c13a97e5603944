"""Forms of the inventory pages: a new risk point, a hazard factor, an evaluation, a control."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.prevention.choices import (
    AccidentType,
    ControlKind,
    ControlLevel,
    FactorClass,
    Method,
    PointKind,
    RiskGrade,
)


class RiskPointForm(forms.Form):
    code = forms.CharField(label=_("风险点编号"), max_length=40, required=False)
    name = forms.CharField(label=_("风险点名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=PointKind.choices)
    location = forms.CharField(label=_("区域/部位"), max_length=200, required=False)
    responsible_name = forms.CharField(label=_("责任人"), max_length=50, required=False)
    emergency_phone = forms.CharField(label=_("应急电话"), max_length=30, required=False)


class FactorForm(forms.Form):
    description = forms.CharField(label=_("危险有害因素"), max_length=500)
    factor_class = forms.ChoiceField(label=_("因素分类（GB/T 13861）"), choices=FactorClass.choices)
    factor_code = forms.CharField(label=_("GB/T 13861 代码"), max_length=20, required=False)
    accident_type = forms.ChoiceField(label=_("可能导致的事故类型（GB 6441）"), choices=AccidentType.choices)


class EvaluationForm(forms.Form):
    method = forms.ChoiceField(label=_("评价方法"), choices=Method.choices)
    l = forms.DecimalField(label="L", required=False)  # noqa: E741 - the method's letter
    e = forms.DecimalField(label="E", required=False)
    c = forms.DecimalField(label="C", required=False)
    s = forms.DecimalField(label="S", required=False)
    direct_grade = forms.ChoiceField(label=_("直接判定等级"), choices=[("", "—"), *RiskGrade.choices], required=False)
    reason = forms.CharField(label=_("直接判定理由"), max_length=500, required=False)


class ControlForm(forms.Form):
    kind = forms.ChoiceField(label=_("措施类型"), choices=ControlKind.choices)
    text = forms.CharField(label=_("管控措施"), max_length=500)
    level = forms.ChoiceField(label=_("管控层级"), choices=ControlLevel.choices)
    responsible_name = forms.CharField(label=_("责任人"), max_length=50, required=False)
