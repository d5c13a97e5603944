"""Reference data (regions, units) and the caller's own notification inbox."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from anjian.accounts.policy import scope_q
from anjian.api.auth import caller
from anjian.api.paging import Page, keyset
from anjian.api.schemas import NotificationOut, RegionOut, UnitOut
from anjian.errors import NotFound
from anjian.notify.models import Notification
from anjian.org.models import Region, Unit

router = Router(tags=["org 组织与消息"])


@router.get("/regions", response=list[RegionOut], summary="行政区划 / regions")
def list_regions(request: HttpRequest, parent: str | None = None) -> Any:
    """The region tree is public reference data for every signed-in user; `parent` narrows to children."""
    rows = Region.objects.all()
    if parent:
        rows = rows.filter(parent__code=parent)
    return rows.order_by("path")


class UnitFilter(Schema):
    region: str | None = None
    sector: int | None = None
    q: str | None = None
    risk_level: str | None = None
    after: int | None = None
    limit: int = 50


@router.get("/units", response=Page[UnitOut], summary="生产经营单位 / units")
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> dict[str, Any]:
    rows = Unit.objects.filter(scope_q(caller(request), "unit", "view"))
    if filters.region:
        rows = rows.filter(region__path__contains=f"/{filters.region}/")
    if filters.sector:
        rows = rows.filter(sector=filters.sector)
    if filters.risk_level:
        rows = rows.filter(risk_level=filters.risk_level)
    if filters.q:
        rows = rows.filter(name__icontains=filters.q)
    batch, cursor = keyset(rows, after=filters.after, limit=filters.limit)
    return {"items": batch, "next_after": cursor}


@router.get("/units/{unit_id}", response=UnitOut, summary="单位详情 / unit")
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    unit = Unit.objects.filter(scope_q(caller(request), "unit", "view"), pk=unit_id).first()
    if unit is None:
        raise NotFound()
    return unit


@router.get("/notifications", response=Page[NotificationOut], summary="我的消息 / my notifications")
def list_notifications(
    request: HttpRequest, unread: bool = False, after: int | None = None, limit: int = 50
) -> dict[str, Any]:
    rows = Notification.objects.filter(recipient=caller(request))
    if unread:
        rows = rows.filter(read_at__isnull=True)
    batch, cursor = keyset(rows, after=after, limit=limit)
    return {"items": batch, "next_after": cursor}
