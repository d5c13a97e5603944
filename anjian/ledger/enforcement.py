"""Recording an enforcement measure on a unit (行政处罚, 责令整改, 停产整顿 …), linked to its cause."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.accounts.policy import can_create
from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.ledger import events
from anjian.ledger.choices import EnforcementKind
from anjian.ledger.errors import EnforcementInvalid
from anjian.ledger.inspections import department_of
from anjian.ledger.models import EnforcementAction, Hazard, Inspection
from anjian.org.models import Department, Unit

ZERO = Decimal("0")


def _check(unit: Unit, kind: str, decided_on: date, company_amount: Decimal, person_amount: Decimal,
           person_name: str, inspection: Inspection | None, hazard: Hazard | None) -> None:
    if kind not in EnforcementKind.values:
        raise EnforcementInvalid(f"未知的执法措施：{kind}")
    if decided_on > timezone.localdate():
        raise EnforcementInvalid("决定日期不能晚于今天")
    if company_amount < ZERO or person_amount < ZERO:
        raise EnforcementInvalid("罚款金额不能为负数")
    if kind == EnforcementKind.PENALTY and company_amount == ZERO and person_amount == ZERO:
        raise EnforcementInvalid("行政处罚须填写对单位或对个人的罚款金额")
    if kind != EnforcementKind.PENALTY and (company_amount or person_amount):
        raise EnforcementInvalid("只有行政处罚可以填写罚款金额")
    if person_amount and not person_name.strip():
        raise EnforcementInvalid("对个人罚款须填写被处罚责任人")
    if inspection is not None and inspection.unit_id != unit.pk:
        raise EnforcementInvalid("所关联的检查不是对该单位的检查")
    if hazard is not None and hazard.unit_id != unit.pk:
        raise EnforcementInvalid("所关联的隐患不属于该单位")


def record_enforcement(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    decided_on: date,
    department: Department | None = None,
    inspection: Inspection | None = None,
    hazard: Hazard | None = None,
    document_number: str = "",
    company_amount: Decimal = ZERO,
    person_name: str = "",
    person_amount: Decimal = ZERO,
    notes: str = "",
) -> EnforcementAction:
    """Record the measure a supervising department decided; one audit entry, and an event on the hazard."""
    if not can_create(actor, "enforcement", unit.region.path):
        raise PermissionDenied("无权对该区域的单位录入执法措施")
    department = department or department_of(actor, unit)
    if department is None:
        raise EnforcementInvalid("请指定作出决定的部门")
    if inspection is None and hazard is not None:
        inspection = hazard.inspection
    company_amount, person_amount = Decimal(company_amount), Decimal(person_amount)
    _check(unit, kind, decided_on, company_amount, person_amount, person_name, inspection, hazard)
    with transaction.atomic():
        action = EnforcementAction.objects.create(
            unit=unit, region=unit.region, department=department, inspection=inspection, hazard=hazard,
            kind=kind, decided_on=decided_on, document_number=document_number.strip()[:60],
            company_amount=company_amount, person_name=person_name.strip()[:50], person_amount=person_amount,
            notes=notes, created_by=actor,
        )
        if hazard is not None:
            events.enforcement_event(hazard, actor=actor, enforcement_id=action.pk, kind=kind)
        record(actor=actor, action="enforcement.create", object_type="enforcement", object_id=action.pk,
               after={"unit": unit.pk, "department": department.pk, "kind": kind,
                      "decided_on": decided_on.isoformat(), "inspection": getattr(inspection, "pk", None),
                      "hazard": getattr(hazard, "pk", None), "document_number": action.document_number,
                      "company_amount": str(company_amount), "person_amount": str(person_amount)})
        return action
