"""A graded risk point at the gas station with two controls, as several tests need it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from PIL import Image

from anjian.fixtures import World
from anjian.prevention.choices import AccidentType, ControlKind, ControlLevel, FactorClass, Method
from anjian.prevention.models import RiskPoint
from anjian.prevention.services import add_control, add_factor, create_risk_point, evaluate_risk_point

START = date(2024, 11, 4)  # a Monday


def tank_area(world: World, today: date = START) -> RiskPoint:
    """储罐区: LEC 6 × 6 × 15 = 540 (重大), a post-level and a company-level control."""
    point = create_risk_point(actor=world.principal, unit=world.gas_station, name="液化气储罐区", code="FX-01",
                              location="站区东侧", responsible_name="王建国", responsible=world.principal,
                              emergency_phone="0371-23456789")
    add_factor(actor=world.principal, risk_point=point, description="储罐、管线泄漏遇点火源",
               factor_class=FactorClass.THING, factor_code="2101", accident_type=AccidentType.OTHER_EXPLOSION)
    evaluate_risk_point(actor=world.principal, risk_point=point, method=Method.LEC, l=Decimal(6), e=Decimal(6),
                        c=Decimal(15), today=today)
    add_control(actor=world.principal, risk_point=point, kind=ControlKind.ENGINEERING, text="可燃气体报警器完好",
                level=ControlLevel.POST, responsible_name="王建国", responsible=world.principal, today=today)
    add_control(actor=world.principal, risk_point=point, kind=ControlKind.MANAGEMENT, text="每周检查安全阀校验记录",
                level=ControlLevel.COMPANY, responsible_name="王建国", responsible=world.principal, today=today)
    return point


def photo(colour: str = "red") -> bytes:
    """A small PNG, as a phone would send one."""
    out = BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()
