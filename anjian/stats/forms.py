"""The filter form of the statistics pages, and which regions a user may look at."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.policy import Where, allowed, assignments
from anjian.ledger.choices import HazardChannel, HazardGrade
from anjian.org.models import Department, Region, Sector
from anjian.stats.metrics import Scope, penalty_threshold


def regions_for(user: Any, rule: tuple[str, str]) -> list[Region]:
    """The top regions of the user's assignments in which the policy allows the rule's (kind, action)."""
    kind, action = rule
    regions = sorted({a.region for a in assignments(user) if allowed(user, action, Where(kind, a.region.path))},
                     key=lambda r: r.path)
    return [r for r in regions if not any(r != o and r.path.startswith(o.path) for o in regions)]


def within(region: Region, tops: list[Region]) -> bool:
    """Whether the region lies in one of these subtrees."""
    return any(region.path.startswith(top.path) for top in tops)


def region_tree(tops: list[Region], depth: int = 2) -> list[tuple[str, str]]:
    """The user's top regions and the regions `depth` levels below them, in tree order, indented by level."""
    rows: list[tuple[str, str]] = []
    for top in tops:
        base = top.path.count("/")
        below = Region.objects.filter(path__startswith=top.path).order_by("path").values_list("code", "name", "path")
        rows += [(code, "\u3000" * (path.count("/") - base) + name) for code, name, path in below
                 if path.count("/") - base <= depth]
    return rows


class ScopeForm(forms.Form):
    """Region, period and dimension filters; an invalid value falls back to the default."""

    region = forms.ChoiceField(label=_("区域"), required=False)
    date_from = forms.DateField(label=_("起始日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("截止日期"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    sector = forms.ChoiceField(label=_("行业领域"), required=False)
    department = forms.ChoiceField(label=_("部门"), required=False)
    grade = forms.ChoiceField(label=_("隐患等级"), required=False,
                              choices=[("", _("全部"))] + list(HazardGrade.choices))
    channel = forms.ChoiceField(label=_("隐患来源"), required=False,
                                choices=[("", _("全部"))] + list(HazardChannel.choices))
    threshold = forms.FloatField(label=_("处罚率预警阈值"), required=False, min_value=0, max_value=1)

    def __init__(self, data: Any, *, tops: list[Region]) -> None:
        today = timezone.localdate()
        # an unbound form shows the default period, so the date pickers open on it
        super().__init__(data, initial={"date_from": date(today.year, 1, 1), "date_to": today})
        self.tops = tops
        cast(forms.ChoiceField, self.fields["region"]).choices = region_tree(tops)
        cast(forms.ChoiceField, self.fields["sector"]).choices = [("", _("全部"))] + list(Sector.objects.values_list("code", "name"))
        departments = Department.objects.filter(region__in=tops) if tops else Department.objects.none()
        cast(forms.ChoiceField, self.fields["department"]).choices = [("", _("全部"))] + [(str(pk), name) for pk, name in
                                                               departments.values_list("pk", "name")]

    def selected_region(self) -> Region:
        """The chosen region if it lies in the user's subtrees, else the user's first top region."""
        code = self.cleaned_data.get("region") if self.is_valid() else None
        region = Region.objects.filter(code=code).first() if code else None
        if region is not None and within(region, self.tops):
            return region
        return self.tops[0]

    def scope(self, user: Any) -> Scope:
        """The statistics scope of the form for this user (defaults: this year up to today)."""
        data = self.cleaned_data if self.is_valid() else {}
        today = timezone.localdate()
        department = data.get("department")
        return Scope(
            region=self.selected_region(), date_from=data.get("date_from") or date(today.year, 1, 1),
            date_to=data.get("date_to") or today, sector=data.get("sector") or None,
            department=int(department) if department else None, grade=data.get("grade") or None,
            channel=data.get("channel") or None, user=user,
        )

    def threshold_value(self) -> float:
        value = self.cleaned_data.get("threshold") if self.is_valid() else None
        return penalty_threshold() if value is None else value
