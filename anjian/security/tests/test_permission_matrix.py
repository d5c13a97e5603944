"""Every role × object × action of the policy, in the same scope and in another county / enterprise;
every granting role × granted role (三权分立).

The expected verdict is worked out here from the policy table and the facts of the fixture (who owns,
supervises or lies over which item), not from the policy's own query code; the actual verdict is what
`require()` and the API do. A denial is 403 when the user may see the object, 404 when not, and
is audited either way; a denial's body never carries a field of the object. Django's superuser flag
counts for nothing: the system administrator carries it (as the demo once made it), and one user
holds the flag with no role at all, and sees nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.accounts.policy import POLICY, Rel, require
from anjian.accounts.services import create_user_with_role, grant_role
from anjian.audit.models import AuditEntry
from anjian.errors import NotFound, PermissionDenied
from anjian.fixtures import PASSWORD, World
from anjian.ledger.models import Hazard, Task
from anjian.ledger.services import OwnerSpec

KINDS = ("task", "hazard")
ACTIONS = {kind: sorted(a for k, a in POLICY if k == kind) for kind in KINDS}
EXTRA_ROLES = (Role.ADMIN, Role.SECURITY_ADMIN, Role.EXPERT, Role.TIPOFF_HANDLER)


@dataclass
class Matrix:
    """The actors (one per role, plus outsiders) and the objects in and out of their scope."""

    users: dict[str, User]
    objects: dict[str, Task | Hazard]


@pytest.fixture
def matrix(world: World) -> Matrix:
    users = {name: getattr(world, name) for name in (
        "clerk", "officer", "fire_officer", "reviewer", "principal", "township_staff", "leader", "outsider",
        "auditor")}
    for role in EXTRA_ROLES:
        users[role.value] = create_user_with_role(username=f"m-{role.value}", password=PASSWORD, role=role,
                                                  region_code=world.county.code, superuser=role == Role.ADMIN)
    users["superuser-without-roles"] = User.objects.create_user(username="m-root", password=PASSWORD,
                                                                is_superuser=True, is_staff=True)
    objects: dict[str, Task | Hazard] = {
        "task": world.task(),
        "task@other-county": world.task(actor=world.outsider, region=world.other_county,
                                        owners=[OwnerSpec("顺河区城管局")], supervising_department=None),
        "hazard": world.hazard(),
        "hazard@other-enterprise": world.hazard(unit=world.other_unit, actor=world.outsider),
    }
    return Matrix(users, objects)


def _within(user_path: str, obj: Task | Hazard) -> bool:
    return obj.region.path.startswith(user_path)


def relation_holds(a: RoleAssignment, obj: Task | Hazard, rel: Rel) -> bool:
    """Whether assignment `a` stands in `rel` to `obj`, from the fixture's facts."""
    inside = _within(a.region.path, obj)
    if isinstance(obj, Task):
        owner_depts = {o.department_id for o in obj.owners.all()}
        owner_regions = [o.region.path for o in obj.owners.all() if o.region_id]
        if a.role == Role.UNIT:
            return False
        if rel is Rel.OWNER:
            if a.role == Role.DEPARTMENT:
                return inside and a.department_id in owner_depts
            return inside and any(p.startswith(a.region.path) for p in owner_regions)
        if rel is Rel.SUPERVISOR:
            return inside and (a.role == Role.OFFICE or obj.supervising_department_id == a.department_id)
        if a.role == Role.DEPARTMENT:
            return inside and (a.department_id in owner_depts or obj.supervising_department_id == a.department_id)
        return inside
    if a.role == Role.UNIT:
        return obj.unit_id == a.unit_id
    if rel is Rel.SUPERVISOR:
        return inside and (a.role == Role.OFFICE or obj.supervising_department_id == a.department_id)
    if rel is Rel.SCOPE and a.role == Role.DEPARTMENT:
        return inside and obj.supervising_department_id == a.department_id
    return inside


def expected(user: User, kind: str, action: str, obj: Task | Hazard) -> bool:
    rule = POLICY[(kind, action)]
    return any(
        Role(a.role) in rule and relation_holds(a, obj, rule[Role(a.role)])
        for a in RoleAssignment.objects.filter(user=user).select_related("region")
    )


def cases() -> list[tuple[str, str]]:
    return [(kind, action) for kind in KINDS for action in ACTIONS[kind]]


@pytest.mark.parametrize(("kind", "action"), cases(), ids=[f"{k}.{a}" for k, a in cases()])
def test_policy_verdict_for_every_role_and_scope(kind: str, action: str, matrix: Matrix) -> None:
    checked = 0
    for label, obj in matrix.objects.items():
        if not label.startswith(kind):
            continue
        for name, user in matrix.users.items():
            allowed = expected(user, kind, action, obj)
            visible = expected(user, kind, "view", obj)
            denials = AuditEntry.objects.filter(action=f"denied:{action}", object_id=str(obj.pk)).count()
            outcome: type[Exception] | None = None
            try:
                require(user, action, obj)
            except (PermissionDenied, NotFound) as exc:
                outcome = type(exc)
            want = None if allowed else PermissionDenied if visible and action != "view" else NotFound
            assert outcome is want, f"{name} {action} {label}: got {outcome}, want {want}"
            new = AuditEntry.objects.filter(action=f"denied:{action}", object_id=str(obj.pk)).count() - denials
            assert new == (0 if allowed else 1), f"{name} {action} {label}: {new} denial rows"
            checked += 1
    assert checked == len(matrix.users) * 2


