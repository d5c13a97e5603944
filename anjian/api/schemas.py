"""Shapes of what the API reads and returns."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema


class ErrorOut(Schema):
    """Every error: a stable machine code and a Chinese message."""

    code: str
    message: str


class RegionOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    path: str


class UnitOut(Schema):
    id: int
    name: str
    credit_code: str
    kind: str
    sector_id: int
    region_id: int
    risk_level: str
    high_risk: bool
    key_fire_unit: bool


class OwnerOut(Schema):
    name: str
    role: str
    department_id: int | None
    region_id: int | None
    person: str


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str | None
    reason: str
    at: datetime


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str


class ProgressOut(Schema):
    id: int
    period: date
    text: str
    author: str
    submitted_at: datetime
    evidence: list[EvidenceOut]


class TaskOut(Schema):
    id: int
    seq: str
    region_id: int
    category: str
    problem: str
    measures: str
    status: str
    status_label: str
    deadline_kind: str
    due_date: date | None
    deadline_raw: str
    escalation_level: int
    overdue: bool
    version: int
    supervising_department_id: int | None
    owners: list[OwnerOut]
    created_at: datetime
    closed_at: datetime | None


class HazardOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    region_id: int
    sector_id: int
    supervising_department_id: int | None
    description: str
    location: str
    grade: str
    channel: str
    status: str
    status_label: str
    found_on: date
    deadline_kind: str
    due_date: date | None
    escalation_level: int
    overdue: bool
    version: int
    created_at: datetime
    closed_at: datetime | None


class ItemDetailOut(Schema):
    events: list[EventOut]
    progress_reports: list[ProgressOut]


class TaskDetailOut(TaskOut, ItemDetailOut):
    pass


class FiveInPlaceOut(Schema):
    responsibility: str
    measures: str
    funds: str
    deadline: date | None
    contingency_plan: str
    complete: bool
    missing: list[str]


class HazardDetailOut(HazardOut, ItemDetailOut):
    five_in_place: FiveInPlaceOut | None


class TransitionIn(Schema):
    """One step along the declared transition table."""

    action: str
    reason: str = ""
    expected_version: int | None = None
    deadline: str | None = None  # assign / approve_extension: "2025-06-30", "long-term", "immediate", "recurring:每月"


class FileIn(Schema):
    """A file sent inline as base64."""

    name: str
    content_base64: str


class ProgressIn(Schema):
    text: str
    period: date | None = None
    files: list[FileIn] = []


class FiveInPlaceIn(Schema):
    responsibility: str | None = None
    measures: str | None = None
    funds: str | None = None
    deadline: date | None = None
    contingency_plan: str | None = None


class InspectionOut(Schema):
    id: int
    unit_id: int
    region_id: int
    department_id: int | None
    kind: str
    inspected_on: date
    inspectors: str
    notes: str


class EnforcementOut(Schema):
    id: int
    unit_id: int
    region_id: int
    department_id: int
    hazard_id: int | None
    inspection_id: int | None
    kind: str
    decided_on: date
    document_number: str
    company_amount: Decimal
    person_amount: Decimal
    dual_penalty: bool


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    item_kind: str
    item_id: int | None
    created_at: datetime
    read_at: datetime | None
