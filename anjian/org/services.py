"""Changes to the organisation tree, and questions asked of it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from anjian.accounts.policy import Where, allowed
from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.org.choices import LEVEL_ORDER
from anjian.org.errors import RegionError, UnitGroupError
from anjian.org.models import Department, Region, ResponsibilityList, Sector, UnitGroup


def create_region(*, code: str, name: str, level: str, parent: Region | None) -> Region:
    """Add a region below `parent`, keeping levels ordered and the path materialised."""
    if parent is not None and LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(parent.level):
        raise RegionError(f"{name}：层级必须低于上级 {parent.name}")
    with transaction.atomic():
        return Region.objects.create(
            code=code, name=name, level=level, parent=parent, path=Region.path_for(code, parent)
        )


def subtree(region: Region) -> QuerySet[Region]:
    """The region and everything below it, by path prefix (one indexed range scan)."""
    return Region.objects.filter(path__startswith=region.path)


def blind_spots(region: Region) -> QuerySet[Sector]:
    """Sectors no department supervises in this region (监管盲区, 三管三必须)."""
    covered = ResponsibilityList.objects.filter(region=region).values("sector_id")
    return Sector.objects.exclude(id__in=covered)


def unit_group(*, region: Region, name: str, department_ids: Iterable[int], township_ids: Iterable[int]) -> UnitGroup:
    """The named group of units a collective owner stands for in this region, created with its members the
    first time the name is met; later it is the same group (its members are kept as resolved then)."""
    with transaction.atomic():
        group, created = UnitGroup.objects.get_or_create(region=region, name=name[:100])
        if created:
            group.departments.set(list(department_ids))
            group.townships.set(list(township_ids))
    return group


def _group_state(group: UnitGroup) -> dict[str, Any]:
    return {"region": group.region.code, "name": group.name,
            "departments": sorted(group.departments.values_list("name", flat=True)),
            "townships": sorted(group.townships.values_list("name", flat=True))}


def save_unit_group(*, actor: Any, region: Region, name: str, departments: Iterable[Department],
                    townships: Iterable[Region], group: UnitGroup | None = None) -> UnitGroup:
    """Create a unit group of `region` or change an existing one's name and members, with an audit entry
    before and after. Members lie in the group's region (its departments, the townships below it); the
    items that already name the group keep it, and each member then sees them."""
    if not allowed(actor, "edit", Where("unit_group", region.path)):
        raise PermissionDenied("无权维护该区域的责任单位组 / not allowed to edit this region's unit groups")
    name = name.strip()[:100]
    departments, townships = list(departments), list(townships)
    if not name:
        raise UnitGroupError("请填写责任单位组名称 / the group needs a name")
    if not departments and not townships:
        raise UnitGroupError("请至少选择一个成员单位 / choose at least one member")
    if any(not d.region.path.startswith(region.path) for d in departments) or any(
            not t.path.startswith(region.path) or t.pk == region.pk for t in townships):
        raise UnitGroupError("成员单位须属于本区域 / members must lie in the group's region")
    with transaction.atomic():
        if group is not None:
            group = UnitGroup.objects.select_for_update().get(pk=group.pk)
            if group.region_id != region.pk:
                raise UnitGroupError("不能改变责任单位组所属区域 / a group's region cannot change")
        taken = UnitGroup.objects.filter(region=region, name=name)
        if group is not None:
            taken = taken.exclude(pk=group.pk)
        if taken.exists():
            raise UnitGroupError(f"本区域已有名为“{name}”的责任单位组 / the region already has this group")
        before = _group_state(group) if group is not None else None
        if group is None:
            group = UnitGroup.objects.create(region=region, name=name)
        elif group.name != name:
            group.name = name
            group.save(update_fields=["name"])
        group.departments.set(departments)
        group.townships.set(townships)
        record(actor=actor, action=f"unitgroup.{'update' if before else 'create'}", object_type="unitgroup",
               object_id=group.pk, before=before, after=_group_state(group))
    return group
