"""The accident form: when, where (a unit picked by search, or only a region), the consequences."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AccidentForm(forms.Form):
    """An accident as first known; the grade and the one-hour report deadline are computed by the service."""

    unit = forms.IntegerField(widget=forms.HiddenInput, required=False)
    occurred_at = forms.DateTimeField(label=_("发生时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                      input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    deaths = forms.IntegerField(label=_("死亡人数"), min_value=0, initial=0)
    serious_injuries = forms.IntegerField(label=_("重伤人数"), min_value=0, initial=0)
    direct_loss_yuan = forms.DecimalField(label=_("直接经济损失（元）"), min_value=0, max_digits=16, decimal_places=2,
                                          initial=0)
    description = forms.CharField(label=_("事故简况"), widget=forms.Textarea(attrs={"rows": 3}))
    reported_now = forms.BooleanField(label=_("已向上级首报（按当前时间记录首报时间）"), required=False)
