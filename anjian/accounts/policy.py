"""The one declarative permission policy: role × object × action → the relation required.

A rule names, for each role allowed to act, how the person must relate to the object:
`SCOPE` (the object lies in the role's region subtree, narrowed to the role's department or
unit), `OWNER` (the role's department, township or unit is responsible for the item) or
`SUPERVISOR` (the role's department supervises the item; the committee office supervises
everything in its region). Services call `require()`; lists call `scope_q()`; every other door
(menus, creation forms, imports, reports, scoring, the administration pages) calls `allowed()`.
Nothing else decides who may do what, and nothing is decided by Django's `is_superuser` flag:
a person may do what their roles allow, and a flag without roles allows nothing.

Who may grant which role is data too (`GRANTS`, 三权分立): the security administrator grants
roles, the committee office only the working roles of its own region, nobody grants to themself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment


class Rel(Enum):
    SCOPE = "scope"
    OWNER = "owner"
    SUPERVISOR = "supervisor"


S, O, V = Rel.SCOPE, Rel.OWNER, Rel.SUPERVISOR  # noqa: E741 - one-letter columns keep the table readable
R = Role

_VIEWERS = {R.OFFICE: S, R.DEPARTMENT: S, R.TOWNSHIP: S, R.LEADER: S, R.EXPERT: S, R.AUDITOR: S, R.ADMIN: S}
_RECTIFIERS_TASK = {R.DEPARTMENT: O, R.TOWNSHIP: O}
_RECTIFIERS_HAZARD = {R.UNIT: O, R.TOWNSHIP: O, R.DEPARTMENT: V}
_REVIEWERS = {R.OFFICE: S, R.DEPARTMENT: V}

POLICY: dict[tuple[str, str], dict[Role, Rel]] = {
    ("task", "view"): _VIEWERS,
    ("task", "create"): {R.OFFICE: S},
    ("task", "edit"): {R.OFFICE: S},
    ("task", "assign"): {R.OFFICE: S},
    ("task", "start"): _RECTIFIERS_TASK,
    ("task", "submit"): _RECTIFIERS_TASK,
    ("task", "progress"): _RECTIFIERS_TASK,
    ("task", "evidence"): _RECTIFIERS_TASK,
    ("task", "request_extension"): _RECTIFIERS_TASK,
    ("task", "return"): _REVIEWERS,
    ("task", "close"): _REVIEWERS,
    ("task", "approve_extension"): _REVIEWERS,
    ("task", "refuse_extension"): _REVIEWERS,
    ("task", "cancel"): {R.OFFICE: S},
    ("task", "export"): {R.OFFICE: S, R.DEPARTMENT: S, R.LEADER: S, R.TOWNSHIP: S},
    # Steering (ledger.steering): the office steers; the owners ask for more time (request_extension above).
    ("task", "urge"): {R.OFFICE: S},
    ("task", "reassign"): {R.OFFICE: S},
    ("task", "change_deadline"): {R.OFFICE: S},
    ("task", "split"): {R.OFFICE: S},
    ("hazard", "view"): {**_VIEWERS, R.UNIT: S},
    ("hazard", "create"): {R.OFFICE: S, R.DEPARTMENT: S, R.TOWNSHIP: S, R.UNIT: S, R.EXPERT: S},
    ("hazard", "self_report"): {R.UNIT: S},  # the enterprise's own entry (企业自查自报)
    ("hazard", "edit"): {R.OFFICE: S, R.DEPARTMENT: V},
    ("hazard", "assign"): {R.OFFICE: S, R.DEPARTMENT: V, R.TOWNSHIP: S},
    ("hazard", "start"): _RECTIFIERS_HAZARD,
    ("hazard", "submit"): _RECTIFIERS_HAZARD,
    ("hazard", "progress"): _RECTIFIERS_HAZARD,
    ("hazard", "evidence"): _RECTIFIERS_HAZARD,
    ("hazard", "five_in_place"): _RECTIFIERS_HAZARD,
    ("hazard", "request_extension"): _RECTIFIERS_HAZARD,
    ("hazard", "return"): _REVIEWERS,
    ("hazard", "close"): _REVIEWERS,
    ("hazard", "approve_extension"): _REVIEWERS,
    ("hazard", "refuse_extension"): _REVIEWERS,
    ("hazard", "cancel"): {R.OFFICE: S, R.DEPARTMENT: V},
    ("hazard", "export"): {R.OFFICE: S, R.DEPARTMENT: S, R.LEADER: S, R.TOWNSHIP: S},
    ("hazard", "urge"): {R.OFFICE: S, R.DEPARTMENT: V},
    ("hazard", "reassign"): {R.OFFICE: S},
    ("hazard", "change_deadline"): {R.OFFICE: S, R.DEPARTMENT: V},
    # The enterprise hands its own self-reported hazard over to the supervising department (交办).
    ("hazard", "hand_over"): {R.UNIT: O},
    ("inspection", "view"): {**_VIEWERS, R.UNIT: S},
    ("inspection", "create"): {R.OFFICE: S, R.DEPARTMENT: S, R.TOWNSHIP: S, R.EXPERT: S},
    ("enforcement", "view"): {**_VIEWERS, R.UNIT: S},
    ("enforcement", "create"): {R.DEPARTMENT: S},
    ("unit", "view"): {**_VIEWERS, R.UNIT: S},
    ("unit", "create"): {R.OFFICE: S, R.ADMIN: S},
    ("unit", "edit"): {R.OFFICE: S, R.ADMIN: S},
    ("import", "create"): {R.OFFICE: S},
    ("import", "view"): {R.OFFICE: S, R.LEADER: S, R.AUDITOR: S},
    ("audit", "view"): {R.AUDITOR: S},
    ("audit", "purge"): {R.AUDITOR: S},
    ("stats", "view"): {R.OFFICE: S, R.DEPARTMENT: S, R.TOWNSHIP: S, R.LEADER: S, R.AUDITOR: S},
    ("accident", "view"): _VIEWERS,
    ("accident", "create"): {R.OFFICE: S, R.DEPARTMENT: S, R.TOWNSHIP: S},
    ("accident", "edit"): {R.OFFICE: S, R.DEPARTMENT: S},
    ("obligationrecord", "view"): {**_VIEWERS, R.UNIT: S},
    ("obligationrecord", "create"): {R.OFFICE: S, R.DEPARTMENT: S, R.TOWNSHIP: S, R.UNIT: S},
    ("assessment", "view"): {R.OFFICE: S, R.LEADER: S, R.AUDITOR: S, R.ADMIN: S},
    ("assessment", "edit"): {R.OFFICE: S, R.ADMIN: S},
    ("document", "create"): {R.OFFICE: S},
    # Dual prevention (双重预防): the enterprise keeps its own risk inventory and does its checks; the office
    # may correct an inventory and imports the sector checklists.
    ("riskpoint", "view"): {**_VIEWERS, R.UNIT: S},
    ("riskpoint", "create"): {R.OFFICE: S, R.UNIT: S},
    ("riskpoint", "edit"): {R.OFFICE: S, R.UNIT: S},
    ("riskpoint", "check"): {R.UNIT: S},
    ("checkrun", "view"): {**_VIEWERS, R.UNIT: S},
    ("majorhazard", "view"): {**_VIEWERS, R.UNIT: S},
    ("majorhazard", "edit"): {R.OFFICE: S, R.UNIT: S},
    ("checklist", "create"): {R.OFFICE: S, R.ADMIN: S},
    # Tip-offs: a department sees only those routed to it; only the handling role opens the identity.
    ("tipoff", "view"): {R.TIPOFF_HANDLER: S, R.OFFICE: S, R.DEPARTMENT: S},
    ("tipoff", "triage"): {R.TIPOFF_HANDLER: S, R.OFFICE: S},
    ("tipoff", "route"): {R.TIPOFF_HANDLER: S, R.OFFICE: S},
    ("tipoff", "start_verifying"): {R.OFFICE: S, R.DEPARTMENT: S},
    ("tipoff", "verify"): {R.OFFICE: S, R.DEPARTMENT: S},
    ("tipoff", "reject"): {R.TIPOFF_HANDLER: S, R.OFFICE: S, R.DEPARTMENT: S},
    ("tipoff", "close"): {R.TIPOFF_HANDLER: S, R.OFFICE: S},
    ("tipoff", "reveal"): {R.TIPOFF_HANDLER: S},
    ("tipoff", "reward"): {R.TIPOFF_HANDLER: S, R.OFFICE: S},
    ("tipoff", "pay"): {R.TIPOFF_HANDLER: S, R.OFFICE: S},
    ("tipoff", "export"): {R.TIPOFF_HANDLER: S, R.OFFICE: S},
    # Administration (基础数据): the region's reference tables are kept by its office and the system
    # administrator; installation-wide tables (sectors, escalation policy, holidays) by the administrator
    # alone. People and roles belong to the security administrator and, for the working roles of its own
    # region, the office (which roles each may grant: GRANTS). The administrator manages no case, no
    # identity, no audit entry and no person.
    ("region", "edit"): {R.OFFICE: S, R.ADMIN: S},
    ("department", "edit"): {R.OFFICE: S, R.ADMIN: S},
    ("responsibility", "edit"): {R.OFFICE: S, R.ADMIN: S},
    ("guarantor", "edit"): {R.OFFICE: S, R.ADMIN: S},
    # 责任单位组: the named groups a collective owner (各乡（镇）, 各有关部门) stands for (org.UnitGroup).
    ("unit_group", "edit"): {R.OFFICE: S, R.ADMIN: S},
    ("sector", "edit"): {R.ADMIN: S},
    ("escalation_policy", "edit"): {R.ADMIN: S},
    ("holiday", "edit"): {R.ADMIN: S},
    ("user", "view"): {R.OFFICE: S, R.SECURITY_ADMIN: S},
    ("user", "create"): {R.OFFICE: S, R.SECURITY_ADMIN: S},
    ("user", "unlock"): {R.OFFICE: S, R.SECURITY_ADMIN: S},
    ("role", "grant"): {R.OFFICE: S, R.SECURITY_ADMIN: S},
}

# The administration pages' doors: the pages (and their menu entry) open when one of these is allowed.
ADMINISTRATION: tuple[tuple[str, str], ...] = (
    ("region", "edit"), ("department", "edit"), ("responsibility", "edit"), ("unit", "edit"), ("guarantor", "edit"),
    ("unit_group", "edit"), ("sector", "edit"), ("escalation_policy", "edit"), ("holiday", "edit"), ("user", "view"),
)

# Separation of duties (三权分立) as data: the roles each granting role may give, inside its own region
# subtree. The security administrator alone gives the roles that open identities, the audit log or the
# administration (and the office role); the office gives only the working roles.
WORKING_ROLES = frozenset({R.DEPARTMENT, R.TOWNSHIP, R.UNIT, R.LEADER, R.EXPERT})
GRANTS: dict[Role, frozenset[Role]] = {
    R.SECURITY_ADMIN: frozenset(Role),
    R.OFFICE: WORKING_ROLES,
}

OBJECT_KINDS = sorted({kind for kind, _ in POLICY})


def object_kind(obj: Model | type[Model]) -> str:
    """The policy's name for a model instance or class."""
    name = obj._meta.model_name
    return {"enforcementaction": "enforcement", "importrun": "import", "auditentry": "audit"}.get(
        name or "", name or ""
    )


