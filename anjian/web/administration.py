"""The administration pages as data: each reference table with its form, columns and who may edit it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.policy import assignments, roles_of
from anjian.escalation.models import EscalationPolicy, EscalationStep
from anjian.org.models import Department, Region, ResponsibilityList, Sector, Unit, UnitGuarantor
from anjian.workdays.models import WorkCalendarDay


def region_paths(user: Any) -> list[str]:
    """The region subtrees in which the user administers (office or admin roles)."""
    return [a.region.path for a in assignments(user) if a.role in {Role.OFFICE, Role.ADMIN}]


def may_administer(user: Any) -> bool:
    """Office staff and administrators see the administration pages."""
    return bool(user.is_superuser or region_paths(user))


def may_edit_global(user: Any) -> bool:
    """Sectors, holidays and the escalation policy are installation-wide: administrators only."""
    return bool(user.is_superuser or Role.ADMIN in roles_of(user))


def _in_paths(user: Any, lookup: str) -> Q:
    if user.is_superuser:
        return Q()
    q = Q(pk__in=[])
    for path in region_paths(user):
        q |= Q(**{f"{lookup}__startswith": path})
    return q


class RegionForm(forms.ModelForm[Region]):
    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]


class DepartmentForm(forms.ModelForm[Department]):
    aliases = forms.CharField(label=_("别名（用“、”分隔）"), required=False)

    class Meta:
        model = Department
        fields = ["region", "name", "short_name", "aliases", "is_office"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["aliases"] = "、".join(self.instance.aliases or [])

    def clean_aliases(self) -> list[str]:
        return [a.strip() for a in self.cleaned_data["aliases"].replace(",", "、").split("、") if a.strip()]


def _model_form(model_: type[Model], field_names: list[str], widgets: dict[str, Any] | None = None) -> type[Any]:
    meta = type("Meta", (), {"model": model_, "fields": field_names, "widgets": widgets or {}})
    return type(f"{model_.__name__}AdminForm", (forms.ModelForm,), {"Meta": meta})


DATE = {"date": forms.DateInput(attrs={"type": "date"})}


@dataclass(frozen=True)
class Entity:
    """One administered table."""

    key: str
    title: str | Promise
    model: type[Model]
    form: type[Any]
    columns: tuple[tuple[str | Promise, Callable[[Any], Any]], ...]
    scope: Callable[[Any], Q]
    global_data: bool = False
    deletable: bool = False
    region_fields: tuple[str, ...] = ("region",)
    select_related: tuple[str, ...] = ()


ENTITIES: dict[str, Entity] = {e.key: e for e in (
    Entity("regions", _("行政区划"), Region, RegionForm,
           ((_("代码"), lambda r: r.code), (_("名称"), lambda r: r.name), (_("层级"), lambda r: r.get_level_display())),
           lambda u: _in_paths(u, "path"), region_fields=("parent",)),
    Entity("departments", _("成员单位"), Department, DepartmentForm,
           ((_("名称"), lambda d: d.name), (_("简称"), lambda d: d.short_name), (_("区域"), lambda d: d.region),
            (_("别名"), lambda d: "、".join(d.aliases or []))), lambda u: _in_paths(u, "region__path"),
           select_related=("region",)),
    Entity("sectors", _("行业领域"), Sector, _model_form(Sector, ["code", "name", "high_risk"]),
           ((_("代码"), lambda s: s.code), (_("名称"), lambda s: s.name), (_("高危行业"), lambda s: s.high_risk)),
           lambda u: Q(), global_data=True),
    Entity("responsibilities", _("职责清单"), ResponsibilityList,
           _model_form(ResponsibilityList, ["region", "sector", "department", "duty"]),
           ((_("区域"), lambda r: r.region), (_("行业领域"), lambda r: r.sector), (_("部门"), lambda r: r.department),
            (_("职责"), lambda r: r.get_duty_display())), lambda u: _in_paths(u, "region__path"), deletable=True,
           select_related=("region", "sector", "department")),
    Entity("units", _("生产经营单位"), Unit, _model_form(Unit, [
        "name", "credit_code", "kind", "sector", "region", "address", "risk_level", "high_risk", "key_fire_unit",
        "principal_name", "principal_phone", "controller_name", "controller_phone"]),
           ((_("名称"), lambda u: u.name), (_("区域"), lambda u: u.region), (_("行业领域"), lambda u: u.sector),
            (_("风险等级"), lambda u: u.get_risk_level_display())), lambda u: _in_paths(u, "region__path"),
           select_related=("region", "sector")),
    Entity("guarantors", _("五包一责任人"), UnitGuarantor,
           _model_form(UnitGuarantor, ["unit", "role", "name", "organisation", "phone"]),
           ((_("单位"), lambda g: g.unit), (_("包保角色"), lambda g: g.get_role_display()), (_("姓名"), lambda g: g.name),
            (_("电话"), lambda g: g.phone)), lambda u: _in_paths(u, "unit__region__path"), deletable=True,
           region_fields=(), select_related=("unit",)),
    Entity("policies", _("督办策略"), EscalationPolicy,
           _model_form(EscalationPolicy, ["item_kind", "grade", "remind_days_before", "immediate_workdays"]),
           ((_("事项类型"), lambda p: p.get_item_kind_display()), (_("等级"), lambda p: p.get_grade_display()),
            (_("到期前提醒天数"), lambda p: p.remind_days_before),
            (_("立行立改时限（工作日）"), lambda p: p.immediate_workdays)), lambda u: Q(), global_data=True),
    Entity("steps", _("督办步骤"), EscalationStep,
           _model_form(EscalationStep, ["policy", "level", "action", "days_after_due"]),
           ((_("督办策略"), lambda s: s.policy), (_("级别"), lambda s: s.level), (_("措施"), lambda s: s.get_action_display()),
            (_("逾期天数"), lambda s: s.days_after_due)), lambda u: Q(), global_data=True, deletable=True,
           select_related=("policy",)),
    Entity("holidays", _("节假日/调休"), WorkCalendarDay, _model_form(WorkCalendarDay, ["date", "is_workday", "note"], DATE),
           ((_("日期"), lambda d: d.date), (_("是否工作日"), lambda d: d.is_workday), (_("说明"), lambda d: d.note)),
           lambda u: Q(), global_data=True, deletable=True),
)}


def rows_for(entity: Entity, user: Any) -> QuerySet[Any]:
    """The rows of an entity the user administers."""
    return entity.model._default_manager.filter(entity.scope(user)).select_related(*entity.select_related)


def limit_form(form: Any, user: Any) -> None:
    """Offer only regions (and their departments/units) inside the user's subtrees."""
    if user.is_superuser:
        return
    for name in ("region", "parent"):
        if name in form.fields:
            form.fields[name].queryset = Region.objects.filter(_in_paths(user, "path"))
    for name, lookup in (("department", "region__path"), ("unit", "region__path")):
        if name in form.fields:
            form.fields[name].queryset = form.fields[name].queryset.filter(_in_paths(user, lookup))


