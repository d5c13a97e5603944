"""The unit-group form: a name and its member departments and townships, offered inside the user's regions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts.policy import region_paths
from anjian.org.choices import RegionLevel
from anjian.org.models import Department, Region


def _under(paths: list[str], lookup: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


class UnitGroupForm(forms.Form):
    """Create or edit one 责任单位组; the service checks the members lie in the chosen region."""

    region = forms.ModelChoiceField(label=_("区域"), queryset=Region.objects.none())
    name = forms.CharField(label=_("名称"), max_length=100,
                           help_text=_("文件中的集体名称，如“各乡（镇）”“负有安全监管职责的部门”"))
    departments = forms.ModelMultipleChoiceField(label=_("成员部门"), queryset=Department.objects.none(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    townships = forms.ModelMultipleChoiceField(label=_("成员乡镇（街道）"), queryset=Region.objects.none(),
                                               required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, user: Any, fixed_region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        paths = region_paths(user, "unit_group", "edit")
        if fixed_region is not None:  # an existing group stays in its region; members come from there
            paths = [fixed_region.path]
            self.fields["region"].disabled = True
            self.fields["region"].initial = fixed_region.pk
        regions = Region.objects.filter(_under(paths, "path")).exclude(
            level__in=[RegionLevel.VILLAGE, RegionLevel.GRID]).order_by("path")
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["departments"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            _under(paths, "region__path")).select_related("region").order_by("region__path", "name")
        self.fields["townships"].queryset = regions.filter(  # type: ignore[attr-defined]
            level=RegionLevel.TOWNSHIP)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("departments") and not data.get("townships"):
            raise forms.ValidationError(_("请至少选择一个成员单位"))
        return data
