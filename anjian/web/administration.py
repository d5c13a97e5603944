"""The administration pages as data: each reference table with its form, columns and who may edit it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.db.models import Model, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.policy import ADMINISTRATION, Where, allowed, grantable_roles, region_paths
from anjian.accounts.services import check_password
from anjian.errors import DomainError
from anjian.escalation.models import EscalationPolicy, EscalationStep
from anjian.org.models import Department, Region, ResponsibilityList, Sector, Unit, UnitGuarantor
from anjian.workdays.models import WorkCalendarDay


def may_administer(user: Any) -> bool:
    """Whoever the policy lets through one of the administration doors (a table to edit, people) sees the pages."""
    return any(allowed(user, action, Where(kind)) for kind, action in ADMINISTRATION)


def may_manage_people(user: Any) -> bool:
    """The policy lets the user see people (office, security administrator)."""
    return allowed(user, "view", Where("user"))


def may_edit(user: Any, entity: Entity) -> bool:
    """The policy lets the user edit this table somewhere (installation-wide tables: anywhere at all)."""
    return allowed(user, "edit", Where(entity.kind))


def _in_paths(paths: list[str], lookup: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{lookup}__startswith": path})
    return q


def _scoped(kind: str, lookup: str) -> Callable[[Any], Q]:
    """Rows lying in the subtrees where the policy lets the user edit `kind`."""
    return lambda user: _in_paths(region_paths(user, kind, "edit"), lookup)


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
    kind: str  # the policy's name: ("<kind>", "edit") says who may edit it
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
    Entity("regions", "region", _("行政区划"), Region, RegionForm,
           ((_("代码"), lambda r: r.code), (_("名称"), lambda r: r.name), (_("层级"), lambda r: r.get_level_display())),
           _scoped("region", "path"), region_fields=("parent",)),
    Entity("departments", "department", _("成员单位"), Department, DepartmentForm,
           ((_("名称"), lambda d: d.name), (_("简称"), lambda d: d.short_name), (_("区域"), lambda d: d.region),
            (_("别名"), lambda d: "、".join(d.aliases or []))), _scoped("department", "region__path"),
           select_related=("region",)),
    Entity("sectors", "sector", _("行业领域"), Sector, _model_form(Sector, ["code", "name", "high_risk"]),
           ((_("代码"), lambda s: s.code), (_("名称"), lambda s: s.name), (_("高危行业"), lambda s: s.high_risk)),
           lambda u: Q(), global_data=True),
    Entity("responsibilities", "responsibility", _("职责清单"), ResponsibilityList,
           _model_form(ResponsibilityList, ["region", "sector", "department", "duty"]),
           ((_("区域"), lambda r: r.region), (_("行业领域"), lambda r: r.sector), (_("部门"), lambda r: r.department),
            (_("职责"), lambda r: r.get_duty_display())), _scoped("responsibility", "region__path"), deletable=True,
           select_related=("region", "sector", "department")),
    Entity("units", "unit", _("生产经营单位"), Unit, _model_form(Unit, [
        "name", "credit_code", "kind", "sector", "region", "address", "risk_level", "high_risk", "key_fire_unit",
        "principal_name", "principal_phone", "controller_name", "controller_phone"]),
           ((_("名称"), lambda u: u.name), (_("区域"), lambda u: u.region), (_("行业领域"), lambda u: u.sector),
            (_("风险等级"), lambda u: u.get_risk_level_display())), _scoped("unit", "region__path"),
           select_related=("region", "sector")),
    Entity("guarantors", "guarantor", _("五包一责任人"), UnitGuarantor,
           _model_form(UnitGuarantor, ["unit", "role", "name", "organisation", "phone"]),
           ((_("单位"), lambda g: g.unit), (_("包保角色"), lambda g: g.get_role_display()), (_("姓名"), lambda g: g.name),
            (_("电话"), lambda g: g.phone)), _scoped("guarantor", "unit__region__path"), deletable=True,
           region_fields=(), select_related=("unit",)),
    Entity("policies", "escalation_policy", _("督办策略"), EscalationPolicy,
           _model_form(EscalationPolicy, ["item_kind", "grade", "remind_days_before", "immediate_workdays"]),
           ((_("事项类型"), lambda p: p.get_item_kind_display()), (_("等级"), lambda p: p.get_grade_display()),
            (_("到期前提醒天数"), lambda p: p.remind_days_before),
            (_("立行立改时限（工作日）"), lambda p: p.immediate_workdays)), lambda u: Q(), global_data=True),
    Entity("steps", "escalation_policy", _("督办步骤"), EscalationStep,
           _model_form(EscalationStep, ["policy", "level", "action", "days_after_due"]),
           ((_("督办策略"), lambda s: s.policy), (_("级别"), lambda s: s.level), (_("措施"), lambda s: s.get_action_display()),
            (_("逾期天数"), lambda s: s.days_after_due)), lambda u: Q(), global_data=True, deletable=True,
           select_related=("policy",)),
    Entity("holidays", "holiday", _("节假日/调休"), WorkCalendarDay, _model_form(WorkCalendarDay, ["date", "is_workday", "note"], DATE),
           ((_("日期"), lambda d: d.date), (_("是否工作日"), lambda d: d.is_workday), (_("说明"), lambda d: d.note)),
           lambda u: Q(), global_data=True, deletable=True),
)}


def rows_for(entity: Entity, user: Any) -> QuerySet[Any]:
    """The rows of an entity the user administers."""
    return entity.model._default_manager.filter(entity.scope(user)).select_related(*entity.select_related)


def limit_form(form: Any, user: Any, kind: str, action: str = "edit") -> None:
    """Offer only regions (and their departments/units) inside the subtrees where the policy allows the action."""
    paths = region_paths(user, kind, action)
    for name in ("region", "parent"):
        if name in form.fields:
            form.fields[name].queryset = Region.objects.filter(_in_paths(paths, "path"))
    for name, lookup in (("department", "region__path"), ("unit", "region__path")):
        if name in form.fields:
            form.fields[name].queryset = form.fields[name].queryset.filter(_in_paths(paths, lookup))


def region_allowed(entity: Entity, user: Any, instance: Model) -> bool:
    """Whether the policy lets the user edit a row lying where this saved row lies."""
    if entity.global_data:
        return may_edit(user, entity)
    places = [getattr(instance, name, None) for name in entity.region_fields]
    if isinstance(instance, UnitGuarantor):
        places.append(instance.unit.region)
    return all(allowed(user, "edit", Where(entity.kind, region.path)) for region in places if region is not None)


class RoleGrantForm(forms.Form):
    """One role over a region subtree, narrowed to a department or a unit where the role needs one.

    Only the roles the granter may give (policy GRANTS) are offered, and only its own regions; the service
    checks again.
    """

    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    region = forms.ModelChoiceField(label=_("区域"), queryset=Region.objects.all())
    department = forms.ModelChoiceField(label=_("部门"), queryset=Department.objects.all(), required=False)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.all(), required=False)

    def __init__(self, *args: Any, granter: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.granter = granter
        grantable = grantable_roles(granter)
        cast(forms.ChoiceField, self.fields["role"]).choices = [(v, lbl) for v, lbl in Role.choices if v in grantable]
        limit_form(self, granter, "role", "grant")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.DEPARTMENT and not data.get("department"):
            self.add_error("department", _("部门工作人员必须选择部门"))
        if data.get("role") == Role.UNIT and not data.get("unit"):
            self.add_error("unit", _("企业负责人必须选择单位"))
        region = data.get("region")
        if data.get("role") and region is not None and data["role"] not in grantable_roles(self.granter, region.path):
            self.add_error("role", _("无权在该区域授予此角色"))
        return data


class UserCreateForm(RoleGrantForm):
    """A new person with a first role; the password must pass the installation's rules."""

    field_order = ["username", "display_name", "password", "role", "region", "department", "unit"]
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, min_length=8,
                               help_text=_("首次登录时须由本人修改"))

    def clean_username(self) -> str:
        name = self.cleaned_data["username"]
        if User.objects.filter(username=name).exists():
            raise forms.ValidationError(_("用户名已存在"))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("username"):
            try:
                check_password(data["password"], username=data["username"],
                               display_name=data.get("display_name") or "")
            except DomainError as error:
                self.add_error("password", error.message)
        return data