def region_allowed(entity: Entity, user: Any, instance: Model) -> bool:
    """Whether a saved row still lies inside the user's subtrees."""
    if user.is_superuser or entity.global_data:
        return True
    paths = region_paths(user)
    for name in entity.region_fields:
        region = getattr(instance, name, None)
        if region is not None and not any(region.path.startswith(p) for p in paths):
            return False
    return True


class RoleGrantForm(forms.Form):
    """One role over a region subtree, narrowed to a department or a unit where the role needs one."""

    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    region = forms.ModelChoiceField(label=_("区域"), queryset=Region.objects.all())
    department = forms.ModelChoiceField(label=_("部门"), queryset=Department.objects.all(), required=False)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.all(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.DEPARTMENT and not data.get("department"):
            self.add_error("department", _("部门工作人员必须选择部门"))
        if data.get("role") == Role.UNIT and not data.get("unit"):
            self.add_error("unit", _("企业负责人必须选择单位"))
        return data


class UserCreateForm(RoleGrantForm):
    """A new person with a first role."""

    field_order = ["username", "display_name", "password", "role", "region", "department", "unit"]
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, min_length=8)

    def clean_username(self) -> str:
        name = self.cleaned_data["username"]
        if User.objects.filter(username=name).exists():
            raise forms.ValidationError(_("用户名已存在"))
        return name
