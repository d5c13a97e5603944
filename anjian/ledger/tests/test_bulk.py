"""Hazards registered in bulk follow the same rules as one reported hazard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.db import transaction

from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.fixtures import World
from anjian.ledger.bulk import HazardRegistration, NewHazard
from anjian.ledger.choices import DeadlineKind, HazardChannel, HazardGrade
from anjian.ledger.models import Hazard, ItemEvent
from anjian.ledger.services import report_hazard
from anjian.org.choices import RegionLevel
from anjian.org.models import Department, ResponsibilityList, Unit
from anjian.org.services import create_region


def _row(unit: Unit, description: str) -> NewHazard:
    return NewHazard(unit_id=unit.pk, region_id=unit.region_id, region_path=unit.region.path,
                     sector_id=unit.sector_id, description=description, location="", grade=HazardGrade.GENERAL,
                     channel=HazardChannel.OTHER, found_on=date(2026, 1, 5), deadline_kind=DeadlineKind.NONE,
                     due_date=None, recurrence="", deadline_raw="", deadline_estimated=False)


@pytest.mark.parametrize("listed_by", ["county", "city", "nobody"])
def test_bulk_and_single_registration_give_the_same_supervising_department(world: World, listed_by: str) -> None:
    # given a unit in a township of a county whose duty list may be silent, and the city's list
    township = create_region(code="410203001", name="测试乡", level=RegionLevel.TOWNSHIP, parent=world.other_county)
    unit = Unit.objects.create(name="测试加气站", sector=world.gas, region=township)
    if listed_by != "nobody":
        region = world.other_county if listed_by == "county" else world.city
        lead = Department.objects.create(region=region, name=f"{region.name}城管", short_name=f"{region.code}城管")
        ResponsibilityList.objects.create(region=region, sector=world.gas, department=lead)
    # when it is reported once, and imported once in bulk
    single = report_hazard(actor=world.outsider, unit=unit, description="单条登记", channel=HazardChannel.OTHER,
                           found_on=date(2026, 1, 5))
    with transaction.atomic():
        bulk = HazardRegistration(actor=world.outsider, source_sha256="ab" * 32, batch=10_000)
        [imported_id] = bulk.add([_row(unit, "批量登记")])
        bulk.finish()
    # then both name the nearest region's lead department (none when no region lists one)
    expected = None if listed_by == "nobody" else lead.pk
    imported = Hazard.objects.get(pk=imported_id)
    assert single.supervising_department_id == imported.supervising_department_id == expected


def test_bulk_registration_writes_create_events_and_one_audit_entry_per_batch(world: World) -> None:
    with transaction.atomic():
        bulk = HazardRegistration(actor=world.clerk, source_sha256="cd" * 32, batch=2)
        created = bulk.add([_row(world.gas_station, f"隐患{k}") for k in range(3)])
        bulk.finish()
    ids = sorted(created)
    assert (bulk.created, bulk.batches, bulk.first_id, bulk.last_id) == (3, 1, ids[0], ids[-1])
    assert sorted(ItemEvent.objects.filter(hazard__in=ids, action="create").values_list("hazard_id", flat=True)) == ids
    batches = list(AuditEntry.objects.filter(action="hazard.import_batch").order_by("seq").values_list("after", flat=True))
    assert [b["rows"] for b in batches] == [3]  # the first add() passed the batch size: one entry for its rows
    assert verify().ok


def test_bulk_rows_read_back_as_the_orm_writes_them(world: World) -> None:
    # given three rows registered in bulk, the middle one with a deadline
    rows = [_row(world.gas_station, f"隐患{k}") for k in range(3)]
    rows[1] = replace(rows[1], deadline_kind=DeadlineKind.DATE, due_date=date(2026, 2, 1), deadline_raw="27天",
                      deadline_estimated=True)
    with transaction.atomic():
        bulk = HazardRegistration(actor=world.clerk, source_sha256="ef" * 32, batch=10_000)
        ids = bulk.add(rows)
        bulk.finish()
    # then each returned id is its own row, in the order given
    assert dict(Hazard.objects.filter(pk__in=ids).values_list("pk", "description")) == {
        pk: f"隐患{k}" for k, pk in enumerate(ids)}
    # and the ORM's lookups find them by value: dates and the registration time are stored as the ORM stores
    # them (on SQLite as text, compared as text), the flag as a boolean
    assert set(Hazard.objects.filter(created_at=bulk.at, found_on=date(2026, 1, 5)).values_list("pk", flat=True)) == set(ids)
    assert list(Hazard.objects.filter(due_date=date(2026, 2, 1), deadline_estimated=True).values_list("pk", flat=True)) == [ids[1]]
    events = ItemEvent.objects.filter(hazard__in=ids, at=bulk.at, actor=world.clerk)
    assert sorted((e.hazard_id, e.data, e.from_status, e.to_status) for e in events) == [
        (pk, {}, "", "found") for pk in sorted(ids)]
