"""Two conflicting transitions at once through the API: one 200, one 409, one audit row."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from anjian.api.services import issue_token
from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.fixtures import build_world
from anjian.ledger.choices import Action
from anjian.ledger.models import ItemEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_conflicting_transitions_one_wins_the_other_gets_409() -> None:
    world = build_world()
    task = world.task()
    world.submit(task, world.officer)
    task.refresh_from_db()
    _, raw = issue_token(actor=None, user=world.reviewer, name="race")
    audit_before = AuditEntry.objects.count()
    bodies = [{"action": "close", "reason": "同意销号", "expected_version": task.version},
              {"action": "return", "reason": "照片不清晰", "expected_version": task.version}]
    barrier = threading.Barrier(2)
    results: list[tuple[int, dict[str, object]]] = []
    lock = threading.Lock()

    def run(body: dict[str, object]) -> None:
        close_old_connections()
        client = Client()
        barrier.wait()
        try:
            response = client.post(f"/api/tasks/{task.pk}/transitions", body, content_type="application/json",
                                   headers={"Authorization": f"Bearer {raw}"})
            with lock:
                results.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert Counter(status for status, _ in results) == Counter({200: 1, 409: 1})
    loser = next(body for status, body in results if status == 409)
    assert loser["code"] in {"conflict", "transition_not_allowed"}
    winner = next(body for status, body in results if status == 200)
    # exactly one event and one audit row claim a transition happened, and it is the winner's
    events = ItemEvent.objects.filter(task=task, action__in=[Action.CLOSE, Action.RETURN])
    assert [e.to_status for e in events] == [winner["status"]]
    new_audit = AuditEntry.objects.filter(seq__gt=audit_before)
    assert [a.action for a in new_audit if a.action.startswith("task.")] == [f"task.{events[0].action}"]
    assert verify().ok
