"""The Django admin is gone: no second door beside the policy, the lockout and the audit chain (issue 17: 3, 4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.services import create_user_with_role
from anjian.fixtures import PASSWORD, World

NEW = "Reset-by-someone-else-2026"
PASSWORD_FIELDS = {"password": NEW, "password1": NEW, "password2": NEW, "new_password1": NEW, "new_password2": NEW,
                   "old_password": PASSWORD, "usable_password": "true"}


@pytest.fixture
def sysadmin(world: World) -> Client:
    create_user_with_role(username="sysadmin", password=PASSWORD, role=Role.ADMIN,
                          region_code=world.province.code, superuser=True)
    client = Client(raise_request_exception=False)
    assert client.login(username="sysadmin", password=PASSWORD)
    return client


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(list(entry.url_patterns), text)
        else:
            yield text


def _concrete(route: str, pk: int) -> str | None:
    """A route with every parameter set to the auditor's id; regex-only routes (i18n, static) are skipped."""
    if route.startswith("^") or "(?P" in route:
        return None
    return "/" + re.sub(r"<(?:\w+:)?\w+>", str(pk), route)


def test_admin_urls_answer_404(client: Client, world: World) -> None:
    for path in ("/admin/", "/admin/login/", "/admin/accounts/user/", "/admin/audit/auditentry/"):
        assert client.get(path).status_code == 404, path


def test_a_locked_account_has_no_other_sign_in_page(client: Client, world: World) -> None:
    # given: the account is locked (what five wrong passwords do)
    world.clerk.locked_until = timezone.now() + timezone.timedelta(minutes=30)
    world.clerk.save(update_fields=["locked_until"])
    # when: the right password is sent to the old Django admin sign-in page
    response = client.post("/admin/login/", {"username": "clerk", "password": PASSWORD, "next": "/admin/"})
    # then: there is no such page, and no session was opened
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session


def test_no_page_lets_the_system_administrator_reset_the_auditors_password(world: World, sysadmin: Client) -> None:
    # given: the superuser who administers the installation, and every route the site serves
    auditor = world.auditor
    paths = {p for route in _routes(list(get_resolver().url_patterns)) if (p := _concrete(route, auditor.pk))}
    assert f"/manage/users/{auditor.pk}/" in paths  # the walk reaches the user pages
    # when: each is sent a password change for the auditor, as a form and with the auditor's id everywhere
    for path in sorted(paths):
        if path.startswith("/logout"):
            continue
        sysadmin.post(path, {**PASSWORD_FIELDS, "user": auditor.pk, "pk": auditor.pk, "id": auditor.pk})
        sysadmin.post(f"{path}password/", PASSWORD_FIELDS)
    sysadmin.post(f"/admin/accounts/user/{auditor.pk}/password/", PASSWORD_FIELDS)
    # then: the auditor's password is what it was
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)
    assert not auditor.check_password(NEW)
