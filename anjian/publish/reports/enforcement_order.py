"""责令限期整改指令书 (see anjian.publish.reports.enforcement)."""

from anjian.publish.reports.enforcement import order as build

__all__ = ["build"]
