"""An import whose rows were confirmed 待定 (no responsible unit or no deadline) tells the office that imported
it: one outbox message per run, delivered to the inbox of whoever may fill the tasks and to the robot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anjian.escalation.services import deliver
from anjian.fixtures import World
from anjian.ingest.importer import apply_stage, preview_stage, stage_file
from anjian.ingest.staging import stage_upload
from anjian.ingest.tests.documents import GAS_PLAN
from anjian.notify.models import Notification, OutboxMessage
from anjian.notify.tests.robot import Robot, robot_server
from anjian.web.todos import todos

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def robot(settings: Any) -> Iterator[Robot]:
    with robot_server() as receiver:
        settings.ANJIAN_WEBHOOK_URL = receiver.url
        yield receiver


def _import(world: World, pending: tuple[int, ...]) -> Any:
    token, stored = stage_upload(SimpleUploadedFile("燃气整改方案.txt", GAS_PLAN.encode("utf-8")))
    stage = stage_file(actor=world.clerk, region=world.county, stored=stored, original_name="燃气整改方案.txt",
                       token=token)
    rows = [r.as_item() for r in preview_stage(stage).rows]
    for i in pending:
        rows[i]["pending"] = True
    return apply_stage(actor=world.clerk, stage=stage, rows=rows)


def test_pending_rows_reach_the_importing_office_once(world: World, robot: Robot) -> None:
    # given an import whose rows 2 (no unit) and 3 (no deadline) were confirmed 待定
    run = _import(world, pending=(1, 2))
    # then one outbox message names the run and both rows
    message = OutboxMessage.objects.get(kind="import_pending")
    assert (message.item_kind, message.item_id) == ("import", run.pk)
    assert "2项" in message.title and "第2项（缺责任单位）" in message.body and "第3项（缺时限）" in message.body
    # when the deliverer runs (twice)
    deliver()
    deliver()
    # then the clerk, who may fill the tasks and sees them in the to-do, has it once; the owners do not
    notes = Notification.objects.filter(kind="import_pending")
    assert [n.recipient for n in notes] == [world.clerk]
    assert not notes.filter(recipient__in=[world.officer, world.reviewer, world.principal]).exists()
    box = next(b for b in todos(world.clerk, date(2026, 12, 6)) if b.key == "task_pending")
    assert box.count == 2
    # and the robot got it once
    assert [t for t in robot.texts() if t.startswith("【待补全】")] == [f"{message.title}\n{message.body}"]
    # and the inbox links to the import's report
    client = Client()
    client.force_login(world.clerk)
    page = client.get("/notifications/").content.decode()
    assert f'href="/import/runs/{run.pk}/"' in page


def test_a_complete_import_announces_nothing_pending(world: World) -> None:
    token, stored = stage_upload(SimpleUploadedFile("燃气整改方案.txt", GAS_PLAN.encode("utf-8")))
    stage = stage_file(actor=world.clerk, region=world.county, stored=stored, original_name="燃气整改方案.txt",
                       token=token)
    rows = [r.as_item() for r in preview_stage(stage).rows]
    rows[1]["units"], rows[2]["deadline"] = ["区城管局"], "2030-06-30"
    apply_stage(actor=world.clerk, stage=stage, rows=rows)
    assert not OutboxMessage.objects.filter(kind="import_pending").exists()
