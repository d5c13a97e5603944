"""Major hazards: grading by R, the three 包保责任人 with their cycles, their duties due and recorded."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from anjian.errors import PermissionDenied
from anjian.fixtures import World, signed_in
from anjian.prevention.choices import Cycle, GuarantorRole, MajorHazardLevel
from anjian.prevention.due import due_checks
from anjian.prevention.errors import InvalidInventory
from anjian.prevention.major_hazards import GuarantorSpec, register_major_hazard

pytestmark = pytest.mark.django_db


def _three(world: World) -> list[GuarantorSpec]:
    return [GuarantorSpec(GuarantorRole.MAIN, "王建国"), GuarantorSpec(GuarantorRole.TECHNICAL, "刘工"),
            GuarantorSpec(GuarantorRole.OPERATION, "王建国", world.principal)]


def test_register_grades_by_r_and_gives_each_guarantor_a_cycle(world: World) -> None:
    today = timezone.localdate()
    source = register_major_hazard(actor=world.principal, unit=world.gas_station, name="液化石油气储罐组",
                                   r_value=Decimal("56.4"), guarantors=_three(world), today=today)
    assert source.level == MajorHazardLevel.SECOND
    cycles = dict(source.guarantors.values_list("role", "cycle"))
    assert cycles == {"main": Cycle.QUARTERLY, "technical": Cycle.QUARTERLY, "operation": Cycle.WEEKLY}
    # the operation guarantor signs in: their duty is due today, and recording it moves it a week on
    due = [d for d in due_checks(world.principal, today=today) if d.guarantor]
    assert [d.guarantor.role for d in due if d.guarantor] == ["operation"]
    client = signed_in(world.principal)
    assert "液化石油气储罐组" in client.get("/prevention/major-hazards/").content.decode()
    assert client.post("/prevention/major-hazards/", {"guarantor": due[0].guarantor.pk}).status_code == 302  # type: ignore[union-attr]
    assert source.guarantors.get(role="operation").next_due == today + timedelta(days=7)


def test_all_three_guarantors_are_required_and_outsiders_cannot_register(world: World) -> None:
    with pytest.raises(InvalidInventory):
        register_major_hazard(actor=world.principal, unit=world.gas_station, name="储罐", r_value=Decimal(5),
                              guarantors=_three(world)[:2])
    with pytest.raises(PermissionDenied):
        register_major_hazard(actor=world.principal, unit=world.other_unit, name="储罐", r_value=Decimal(5),
                              guarantors=_three(world))
