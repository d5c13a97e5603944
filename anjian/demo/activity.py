"""The rest of the demo county's half year, through the same services: enforcement after inspections,
unit obligations (principal checks, drills, training), two accidents and a handful of public tip-offs.

Without these the enforcement list, the penalty ratio, obligation compliance, the accident figures
and the tip-off queue would all open empty.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from anjian.accidents.services import mark_reported, record_accident
from anjian.demo.county import County
from anjian.demo.history import Clock, png
from anjian.ledger.choices import EnforcementKind, HazardGrade
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.enforcement import record_enforcement
from anjian.ledger.models import Inspection
from anjian.stats.choices import Obligation
from anjian.stats.services import record_obligation
from anjian.tipoffs.choices import TipOffCategory
from anjian.tipoffs.services import ReporterInfo, submit_tipoff, transition

PENALTY_SHARE = 0.35  # of inspections by a department that found hazards
ORDER_SHARE = 0.40


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_current_timezone())


def replay_enforcement(c: County, clock: Clock, rng: random.Random) -> int:
    """Departments follow up some of their inspections that found hazards: fines, orders, a summons."""
    officers = {dept.pk: c.users[key] for key, dept in c.departments.items() if key in c.users}
    today = clock.real.date()
    count = 0
    inspections = (Inspection.objects.filter(region__path__startswith=c.county.path, department__isnull=False,
                                             hazards__isnull=False)
                   .distinct().select_related("unit__region").order_by("inspected_on", "pk"))
    for n, inspection in enumerate(inspections):
        department = inspection.department
        officer = officers.get(department.pk) if department is not None else None
        if department is None or officer is None:
            continue
        roll = rng.random()
        day = min(inspection.inspected_on + timedelta(days=rng.randint(1, 6)), today)
        clock.at(day, hour=15)
        hazard = inspection.hazards.order_by("pk").first()
        number = f"龙{department.short_name[1:3] or '安'}罚〔{day.year}〕{n + 1}号"
        if roll < PENALTY_SHARE:
            dual = rng.random() < 0.4
            record_enforcement(actor=officer, unit=inspection.unit, kind=EnforcementKind.PENALTY, decided_on=day,
                               inspection=inspection, hazard=hazard, document_number=number,
                               company_amount=Decimal(rng.choice([5000, 10000, 20000, 30000, 50000])),
                               person_name=inspection.unit.principal_name if dual else "",
                               person_amount=Decimal(rng.choice([2000, 5000])) if dual else Decimal(0))
        elif roll < PENALTY_SHARE + ORDER_SHARE:
            record_enforcement(actor=officer, unit=inspection.unit, kind=EnforcementKind.ORDER_TO_RECTIFY,
                               decided_on=day, inspection=inspection, hazard=hazard,
                               document_number=number.replace("罚", "责改"))
        elif hazard is not None and hazard.grade == HazardGrade.MAJOR:
            record_enforcement(actor=officer, unit=inspection.unit, kind=EnforcementKind.SUSPENSION, decided_on=day,
                               inspection=inspection, hazard=hazard, notes="重大事故隐患排除前停产整顿")
        else:
            continue
        count += 1
    return count


def replay_obligations(c: County, clock: Clock, rng: random.Random) -> int:
    """Most units report their principal's checks each quarter (monthly when high-risk), a drill and training."""
    office = c.users["office"]
    today = clock.real.date()
    start = today - timedelta(days=180)
    count = 0
    for unit in c.units:
        if rng.random() < 0.2:
            continue  # the units that never report: the compliance figure must show them
        high = unit.high_risk or unit.sector.high_risk
        step = 30 if high else 90
        day = start + timedelta(days=rng.randint(0, step - 1))
        while day <= today:
            if rng.random() < 0.85:
                clock.at(day, hour=10)
                record_obligation(actor=office, unit=unit, obligation=Obligation.PRINCIPAL_CHECK, done_on=day)
                count += 1
            day += timedelta(days=step)
        for obligation in (Obligation.EVACUATION_DRILL, Obligation.TRAINING):
            if rng.random() < 0.6:
                day = start + timedelta(days=rng.randint(0, 179))
                clock.at(day, hour=14)
                record_obligation(actor=office, unit=unit, obligation=obligation, done_on=day)
                count += 1
    return count


