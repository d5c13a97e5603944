"""Domain errors of the organisation app."""

from anjian.errors import DomainError


class RegionError(DomainError):
    code = "region_invalid"
