"""The menu is derived from the policy: what it shows opens, and a role sees what its policy rows allow."""

from __future__ import annotations

from django.test import Client

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.services import create_user_with_role
from anjian.fixtures import PASSWORD, World
from anjian.web.navigation import build_menu

EXTRA = (Role.ADMIN, Role.SECURITY_ADMIN, Role.EXPERT, Role.TIPOFF_HANDLER)


def _people(world: World) -> dict[str, User]:
    people = {name: getattr(world, name) for name in ("clerk", "officer", "principal", "township_staff", "leader",
                                                      "auditor")}
    for role in EXTRA:
        people[role.value] = create_user_with_role(username=f"n-{role.value}", password=PASSWORD, role=role,
                                                   region_code=world.county.code)
    people["superuser-without-roles"] = User.objects.create_user(username="n-root", password=PASSWORD,
                                                                 is_superuser=True, is_staff=True)
    return people


def _shown(user: User) -> dict[str, str]:
    return {item.url_name: item.url for _, items in build_menu(user, "") for item in items}


def test_every_entry_a_role_is_shown_opens_for_it(world: World) -> None:
    world.task()
    world.hazard()
    for name, user in _people(world).items():
        client = Client()
        client.force_login(user)
        for url_name, url in _shown(user).items():
            status = client.get(url).status_code
            assert status in {200, 302}, f"{name}: {url_name} shown but answers {status}"


def test_a_role_sees_its_own_work_and_no_other(world: World) -> None:
    people = _people(world)
    assert set(_shown(people["superuser-without-roles"])) == {"web:home", "web:notifications"}
    admin = _shown(people[Role.ADMIN.value])
    assert "web:admin_index" in admin and "audit:log" not in admin and "tipoffs:queue" not in admin
    security = _shown(people[Role.SECURITY_ADMIN.value])
    assert "web:admin_index" in security and "web:hazard_list" not in security
    assert "audit:log" in _shown(people["auditor"]) and "web:admin_index" not in _shown(people["auditor"])
    assert "web:my_hazard_new" in _shown(people["principal"]) and "web:my_hazard_new" not in _shown(people["clerk"])
    assert "tipoffs:queue" in _shown(people[Role.TIPOFF_HANDLER.value])
