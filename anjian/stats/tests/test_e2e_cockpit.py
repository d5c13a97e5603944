"""Browser: the cockpit (leader's home, its page, the command-centre screen) and the statistics pages at 1440
and 390 px, screenshots kept in test-artifacts/screenshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from anjian.escalation.services import escalate
from anjian.fixtures import PASSWORD
from anjian.stats.tests.jurisdiction import Year


def _page(chromium: Any, width: int, height: int | None = None) -> tuple[Any, Any]:
    phone = width < 600
    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": height or (844 if phone else 900)},
                                   is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


@pytest.mark.parametrize("width", [1440, 390])
def test_cockpit_and_statistics_pages_render(
    year: Year, transactional_db: None, live_server: Any, chromium: Any,
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], width: int,
) -> None:
    year.world.hazard()  # one of this month, so the trend's last point is not empty
    escalate(timezone.localdate())  # the 2024 hazards still open reach 挂牌督办
    context, page = _page(chromium, width)
    sign_in(page, "leader", PASSWORD)
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("[data-chart='cockpit-trend'] canvas")
    assert page.locator("[data-ranking='township'] tr[data-key]").count() == 2
    assert page.locator("[data-listed] a").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"cockpit-home-leader-{width}")
    page.goto(f"{live_server.url}/stats/cockpit/")
    page.wait_for_selector("[data-chart] canvas")
    screenshot(page, f"cockpit-{width}")
    page.goto(f"{live_server.url}/stats/?region=410202&date_from=2024-01-01&date_to=2024-12-31")
    page.wait_for_selector("[data-chart] canvas")
    assert page.locator("input[type=date]").count() == 2 and page.locator("select[name=region]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.click("summary:has-text('指标口径')")
    screenshot(page, f"statistics-{width}")
    page.goto(f"{live_server.url}/stats/table/?region=410202&date_from=2024-01-01&date_to=2024-12-31")
    screenshot(page, f"statistics-table-{width}")
    context.close()


def test_the_command_centre_screen_fills_1920_by_1080(
    year: Year, transactional_db: None, live_server: Any, chromium: Any,
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path],
) -> None:
    year.world.hazard()
    escalate(timezone.localdate())
    context, page = _page(chromium, 1920, 1080)
    sign_in(page, "leader", PASSWORD)
    page.goto(f"{live_server.url}/stats/cockpit/?screen=1")
    page.wait_for_selector("[data-chart] canvas")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920
    assert page.locator("meta[http-equiv=refresh]").get_attribute("content") == "300"
    screenshot(page, "cockpit-screen-1920")
    context.close()
