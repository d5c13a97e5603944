"""Who may see a tip-off, act on it and open the reporter's identity."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from anjian.accounts.models import User
from anjian.accounts.policy import scope_q
from anjian.audit.models import AuditEntry
from anjian.errors import NotFound, PermissionDenied
from anjian.fixtures import PASSWORD, World
from anjian.tipoffs import services
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE
from anjian.tipoffs.models import TipOff
from anjian.tipoffs.services import Submission, transition


def _routed(filed: Submission, world: World, handler: User) -> TipOff:
    tipoff = transition(tipoff=filed.tipoff, action="triage", actor=handler)
    return transition(tipoff=tipoff, action="route", actor=handler, department=world.urban)


def test_handler_reveal_is_audited(filed: Submission, handler: User) -> None:
    identity = services.reveal_identity(actor=handler, tipoff=filed.tipoff)
    assert (identity.name, identity.phone) == (REPORTER_NAME, REPORTER_PHONE)
    entry = AuditEntry.objects.filter(action="tipoff.reveal_identity").get()
    assert entry.actor_id == handler.pk and entry.object_id == str(filed.tipoff.pk)
    assert REPORTER_NAME not in str(entry.after) and REPORTER_NAME not in repr(identity)


def test_reported_units_principal_gets_not_found(filed: Submission, world: World) -> None:
    with pytest.raises(NotFound):
        services.reveal_identity(actor=world.principal, tipoff=filed.tipoff)
    assert AuditEntry.objects.filter(action="denied:reveal", actor_id=world.principal.pk).exists()


def test_routed_department_sees_but_cannot_reveal(filed: Submission, world: World, handler: User) -> None:
    tipoff = _routed(filed, world, handler)
    with pytest.raises(PermissionDenied):
        services.reveal_identity(actor=world.officer, tipoff=tipoff)
    assert not AuditEntry.objects.filter(action="tipoff.reveal_identity").exists()


def test_office_clerk_cannot_reveal(filed: Submission, world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.reveal_identity(actor=world.clerk, tipoff=filed.tipoff)


@pytest.mark.parametrize(
    ("who", "before_routing", "after_routing"),
    [("handler", 1, 1), ("clerk", 1, 1), ("officer", 0, 1), ("fire_officer", 0, 0), ("principal", 0, 0),
     ("township_staff", 0, 0), ("leader", 0, 0), ("outsider", 0, 0), ("auditor", 0, 0)],
)
def test_who_sees_a_tip_off(
    who: str, before_routing: int, after_routing: int, filed: Submission, world: World, handler: User
) -> None:
    user = handler if who == "handler" else getattr(world, who)
    assert TipOff.objects.filter(scope_q(user, "tipoff")).count() == before_routing
    _routed(filed, world, handler)
    assert TipOff.objects.filter(scope_q(user, "tipoff")).count() == after_routing


def test_department_not_routed_cannot_act(filed: Submission, world: World, handler: User) -> None:
    tipoff = _routed(filed, world, handler)
    with pytest.raises(NotFound):
        transition(tipoff=tipoff, action="start_verifying", actor=world.fire_officer)


def test_identity_page_is_404_for_the_principal(client: Client, filed: Submission, world: World) -> None:
    client.login(username="principal", password=PASSWORD)
    assert client.post(reverse("tipoffs:reveal", args=[filed.tipoff.pk])).status_code == 404
    assert client.get(reverse("tipoffs:detail", args=[filed.tipoff.pk])).status_code == 404


def test_handler_sees_identity_only_after_asking(client: Client, filed: Submission, handler: User) -> None:
    client.login(username="handler", password=PASSWORD)
    page = client.get(reverse("tipoffs:detail", args=[filed.tipoff.pk])).content.decode()
    assert REPORTER_NAME not in page and "reveal-identity" in page
    shown = client.post(reverse("tipoffs:reveal", args=[filed.tipoff.pk]))
    assert REPORTER_NAME in shown.content.decode() and "no-store" in shown["Cache-Control"]
    assert AuditEntry.objects.filter(action="tipoff.reveal_identity").count() == 1


def test_department_officer_gets_403_on_reveal_page(
    client: Client, filed: Submission, world: World, handler: User
) -> None:
    _routed(filed, world, handler)
    client.login(username="officer", password=PASSWORD)
    response = client.post(reverse("tipoffs:reveal", args=[filed.tipoff.pk]), follow=True)
    assert REPORTER_NAME not in response.content.decode()
    assert not AuditEntry.objects.filter(action="tipoff.reveal_identity").exists()


@pytest.mark.parametrize("username", ["leader", "principal", "admin_role"])
def test_the_queue_is_not_there_for_roles_that_handle_no_tip_off(
    client: Client, filed: Submission, world: World, username: str
) -> None:
    """Found by an outside walk: the system administrator opened an (empty) handling queue; no door stays ajar."""
    if username == "admin_role":
        from anjian.accounts.choices import Role
        from anjian.accounts.services import create_user_with_role

        create_user_with_role(username=username, password="Xy7!kq9pLm2#", role=Role.ADMIN,
                              region_code=world.county.code)
        client.login(username=username, password="Xy7!kq9pLm2#")
    else:
        client.login(username=username, password=PASSWORD)
    assert client.get(reverse("tipoffs:queue")).status_code == 404