def replay_accidents(c: County, clock: Clock, rng: random.Random) -> int:
    """Two accidents: one reported within the hour, one reported late."""
    office = c.users["office"]
    today = clock.real.date()
    cases = [
        (110, "施工现场高处坠落，1人死亡", 1, 0, 1_200_000, timedelta(minutes=40)),
        (45, "餐饮店液化石油气泄漏引发闪爆，2人重伤", 0, 2, 300_000, timedelta(hours=3)),
    ]
    for days_ago, description, deaths, injured, loss, delay in cases:
        unit = rng.choice(c.units)
        occurred = _moment(today - timedelta(days=days_ago), 11)
        clock.at(occurred.date(), hour=11)
        accident = record_accident(actor=office, occurred_at=occurred, unit=unit, deaths=deaths,
                                   serious_injuries=injured, direct_loss_yuan=loss, description=description)
        clock.at(occurred.date(), hour=15)
        mark_reported(actor=office, accident=accident, reported_at=occurred + delay)
    return len(cases)


def replay_tipoffs(c: County, clock: Clock, rng: random.Random) -> list[str]:
    """Public tip-offs in every state; returns their tracking codes (shown to nobody but the reporter)."""
    handler, office = c.users["tipoff"], c.users["office"]
    fire = c.departments["xiaofang"]
    officer = c.users["xiaofang"]
    today = clock.real.date()
    codes = []
    plans = [
        ("received", TipOffCategory.FIRE, "北书店乡某超市", "超市安全出口被货物堵塞，消防通道不畅。", None),
        ("routed", TipOffCategory.GAS, "柳园口乡集贸市场", "市场内餐饮摊点违规使用液化气钢瓶，无报警装置。", None),
        ("verified", TipOffCategory.FIRE, "城西街道", "小区地下车库电动自行车违规充电，存在火灾隐患。",
         ReporterInfo(name="陈某某", phone="13900001234")),
        ("rejected", TipOffCategory.ILLEGAL_PRODUCTION, "水稻乡", "有人夜间在民房内生产烟花爆竹。", None),
    ]
    for n, (outcome, category, place, text, reporter) in enumerate(plans):
        day = today - timedelta(days=40 - 8 * n)
        clock.at(day, hour=20)
        unit = c.units[(n * 31) % len(c.units)]
        submission = submit_tipoff(region=c.county, category=category, place=place, description=text,
                                   unit_name=unit.name, photos=[("现场.png", png(9000 + n))], reporter=reporter)
        codes.append(submission.code)
        tipoff = submission.tipoff
        if outcome == "received":
            continue
        clock.at(day + timedelta(days=1), hour=9)
        tipoff = transition(tipoff=tipoff, action="triage", actor=handler)
        if outcome == "rejected":
            clock.at(day + timedelta(days=6), hour=16)
            transition(tipoff=tipoff, action="reject", actor=office, reason="经现场核查，该民房无生产迹象。")
            continue
        tipoff = transition(tipoff=tipoff, action="route", actor=handler, department=fire)
        if outcome == "routed":
            continue
        clock.at(day + timedelta(days=3), hour=10)
        tipoff = transition(tipoff=tipoff, action="start_verifying", actor=officer)
        clock.at(day + timedelta(days=5), hour=11)
        transition(tipoff=tipoff, action="verify", actor=officer, unit=unit,
                   hazard_description="地下车库电动自行车违规停放充电",
                   hazard_deadline=DeadlineSpec("date", day + timedelta(days=20)))
    return codes
