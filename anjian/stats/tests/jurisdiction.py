"""A year of hand-countable data in 龙亭区 (2024), on top of the shared `world`; see test_metrics.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from anjian.accidents.models import Accident
from anjian.accidents.services import record_accident
from anjian.fixtures import World
from anjian.ledger.choices import EnforcementKind, HazardChannel, HazardGrade, HazardStatus, TaskStatus
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import EnforcementAction, Hazard, Inspection, Task
from anjian.ledger.services import OwnerSpec
from anjian.org.models import Unit

TZ = ZoneInfo("Asia/Shanghai")
AS_OF = date(2024, 12, 31)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A Beijing-time moment on that day."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@dataclass
class Year:
    """The named rows of the 2024 data set."""

    world: World
    restaurant: Unit
    hazards: dict[str, Hazard]
    inspections: dict[str, Inspection]
    accidents: list[Accident]


def _hazard(world: World, name: str, unit: Unit, *, found: date, due: date, grade: str, channel: str,
            inspection: Inspection | None = None, status: str | None = None, closed: date | None = None,
            actor: object = None) -> Hazard:
    hazard = world.hazard(actor=actor or world.clerk, unit=unit, description=name, found_on=found, grade=grade,
                          channel=channel, inspection=inspection, deadline=DeadlineSpec("date", due))
    if status is not None:
        # Test data: put the hazard where the loop would have left it, without replaying the loop.
        Hazard.objects.filter(pk=hazard.pk).update(status=status, closed_at=at(closed) if closed else None)
        hazard.refresh_from_db()
    return hazard


def build_year(world: World) -> Year:
    """Hazards H1–H8, inspections I1–I5, enforcement on I1/I2, accidents A1–A3 (docs in test_metrics)."""
    restaurant = Unit.objects.create(name="柳园口饭店", sector=world.fire, region=world.other_township)
    g, m = HazardGrade.GENERAL, HazardGrade.MAJOR
    ch = HazardChannel
    visits = {
        "I1": Inspection.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                        inspected_on=date(2024, 3, 5)),
        "I2": Inspection.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                        inspected_on=date(2024, 6, 10)),
        "I3": Inspection.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                        inspected_on=date(2024, 10, 1)),
        "I4": Inspection.objects.create(unit=restaurant, region=world.other_township, department=world.fire_brigade,
                                        inspected_on=date(2024, 8, 1)),
        "I5": Inspection.objects.create(unit=restaurant, region=world.other_township, department=world.fire_brigade,
                                        inspected_on=date(2023, 12, 1)),
    }
    closed = HazardStatus.CLOSED
    h = {
        "H1": _hazard(world, "H1", world.gas_station, found=date(2024, 3, 5), due=date(2024, 3, 20), grade=g,
                      channel=ch.INSPECTION, inspection=visits["I1"], status=closed, closed=date(2024, 3, 18)),
        "H2": _hazard(world, "H2", world.gas_station, found=date(2024, 4, 1), due=date(2024, 5, 1), grade=m,
                      channel=ch.SELF_REPORT, status=closed, closed=date(2024, 4, 25)),
        "H3": _hazard(world, "H3", world.gas_station, found=date(2024, 6, 10), due=date(2024, 7, 10), grade=m,
                      channel=ch.INSPECTION, inspection=visits["I2"], status=closed, closed=date(2024, 7, 20)),
        "H4": _hazard(world, "H4", restaurant, found=date(2024, 8, 1), due=date(2024, 8, 31), grade=g,
                      channel=ch.TIP_OFF, inspection=visits["I4"], status=HazardStatus.ASSIGNED),
        "H5": _hazard(world, "H5", restaurant, found=date(2024, 11, 20), due=date(2025, 1, 31), grade=m,
                      channel=ch.SELF_REPORT),
        "H6": _hazard(world, "H6", restaurant, found=date(2023, 12, 1), due=date(2023, 12, 31), grade=g,
                      channel=ch.COVERT_VISIT, inspection=visits["I5"], status=closed, closed=date(2024, 1, 5)),
        "H7": _hazard(world, "H7", world.other_unit, found=date(2024, 5, 1), due=date(2024, 5, 20), grade=m,
                      channel=ch.INSPECTION, actor=world.outsider),
        "H8": _hazard(world, "H8", world.gas_station, found=date(2024, 9, 1), due=date(2024, 9, 30), grade=g,
                      channel=ch.INSPECTION, status=HazardStatus.CANCELLED),
    }
    EnforcementAction.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                     inspection=visits["I1"], hazard=h["H1"], kind=EnforcementKind.PENALTY,
                                     decided_on=date(2024, 3, 8), company_amount=Decimal("5000"),
                                     person_name="王建国", person_amount=Decimal("1000"))
    EnforcementAction.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                     inspection=visits["I2"], hazard=h["H3"], kind=EnforcementKind.ORDER_TO_RECTIFY,
                                     decided_on=date(2024, 6, 10))
    accidents = [
        record_accident(actor=world.clerk, unit=world.gas_station, occurred_at=at(date(2024, 5, 1)), deaths=1,
                        reported_at=at(date(2024, 5, 1), 10, 30)),
        record_accident(actor=world.clerk, unit=restaurant, occurred_at=at(date(2024, 7, 1)), deaths=3,
                        reported_at=at(date(2024, 7, 1), 12)),
        record_accident(actor=world.outsider, unit=world.other_unit, occurred_at=at(date(2024, 7, 2)), deaths=10),
    ]
    return Year(world=world, restaurant=restaurant, hazards=h, inspections=visits, accidents=accidents)


def build_tasks(world: World) -> dict[str, Task]:
    """T1 (城管, due 2024-12-31), T2 (消防, due 2025-06-30), T3 (城管, closed)."""
    tasks = {
        "T1": world.task(),
        "T2": world.task(owners=[OwnerSpec("区消防救援大队", department=world.fire_brigade)],
                         deadline=DeadlineSpec("date", date(2025, 6, 30))),
        "T3": world.task(seq="5"),
    }
    Task.objects.filter(pk=tasks["T3"].pk).update(status=TaskStatus.CLOSED, closed_at=at(date(2024, 12, 1)))
    return tasks
