"""Browser walk of the office's week (issue 19): the clerk urges and reassigns an overdue task, the department
reports with a photo, is sent back once, resubmits, and the clerk accepts with an opinion; an enterprise
self-reports a hazard and rectifies it on a 390 px phone. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from anjian.escalation.services import deliver
from anjian.fixtures import PASSWORD, World
from anjian.ledger.choices import HazardStatus, TaskStatus
from anjian.ledger.models import Hazard, Task
from anjian.ledger.services import OwnerSpec
from anjian.notify.models import Notification
from anjian.web.tests.conftest import PNG


def _fits(page: Any) -> None:
    """Nothing wider than the phone, and 修改密码 and 退出 inside the screen."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in ("header.topbar a[href='/password/']", "header.topbar button.link"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, selector


def test_clerk_urges_and_reassigns_department_is_sent_back_once_clerk_accepts(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], tmp_path: Path,
) -> None:
    base = live_server.url
    # given an overdue task (due 2024-12-31) given to 区消防救援大队, reviewed by the office
    task = world.task(owners=[OwnerSpec("区消防救援大队", department=world.fire_brigade)],
                      supervising_department=None, problem="餐饮场所可燃气体报警装置安装率低")
    photo = tmp_path / "报警装置.png"
    photo.write_bytes(PNG)

    # when the clerk urges it and reassigns it to 区城市管理局 with a reason
    clerk = new_page()
    sign_in(clerk, "clerk", PASSWORD)
    clerk.goto(f"{base}/tasks/{task.pk}/")
    assert clerk.locator(".tag:has-text('已逾期')").count() >= 1
    clerk.click("summary:has-text('催办')")
    clerk.fill("#urge-reason", "已逾期，请三日内报送整改进展。")
    clerk.click("button[data-steer=urge]")
    clerk.wait_for_selector("[data-urges='1']")
    clerk.click("summary:has-text('改派')")
    clerk.select_option("#reassign-lead", label="区城市管理局")
    clerk.fill("#reassign-reason", "燃气报警装置属城管部门监管。")
    clerk.click("button[data-steer=reassign]")
    clerk.wait_for_selector("text=已改派")
    assert "区城管局" in clerk.locator("dl.facts").inner_text()
    screenshot(clerk, "steer-01-clerk-urged-reassigned")

    # then, after delivery, the department sees the reassignment in its inbox and opens the task
    deliver()
    officer = new_page()
    sign_in(officer, "officer", PASSWORD)
    assert officer.locator("text=【改派】").count() >= 1
    screenshot(officer, "steer-02-officer-home-notice")
    assert Notification.objects.filter(recipient=world.officer, kind="reassign", item_id=task.pk).exists()
    officer.goto(f"{base}/tasks/{task.pk}/")
    # submitting without a progress report is refused with the reason
    officer.click("button[data-action=submit]")
    officer.wait_for_selector("text=提交验收前须报送整改进展情况")
    officer.click("summary:has-text('报送进展')")
    officer.fill("textarea[name=text]", "已督促32家餐饮场所安装可燃气体报警装置。")
    officer.set_input_files("input[name=attachments]", str(photo))
    officer.click("text=提交进展")
    officer.wait_for_selector(".gallery img")
    officer.click("button[data-action=submit]")
    officer.wait_for_selector(".tag:has-text('待验收')")
    screenshot(officer, "steer-03-officer-submitted")

    # the clerk sends it back once with a reason …
    clerk.goto(f"{base}/tasks/{task.pk}/")
    clerk.click("summary:has-text('退回')")
    clerk.fill("textarea[name=reason]", "缺少联网情况说明，请补充。")
    clerk.click("button[data-action=return]")
    clerk.wait_for_selector(".tag:has-text('已退回')")

    # … the department reports again and resubmits
    officer.goto(f"{base}/tasks/{task.pk}/")
    officer.click("summary:has-text('报送进展')")
    officer.fill("textarea[name=text]", "报警装置已全部接入燃气监管平台。")
    officer.click("text=提交进展")
    officer.wait_for_selector("text=报警装置已全部接入燃气监管平台")
    officer.click("button[data-action=submit]")
    officer.wait_for_selector(".tag:has-text('待验收')")

    # and the clerk accepts with an opinion, confirming the 销号
    clerk.goto(f"{base}/tasks/{task.pk}/")
    clerk.click("summary:has-text('验收销号')")
    clerk.fill("#accept-reason", "现场抽查5家，报警装置在线，同意销号。")
    clerk.click("button[data-action=close]")  # the confirmation box is not ticked yet: the browser holds it
    assert Task.objects.get(pk=task.pk).status == TaskStatus.SUBMITTED
    clerk.check("[data-confirm-close]")
    clerk.click("button[data-action=close]")
    clerk.wait_for_selector(".tag:has-text('已销号')")
    screenshot(clerk, "steer-04-clerk-accepted")

    task.refresh_from_db()
    assert task.status == TaskStatus.CLOSED
    assert list(task.events.values_list("action", flat=True)) == [
        "create", "assign", "urge", "reassign", "progress", "submit", "return", "progress", "submit", "close"]
    assert task.events.get(action="close").reason == "现场抽查5家，报警装置在线，同意销号。"


