"""Recording an on-site inspection with the hazards found, their photos and the inspectors' sign-off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.policy import assignments, can_create
from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.ledger import events
from anjian.ledger import evidence as evidence_files
from anjian.ledger.choices import HazardChannel, HazardGrade
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.errors import ReasonRequired
from anjian.ledger.models import Evidence, Inspection
from anjian.ledger.services import report_hazard
from anjian.org.models import Department, Unit


@dataclass(frozen=True)
class FoundHazard:
    """One hazard recorded during the visit, with photos as (name, bytes)."""

    description: str
    location: str = ""
    grade: str = HazardGrade.GENERAL
    deadline: DeadlineSpec = DeadlineSpec()
    photos: Sequence[tuple[str, bytes]] = field(default_factory=tuple)


def department_of(actor: Any, unit: Unit) -> Department | None:
    """The department acting on the unit (inspecting, deciding): the actor's department role covering it."""
    for a in assignments(actor):
        if a.role == Role.DEPARTMENT and a.department_id and unit.region.path.startswith(a.region.path):
            return a.department
    return None


def record_inspection(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    inspected_on: date,
    inspectors: str,
    notes: str = "",
    hazards: Sequence[FoundHazard] = (),
    sign_off: bool = True,
) -> Inspection:
    """Create the inspection, register each hazard (channel inspection) with its photos, in one transaction."""
    if not can_create(actor, "inspection", unit.region.path):
        raise PermissionDenied("无权检查该区域的单位")
    if not inspectors.strip():
        raise ReasonRequired("请填写检查人员")
    # Photos go to disk before the rows; a failed transaction leaves files the orphan sweep removes.
    stored = [[evidence_files.store(content, name) for name, content in h.photos] for h in hazards]
    try:
        with transaction.atomic():
            inspection = Inspection.objects.create(
                unit=unit, region=unit.region, department=department_of(actor, unit), kind=kind,
                inspected_on=inspected_on, inspectors=inspectors[:200], notes=notes, created_by=actor,
                signed_off_at=timezone.now() if sign_off else None,
            )
            created = []
            for found, files in zip(hazards, stored, strict=True):
                hazard = report_hazard(
                    actor=actor, unit=unit, description=found.description, channel=HazardChannel.INSPECTION,
                    found_on=inspected_on, grade=found.grade, location=found.location, found_by=inspectors[:100],
                    inspection=inspection, deadline=found.deadline,
                )
                for f in files:
                    photo = Evidence.objects.create(
                        hazard=hazard, file=f.name, original_name=f.original_name, content_type=f.content_type,
                        size=f.size, sha256=f.sha256, uploaded_by=actor,
                    )
                    events.evidence_added_event(hazard, actor=actor, evidence_id=photo.pk,
                                                inspection_id=inspection.pk)
                created.append({"hazard": hazard.pk, "photos": [f.sha256 for f in files]})
            record(actor=actor, action="inspection.create", object_type="inspection", object_id=inspection.pk,
                   after={"unit": unit.pk, "kind": kind, "inspected_on": inspected_on.isoformat(),
                          "signed_off": sign_off, "hazards": created})
            return inspection
    except Exception:
        for files in stored:
            for f in files:
                evidence_files.discard(f)
        raise
