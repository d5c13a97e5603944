"""Which department supervises a unit's hazards: one rule, for one unit or for a bulk import's many."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from anjian.org.models import Department, ResponsibilityList, Unit

T = TypeVar("T")


def nearest_lead(path: str, sector_id: int | None, leads: Mapping[tuple[str, int | None], T]) -> T | None:
    """The rule: the lead department of the sector (`leads`: by region code and sector) in the nearest region of
    `path` (a region path of codes, "/41/4101/…/") that lists one; None when no region on the path does."""
    for code in reversed(path.strip("/").split("/")):
        found = leads.get((code, sector_id))
        if found is not None:
            return found
    return None


def supervising_department_for(unit: Unit) -> Department | None:
    """The lead supervising department of the unit's sector in the nearest region that lists one."""
    codes = unit.region.path.strip("/").split("/")
    lines = (ResponsibilityList.objects.filter(sector=unit.sector_id, region__code__in=codes, duty="lead")
             .select_related("department", "region").order_by("id"))
    return nearest_lead(unit.region.path, unit.sector_id, {(ln.region.code, ln.sector_id): ln.department
                                                           for ln in lines})


class SupervisingDepartments:
    """`supervising_department_for` for many units: every lead line read once, then answered from memory."""

    def __init__(self) -> None:
        self.leads: dict[tuple[str, int | None], int] = {(code, sector): department for code, sector, department in
                      ResponsibilityList.objects.filter(duty="lead").order_by("id").values_list(
                          "region__code", "sector_id", "department_id")}

    def of(self, region_path: str, sector_id: int | None) -> int | None:
        """The id of the supervising department of a unit in `region_path` and sector `sector_id`."""
        return nearest_lead(region_path, sector_id, self.leads)