def _secret_fields(obj: Task | Hazard) -> list[str]:
    if isinstance(obj, Task):
        return [obj.problem, obj.measures]
    return [obj.description, obj.unit.name]


@pytest.mark.parametrize("kind", KINDS)
def test_api_denials_have_the_right_status_leak_nothing_and_are_audited(kind: str, matrix: Matrix) -> None:
    base = "/api/tasks" if kind == "task" else "/api/hazards"
    transitions = [a for a in ACTIONS[kind] if a in {"start", "submit", "close", "return", "cancel"}]
    for label, obj in matrix.objects.items():
        if not label.startswith(kind):
            continue
        for name, user in matrix.users.items():
            client = Client()
            client.force_login(user)
            visible = expected(user, kind, "view", obj)
            before = AuditEntry.objects.filter(action__startswith="denied:", object_id=str(obj.pk)).count()
            response = client.get(f"{base}/{obj.pk}")
            assert response.status_code == (200 if visible else 404), f"{name} view {label}"
            denied = 0 if visible else 1
            for action in transitions:
                response = client.post(f"{base}/{obj.pk}/transitions", {"action": action, "reason": "matrix"},
                                       content_type="application/json")
                assert response.status_code < 500
                if expected(user, kind, action, obj):
                    assert response.status_code in {200, 400, 409}, f"{name} {action} {label}"
                    obj.refresh_from_db()
                    continue
                assert response.status_code == (403 if visible else 404), f"{name} {action} {label}"
                body = response.content.decode()
                assert not any(secret and secret in body for secret in _secret_fields(obj)), body
                denied += 1
            after = AuditEntry.objects.filter(action__startswith="denied:", object_id=str(obj.pk)).count()
            assert after - before == denied, f"{name} {label}: {after - before} audited, {denied} denied"


def _count_cases() -> int:
    """The figure SECURITY.md quotes: (role users) × objects × actions, each in two scopes."""
    return sum(len(ACTIONS[k]) for k in KINDS) * (9 + len(EXTRA_ROLES) + 1) * 2


def test_matrix_size_is_what_security_md_states() -> None:
    assert _count_cases() >= 800
    assert _count_grant_cases() == 11 * 10 * 3


# 三权分立, written here in words rather than read from the policy's GRANTS table: the security
# administrator gives every role; the office only the working roles; nobody else gives any.
WORKING = {Role.DEPARTMENT, Role.TOWNSHIP, Role.UNIT, Role.LEADER, Role.EXPERT}
MAY_GIVE: dict[str, set[Role]] = {Role.SECURITY_ADMIN.value: set(Role), "clerk": WORKING}
GRANTERS = ("clerk", "officer", "township_staff", "principal", "leader", "auditor", *[r.value for r in EXTRA_ROLES],
            "superuser-without-roles")


def _count_grant_cases() -> int:
    """Granting users (each of the ten roles, and a superuser flag alone) × roles × (own county, other county, self)."""
    return len(GRANTERS) * len(Role) * 3


def _grant(granter: User, grantee: User, role: Role, world: World) -> bool:
    region = world.county if role != Role.TOWNSHIP else world.township
    try:
        grant_role(actor=granter, user=grantee, role=role, region=region,
                   department=world.urban if role == Role.DEPARTMENT else None,
                   unit=world.gas_station if role == Role.UNIT else None)
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("granter_name", GRANTERS)
def test_grant_verdict_for_every_granting_role_and_granted_role(granter_name: str, matrix: Matrix,
                                                                world: World) -> None:
    granter = matrix.users[granter_name]
    grantee = User.objects.create_user(username="m-grantee", password=PASSWORD)
    checked = 0
    for role in Role:
        want = role in MAY_GIVE.get(granter_name, set())
        denials = AuditEntry.objects.filter(action="denied:role.grant").count()
        assert _grant(granter, grantee, role, world) is want, f"{granter_name} grants {role} in its county"
        assert RoleAssignment.objects.filter(user=grantee, role=role).exists() is want
        # outside its own subtree, and to itself: never
        with pytest.raises(PermissionDenied):
            grant_role(actor=granter, user=grantee, role=role, region=world.other_county,
                       department=None, unit=world.other_unit if role == Role.UNIT else None)
        assert _grant(granter, granter, role, world) is False, f"{granter_name} grants itself {role}"
        assert AuditEntry.objects.filter(action="denied:role.grant").count() - denials == (2 if want else 3)
        checked += 3
    assert checked == len(Role) * 3


__all__: list[Any] = []
