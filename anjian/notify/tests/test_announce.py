"""New assignments and routed tip-offs: an inbox row for each person concerned, and a post to the group-chat
robot (a real HTTP receiver on 127.0.0.1), all through the outbox after commit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from anjian.escalation.services import deliver
from anjian.fixtures import World
from anjian.ledger.models import Task
from anjian.ledger.services import transition
from anjian.notify import webhook
from anjian.notify.models import Notification, OutboxMessage
from anjian.notify.tests.robot import Robot, robot_server
from anjian.tipoffs.choices import TipOffAction, TipOffCategory
from anjian.tipoffs.fixtures import add_handler
from anjian.tipoffs.services import submit_tipoff
from anjian.tipoffs.services import transition as tipoff_transition

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def robot(settings: Any) -> Iterator[Robot]:
    with robot_server() as receiver:
        settings.ANJIAN_WEBHOOK_URL = receiver.url
        yield receiver


def _routed(world: World) -> Any:
    handler = add_handler(world)
    filed = submit_tipoff(region=world.county, category=TipOffCategory.GAS, place="北书店乡集市东口",
                          unit_name="北书店液化气站", description="夜间违规向无证车辆充装钢瓶（举报原文）")
    tipoff = tipoff_transition(tipoff=filed.tipoff, action=TipOffAction.TRIAGE, actor=handler)
    return tipoff_transition(tipoff=tipoff, action=TipOffAction.ROUTE, actor=handler, department=world.urban)


def test_a_new_assignment_reaches_the_owner_once(world: World) -> None:
    # given a draft task given to 区城管局, then assigned
    task = world.task(assign=False)
    transition(item=task, action="assign", actor=world.clerk)
    # when the deliverer runs twice
    first, second = deliver(), deliver()
    # then the department's officer has one 新交办 notice for the task, and the second run added nothing
    notes = Notification.objects.filter(recipient=world.officer, kind="assigned", item_id=task.pk)
    assert [n.title[:5] for n in notes] == ["【新交办】"]
    assert first.announced == 1 and second.announced == 0 and second.notifications == 0
    assert not Notification.objects.filter(recipient=world.fire_officer, kind="assigned").exists()


def test_a_routed_tipoff_reaches_the_department_without_the_report(world: World) -> None:
    tipoff = _routed(world)
    deliver()
    note = Notification.objects.get(recipient=world.officer, kind="tipoff_routed")
    assert note.item_kind == "tipoff" and note.item_id == tipoff.pk
    assert "举报原文" not in note.title + note.body and "燃气安全隐患" in note.title
    assert not Notification.objects.filter(recipient=world.fire_officer, kind="tipoff_routed").exists()


def test_the_robot_receives_assignments_and_routed_tipoffs(world: World, robot: Robot) -> None:
    world.task(seq="7")
    _routed(world)
    result = deliver()
    assert result.posted == 2 and result.post_failed == 0
    assert robot.content_types == ["application/json; charset=utf-8"] * 2
    assert all(body["msgtype"] == "text" for body in robot.received)
    texts = sorted(robot.texts())
    assert texts[0].startswith("【举报转办】") and texts[1].startswith("【新交办】任务 7")
    assert "举报原文" not in "".join(texts)
    assert OutboxMessage.objects.filter(webhook_sent_at__isnull=False).count() == 2
    deliver()
    assert len(robot.received) == 2  # posted once


def test_a_refused_post_is_kept_and_retried(world: World, robot: Robot) -> None:
    robot.errcode = 93000  # WeCom: invalid webhook url
    world.task()
    assert deliver().post_failed == 1
    message = OutboxMessage.objects.get(kind="assigned")
    assert message.webhook_sent_at is None and "93000" in message.webhook_error
    assert Notification.objects.filter(outbox=message).exists()  # the inbox does not wait for the robot
    robot.errcode = 0
    assert deliver().posted == 1
    message.refresh_from_db()
    assert message.webhook_sent_at is not None and message.webhook_error == ""
    assert len(robot.received) == 1


def test_an_unreachable_robot_is_tried_a_bounded_number_of_times(world: World, settings: Any) -> None:
    settings.ANJIAN_WEBHOOK_URL = "http://127.0.0.1:9/unreachable"
    world.task()
    for _ in range(webhook.ATTEMPTS + 2):
        deliver()
    message = OutboxMessage.objects.get(kind="assigned")
    assert message.webhook_attempts == webhook.ATTEMPTS and message.webhook_sent_at is None


def test_no_robot_url_no_post(world: World) -> None:
    world.task()
    result = deliver()
    assert result.posted == 0 and result.post_failed == 0
    assert OutboxMessage.objects.get(kind="assigned").webhook_attempts == 0
    assert Task.objects.count() == 1
