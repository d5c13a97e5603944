"""Measures (does not judge) the response time of the main pages on a populated county.

Run with ANJIAN_MEASURE=1; the figures go to test-artifacts/page-times.txt. A benchmark measures; the
only assertions are that every page answers.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.test import Client

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.choices import HazardChannel, HazardGrade, HazardStatus, TaskStatus
from anjian.ledger.models import EnforcementAction, Hazard, Inspection, ItemEvent, Task, TaskOwner
from anjian.org.models import Unit

pytestmark = pytest.mark.skipif(os.environ.get("ANJIAN_MEASURE") != "1", reason="set ANJIAN_MEASURE=1 to measure")
OUT = Path(__file__).resolve().parents[3] / "test-artifacts" / "page-times.txt"
WORDS = ["燃气", "消防", "危化品", "建筑施工", "交通运输", "特种设备", "工贸", "九小场所"]


def _populate(world: World, tasks: int, hazards: int, units: int) -> None:
    """Rows written in bulk (the search triggers still fire): volume, not workflow, is measured here."""
    statuses = list(TaskStatus.values)
    made = Task.objects.bulk_create(
        Task(region=world.county, seq=str(i), category=WORDS[i % 8] + "安全", problem=f"{WORDS[i % 8]}领域问题第{i}项",
             measures=f"开展{WORDS[(i + 3) % 8]}专项整治第{i}项", status=statuses[i % len(statuses)],
             deadline_kind="date", due_date=date(2025, 1, 1) + timedelta(days=i % 700))
        for i in range(tasks))
    TaskOwner.objects.bulk_create(TaskOwner(task=t, name="区城管局", department=world.urban) for t in made)
    ItemEvent.objects.bulk_create(ItemEvent(task=t, action="create", to_status=t.status, at=world.clerk.date_joined)
                                  for t in made)
    unit_rows = Unit.objects.bulk_create(
        Unit(name=f"{WORDS[i % 8]}单位{i}", sector=world.gas, region=world.township, principal_name=f"负责人{i}")
        for i in range(units))
    hazard_statuses = list(HazardStatus.values)
    Hazard.objects.bulk_create(
        Hazard(unit=unit_rows[i % units], region=world.township, sector=world.gas, supervising_department=world.urban,
               description=f"{WORDS[i % 8]}隐患第{i}处", channel=list(HazardChannel.values)[i % 5],
               grade=HazardGrade.MAJOR if i % 10 == 0 else HazardGrade.GENERAL, found_on=date(2025, 1, 1),
               status=hazard_statuses[i % len(hazard_statuses)], deadline_kind="date",
               due_date=date(2025, 1, 1) + timedelta(days=i % 700))
        for i in range(hazards))
    inspections = Inspection.objects.bulk_create(
        Inspection(unit=unit_rows[i % units], region=world.township, department=world.urban,
                   inspected_on=date(2025, 3, 1), inspectors="赵城管") for i in range(units))
    EnforcementAction.objects.bulk_create(
        EnforcementAction(unit=i.unit, region=world.township, department=world.urban, inspection=i, kind="penalty",
                          decided_on=date(2025, 3, 2), company_amount=10000) for i in inspections[: units // 2])


def _time(client: Client, url: str, repeat: int = 7) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return statistics.median(samples), max(samples)


def test_measure_main_pages(world: World, login: Callable[[User], Client]) -> None:
    _populate(world, tasks=5000, hazards=5000, units=1000)
    task = Task.objects.order_by("pk").first()
    hazard = Hazard.objects.order_by("pk").first()
    client = login(world.clerk)
    urls = ["/", "/tasks/", "/tasks/?q=燃气", "/tasks/?q=专项整治第12", "/tasks/?overdue=1&order=due",
            "/hazards/", "/hazards/?grade=major&status=open", "/inspections/", "/enforcement/", "/units/",
            "/units/?q=消防单位", f"/tasks/{task.pk}/", f"/hazards/{hazard.pk}/", f"/units/{hazard.unit_id}/",
            "/import/", "/inspections/new/", "/manage/"]
    lines = ["page times on 5,000 tasks, 5,000 hazards, 1,000 units, 1,000 inspections (median / max of 7, ms)"]
    for url in urls:
        median, worst = _time(client, url)
        lines.append(f"{median:8.1f} {worst:8.1f}  {url}")
    start = time.perf_counter()
    assert client.get("/tasks/?export=xlsx").status_code == 200
    lines.append(f"{(time.perf_counter() - start) * 1000:8.1f}           /tasks/?export=xlsx (5,000 rows, once)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
