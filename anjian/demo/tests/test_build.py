"""The demo county: every role has an account, items in every status, some overdue, imported documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.demo import county as demo_county
from anjian.demo import history
from anjian.demo.build import build_demo
from anjian.demo.documents import chinese_date
from anjian.ingest.models import ImportRun
from anjian.ledger.choices import TASK_WATCHED, HazardStatus, TaskStatus
from anjian.ledger.models import Hazard, Inspection, ItemEvent, Task, TaskOwner
from anjian.org.models import Department, Unit


@pytest.fixture
def small_demo(monkeypatch: pytest.MonkeyPatch, settings: object, tmp_path: Path) -> None:
    """A smaller county (fewer units and visits) so the test stays quick; the shape is the same."""
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    monkeypatch.setattr(demo_county, "UNIT_COUNT", 80)
    real = history.replay_inspections
    monkeypatch.setattr(history, "replay_inspections", lambda c, clock, rng: real(c, clock, rng, visits=70))
    from anjian.demo import build

    monkeypatch.setattr(build, "replay_inspections", history.replay_inspections)


def test_build_demo_creates_every_role_and_history(db: None, small_demo: None) -> None:
    credentials = build_demo(progress=False)

    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    names = dict(credentials.users)
    assert "anweiban" in names and "admin" in names
    assert User.objects.get(username="anweiban").check_password(credentials.password)
    assert Department.objects.count() >= 15 and Unit.objects.count() == 80
    assert Inspection.objects.count() == 70
    # tasks and hazards in every status except a hazard's draft-like start, and some overdue
    assert set(Task.objects.values_list("status", flat=True)) == set(TaskStatus.values)
    assert set(Hazard.objects.values_list("status", flat=True)) >= set(HazardStatus.values) - {HazardStatus.CANCELLED}
    today = timezone.localdate()
    assert Task.objects.filter(status__in=TASK_WATCHED, due_date__lt=today).exists()
    # history spans months, carried by the event rows statistics are computed from
    oldest = ItemEvent.objects.order_by("at").first()
    assert oldest is not None and (today - timezone.localtime(oldest.at).date()).days > 120
    # the demo's own documents were imported, with resolved owners
    assert ImportRun.objects.count() == 3
    imported = Task.objects.filter(import_run__isnull=False)
    assert imported.count() >= 15
    assert TaskOwner.objects.filter(task__in=imported, department__isnull=True, region__isnull=True).count() == 0
    # the office has steered overdue work: urged tasks (one twice), one reassigned with its reason
    urged = ItemEvent.objects.filter(action="urge")
    assert urged.count() >= 2 and urged.values("task").distinct().count() < urged.count()
    assert ItemEvent.objects.filter(action="reassign").exclude(reason="").exists()


def test_build_demo_twice_does_not_duplicate(db: None, small_demo: None) -> None:
    first = build_demo(progress=False)
    counts = (User.objects.count(), Task.objects.count(), Hazard.objects.count(), ImportRun.objects.count())

    second = build_demo(progress=False)

    assert second == first
    assert (User.objects.count(), Task.objects.count(), Hazard.objects.count(), ImportRun.objects.count()) == counts


def test_chinese_date_of_the_signature() -> None:
    from datetime import date

    assert chinese_date(date(2022, 11, 8)) == "二〇二二年十一月八日"
    assert chinese_date(date(2024, 10, 20)) == "二〇二四年十月二十日"


def test_anjian_demo_no_serve_exits_zero(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("ANJIAN_DATABASE_URL", "ANJIAN_DATA_DIR")}
    result = subprocess.run(
        [sys.executable, "-m", "anjian.cli", "--data", str(tmp_path / "data"), "demo", "--no-serve", "--quiet"],
        capture_output=True, text=True, timeout=900, env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "anweiban" in result.stdout and "Anjian-demo-2024" in result.stdout