def test_clerk_ticks_two_overdue_rows_on_the_task_list_and_urges_them_in_bulk(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path],
) -> None:
    base = live_server.url
    # given three overdue tasks of 区城管局
    first, second, third = (world.task(seq=seq, problem=problem) for seq, problem in (
        ("1", "老旧小区燃气管道未更新"), ("2", "瓶装液化气用户未装报警器"), ("3", "餐饮场所未安装切断阀")))

    # when the clerk, on the task list at 1440 px, ticks the first two rows and urges them from the bulk bar
    clerk = new_page()
    clerk.set_viewport_size({"width": 1440, "height": 900})
    sign_in(clerk, "clerk", PASSWORD)
    clerk.goto(f"{base}/tasks/?overdue=1")
    bar = clerk.locator("form[data-bulk-bar]")
    assert bar.locator("[data-bulk-op=urge]").is_visible() and bar.locator("[data-bulk-op=reassign]").is_visible()
    assert bar.locator("[data-bulk-op=export]").is_visible()
    clerk.check(f"input[data-row='{first.pk}']")
    clerk.check(f"input[data-row='{second.pk}']")
    bar.locator("input[name=reason]").fill("已逾期，请本周内报送整改进展。")
    screenshot(clerk, "steer-08-task-list-bulk-1440")
    bar.locator("[data-bulk-op=urge]").click()

    # then both ticked tasks are urged once, the third is not, and the clerk is back on the same list
    clerk.wait_for_selector("text=已催办 2 项")
    assert clerk.url.startswith(f"{base}/tasks/?") and "overdue=1" in clerk.url
    urged = {t.pk: t.events.filter(action="urge").count() for t in (first, second, third)}
    assert urged == {first.pk: 1, second.pk: 1, third.pk: 0}
    assert first.events.get(action="urge").reason == "已逾期，请本周内报送整改进展。"

    # and at 390 px the bar and the rows fit the screen; "select all on page" ticks every row
    phone = new_page(phone=True)
    sign_in(phone, "clerk", PASSWORD)
    phone.goto(f"{base}/tasks/?overdue=1")
    phone.check("input[data-select-page]")
    assert phone.locator("input[name=id][form=list-bulk]:checked").count() == 3
    _fits(phone)
    screenshot(phone, "steer-09-task-list-bulk-390")

    # the department that owns them sees no bulk bar (it may not steer)
    officer = new_page()
    sign_in(officer, "officer", PASSWORD)
    officer.goto(f"{base}/tasks/")
    assert officer.locator("form[data-bulk-bar]").count() == 0
    assert officer.locator("input[name=id]").count() == 0


def test_an_enterprise_self_reports_and_rectifies_on_a_phone(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], tmp_path: Path,
) -> None:
    base = live_server.url
    photo = tmp_path / "现场.png"
    photo.write_bytes(PNG)
    phone = new_page(phone=True)
    sign_in(phone, "principal", PASSWORD)

    # the enterprise home: its own hazards and duties, no government figures; the header fits
    phone.wait_for_selector("#enterprise-home")
    assert phone.locator("[data-count=open_tasks]").count() == 0
    _fits(phone)
    screenshot(phone, "steer-05-enterprise-home-390")

    # it self-reports a hazard with a photo
    phone.click("[data-self-report]")
    phone.fill("#id_description", "配电室门口堆放纸箱杂物")
    phone.fill("#id_location", "配电室")
    phone.fill("#id_found_on", "2024-11-02")
    phone.set_input_files("#id_photos", str(photo))
    _fits(phone)
    phone.click("form button[type=submit].primary")
    phone.wait_for_selector(".tag:has-text('已交办')")
    hazard = Hazard.objects.get(description="配电室门口堆放纸箱杂物")
    assert hazard.supervising_department == world.urban
    deliver()
    assert Notification.objects.filter(recipient=world.officer, kind="hand_over", item_id=hazard.pk).exists()
    _fits(phone)
    screenshot(phone, "steer-06-enterprise-handed-over-390")

    # and rectifies it: a progress report with the photo after, then 提交验收
    phone.click("summary:has-text('报送进展')")
    phone.fill("textarea[name=text]", "杂物已清理，设置禁止堆放标识。")
    phone.set_input_files("input[name=attachments]", str(photo))
    phone.click("text=提交进展")
    phone.wait_for_selector("text=杂物已清理")
    phone.click("button[data-action=submit]")
    phone.wait_for_selector(".tag:has-text('待验收')")
    _fits(phone)
    screenshot(phone, "steer-07-enterprise-submitted-390")
    assert Hazard.objects.get(pk=hazard.pk).status == HazardStatus.SUBMITTED

    # the home lists it with its next step
    phone.goto(f"{base}/")
    assert "等待监管部门验收" in phone.locator(f"[data-hazard='{hazard.pk}']").inner_text()

    # its hazard list fits the phone, without the government's department filter, KPIs or bulk bar
    phone.goto(f"{base}/hazards/")
    phone.wait_for_selector(f"text={hazard.description}")
    assert phone.locator("select[name=department]").count() == 0
    assert phone.locator("form[data-bulk-bar], input[name=id], [data-count]").count() == 0
    _fits(phone)
    screenshot(phone, "steer-10-enterprise-hazard-list-390")
