"""Parallel sign-in attempts against one name: counted one by one, whether or not an account holds it (issue 17:
13, 16). Real threads, each with its own database connection, through the sign-in page."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.signals import user_login_failed
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from anjian.accounts.models import User
from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.fixtures import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 5  # settings.ANJIAN_LOCKOUT_ATTEMPTS
LOCKED = "账号已锁定"


@pytest.fixture
def production_hashing(settings: Any) -> None:
    """The production hasher (PBKDF2, ~0.3 s a check): the window in which parallel guesses overlap is real."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture
def password_checks() -> Any:
    """Counts the passwords Django checked and found wrong (its own user_login_failed signal)."""
    seen: Counter[str] = Counter()
    lock = threading.Lock()

    def count(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
        with lock:
            seen[credentials.get("username", "")] += 1

    user_login_failed.connect(count, dispatch_uid="test_login_race")
    yield seen
    user_login_failed.disconnect(dispatch_uid="test_login_race")


def _burst(attempts: list[tuple[str, str]]) -> Counter[str]:
    """POST each (username, password) to /login/ from its own thread, all released at once; count outcomes."""
    barrier = threading.Barrier(len(attempts))
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def run(username: str, password: str) -> None:
        close_old_connections()
        client = Client()
        barrier.wait()
        try:
            response = client.post("/login/", {"username": username, "password": password})
            if response.status_code == 302:
                result = "signed_in"
            elif LOCKED in response.content.decode():
                result = "locked"
            else:
                result = "wrong"
        finally:
            connection.close()
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=run, args=pair) for pair in attempts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return outcomes


def _rows(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def _with_production_password(username: str) -> User:
    user = User.objects.get(username=username)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def test_forty_parallel_wrong_guesses_are_counted_exactly(production_hashing: None, password_checks: Any) -> None:
    build_world()
    clerk = _with_production_password("clerk")
    # when: forty wrong guesses at once
    outcomes = _burst([("clerk", f"wrong-{i}") for i in range(40)])
    # then: five passwords were checked, the fifth locked the account, the other 35 were refused unchecked
    assert password_checks["clerk"] == ATTEMPTS
    assert (_rows("login.failed"), _rows("login.locked"), _rows("login.refused")) == (ATTEMPTS, 1, 40 - ATTEMPTS)
    assert outcomes == Counter({"wrong": ATTEMPTS - 1, "locked": 40 - ATTEMPTS + 1})
    clerk.refresh_from_db()
    assert clerk.locked_until is not None and clerk.locked_until > timezone.now()
    assert verify().ok


def test_the_right_password_in_a_burst_neither_signs_in_nor_lifts_the_lock(production_hashing: None,
                                                                           password_checks: Any) -> None:
    # given: a locked account
    build_world()
    clerk = _with_production_password("clerk")
    until = timezone.now() + timezone.timedelta(minutes=20)
    User.objects.filter(pk=clerk.pk).update(locked_until=until)
    # when: the right password arrives amid wrong ones
    attempts = [("clerk", f"wrong-{i}") for i in range(15)]
    attempts.insert(7, ("clerk", PASSWORD))
    outcomes = _burst(attempts)
    # then: nobody signed in, no password was even checked, the lock stands as it was
    assert outcomes == Counter({"locked": 16})
    assert password_checks["clerk"] == 0 and _rows("login") == 0
    clerk.refresh_from_db()
    assert clerk.locked_until == until


def test_an_unknown_name_is_counted_and_locked_like_a_known_one(production_hashing: None,
                                                                password_checks: Any) -> None:
    from anjian.web.models import LoginThrottle
    from anjian.web.services import name_key

    build_world()
    outcomes = _burst([("no-such-person", f"wrong-{i}") for i in range(40)])
    assert password_checks["no-such-person"] == ATTEMPTS
    assert (_rows("login.failed"), _rows("login.locked"), _rows("login.refused")) == (ATTEMPTS, 1, 40 - ATTEMPTS)
    assert outcomes == Counter({"wrong": ATTEMPTS - 1, "locked": 40 - ATTEMPTS + 1})
    throttle = LoginThrottle.objects.get(name_hash=name_key("no-such-person"))
    assert throttle.locked_until is not None and throttle.locked_until > timezone.now()
    assert not LoginThrottle.objects.filter(name_hash__contains="no-such").exists()  # the name is not stored
