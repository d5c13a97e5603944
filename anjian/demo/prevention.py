"""Demo dual prevention: risk inventories of a dozen units of different sectors, six months of checks.

Each unit gets points from its sector's template (all four grades occur), controls at the levels an
enterprise would set, a site plan for the 四色图, and a replay of its check plans: most periods done on
time, some late, some missed, a few failed items that became hazards through the ledger.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

from PIL import Image, ImageDraw

from anjian.accounts.choices import Role
from anjian.accounts.services import grant_role
from anjian.demo.county import County, _user
from anjian.demo.history import Clock, png
from anjian.org.models import Unit
from anjian.prevention.choices import AccidentType as A
from anjian.prevention.choices import ControlKind as K
from anjian.prevention.choices import ControlLevel as V
from anjian.prevention.choices import FactorClass as F
from anjian.prevention.choices import GuarantorRole, Method
from anjian.prevention.major_hazards import GuarantorSpec, register_major_hazard
from anjian.prevention.models import CheckPlan, CheckRun, RiskPoint
from anjian.prevention.services import (
    Outcome,
    add_control,
    add_factor,
    create_risk_point,
    evaluate_risk_point,
    items_for,
    place_on_plan,
    record_check,
    record_missed,
    upload_site_plan,
)

Controls = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class PointTemplate:
    """A risk point as a sector's inventory template lists it."""

    name: str
    factor: str
    factor_class: str
    accident: str
    method: str
    values: tuple[str, ...]  # LEC: L, E, C; LS: L, S
    controls: Controls


_EMERGENCY = (K.EMERGENCY, "发现泄漏立即切断气源、疏散人员并拨打119", V.TEAM)
TEMPLATES: dict[str, tuple[PointTemplate, ...]] = {
    "gas": (
        PointTemplate("液化气储罐区", "储罐、管线、阀门泄漏遇点火源", F.THING, A.OTHER_EXPLOSION, Method.LEC, ("6", "6", "15"),
                      ((K.ENGINEERING, "可燃气体报警器完好、联动切断有效", V.POST), (K.MANAGEMENT, "安全阀、压力表在检定有效期内", V.COMPANY),
                       _EMERGENCY)),
        PointTemplate("钢瓶充装台", "超装、错装，静电积聚", F.HUMAN, A.VESSEL_EXPLOSION, Method.LS, ("3", "4"),
                      ((K.ENGINEERING, "充装秤定期校验，防超装装置有效", V.WORKSHOP), (K.PPE, "充装工穿戴防静电服", V.POST))),
        PointTemplate("配电室", "电气线路老化、漏电", F.THING, A.ELECTRIC_SHOCK, Method.LS, ("2", "3"),
                      ((K.MANAGEMENT, "配电柜前绝缘垫完好，操作票制度执行", V.WORKSHOP),)),
        PointTemplate("站区道路", "车辆进出站速度过快", F.ENVIRONMENT, A.VEHICLE, Method.LS, ("1", "3"),
                      ((K.MANAGEMENT, "限速标志清晰，专人指挥车辆", V.TEAM),)),
    ),
    "hazchem": (
        PointTemplate("甲类仓库", "易燃液体桶装泄漏、通风不良", F.THING, A.FIRE, Method.DIRECT, ("major",),
                      ((K.ENGINEERING, "防爆通风设施运行正常", V.POST), (K.MANAGEMENT, "出入库台账与实物一致", V.COMPANY), _EMERGENCY)),
        PointTemplate("装卸作业", "装卸时静电、撞击", F.HUMAN, A.OTHER_EXPLOSION, Method.LEC, ("3", "6", "15"),
                      ((K.TRAINING, "装卸人员持证上岗", V.WORKSHOP), (K.PPE, "穿戴防静电服、防护手套", V.POST))),
        PointTemplate("消防泵房", "消防泵故障", F.THING, A.FIRE, Method.LS, ("2", "4"),
                      ((K.MANAGEMENT, "每周启泵试验并记录", V.WORKSHOP),)),
    ),
    "construction": (
        PointTemplate("深基坑", "支护变形、边坡坍塌", F.ENVIRONMENT, A.COLLAPSE, Method.LEC, ("3", "6", "40"),
                      ((K.ENGINEERING, "基坑监测数据在预警值内", V.WORKSHOP), (K.MANAGEMENT, "临边防护栏杆完好", V.TEAM))),
        PointTemplate("塔吊", "超载、限位失效", F.THING, A.LIFTING, Method.LS, ("3", "5"),
                      ((K.ENGINEERING, "力矩限制器、高度限位有效", V.WORKSHOP), (K.TRAINING, "司机、信号工持证", V.COMPANY))),
        PointTemplate("脚手架作业", "未系安全带、脚手板缺失", F.HUMAN, A.FALL_FROM_HEIGHT, Method.LEC, ("3", "6", "15"),
                      ((K.PPE, "高处作业系挂安全带", V.POST),)),
        PointTemplate("临时用电", "一闸多机、无漏电保护", F.THING, A.ELECTRIC_SHOCK, Method.LS, ("2", "3"),
                      ((K.MANAGEMENT, "三级配电两级保护", V.TEAM),)),
    ),
    "commerce": (
        PointTemplate("后厨燃气灶区", "燃气软管老化、油烟管道积油", F.THING, A.FIRE, Method.LS, ("3", "3"),
                      ((K.ENGINEERING, "燃气报警切断装置有效", V.TEAM), (K.MANAGEMENT, "油烟管道每季度清洗", V.COMPANY))),
        PointTemplate("疏散通道", "通道堵塞、应急照明失效", F.MANAGEMENT, A.OTHER, Method.LS, ("2", "3"),
                      ((K.MANAGEMENT, "安全出口畅通，应急照明完好", V.TEAM),)),
        PointTemplate("仓储间", "货物堆放过高", F.MANAGEMENT, A.STRUCK_BY_OBJECT, Method.LS, ("1", "2"),
                      ((K.MANAGEMENT, "货物堆码高度不超过1.5米", V.POST),)),
    ),
    "industry_trade": (
        PointTemplate("冲压车间", "冲床双手按钮失效", F.THING, A.MACHINERY, Method.LEC, ("3", "6", "15"),
                      ((K.ENGINEERING, "冲床光电保护装置有效", V.POST), (K.TRAINING, "新员工三级安全教育", V.COMPANY))),
        PointTemplate("粉尘作业区", "粉尘积聚遇火源", F.ENVIRONMENT, A.OTHER_EXPLOSION, Method.LS, ("2", "5"),
                      ((K.ENGINEERING, "除尘系统运行正常，每班清扫", V.TEAM),)),
        PointTemplate("叉车作业", "叉车无证驾驶", F.HUMAN, A.VEHICLE, Method.LS, ("2", "3"),
                      ((K.TRAINING, "叉车司机持证", V.WORKSHOP),)),
        PointTemplate("办公区", "电器私拉乱接", F.MANAGEMENT, A.FIRE, Method.LS, ("1", "3"),
                      ((K.MANAGEMENT, "禁止私拉乱接电线", V.COMPANY),)),
    ),
}
# Sectors without their own template borrow a similar one.
SECTOR_TEMPLATE = {"gas": "gas", "hazchem": "hazchem", "construction": "construction", "commerce": "commerce",
                   "fire": "commerce", "tourism": "commerce", "industry_trade": "industry_trade",
                   "special_equipment": "industry_trade", "fireworks": "hazchem", "transport": "industry_trade",
                   "school": "commerce", "medical": "commerce"}