def assignments(user: Any) -> list[RoleAssignment]:
    """The user's role assignments with their regions, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_anjian_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("region", "department", "unit"))
        user._anjian_roles = cached
    return cached


def roles_of(user: Any) -> set[str]:
    """The role names a user holds anywhere."""
    return {a.role for a in assignments(user)}


def _nothing() -> Q:
    return Q(pk__in=[])


def _relation_q(kind: str, a: RoleAssignment, rel: Rel) -> Q:
    """The rows of `kind` that stand in relation `rel` to the role assignment `a`."""
    from anjian.ledger.models import TaskOwner

    region_q = Q(region__path__startswith=a.region.path)
    if kind == "task":
        if a.role == Role.UNIT:
            return _nothing()
        if a.role == Role.DEPARTMENT:
            owned = TaskOwner.objects.filter(task=OuterRef("pk"), department=a.department_id)
        else:
            owned = TaskOwner.objects.filter(task=OuterRef("pk"), region__path__startswith=a.region.path)
        if rel is Rel.OWNER:
            # Ownership is the relation: a county task given to "各乡、办" belongs to each township, whose
            # own scope lies below the task's region. A department owns through its own jurisdiction.
            return region_q & Q(Exists(owned)) if a.role == Role.DEPARTMENT else Q(Exists(owned))
        if rel is Rel.SUPERVISOR:
            if a.role == Role.OFFICE:
                return region_q
            return region_q & Q(supervising_department=a.department_id)
        if a.role == Role.DEPARTMENT:
            return region_q & (Q(Exists(owned)) | Q(supervising_department=a.department_id))
        if a.role == Role.TOWNSHIP:
            return region_q | Q(Exists(owned))  # what lies in my area, and what I was given from above
        return region_q
    if kind in {"hazard", "inspection", "enforcement", "unit", "obligationrecord", "riskpoint", "checkrun",
                "majorhazard"}:
        if a.role == Role.UNIT:
            return Q(pk=a.unit_id) if kind == "unit" else Q(unit=a.unit_id)
        if rel is Rel.SUPERVISOR:
            if a.role == Role.OFFICE:
                return region_q
            field = "supervising_department" if kind == "hazard" else "department"
            return region_q & Q(**{field: a.department_id}) if kind != "unit" else _nothing()
        if rel is Rel.OWNER:
            # Townships own the hazards of units in their area; units own their own.
            return region_q
        if a.role == Role.DEPARTMENT and kind in {"hazard", "inspection", "enforcement"}:
            field = "supervising_department" if kind == "hazard" else "department"
            return region_q & Q(**{field: a.department_id})
        return region_q
    if kind == "tipoff" and a.role == Role.DEPARTMENT:
        return region_q & Q(routed_department=a.department_id)
    return region_q


def scope_q(user: Any, kind: str, action: str = "view") -> Q:
    """A filter of the rows of `kind` on which `user` may perform `action` (no rows when none)."""
    rule = POLICY.get((kind, action), {})
    combined = _nothing()
    for a in assignments(user):
        rel = rule.get(Role(a.role))
        if rel is not None:
            combined |= _relation_q(kind, a, rel)
    return combined


def allowed_roles(kind: str, action: str) -> Iterable[Role]:
    """The roles the policy lets perform this action at all."""
    return POLICY.get((kind, action), {}).keys()


def can(user: Any, action: str, obj: Model) -> bool:
    """Whether `user` may perform `action` on this very object (one indexed query)."""
    kind = object_kind(obj)
    if (kind, action) not in POLICY:
        return False
    q = scope_q(user, kind, action)
    return type(obj)._default_manager.filter(q, pk=obj.pk).exists()


@dataclass(frozen=True)
class Where:
    """A kind of object at a place, for questions asked before an object exists (creation, menus, imports).

    `region_path` None: anywhere in the user's regions; `unit_id`: the row is about this unit (an
    enterprise's own users may only write about their own unit).
    """

    kind: str
    region_path: str | None = None
    unit_id: int | None = None


def holds_any(roles: Iterable[str], kind: str, action: str) -> bool:
    """Whether one of these roles may perform `action` on `kind` somewhere (what a menu depends on)."""
    rule = POLICY.get((kind, action), {})
    return any(Role(r) in rule for r in roles)


def region_paths(user: Any, kind: str, action: str) -> list[str]:
    """The region subtrees in which the user may perform `action` on `kind`."""
    rule = POLICY.get((kind, action), {})
    return [a.region.path for a in assignments(user) if Role(a.role) in rule]


def allowed(user: Any, action: str, target: Model | Where) -> bool:
    """The one judge: may `user` perform `action` on this object, or on a `kind` at this place?"""
    if isinstance(target, Model):
        return can(user, action, target)
    rule = POLICY.get((target.kind, action), {})
    return any(
        Role(a.role) in rule
        and (target.region_path is None or target.region_path.startswith(a.region.path))
        and (target.unit_id is None or a.role != Role.UNIT or a.unit_id == target.unit_id)
        for a in assignments(user)
    )


def can_create(user: Any, kind: str, region_path: str) -> bool:
    """Whether `user` may create an object of `kind` inside the region with this path."""
    return allowed(user, "create", Where(kind, region_path))


def can_create_at(user: Any, kind: str, unit: Any) -> bool:
    """`can_create` for a row about one unit: an enterprise's own users may only write about their own unit."""
    return can_create_for(user, kind, unit.region.path, unit.pk)


