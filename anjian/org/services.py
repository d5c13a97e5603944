"""Changes to the organisation tree, and questions asked of it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from anjian.org.choices import LEVEL_ORDER
from anjian.org.errors import RegionError
from anjian.org.models import Region, ResponsibilityList, Sector, UnitGroup


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
