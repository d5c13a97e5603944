"""The assessment page in a browser at 1440 and 390 px (screenshots kept as test artifacts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from anjian.fixtures import PASSWORD
from anjian.scoring.models import AssessmentScheme
from anjian.stats.tests.jurisdiction import Year


@pytest.mark.parametrize("width", [1440, 390])
def test_assessment_page_renders(
    year: Year, scheme: AssessmentScheme, transactional_db: None, live_server: Any, chromium: Any,
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], width: int,
) -> None:
    phone = width < 600
    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": 844 if phone else 900},
                                   is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/assessment/?region=410202&year=2024")
    assert "数据指标直接评定" in page.content() and "无可统计数据，不得分" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"assessment-{width}")
    page.goto(f"{live_server.url}/assessment/")  # opens on this year
    screenshot(page, f"assessment-this-year-{width}")
    context.close()