DEMO_UNITS = 12
FAIL_RATE = 0.01
MISS_RATE = 0.08
LATE_RATE = 0.1


def site_plan(seed: int) -> bytes:
    """A drawn site plan: a fence, a few buildings, roads."""
    rng = random.Random(seed)
    img = Image.new("RGB", (800, 500), "#f4f1e8")
    draw = ImageDraw.Draw(img)
    draw.rectangle((10, 10, 790, 490), outline="#555", width=4)
    draw.rectangle((0, 230, 800, 270), fill="#d9d9d9")
    for _ in range(5):
        x, y = rng.randint(40, 600), rng.choice([40, 300])
        draw.rectangle((x, y, x + rng.randint(80, 160), y + rng.randint(80, 150)), fill="#cfe2f3", outline="#333")
    out = BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _pick_units(c: County) -> list[Unit]:
    """The gas unit with the demo enterprise account first, then one unit per sector, round robin."""
    first = c.users["unit"]
    gas_unit = next(u for u in c.units if first.roles.filter(unit=u).exists())
    chosen = [gas_unit]
    by_sector: dict[str, list[Unit]] = {}
    for u in c.units:
        if u.pk != gas_unit.pk and u.sector.code in SECTOR_TEMPLATE:
            by_sector.setdefault(u.sector.code, []).append(u)
    while len(chosen) < DEMO_UNITS and any(by_sector.values()):
        for units in by_sector.values():
            if units and len(chosen) < DEMO_UNITS:
                chosen.append(units.pop(0))
    return chosen


def _account(c: County, unit: Unit, index: int) -> object:
    """The unit's enterprise account that does its checks (the demo's own for the gas unit)."""
    if index == 0:
        return c.users["unit"]
    user = _user(f"fk{index:02d}", unit.principal_name or f"企业{index}")
    grant_role(actor=None, user=user, role=Role.UNIT, region=unit.region, unit=unit)
    return user


