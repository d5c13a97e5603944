"""The inventory and check services: grading on evaluation, plans by grade and level, checks, misses, hazards."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from anjian.audit.models import AuditEntry
from anjian.errors import NotFound, PermissionDenied
from anjian.fixtures import World
from anjian.ledger.choices import HazardChannel
from anjian.ledger.models import Evidence, Hazard
from anjian.prevention.choices import ControlLevel, Cycle, Method, RiskGrade, RunStatus
from anjian.prevention.due import due_checks
from anjian.prevention.errors import CheckAlreadyDone, InvalidCheck, InvalidInventory
from anjian.prevention.models import CheckPlan, CheckRun
from anjian.prevention.services import (
    Outcome,
    create_risk_point,
    evaluate_risk_point,
    items_for,
    record_check,
    record_missed,
)
from anjian.prevention.tests.inventory import START, photo, tank_area

pytestmark = pytest.mark.django_db


def test_an_evaluation_grades_the_point_and_plans_follow_grade_and_level(world: World) -> None:
    point = tank_area(world)
    assert point.grade == RiskGrade.MAJOR
    plans = {p.level: p for p in CheckPlan.objects.filter(risk_point=point)}
    assert (plans[ControlLevel.POST].cycle, plans[ControlLevel.COMPANY].cycle) == (Cycle.DAILY, Cycle.WEEKLY)
    # re-evaluated lower (LS 2 × 2 = 4, 一般): the company plan slows to monthly, history is kept
    evaluate_risk_point(actor=world.principal, risk_point=point, method=Method.LS, l=Decimal(2), s=Decimal(2))
    point.refresh_from_db()
    assert point.grade == RiskGrade.GENERAL and point.evaluations.count() == 2
    assert CheckPlan.objects.get(risk_point=point, level=ControlLevel.COMPANY).cycle == Cycle.MONTHLY
    assert AuditEntry.objects.filter(action="riskpoint.evaluate", object_id=str(point.pk)).count() == 2


def test_direct_grading_needs_a_reason(world: World) -> None:
    point = tank_area(world)
    with pytest.raises(InvalidInventory):
        evaluate_risk_point(actor=world.principal, risk_point=point, method=Method.DIRECT, direct_grade="major")
    evaluate_risk_point(actor=world.principal, risk_point=point, method=Method.DIRECT, direct_grade="major",
                        reason="构成重大危险源储存场所")
    assert point.evaluations.first().reason == "构成重大危险源储存场所"  # type: ignore[union-attr]


def test_a_unit_may_not_write_another_units_inventory(world: World) -> None:
    with pytest.raises(PermissionDenied):
        create_risk_point(actor=world.principal, unit=world.other_unit, name="储罐区")
    point = tank_area(world)
    with pytest.raises((PermissionDenied, NotFound)):
        evaluate_risk_point(actor=world.outsider, risk_point=point, method=Method.LS, l=Decimal(1), s=Decimal(1))
    with pytest.raises(PermissionDenied):  # the office may see it, only the enterprise checks
        record_check(actor=world.clerk, plan=point.plans.first(), outcomes=[])  # type: ignore[arg-type]


def test_a_failed_item_becomes_a_hazard_linked_to_point_and_check(world: World) -> None:
    point = tank_area(world)
    plan = CheckPlan.objects.get(risk_point=point, level=ControlLevel.POST)
    first, second = items_for(plan)
    run = record_check(actor=world.principal, plan=plan, today=START, outcomes=[
        Outcome(first, passed=False, note="2号报警器无显示", photo=("a.png", photo())),
        Outcome(second, passed=True)])
    assert (run.status, run.due_on, run.done_on, run.failed, run.on_time) == (RunStatus.DONE, START, START, 1, True)
    hazard = Hazard.objects.get()
    assert hazard.channel == HazardChannel.SELF_REPORT and "液化气储罐区" in hazard.description
    assert run.results.get(item=first).hazard == hazard and hazard.check_result.run.risk_point == point
    assert Evidence.objects.filter(hazard=hazard).count() == 1
    plan.refresh_from_db()
    assert plan.next_due == START + timedelta(days=1)


def test_a_failed_item_without_photo_or_a_missing_item_is_refused(world: World) -> None:
    point = tank_area(world)
    plan = CheckPlan.objects.get(risk_point=point, level=ControlLevel.POST)
    first, second = items_for(plan)
    with pytest.raises(InvalidCheck):
        record_check(actor=world.principal, plan=plan, outcomes=[Outcome(first, passed=False),
                                                                 Outcome(second, passed=True)])
    with pytest.raises(InvalidCheck):
        record_check(actor=world.principal, plan=plan, outcomes=[Outcome(first, passed=True)])
    assert not CheckRun.objects.exists() and not Hazard.objects.exists()


def test_a_double_submission_records_once(world: World) -> None:
    point = tank_area(world)
    plan = CheckPlan.objects.get(risk_point=point, level=ControlLevel.POST)
    stale = CheckPlan.objects.get(pk=plan.pk)
    outcomes = [Outcome(i, passed=True) for i in items_for(plan)]
    record_check(actor=world.principal, plan=plan, outcomes=outcomes, today=START)
    with pytest.raises(CheckAlreadyDone):
        record_check(actor=world.principal, plan=stale, outcomes=outcomes, today=START)
    assert CheckRun.objects.count() == 1


def test_missed_periods_become_missed_runs_and_overdue_ones_stay_due(world: World) -> None:
    point = tank_area(world)
    company = CheckPlan.objects.get(risk_point=point, level=ControlLevel.COMPANY)  # weekly from START
    # two days on: the daily post plan missed START and START+1 and is due today; the weekly company plan
    # is overdue (its period runs to START+7) but not missed
    today = START + timedelta(days=2)
    assert record_missed(today=today) == 2
    post = CheckPlan.objects.get(risk_point=point, level=ControlLevel.POST)
    assert [r.due_on for r in post.runs.order_by("due_on")] == [START, START + timedelta(days=1)]
    due = {d.plan.pk: d.overdue for d in due_checks(world.principal, today=today) if d.plan}
    assert due == {post.pk: False, company.pk: True}
    # fifteen days on: the company plan missed two weeks
    record_missed(today=START + timedelta(days=15))
    company.refresh_from_db()
    assert list(company.runs.values_list("status", flat=True)) == [RunStatus.MISSED, RunStatus.MISSED]
    assert company.next_due == START + timedelta(days=14)


def test_due_checks_are_the_responsible_persons_only(world: World) -> None:
    tank_area(world)
    assert len(due_checks(world.principal, today=START)) == 2
    assert due_checks(world.clerk, today=START) == []
    assert due_checks(world.principal, today=START - timedelta(days=1)) == []


def test_the_assessment_reads_coverage_and_on_time_for_a_region(world: World) -> None:
    from anjian.scoring.indicators import read

    point = tank_area(world)
    plan = CheckPlan.objects.get(risk_point=point, level=ControlLevel.POST)
    record_check(actor=world.principal, plan=plan, outcomes=[Outcome(i, passed=True) for i in items_for(plan)],
                 today=START)  # START done on time
    record_missed(today=START + timedelta(days=3))  # START+1 and START+2 missed; weekly company plan not yet
    coverage = read("risk_inventory_coverage", world.county, 2024, START + timedelta(days=3))
    assert (coverage.numerator, coverage.denominator) == (1, 1)  # the other unit lies in another county
    on_time = read("risk_check_on_time_rate", world.county, 2024, START + timedelta(days=3))
    assert (on_time.numerator, on_time.denominator) == (1, 3)
    assert read("risk_check_on_time_rate", world.other_county, 2024, START + timedelta(days=3)).value is None


def test_values_outside_the_dictionaries_are_refused(world: World) -> None:
    from anjian.prevention.services import add_control, add_factor

    with pytest.raises(InvalidInventory):
        create_risk_point(actor=world.principal, unit=world.gas_station, name="储罐区", kind="tank")
    point = create_risk_point(actor=world.principal, unit=world.gas_station, name="储罐区")
    with pytest.raises(InvalidInventory):
        add_factor(actor=world.principal, risk_point=point, description="泄漏", factor_class="2", accident_type="99")
    with pytest.raises(InvalidInventory):
        add_control(actor=world.principal, risk_point=point, kind="prayer", text="祈祷", level="post")
