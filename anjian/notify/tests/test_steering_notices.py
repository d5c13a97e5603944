"""Steering notices (催办, 改派, 调整时限), submissions waiting for review and extension requests: written to the
outbox from their ledger events, delivered once to the right people's inbox and to the group-chat robot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from anjian.escalation.services import deliver
from anjian.fixtures import World
from anjian.ledger import steering
from anjian.ledger.choices import OwnerRole
from anjian.ledger.services import OwnerSpec
from anjian.notify.models import Notification, OutboxMessage
from anjian.notify.tests.deliverers import two_deliverers
from anjian.notify.tests.robot import Robot, robot_server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def robot(settings: Any) -> Iterator[Robot]:
    with robot_server() as receiver:
        settings.ANJIAN_WEBHOOK_URL = receiver.url
        yield receiver


def test_an_urge_reaches_the_owners_and_the_robot_once(world: World, robot: Robot) -> None:
    # given an assigned task of 区城管局 whose assignment was delivered
    task = world.task(seq="9")
    deliver()
    posted = len(robot.received)
    # when the clerk urges it and two deliverers run at once
    assert steering.urge(actor=world.clerk, item=task, message="请本周内报送进展") == 1
    results = two_deliverers()
    # then one outbox message, one inbox row for the officer, one robot post
    message = OutboxMessage.objects.get(kind="urge")
    assert message.item_id == task.pk and message.title.startswith("【催办】（第1次）任务 9")
    assert sum(r.delivered for r in results) == 1
    notes = Notification.objects.filter(kind="urge")
    assert [(n.recipient, n.outbox_id) for n in notes] == [(world.officer, message.pk)]
    assert "请本周内报送进展" in notes[0].body
    assert not Notification.objects.filter(kind="urge", recipient__in=[world.clerk, world.reviewer]).exists()
    new_posts = robot.texts()[posted:]
    assert len(new_posts) == 1 and new_posts[0].startswith("【催办】（第1次）") and "请本周内报送进展" in new_posts[0]
    # and the count shown on the item is read from the events
    assert steering.urge_count(task) == 1
    deliver()
    assert Notification.objects.filter(kind="urge").count() == 1 and len(robot.received) == posted + 1


def test_reassign_and_deadline_changes_reach_the_new_owners(world: World) -> None:
    task = world.task()
    steering.reassign(actor=world.clerk, item=task, reason="属消防监管范围",
                      owners=[OwnerSpec("区消防救援大队", department=world.fire_brigade),
                              OwnerSpec("区城管局", role=OwnerRole.COOPERATE, department=world.urban)])
    steering.change_deadline(actor=world.clerk, item=task, due=date(2025, 3, 1), reason="汛期顺延")
    deliver()
    reassigned = Notification.objects.get(kind="reassign", recipient=world.fire_officer)
    assert "区消防救援大队" in reassigned.body and "属消防监管范围" in reassigned.body
    changed = Notification.objects.get(kind="change_deadline", recipient=world.fire_officer)
    assert "2025-03-01" in changed.body and "汛期顺延" in changed.body


def test_a_submission_waits_for_the_reviewers(world: World) -> None:
    # given a task the officer submits for review
    task = world.task(seq="5")
    world.submit(task, world.officer)
    deliver()
    # then those who may accept it are told; the officer who submitted is not
    told = set(Notification.objects.filter(kind="review_waiting", item_id=task.pk).values_list("recipient",
                                                                                                flat=True))
    assert world.reviewer.pk in told and world.officer.pk not in told
    assert Notification.objects.get(kind="review_waiting", recipient=world.reviewer).title.startswith("【待验收】")


def test_an_extension_request_reaches_the_office(world: World, robot: Robot) -> None:
    task = world.task()
    until = (task.due_date or date(2025, 1, 1)) + timedelta(days=30)
    steering.request_extension(actor=world.officer, item=task, until=until, reason="设备到货延迟")
    deliver()
    note = Notification.objects.get(kind="extension_requested", recipient=world.clerk)
    assert until.isoformat() in note.body and "设备到货延迟" in note.body
    assert not Notification.objects.filter(kind="extension_requested", recipient=world.officer).exists()
    assert any(text.startswith("【延期申请】") for text in robot.texts())
