"""Browser walk-through of the documents page at 1440 and 390 px: draft, fill the placeholders, 签发, download."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from anjian.fixtures import PASSWORD, World
from anjian.publish.models import Document, DocumentNumber
from anjian.publish.tests.plan import build_plan


def _page(chromium: Any, width: int) -> Any:
    phone = width < 600
    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": 844 if phone else 900},
                                   is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.mark.parametrize("width", [1440, 390])
def test_draft_fill_issue_and_download(
    world: World, transactional_db: None, live_server: Any, chromium: Any, settings: Any, tmp_path: Path,
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], width: int,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    build_plan(world)
    page = _page(chromium, width)
    sign_in(page, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/documents/")
    # given: pickers, not codes
    page.select_option("select[name=kind]", "circular")
    page.select_option("select[name=region]", "410202")
    page.fill("input[name=date_from]", "2024-12-01")
    page.fill("input[name=date_to]", "2024-12-31")
    screenshot(page, f"documents-form-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # when: she drafts; the placeholders are flagged and no number is taken
    page.click("#draft button[type=submit]")
    page.wait_for_selector("[data-placeholders]")
    assert not DocumentNumber.objects.exists()
    screenshot(page, f"documents-draft-{width}")
    for box in page.locator("[data-editable] textarea").all():
        box.fill("持续推进重大事故隐患动态清零，逐项督办逾期事项。")
    page.click("button[value=issue]")
    page.wait_for_selector("text=下载 PDF")
    # then: one number, kept, downloadable as Word and PDF
    document = Document.objects.get()
    assert document.doc_number.endswith("〕1号") and DocumentNumber.objects.get().last_seq == 1
    screenshot(page, f"documents-issued-{width}")
    with page.expect_download() as download:
        page.click("text=下载 PDF")
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"{live_server.url}/documents/")
    assert document.doc_number in page.content()
    screenshot(page, f"documents-register-{width}")
