"""Concurrent reviewers on one item: exactly one transition wins, no update is lost."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from django.db import close_old_connections, connection

from anjian.accounts.choices import Role
from anjian.accounts.services import grant_role
from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.errors import DomainError
from anjian.fixtures import World, build_world
from anjian.ledger.choices import Action
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import ItemEvent, ProgressReport, Task
from anjian.ledger.services import submit_progress, transition

pytestmark = pytest.mark.django_db(transaction=True)


def _race(n: int, work: Callable[[int], str]) -> Counter[str]:
    """Run `work` in n threads released at the same moment; count the outcomes."""
    barrier = threading.Barrier(n)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def run(i: int) -> None:
        close_old_connections()
        barrier.wait()
        try:
            result = work(i)
        except DomainError as exc:
            result = exc.code
        finally:
            connection.close()
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


@pytest.mark.parametrize("n", [2, 8, 32])
def test_conflicting_reviews_exactly_one_wins(n: int) -> None:
    world = build_world()
    task = world.task()
    world.submit(task, world.officer)
    audit_before = AuditEntry.objects.count()

    def review(i: int) -> str:
        action = Action.RETURN if i % 2 else Action.CLOSE
        fresh = Task.objects.get(pk=task.pk)
        transition(item=fresh, action=action, actor=world.reviewer, reason=f"审核意见 {i}")
        return "ok"

    outcomes = _race(n, review)
    assert outcomes["ok"] == 1
    assert sum(outcomes.values()) == n
    assert set(outcomes) <= {"ok", "transition_not_allowed", "conflict"}
    # exactly one event and one audit row claim a review happened
    assert ItemEvent.objects.filter(task=task, action__in=[Action.RETURN, Action.CLOSE]).count() == 1
    assert AuditEntry.objects.count() == audit_before + 1
    assert verify().ok


@pytest.mark.parametrize("n", [2, 8, 32])
def test_concurrent_progress_reports_lose_no_update(n: int, tmp_path: object, settings: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    world: World = build_world()
    task = world.task(deadline=DeadlineSpec.from_schema("long-term", "长期"))
    version = Task.objects.get(pk=task.pk).version

    def report(i: int) -> str:
        submit_progress(actor=world.officer, item=Task.objects.get(pk=task.pk), text=f"第{i}条进展",
                        period=date(2030, 1 + i % 12, 1))
        return "ok"

    outcomes = _race(n, report)
    assert outcomes == Counter({"ok": n})
    assert ProgressReport.objects.filter(task=task).count() == n
    assert ItemEvent.objects.filter(task=task, action="progress").count() == n
    assert verify().ok and verify().checked == AuditEntry.objects.count()
    assert Task.objects.get(pk=task.pk).version >= version


def test_stale_form_gets_a_conflict() -> None:
    world = build_world()
    task = world.task()
    stale_version = task.version
    grant_role(actor=None, user=world.officer, role=Role.DEPARTMENT, region=world.county, department=world.urban)
    transition(item=task, action=Action.START, actor=world.officer)
    with pytest.raises(DomainError) as err:
        transition(item=task, action=Action.SUBMIT, actor=world.officer, expected_version=stale_version)
    assert err.value.code == "conflict"


def test_transitions_of_different_items_at_once_all_land_on_one_unbroken_chain() -> None:
    world = build_world()
    tasks = [world.task(seq=str(k), assign=False) for k in range(16)]
    audit_before = AuditEntry.objects.count()

    def assign(i: int) -> str:
        transition(item=tasks[i], action=Action.ASSIGN, actor=world.clerk)
        return "ok"

    assert _race(16, assign) == Counter({"ok": 16})
    assert ItemEvent.objects.filter(task__in=tasks, action=Action.ASSIGN).count() == 16
    assert AuditEntry.objects.count() == audit_before + 16
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert verify().ok
