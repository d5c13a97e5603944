"""Browser walk-through: import → assign → progress with a photo → return once → close → counts change."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anjian.fixtures import PASSWORD, World
from anjian.ingest.tests.documents import GAS_PLAN_FOUR_ROWS
from anjian.ledger.choices import TaskStatus
from anjian.ledger.models import Task
from anjian.web.tests.conftest import PNG

PLAN = """开封市龙亭区安全生产委员会文件
龙安生委〔2024〕9号
龙亭区城镇燃气安全专项整治方案
一、整改内容
（一）燃气安全
1.瓶装液化气钢瓶充装、配送环节管理不规范。
整改措施：开展瓶装液化气专项检查，建立钢瓶追溯台账。
整改时限：2030年12月31日前
责任单位：区燃气办
2.部分餐饮场所未安装可燃气体报警装置。
整改措施：督促餐饮场所安装报警装置并联网。
整改时限：长期
责任单位：区城市管理局
2024年10月8日
"""


def _count(page: Any, key: str) -> int:
    return int(page.locator(f"[data-count={key}] .num").inner_text())


def test_import_assign_progress_return_close(
    world: World, transactional_db: None, live_server: Any, chromium: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], tmp_path: Path,
) -> None:
    base = live_server.url
    plan = tmp_path / "燃气专项整治方案.txt"
    plan.write_text(PLAN, encoding="utf-8")

    # given: the office clerk signs in through the sign-in page
    clerk = new_page()
    clerk.goto(f"{base}/login/")
    screenshot(clerk, "01-login")
    sign_in(clerk, "clerk", PASSWORD)
    open_before = _count(clerk, "open_tasks")
    screenshot(clerk, "02-home-clerk")

    # when: she uploads the plan, sees the unknown unit highlighted, assigns it to 区城市管理局 and confirms
    clerk.goto(f"{base}/import/")
    clerk.set_input_files("#id_file", str(plan))
    clerk.click("text=上传并预览")
    clerk.wait_for_selector("table.preview")
    assert clerk.locator("td.unknown").count() >= 1
    screenshot(clerk, "03-import-preview")
    clerk.select_option("select[name='alias:区燃气办']", label="区城市管理局")
    clerk.click("[data-confirm-import]")
    clerk.wait_for_url(re.compile(r".*/import/runs/\d+/"))
    assert clerk.locator("[data-count=created]").inner_text() == "2"
    screenshot(clerk, "04-import-run")

    task = Task.objects.get(seq="1", source_ref__contains="燃气安全专项整治")
    assert task.status == TaskStatus.ASSIGNED
    assert task.owners.get().department == world.urban

    # then: the department officer files progress with a photo and submits for review
    photo = tmp_path / "现场整改.png"
    photo.write_bytes(PNG)
    officer = new_page()
    sign_in(officer, "officer", PASSWORD)
    officer.goto(f"{base}/tasks/")
    screenshot(officer, "05-task-list-officer")
    officer.goto(f"{base}/tasks/{task.pk}/")
    officer.click("summary:has-text('报送进展')")
    officer.fill("textarea[name=text]", "已完成全区47家液化气站钢瓶追溯台账建档。")
    officer.set_input_files("input[name=attachments]", str(photo))
    officer.click("text=提交进展")
    officer.wait_for_selector(".gallery img")
    officer.click("button[data-action=submit]")
    officer.wait_for_selector("text=待验收")
    screenshot(officer, "06-task-detail-submitted")

    # the reviewer (the office: no supervising department is set) returns it once with a reason …
    clerk.goto(f"{base}/tasks/{task.pk}/")
    clerk.click("summary:has-text('退回')")
    clerk.fill("textarea[name=reason]", "台账缺少配送环节记录，请补充。")
    clerk.click("button[data-action=return]")
    clerk.wait_for_selector(".tag:has-text('已退回')")

    # … the officer reports again and resubmits, and the reviewer closes it with an opinion
    officer.goto(f"{base}/tasks/{task.pk}/")
    officer.click("summary:has-text('报送进展')")
    officer.fill("textarea[name=text]", "已补充配送环节记录。")
    officer.click("text=提交进展")
    officer.wait_for_selector("text=已补充配送环节记录")
    officer.click("button[data-action=submit]")
    officer.wait_for_selector("text=待验收")
    clerk.goto(f"{base}/tasks/{task.pk}/")
    clerk.click("summary:has-text('验收销号')")
    clerk.fill("#accept-reason", "台账完整，同意销号。")
    clerk.check("[data-confirm-close]")
    clerk.click("button[data-action=close]")
    clerk.wait_for_selector(".tag:has-text('已销号')")
    screenshot(clerk, "07-task-detail-closed")

    task.refresh_from_db()
    assert task.status == TaskStatus.CLOSED
    assert list(task.events.values_list("action", flat=True)) == [
        "create", "assign", "progress", "submit", "return", "progress", "submit", "close"]

    # the home page count changed: two tasks came in, one was closed
    clerk.goto(f"{base}/")
    assert _count(clerk, "open_tasks") == open_before + 1


def test_main_pages_render_for_screenshots(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path],
) -> None:
    base = live_server.url
    hazard = world.hazard(grade="major")
    world.task()
    page = new_page()
    sign_in(page, "clerk", PASSWORD)
    for name, url in (("10-hazard-list", "/hazards/"), ("11-hazard-detail", f"/hazards/{hazard.pk}/"),
                      ("12-unit", f"/units/{world.gas_station.pk}/"), ("13-admin", "/manage/"),
                      ("14-units", "/units/")):
        page.goto(base + url)
        assert page.locator(".sidebar").count() == 1
        screenshot(page, name)

    # on a phone the inspection form fits the screen, and the unit is picked by typing two characters
    phone = new_page(phone=True)
    sign_in(phone, "officer", PASSWORD)
    phone.goto(f"{base}/inspections/new/")
    phone.fill("input[name=q]", "液化")
    phone.wait_for_selector("[data-pick-unit]")
    phone.click("[data-pick-unit]")
    assert phone.locator("#unit-picked").inner_text().startswith("北书店液化气站")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "15-inspection-phone")

    # the English interface follows the language switch
    page.goto(f"{base}/tasks/")
    page.select_option("select[name=language]", "en")
    page.wait_for_load_state("load")
    screenshot(page, "16-task-list-en")


def test_a_township_imports_a_hazard_table_in_the_browser(
    world: World, transactional_db: None, live_server: Any, chromium: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    from anjian.ingest.hazard_table import TEMPLATE_HEADER
    from anjian.ledger.models import Hazard
    from anjian.org.models import Unit

    Unit.objects.filter(pk=world.gas_station.pk).update(credit_code="91410202MA00000001")
    table = tmp_path / "北书店乡隐患台账.xlsx"
    wb = Workbook()
    wb.active.append(["北书店乡隐患排查治理台账"])
    wb.active.append(list(TEMPLATE_HEADER))
    wb.active.append(["91410202MA00000001", "液化气钢瓶露天存放", "院内", "一般隐患", "督导检查", "2026-03-02", 7])
    wb.active.append(["91410202MA00000001", "钢瓶检验超期", "储瓶间", "特大", "督导检查", "2026-03-02", 7])
    wb.save(table)

    # given: the township's grid officer opens the hazard table import from the menu
    page = new_page()
    page.goto(f"{live_server.url}/login/")
    sign_in(page, "township", PASSWORD)
    page.click("text=隐患台账导入")
    # when: she uploads the table and reads the check
    page.set_input_files("#id_file", str(table))
    page.click("text=上传并校验")
    page.wait_for_selector("#rejections")
    assert "可导入 1 条" in page.content()
    assert "隐患等级" in page.locator("#rejections").inner_text()
    screenshot(page, "hazard-import-check")
    assert not Hazard.objects.filter(description="液化气钢瓶露天存放").exists()
    # then: confirming imports the good row, and the hazard list shows it
    page.click("text=导入 1 条隐患")
    page.wait_for_selector("text=隐患表导入完成")
    assert "液化气钢瓶露天存放" in page.content()
    assert Hazard.objects.filter(description="液化气钢瓶露天存放", unit=world.gas_station).count() == 1




def _sized_page(chromium: Any, width: int) -> Any:
    """A page of its own session at a given width: 1440 (desktop) or 390 (phone)."""
    phone = width < 600
    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": 844 if phone else 900},
                                   is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _upload_for_preview(page: Any, base: str, path: Path) -> None:
    page.goto(f"{base}/import/")
    page.set_input_files("#id_file", str(path))
    page.click("text=上传并预览")
    page.wait_for_selector("table.preview")


def test_import_preview_fills_one_row_marks_another_pending(
    world: World, transactional_db: None, live_server: Any, chromium: Any,
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], tmp_path: Path,
) -> None:
    from anjian.ledger.choices import DeadlineKind, Recurrence

    base = live_server.url
    plan = tmp_path / "燃气整改方案.txt"
    plan.write_text(GAS_PLAN_FOUR_ROWS, encoding="utf-8")
    desk, phone = _sized_page(chromium, 1440), _sized_page(chromium, 390)
    try:
        # given: the clerk uploads a plan whose row 2 names no unit and row 3 no deadline
        sign_in(desk, "clerk", PASSWORD)
        _upload_for_preview(desk, base, plan)
        assert desk.locator("tr[data-row='1'] td[data-missing=units] .tag").inner_text() == "未识别"
        assert desk.locator("tr[data-row='2'] td[data-missing=deadline] .tag").inner_text() == "未识别"
        assert desk.input_value("input[name='row-1-deadline']") == "长期"
        assert desk.input_value("input[name='row-3-deadline']") == "每季度"
        screenshot(desk, "import-pending-01-preview-1440")
        sign_in(phone, "clerk", PASSWORD)
        _upload_for_preview(phone, base, plan)
        screenshot(phone, "import-pending-02-preview-390")

        # when: confirming without deciding is refused, with the rows named
        desk.click("[data-confirm-import]")
        desk.wait_for_selector("#import-error")
        assert "第2项（缺责任单位）" in desk.inner_text("#import-error")
        assert not Task.objects.exists()
        # … so she fills row 2's unit and marks row 3's deadline 待定, and confirms
        desk.fill("textarea[name='row-1-units']", "区城市管理局")
        desk.check("input[name='row-2-pending']")
        desk.click("[data-confirm-import]")
        desk.wait_for_url(re.compile(r".*/import/runs/\d+/"))
        screenshot(desk, "import-pending-03-run-1440")

        # then: the tasks carry their units, deadlines and categories
        first, second, third, fourth = (Task.objects.get(seq=s) for s in ("1", "2", "3", "4"))
        assert first.owners.get().department == world.urban and first.due_date is not None
        assert second.owners.get().department == world.urban and second.deadline_kind == DeadlineKind.LONG_TERM
        assert fourth.recurrence == Recurrence.QUARTERLY and fourth.owners.get().department == world.emergency
        assert {t.category for t in (first, second, third, fourth)} == {"整改内容"}
        assert third.deadline_kind == DeadlineKind.NONE and third.owners.get().department == world.emergency
        # … and the 待定 one is in the clerk's to-do, linked to a form that fills it
        desk.goto(f"{base}/")
        todo = desk.locator("[data-todo=task_pending]")
        assert todo.locator(".badge").inner_text() == "1"
        screenshot(desk, "import-pending-04-home-todo-1440")
        phone.goto(f"{base}/")
        assert phone.locator("[data-todo=task_pending]").count() == 1
        screenshot(phone, "import-pending-05-home-todo-390")
        desk.click(f"a[href='/tasks/{third.pk}/']")
        desk.wait_for_selector("#fill-pending")
        screenshot(desk, "import-pending-06-fill-1440")
        desk.fill("#fill-pending input[name=deadline]", "2030-06-30")
        desk.click("[data-fill-task]")
        desk.wait_for_selector("text=已补全责任单位/时限")
        third.refresh_from_db()
        assert third.deadline_kind == DeadlineKind.DATE and str(third.due_date) == "2030-06-30"
        desk.goto(f"{base}/tasks/{fourth.pk}/")
        assert desk.inner_text("[data-deadline-kind]") == "每季度"
        desk.goto(f"{base}/")
        assert desk.locator("[data-todo=task_pending]").count() == 0
    finally:
        desk.context.close()
        phone.context.close()


GROUPED_NOTICE = """龙亭区安全生产委员会办公室
关于北书店乡农贸市场等场所消防安全隐患的督办通知
北书店乡人民政府，区城市管理局，区消防救援大队：
近期，区安委办组织对部分人员密集场所开展了明查暗访，发现以下问题：
北书店乡农贸市场（责任单位：北书店乡，区消防救援大队）
1.消防车通道被占用。
2.疏散指示标志损坏。
柳园口乡商业广场（责任单位：区城市管理局）
1.电动自行车在楼道内充电。
请于2030年6月30日前完成整改，并将整改情况报区安委办。
龙亭区安全生产委员会办公室
2026年11月20日
"""


def _problem_table(path: Path) -> Path:
    """A Word problem list: 序号 | 存在问题 | 整改措施 | 责任单位 | 整改时限, with group rows across the table."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("龙亭区燃气安全检查问题整改清单")
    table = doc.add_table(rows=1, cols=5)
    for cell, head in zip(table.rows[0].cells, ("序号", "存在问题", "整改措施", "责任单位", "整改时限"), strict=True):
        cell.text = head
    for group, rows in (
        ("一、燃气安全", (("1", "瓶装液化气钢瓶露天存放。", "规范钢瓶存放，设置专用储瓶间。", "区城市管理局", "2030年6月30日前"),
                          ("2", "餐饮场所未安装可燃气体报警装置。", "督促安装报警装置并联网。", "区应急管理局", "长期"))),
        ("二、消防安全", (("3", "九小场所消防设施缺失。", "开展九小场所消防专项整治。", "区消防救援大队", "立行立改"),)),
    ):
        cells = table.add_row().cells
        cells[0].merge(cells[4]).text = group
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
    doc.save(str(path))
    return path


