"""Imports of the inventory (per unit) and of sector checklists: validate every row, then write in one
transaction through the services, so a sheet goes in whole or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from anjian.accounts.policy import Where, allowed, can_create_at
from anjian.errors import PermissionDenied
from anjian.ingest.readers.xlsx_stream import iter_rows
from anjian.org.models import Region, Sector, Unit
from anjian.prevention import services
from anjian.prevention.errors import InvalidInventory
from anjian.prevention.models import CheckItem, Checklist
from anjian.prevention.sheets import read_checklist, read_inventory


@dataclass(frozen=True)
class Imported:
    created: int
    errors: list[str]


def _rows(path: Path) -> list[tuple[int, tuple[Any, ...]]]:
    try:
        return list(iter_rows(path))
    except ValueError as exc:
        raise InvalidInventory(str(exc)) from exc


def import_inventory(*, actor: Any, unit: Unit, path: Path) -> Imported:
    """Add the sheet's risk points to the unit's inventory; any bad row rejects the whole sheet."""
    if not can_create_at(actor, "riskpoint", unit):
        raise PermissionDenied("无权为该单位导入风险清单")
    try:
        points, errors = read_inventory(_rows(path))
    except ValueError as exc:
        raise InvalidInventory(str(exc)) from exc
    if errors:
        return Imported(0, errors)
    with transaction.atomic():
        for p in points:
            point = services.create_risk_point(actor=actor, unit=unit, name=p.name, code=p.code, kind=p.kind,
                                               location=p.location, responsible_name=p.responsible_name,
                                               emergency_phone=p.emergency_phone)
            for f in p.factors:
                services.add_factor(actor=actor, risk_point=point, description=f.description,
                                    factor_class=f.factor_class, factor_code=f.factor_code,
                                    accident_type=f.accident_type)
            try:
                services.evaluate_risk_point(actor=actor, risk_point=point, method=p.method,
                                             l=p.values.get("l"), e=p.values.get("e"), c=p.values.get("c"),
                                             s=p.values.get("s"), direct_grade=p.direct_grade, reason=p.reason)
            except InvalidInventory as exc:
                raise InvalidInventory(f"第 {p.line} 行：{exc}") from exc
            for kind, text in p.controls:
                services.add_control(actor=actor, risk_point=point, kind=kind, text=text, level=p.level,
                                     responsible_name=p.responsible_name)
    return Imported(len(points), [])


def import_checklist(*, actor: Any, region: Region, sector: Sector, name: str, path: Path) -> Imported:
    """A sector checklist for the region: its items join the checks of every unit of the sector there."""
    if not allowed(actor, "create", Where("checklist", region.path)):
        raise PermissionDenied("无权导入行业排查清单")
    try:
        items, errors = read_checklist(_rows(path))
    except ValueError as exc:
        raise InvalidInventory(str(exc)) from exc
    if errors or not items:
        return Imported(0, errors or ["清单中没有排查内容"])
    from anjian.audit.services import record

    with transaction.atomic():
        checklist = Checklist.objects.create(name=name.strip() or sector.name, sector=sector, region=region)
        CheckItem.objects.bulk_create([CheckItem(checklist=checklist, text=i.text, basis=i.basis) for i in items])
        record(actor=actor, action="checklist.import", object_type="checklist", object_id=checklist.pk,
               after={"sector": sector.code, "region": region.code, "items": len(items)})
    return Imported(len(items), [])
