"""Enforcement measures: who may record them, what is checked, the audit entry and the hazard's event."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from anjian.audit.models import AuditEntry
from anjian.errors import PermissionDenied
from anjian.fixtures import World
from anjian.ledger.enforcement import record_enforcement
from anjian.ledger.errors import EnforcementInvalid
from anjian.ledger.models import EnforcementAction, ItemEvent

pytestmark = pytest.mark.django_db
DAY = date(2024, 11, 20)


def test_a_department_officer_records_a_dual_penalty_for_a_hazard(world: World) -> None:
    hazard = world.hazard()
    action = record_enforcement(actor=world.officer, unit=world.gas_station, kind="penalty", decided_on=DAY,
                                hazard=hazard, document_number="龙城管罚〔2024〕7号",
                                company_amount=Decimal("20000"), person_name="王建国", person_amount=Decimal("5000"))

    assert action.department == world.urban and action.region == world.gas_station.region
    assert action.dual_penalty
    assert ItemEvent.objects.filter(hazard=hazard, action="enforcement").count() == 1
    entry = AuditEntry.objects.get(action="enforcement.create")
    assert entry.object_id == str(action.pk) and entry.after["company_amount"] == "20000"


@pytest.mark.parametrize(("fields", "message"), [
    ({"kind": "penalty"}, "罚款金额"),
    ({"kind": "order_to_rectify", "company_amount": Decimal("100")}, "只有行政处罚"),
    ({"kind": "penalty", "person_amount": Decimal("100")}, "被处罚责任人"),
    ({"kind": "penalty", "company_amount": Decimal("-1")}, "负数"),
    ({"kind": "suspension", "decided_on": "tomorrow"}, "晚于今天"),
    ({"kind": "nonsense"}, "未知"),
])
def test_inconsistent_measures_are_refused_and_nothing_is_written(world: World, fields: dict[str, object],
                                                                   message: str) -> None:
    values: dict[str, object] = {"decided_on": DAY, **fields}
    if values["decided_on"] == "tomorrow":
        values["decided_on"] = timezone.localdate() + timedelta(days=1)
    with pytest.raises(EnforcementInvalid, match=message):
        record_enforcement(actor=world.officer, unit=world.gas_station, **values)  # type: ignore[arg-type]
    assert not EnforcementAction.objects.exists()
    assert not AuditEntry.objects.filter(action="enforcement.create").exists()


def test_only_departments_of_the_area_may_record(world: World) -> None:
    with pytest.raises(PermissionDenied):
        record_enforcement(actor=world.clerk, unit=world.gas_station, kind="summons", decided_on=DAY)
    with pytest.raises(PermissionDenied):
        record_enforcement(actor=world.officer, unit=world.other_unit, kind="summons", decided_on=DAY)
    with pytest.raises(EnforcementInvalid, match="不属于该单位"):
        record_enforcement(actor=world.officer, unit=world.gas_station,
                           kind="summons", decided_on=DAY, hazard=_hazard_elsewhere(world))


def _hazard_elsewhere(world: World) -> object:
    from anjian.org.models import Unit

    unit = Unit.objects.create(name="另一家加油站", sector=world.gas, region=world.township)
    return world.hazard(unit=unit)
