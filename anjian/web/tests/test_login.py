"""Sign-in with lockout, sign-out and password change."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from anjian.audit.models import AuditEntry
from anjian.fixtures import PASSWORD, World


def _post(client: Client, username: str, password: str) -> object:
    return client.post("/login/", {"username": username, "password": password})


def test_anonymous_is_sent_to_the_sign_in_page(client: Client, db: None) -> None:
    response = client.get("/tasks/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/tasks/")


def test_good_password_signs_in_and_follows_next(client: Client, world: World) -> None:
    response = client.post("/login/?next=/hazards/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/hazards/"


def test_next_pointing_elsewhere_is_ignored(client: Client, world: World) -> None:
    response = client.post("/login/?next=https://evil.example/", {"username": "clerk", "password": PASSWORD})
    assert response["Location"] == "/"


def test_wrong_password_is_refused_and_audited(client: Client, world: World) -> None:
    response = _post(client, "clerk", "wrong")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert AuditEntry.objects.filter(action="login.failed", object_id=str(world.clerk.pk)).count() == 1


def test_unknown_user_failure_is_audited_without_an_account(client: Client, world: World) -> None:
    _post(client, "nobody", "wrong")
    entry = AuditEntry.objects.get(action="login.failed")
    assert entry.after["username"] == "nobody"


def test_five_failures_lock_the_account_for_thirty_minutes(client: Client, world: World) -> None:
    # given: four failures
    for _ in range(4):
        _post(client, "clerk", "wrong")
    world.clerk.refresh_from_db()
    assert world.clerk.locked_until is None
    # when: the fifth
    response = _post(client, "clerk", "wrong")
    # then: locked, with a clear Chinese message, and even the right password is refused
    world.clerk.refresh_from_db()
    assert world.clerk.locked_until is not None
    minutes = (world.clerk.locked_until - timezone.now()).total_seconds() / 60
    assert 29 < minutes <= 30
    assert "账号已锁定" in response.content.decode()
    assert AuditEntry.objects.filter(action="login.locked").count() == 1
    refused = _post(client, "clerk", PASSWORD)
    assert "账号已锁定" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_expired_lock_lets_the_right_password_in_and_resets_the_counter(client: Client, world: World) -> None:
    world.clerk.locked_until = timezone.now() - timedelta(minutes=1)
    world.clerk.failed_logins = 3
    world.clerk.save()
    response = _post(client, "clerk", PASSWORD)
    assert response.status_code == 302
    world.clerk.refresh_from_db()
    assert (world.clerk.failed_logins, world.clerk.locked_until) == (0, None)


def test_logout_needs_post(client: Client, world: World) -> None:
    client.force_login(world.clerk)
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response["Location"] == "/login/"
    assert client.get("/").status_code == 302


def test_password_change(client: Client, world: World) -> None:
    client.force_login(world.clerk)
    new = "Longer-new-pass-2025"
    response = client.post("/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    world.clerk.refresh_from_db()
    assert world.clerk.check_password(new)
    assert world.clerk.password_changed_at is not None
    assert AuditEntry.objects.filter(action="user.password_change").exists()


def test_password_change_rejects_a_wrong_old_password(client: Client, world: World) -> None:
    client.force_login(world.clerk)
    response = client.post("/password/", {"old_password": "x", "new_password1": "Abc-123456x",
                                          "new_password2": "Abc-123456x"})
    assert response.status_code == 200
    world.clerk.refresh_from_db()
    assert world.clerk.check_password(PASSWORD)


def test_an_unknown_name_meets_the_same_messages_and_lock_as_a_known_one(client: Client, world: World) -> None:
    # when: six wrong passwords under a name an account holds and under one no account holds
    def messages(username: str) -> list[list[str]]:
        # (the unlock time is the minute five failures were reached: the same words, maybe a minute apart)
        return [[re.sub(r"\d\d:\d\d", "HH:MM", e)
                 for e in _post(Client(), username, "wrong").context["form"].non_field_errors()]  # type: ignore[attr-defined]
                for _ in range(6)]

    known, unknown = messages("clerk"), messages("no-such-person")
    # then: the same words each time: four "wrong", then locked (the fifth), and locked again (the sixth)
    assert known == unknown
    assert ["用户名或密码错误" in m[0] for m in known] == [True] * 4 + [False] * 2
    assert all("账号已锁定" in m[0] for m in known[4:])
    assert AuditEntry.objects.filter(action="login.locked").count() == 2


def test_sign_in_and_sign_out_each_write_one_audit_row_without_the_password(client: Client, world: World) -> None:
    _post(client, "clerk", "Wrong-guess-123")
    _post(client, "clerk", PASSWORD)
    client.post("/logout/")
    rows = list(AuditEntry.objects.filter(action__in=["login", "login.failed", "logout"]).order_by("seq"))
    assert [(e.action, e.object_id) for e in rows] == [("login.failed", str(world.clerk.pk)),
                                                      ("login", str(world.clerk.pk)), ("logout", str(world.clerk.pk))]
    assert rows[1].actor_id == rows[2].actor_id == world.clerk.pk
    text = " ".join(f"{e.before} {e.after}" for e in AuditEntry.objects.all())
    assert PASSWORD not in text and "Wrong-guess-123" not in text


def test_a_locked_account_cannot_authenticate_through_any_door(world: World) -> None:
    from django.contrib.auth import authenticate

    world.clerk.locked_until = timezone.now() + timedelta(minutes=10)
    world.clerk.save(update_fields=["locked_until"])
    assert authenticate(username="clerk", password=PASSWORD) is None
    assert not Client().login(username="clerk", password=PASSWORD)
    world.clerk.locked_until = timezone.now() - timedelta(minutes=1)
    world.clerk.save(update_fields=["locked_until"])
    assert authenticate(username="clerk", password=PASSWORD) is not None