def can_create_for(user: Any, kind: str, region_path: str, unit_id: int) -> bool:
    """`can_create_at` from the unit's region path and id alone (bulk imports look units up by the thousand)."""
    return allowed(user, "create", Where(kind, region_path, unit_id))


def grantable_roles(user: Any, region_path: str | None = None) -> set[Role]:
    """The roles `user` may give (at this region, or somewhere in their own)."""
    granted: set[Role] = set()
    for a in assignments(user):
        if region_path is None or region_path.startswith(a.region.path):
            granted |= GRANTS.get(Role(a.role), frozenset())
    return granted


def may_grant(user: Any, role: str, region_path: str, grantee: Any = None) -> bool:
    """Whether `user` may give `role` over the region with this path to `grantee` (never to themself)."""
    if grantee is not None and getattr(grantee, "pk", None) is not None and grantee.pk == getattr(user, "pk", None):
        return False
    return role in Role.values and Role(role) in grantable_roles(user, region_path)


def require(user: Any, action: str, obj: Model) -> None:
    """Raise unless allowed; a denial is audited, and an object the user cannot even see is 'not found'.

    Call it before opening the service's transaction, so the denial's audit row survives the error.
    """
    from anjian.audit.services import record
    from anjian.errors import NotFound, PermissionDenied

    if can(user, action, obj):
        return
    kind = object_kind(obj)
    visible = action != "view" and can(user, "view", obj)
    record(actor=user, action=f"denied:{action}", object_type=kind, object_id=obj.pk,
           after={"visible": visible})
    if visible:
        raise PermissionDenied(f"无权对该{kind}执行“{action}” / not allowed: {action}")
    raise NotFound()
