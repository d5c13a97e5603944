"""Browser walk-through of issue 19's to-dos and notifications: a new assignment and a routed tip-off reach the
department as to-dos and notifications, the group-chat robot (a real HTTP receiver) gets both, a Chinese 404
in the workspace frame, and the header at 390 px keeps 修改密码 and 退出 on screen. Screenshots are kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from anjian.escalation.services import deliver
from anjian.fixtures import PASSWORD, World
from anjian.notify.models import Notification
from anjian.notify.tests.robot import Robot, robot_server
from anjian.tipoffs.choices import TipOffCategory
from anjian.tipoffs.fixtures import add_handler
from anjian.tipoffs.services import submit_tipoff


@pytest.fixture
def robot(settings: Any) -> Iterator[Robot]:
    with robot_server() as receiver:
        settings.ANJIAN_WEBHOOK_URL = receiver.url
        yield receiver


def test_assignment_and_routed_tipoff_reach_the_department(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], robot: Robot,
) -> None:
    base = live_server.url
    add_handler(world)
    task = world.task(assign=False, seq="12", problem="加油站卸油区静电接地装置失效")

    # given: the clerk assigns a draft task to 区城市管理局 in the browser
    clerk = new_page()
    sign_in(clerk, "clerk", PASSWORD)
    clerk.goto(f"{base}/tasks/{task.pk}/")
    clerk.click("summary:has-text('分派')")
    clerk.click("button[data-action=assign]")
    clerk.wait_for_selector(".tag:has-text('已分派')")
    screenshot(clerk, "todos-01-clerk-assigned")

    # then: the department sees it among its to-dos at once …
    officer = new_page()
    sign_in(officer, "officer", PASSWORD)
    box = officer.locator("[data-todo=task_assigned]")
    assert "新交办的任务" in box.inner_text() and box.locator(".badge").inner_text() == "1"
    assert officer.locator(f"a[href='/tasks/{task.pk}/']").count() >= 1
    assert int(officer.locator("[data-nav='web:home'] .badge").inner_text()) >= 1

    # … and, once the minutely deliverer has run, in its inbox (and the robot got it)
    deliver()
    officer.reload()
    assert officer.locator(".notice li:has-text('【新交办】任务 12')").count() == 1
    screenshot(officer, "todos-02-officer-home-assignment")

    # when: a tip-off comes in and the handler routes it to 区城市管理局
    filed = submit_tipoff(region=world.county, category=TipOffCategory.GAS, place="北书店乡集市东口",
                          unit_name="北书店液化气站", description="液化气站夜间违规向无证车辆充装钢瓶")
    handler = new_page()
    sign_in(handler, "handler", PASSWORD)
    assert handler.locator("[data-todo=tipoff_to_route] .badge").inner_text() == "1"
    screenshot(handler, "todos-03-handler-home")
    handler.goto(f"{base}/tipoff/queue/{filed.tipoff.pk}/")
    handler.click("button[value=triage]")
    handler.select_option("#id_department", str(world.urban.pk))
    handler.click("button[value=route]")
    assert "已转办" in handler.locator("#tipoff-status").inner_text()

    # then: it is the department's to-do, and after delivery a notification and a robot message
    officer.goto(f"{base}/")
    assert officer.locator("[data-todo=tipoff_routed] .badge").inner_text() == "1"
    assert officer.locator(f"a[href='/tipoff/queue/{filed.tipoff.pk}/']").count() >= 1
    deliver()
    officer.reload()
    assert officer.locator(".notice li:has-text('【举报转办】')").count() == 1
    screenshot(officer, "todos-04-officer-home-tipoff")
    texts = sorted(robot.texts())
    assert len(texts) == 2 and texts[0].startswith("【举报转办】") and texts[1].startswith("【新交办】任务 12")
    assert "无证车辆" not in "".join(texts)  # the report's words never leave for a group chat
    assert Notification.objects.filter(recipient=world.officer).count() == 2


def test_chinese_404_in_the_frame_and_the_phone_header(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path],
) -> None:
    base = live_server.url
    desk = new_page()
    sign_in(desk, "officer", PASSWORD)
    response = desk.goto(f"{base}/no-such-page/")
    assert response is not None and response.status == 404
    assert "页面不存在" in desk.locator("[data-error='404'] h1").inner_text()
    assert desk.locator("nav.sidebar").is_visible() and "Not Found" not in desk.content()
    screenshot(desk, "todos-05-404")

    # a 390 px phone: 修改密码 and 退出 stay inside the screen
    phone = new_page(phone=True)
    sign_in(phone, "officer", PASSWORD)
    for selector in ("[data-password]", "[data-logout]"):
        box = phone.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
        assert phone.locator(selector).is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "todos-06-phone-header")
    phone.click("[data-password]")
    phone.wait_for_url(f"{base}/password/")