def _owners(task: Task) -> set[str]:
    return {o.department.name if o.department else o.region.name if o.region else o.name for o in task.owners.all()}


def test_a_word_table_and_a_grouped_notice_import_through_the_preview(
    world: World, transactional_db: None, live_server: Any, chromium: Any,
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], tmp_path: Path,
) -> None:
    from datetime import date

    from anjian.ledger.choices import DeadlineKind

    base = live_server.url
    page = _sized_page(chromium, 1440)
    try:
        sign_in(page, "clerk", PASSWORD)
        # (1) a Word problem list with group rows: categories from the groups, each row its unit and deadline
        _upload_for_preview(page, base, _problem_table(tmp_path / "燃气安全检查问题整改清单.docx"))
        assert page.locator("td[data-missing]").count() == 0
        screenshot(page, "import-table-01-preview-1440")
        page.click("[data-confirm-import]")
        page.wait_for_url(re.compile(r".*/import/runs/\d+/"))
        tasks = {t.problem: t for t in Task.objects.filter(source_ref__contains="燃气安全检查问题整改清单")}
        gas, kitchens, fire = (tasks[p] for p in ("瓶装液化气钢瓶露天存放。", "餐饮场所未安装可燃气体报警装置。",
                                                  "九小场所消防设施缺失。"))
        assert (gas.category, kitchens.category, fire.category) == ("燃气安全", "燃气安全", "消防安全")
        assert (_owners(gas), _owners(kitchens), _owners(fire)) == ({"区城市管理局"}, {"区应急管理局"},
                                                                    {"区消防救援大队"})
        assert gas.due_date == date(2030, 6, 30)
        assert (kitchens.deadline_kind, fire.deadline_kind) == (DeadlineKind.LONG_TERM, DeadlineKind.IMMEDIATE)

        # (2) a 督办通知 naming sites with their owners in brackets, numbered problems under each, one deadline
        notice = tmp_path / "督办通知.txt"
        notice.write_text(GROUPED_NOTICE, encoding="utf-8")
        _upload_for_preview(page, base, notice)
        screenshot(page, "import-notice-01-preview-1440")
        assert page.locator("td[data-missing=units]").count() == 0
        # The closing 请于2030年6月30日前完成整改 governs the listed problems: nothing left for the clerk to type.
        assert page.locator("td[data-missing=deadline]").count() == 0
        page.click("[data-confirm-import]")
        page.wait_for_url(re.compile(r".*/import/runs/\d+/"))
        screenshot(page, "import-notice-02-run-1440")
        found = list(Task.objects.filter(source_ref__contains="督办通知").order_by("pk"))
        assert [t.category for t in found] == ["北书店乡农贸市场", "北书店乡农贸市场", "柳园口乡商业广场"]
        assert [_owners(t) for t in found] == [{"北书店乡", "区消防救援大队"}, {"北书店乡", "区消防救援大队"},
                                               {"区城市管理局"}]
        assert {t.due_date for t in found} == {date(2030, 6, 30)}
        assert "消防车通道被占用" in found[0].problem
    finally:
        page.context.close()