def _inventory(unit: Unit, actor: object, start: date, rng: random.Random, index: int) -> list[RiskPoint]:
    points = []
    for n, t in enumerate(TEMPLATES[SECTOR_TEMPLATE[unit.sector.code]], start=1):
        point = create_risk_point(actor=actor, unit=unit, name=t.name, code=f"FX-{n:02d}", location=t.name,
                                  responsible_name=unit.principal_name, responsible=actor,  # type: ignore[arg-type]
                                  emergency_phone=unit.principal_phone)
        add_factor(actor=actor, risk_point=point, description=t.factor, factor_class=t.factor_class,
                   accident_type=t.accident)
        if t.method == Method.LEC:
            lv, ev, cv = (Decimal(v) for v in t.values)
            evaluate_risk_point(actor=actor, risk_point=point, method=t.method, l=lv, e=ev, c=cv, today=start)
        elif t.method == Method.LS:
            lv, sv = (Decimal(v) for v in t.values)
            evaluate_risk_point(actor=actor, risk_point=point, method=t.method, l=lv, s=sv, today=start)
        else:
            evaluate_risk_point(actor=actor, risk_point=point, method=t.method, direct_grade=t.values[0],
                                reason="涉及重大危险源储存场所，直接判定为重大风险", today=start)
        for kind, text, level in t.controls:
            add_control(actor=actor, risk_point=point, kind=kind, text=text, level=level,
                        responsible_name=unit.principal_name, responsible=actor, today=start)
        points.append(point)
    upload_site_plan(actor=actor, unit=unit, name="厂区平面图.png", content=site_plan(index))
    for n, point in enumerate(points):
        place_on_plan(actor=actor, risk_point=point, x=round(0.15 + 0.7 * (n % 3) / 2, 3),
                      y=round(0.25 + 0.5 * (n // 3), 3))
    if unit.sector.code in ("gas", "hazchem"):
        register_major_hazard(actor=actor, unit=unit, name=f"{points[0].name}重大危险源",
                              r_value=Decimal(rng.choice(["12.5", "56.4", "8.2"])), risk_point=points[0], today=start,
                              guarantors=[GuarantorSpec(GuarantorRole.MAIN, unit.principal_name or "主要负责人"),
                                          GuarantorSpec(GuarantorRole.TECHNICAL, "技术负责人"),
                                          GuarantorSpec(GuarantorRole.OPERATION, unit.principal_name or "操作负责人",
                                                        actor)])
    return points


def _replay_checks(plans: list[CheckPlan], actors: dict[int, object], clock: Clock, rng: random.Random,
                   start: date, today: date) -> tuple[int, int]:
    """Walk the days: each plan's period is done that day (sometimes a day late) or left to be missed."""
    done = failed = 0
    skip: set[tuple[int, date]] = set()
    day = start
    while day < today:
        clock.at(day, hour=16)
        record_missed(today=day)
        for plan in plans:
            if plan.next_due < day:
                plan.refresh_from_db(fields=["next_due"])  # record_missed may have moved it on
            if plan.next_due > day or (plan.pk, plan.next_due) in skip:
                continue
            late = plan.next_due < day
            if not late and rng.random() < MISS_RATE + LATE_RATE:
                if rng.random() < MISS_RATE / (MISS_RATE + LATE_RATE):
                    skip.add((plan.pk, plan.next_due))  # left undone: missed once its next period begins
                continue
            outcomes = [Outcome(i, passed=True) if rng.random() >= FAIL_RATE else
                        Outcome(i, passed=False, note="排查发现不符合要求", photo=("现场.png", png(done)))
                        for i in items_for(plan)]
            run = record_check(actor=actors[plan.unit_id], plan=plan, outcomes=outcomes, today=day)
            done += 1
            failed += run.failed
        day += timedelta(days=1)
    clock.at(today, hour=8)
    record_missed(today=today)
    return done, failed


def replay_prevention(c: County, clock: Clock, rng: random.Random) -> str:
    """Build the inventories and replay six months of checks; a summary line for the build's report."""
    today = clock.real.date()
    start = today - timedelta(days=180)
    clock.at(start, hour=9)
    actors: dict[int, object] = {}
    for index, unit in enumerate(_pick_units(c)):
        actors[unit.pk] = _account(c, unit, index)
        _inventory(unit, actors[unit.pk], start, rng, index)
    plans = list(CheckPlan.objects.filter(unit__in=actors).select_related("risk_point", "region").order_by("id"))
    done, failed = _replay_checks(plans, actors, clock, rng, start, today)
    missed = CheckRun.objects.filter(status="missed").count()
    return (f"风险点 {RiskPoint.objects.count()} 个（{len(actors)} 家单位），排查 {done} 次，漏检 {missed} 次，"
            f"不合格项转隐患 {failed} 条")
