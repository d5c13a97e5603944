"""Browser: the dashboard draws its charts under the Content-Security-Policy (scripts from /static/ only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anjian.fixtures import PASSWORD, World


def test_the_dashboard_draws_its_charts_under_the_policy(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None],
) -> None:
    world.hazard()
    page = new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    sign_in(page, "clerk", PASSWORD)
    response = page.goto(f"{live_server.url}/stats/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("[data-chart] canvas")
    assert page.locator("[data-chart] canvas").count() == page.locator("[data-chart]").count() > 0
    # htmx and the workspace script loaded too (they register on window / the document).
    assert page.evaluate("typeof window.htmx") == "object"
    assert blocked == []
