"""Domain errors of the organisation app."""

from anjian.errors import DomainError


class RegionError(DomainError):
    code = "region_invalid"


class UnitGroupError(DomainError):
    code = "unit_group_invalid"
