"""整改复查意见书 (see anjian.publish.reports.enforcement)."""

from anjian.publish.reports.enforcement import review as build

__all__ = ["build"]
