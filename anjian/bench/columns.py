"""The column order of each generated row: the field attnames `bulk.Columns.of` resolves."""

HAZARD_FIELDS = [
    "id", "unit_id", "region_id", "sector_id", "supervising_department_id", "inspection_id", "description",
    "location", "grade", "channel", "found_on", "found_by", "standard_clause", "status", "created_by_id",
    "created_at", "closed_at", "deadline_kind", "due_date", "recurrence", "deadline_raw", "deadline_estimated",
    "escalation_level", "reminded_for", "version",
]
TASK_FIELDS = [
    "id", "region_id", "source", "source_ref", "seq", "category", "problem", "measures",
    "supervising_department_id", "status", "created_by_id", "created_at", "closed_at", "deadline_kind",
    "due_date", "recurrence", "deadline_raw", "deadline_estimated", "escalation_level", "reminded_for", "version",
]
UNIT_FIELDS = [
    "id", "name", "credit_code", "kind", "sector_id", "region_id", "address", "risk_level", "high_risk",
    "key_fire_unit", "principal_name", "principal_phone", "controller_name", "controller_phone",
]
INSPECTION_FIELDS = [
    "id", "unit_id", "region_id", "department_id", "kind", "inspected_on", "inspectors", "notes",
    "signed_off_at", "created_by_id",
]
OWNER_FIELDS = ["id", "task_id", "role", "name", "department_id", "region_id", "person"]
EVENT_FIELDS = ["id", "task_id", "hazard_id", "action", "from_status", "to_status", "actor_id", "reason", "data", "at"]
AUDIT_FIELDS = [
    "id", "seq", "at", "actor_id", "actor_name", "action", "object_type", "object_id", "before", "after",
    "request_id", "prev_hash", "hash",
]
