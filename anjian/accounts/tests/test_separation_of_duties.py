"""三权分立: who may create accounts and grant which role (issue 17, finding 1).

The office clerk gives only the working roles of its own region; the security administrator alone gives
the roles that open reporters' identities, the audit log or the administration; nobody grants to themself.
"""

from __future__ import annotations

import pytest
from django.test import Client

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.accounts.services import create_user, create_user_with_role, grant_role
from anjian.audit.models import AuditEntry
from anjian.cli import main
from anjian.errors import PermissionDenied
from anjian.fixtures import PASSWORD, World

PRIVILEGED = (Role.TIPOFF_HANDLER, Role.AUDITOR, Role.ADMIN, Role.SECURITY_ADMIN, Role.OFFICE)
NEW_PASSWORD = "Strong-pass-2025"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def security_admin(world: World) -> User:
    """The county's security administrator (安全管理员), made by the server operator."""
    return create_user_with_role(username="anquan", password=PASSWORD, role=Role.SECURITY_ADMIN,
                                 region_code=world.county.code)


@pytest.mark.parametrize("role", PRIVILEGED)
def test_office_cannot_create_a_privileged_account_on_the_web(world: World, role: Role) -> None:
    response = _client(world.clerk).post("/manage/users/", {
        "username": "mole", "display_name": "内鬼", "password": NEW_PASSWORD, "role": role.value,
        "region": world.county.pk})
    assert response.status_code == 200  # the form again, with the role refused
    assert not User.objects.filter(username="mole").exists()


@pytest.mark.parametrize("role", PRIVILEGED)
def test_office_cannot_grant_a_privileged_role_on_the_web(world: World, role: Role) -> None:
    client = _client(world.clerk)
    before = RoleAssignment.objects.count()
    for person in (world.officer, world.clerk):  # an account it does not control, and itself
        client.post(f"/manage/users/{person.pk}/", {"role": role.value, "region": world.province.pk})
        client.post(f"/manage/users/{person.pk}/", {"role": role.value, "region": world.township.pk})
    assert RoleAssignment.objects.count() == before


@pytest.mark.parametrize("role", PRIVILEGED)
def test_the_service_refuses_the_office_and_audits_the_denial(world: World, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        grant_role(actor=world.clerk, user=world.officer, role=role, region=world.county)
    with pytest.raises(PermissionDenied):
        create_user(actor=world.clerk, username="mole", display_name="", password=NEW_PASSWORD, role=role,
                    region=world.county)
    assert not User.objects.filter(username="mole").exists()
    assert not RoleAssignment.objects.filter(user=world.officer, role=role).exists()
    denials = AuditEntry.objects.filter(action="denied:role.grant", actor_id=world.clerk.pk)
    assert [d.after["role"] for d in denials] == [role.value, role.value]


def test_nobody_grants_themself_a_role(world: World, security_admin: User) -> None:
    with pytest.raises(PermissionDenied):
        grant_role(actor=world.clerk, user=world.clerk, role=Role.LEADER, region=world.county)
    with pytest.raises(PermissionDenied):
        grant_role(actor=security_admin, user=security_admin, role=Role.TIPOFF_HANDLER, region=world.county)
    _client(world.clerk).post(f"/manage/users/{world.clerk.pk}/", {"role": "leader", "region": world.county.pk})
    assert not RoleAssignment.objects.filter(user__in=[world.clerk, security_admin],
                                             role__in=[Role.LEADER, Role.TIPOFF_HANDLER]).exists()
    assert AuditEntry.objects.filter(action="denied:role.grant", object_id=str(world.clerk.pk)).exists()


def test_office_grants_working_roles_only_inside_its_region(world: World) -> None:
    grant_role(actor=world.clerk, user=world.officer, role=Role.LEADER, region=world.county)
    grant_role(actor=world.clerk, user=world.officer, role=Role.TOWNSHIP, region=world.township)
    with pytest.raises(PermissionDenied):
        grant_role(actor=world.clerk, user=world.officer, role=Role.LEADER, region=world.other_county)
    with pytest.raises(PermissionDenied):
        grant_role(actor=world.clerk, user=world.officer, role=Role.UNIT, region=world.township,
                   unit=world.other_unit)  # a unit of another county, hung under our township
    assert set(RoleAssignment.objects.filter(user=world.officer).values_list("role", "region")) == {
        (Role.DEPARTMENT, world.county.pk), (Role.LEADER, world.county.pk), (Role.TOWNSHIP, world.township.pk)}


def test_the_forms_offer_only_the_roles_the_granter_may_give(world: World, security_admin: User) -> None:
    office_form = _client(world.clerk).get("/manage/users/").content.decode()
    assert 'value="township"' in office_form and 'value="tipoff_handler"' not in office_form
    assert 'value="auditor"' not in office_form and 'value="security_admin"' not in office_form
    security_form = _client(security_admin).get(f"/manage/users/{world.officer.pk}/").content.decode()
    assert 'value="tipoff_handler"' in security_form and 'value="admin"' in security_form


def test_security_admin_grants_the_tipoff_handler_role(world: World, security_admin: User) -> None:
    client = _client(security_admin)
    response = client.post("/manage/users/", {
        "username": "jubao", "display_name": "冯受理", "password": NEW_PASSWORD, "role": "tipoff_handler",
        "region": world.county.pk})
    assert response.status_code == 302
    handler = User.objects.get(username="jubao")
    assert RoleAssignment.objects.get(user=handler).role == Role.TIPOFF_HANDLER
    client.post(f"/manage/users/{world.officer.pk}/", {"role": "auditor", "region": world.county.pk})
    assert RoleAssignment.objects.filter(user=world.officer, role=Role.AUDITOR).exists()
    assert AuditEntry.objects.filter(action="role.grant", actor_id=security_admin.pk).count() == 2


def test_security_admin_grants_nothing_outside_its_region(world: World, security_admin: User) -> None:
    with pytest.raises(PermissionDenied):
        grant_role(actor=security_admin, user=world.outsider, role=Role.AUDITOR, region=world.other_county)


def test_the_system_administrator_manages_no_people(world: World) -> None:
    admin = create_user_with_role(username="sysadmin", password=PASSWORD, role=Role.ADMIN,
                                  region_code=world.county.code, superuser=True)
    client = _client(admin)
    assert client.get("/manage/users/").status_code == 404
    assert client.get(f"/manage/users/{world.clerk.pk}/").status_code == 404
    assert client.get("/manage/holidays/new/").status_code == 200  # base data stays its work
    with pytest.raises(PermissionDenied):
        grant_role(actor=admin, user=world.officer, role=Role.TIPOFF_HANDLER, region=world.county)


def test_the_operator_bootstraps_any_role_from_the_command_line(world: World) -> None:
    assert main(["createuser", "anquan2", "--password", NEW_PASSWORD, "--role", "security_admin",
                 "--region", world.county.code]) == 0
    created = User.objects.get(username="anquan2")
    assert RoleAssignment.objects.get(user=created).role == Role.SECURITY_ADMIN
    assert AuditEntry.objects.filter(action="role.grant", object_id=str(created.pk), actor_id__isnull=True).exists()
