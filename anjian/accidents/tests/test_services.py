"""Recording accidents: computed grade, the one-hour first report, permissions and audit."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from anjian.accidents.errors import AlreadyReported, InvalidAccident
from anjian.accidents.models import Accident
from anjian.accidents.services import mark_reported, record_accident, revise_consequences
from anjian.audit.models import AuditEntry
from anjian.errors import NotFound, PermissionDenied
from anjian.fixtures import World

pytestmark = pytest.mark.django_db
WHEN = datetime(2024, 5, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_grade_region_and_deadline_are_computed(world: World) -> None:
    accident = record_accident(actor=world.clerk, unit=world.gas_station, occurred_at=WHEN, deaths=3)
    assert accident.grade == "larger"
    assert accident.region == world.township and accident.sector == world.gas
    assert accident.report_due_at == WHEN + timedelta(hours=1)
    assert AuditEntry.objects.filter(action="accident.create", object_id=str(accident.pk)).exists()


def test_first_report_within_the_hour_is_on_time(world: World) -> None:
    accident = record_accident(actor=world.clerk, unit=world.gas_station, occurred_at=WHEN)
    assert accident.report_late(now=WHEN + timedelta(minutes=59)) is False
    assert accident.report_late(now=WHEN + timedelta(minutes=61)) is True
    reported = mark_reported(actor=world.clerk, accident=accident, reported_at=WHEN + timedelta(minutes=60))
    assert reported.report_late() is False
    with pytest.raises(AlreadyReported):
        mark_reported(actor=world.clerk, accident=accident, reported_at=WHEN + timedelta(hours=2))


def test_late_report_stays_late(world: World) -> None:
    accident = record_accident(actor=world.clerk, unit=world.gas_station, occurred_at=WHEN,
                               reported_at=WHEN + timedelta(hours=1, seconds=1))
    assert accident.report_late() is True


def test_revising_casualties_regrades(world: World) -> None:
    accident = record_accident(actor=world.clerk, unit=world.gas_station, occurred_at=WHEN, deaths=2)
    revised = revise_consequences(actor=world.clerk, accident=accident, deaths=3, serious_injuries=0,
                                  direct_loss_yuan=0, reason="一名重伤人员经抢救无效死亡")
    assert revised.grade == "larger"
    with pytest.raises(InvalidAccident):
        revise_consequences(actor=world.clerk, accident=accident, deaths=3, serious_injuries=0,
                            direct_loss_yuan=0, reason=" ")


def test_invalid_figures_are_refused(world: World) -> None:
    with pytest.raises(InvalidAccident):
        record_accident(actor=world.clerk, unit=world.gas_station, occurred_at=WHEN, reported_at=WHEN - timedelta(1))
    with pytest.raises(InvalidAccident):
        record_accident(actor=world.clerk, occurred_at=WHEN)
    with pytest.raises(InvalidAccident):
        record_accident(actor=world.clerk, unit=world.gas_station, occurred_at=datetime(2024, 5, 1))  # noqa: DTZ001


def test_permissions(world: World) -> None:
    with pytest.raises(PermissionDenied):
        record_accident(actor=world.outsider, unit=world.gas_station, occurred_at=WHEN)
    with pytest.raises(PermissionDenied):
        record_accident(actor=world.principal, unit=world.gas_station, occurred_at=WHEN)
    accident = record_accident(actor=world.township_staff, unit=world.gas_station, occurred_at=WHEN)
    with pytest.raises(NotFound):
        mark_reported(actor=world.outsider, accident=accident)
    assert Accident.objects.count() == 1
