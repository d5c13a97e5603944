"""Browser walk-through: the public files a tip-off, keeps the code, the office verifies it, the status page
shows the outcome, and the reporter's name appears on no other page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from anjian.fixtures import PASSWORD, World
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE, add_handler
from anjian.tipoffs.models import TipOff


def _answer(page: Any) -> int:
    """Solve the arithmetic question as a person would, from the text on the page."""
    question = page.locator("strong.question").inner_text()
    expression = question.replace("= ?", "").replace("−", "-").strip()
    left, op, right = expression.split()
    return int(left) + int(right) if op == "+" else int(left) - int(right)


def test_public_tip_off_to_verified_outcome(
    world: World, transactional_db: None, live_server: Any, chromium: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ANJIAN_TIPOFF_KEY = "e2e-key-for-tipoff-identities-0123456789"
    add_handler(world)
    base = live_server.url
    photo = tmp_path / "scene.png"
    from anjian.tipoffs.tests.conftest import PNG

    photo.write_bytes(PNG)

    # given: a member of the public on a phone, not signed in
    public = new_page(phone=True)
    public.goto(f"{base}/tipoff/")
    public.select_option("#id_region", str(world.county.pk))
    public.select_option("#id_category", "gas")
    public.fill("#id_place", "北书店乡集市东口")
    public.fill("#id_unit_name", "北书店液化气站")
    public.fill("#id_description", "液化气站夜间违规向无证车辆充装钢瓶")
    public.set_input_files("#id_photos", str(photo))
    public.check("#id_real_name")
    public.fill("#id_name", REPORTER_NAME)
    public.fill("#id_phone", REPORTER_PHONE)
    public.fill("#id_answer", str(_answer(public)))
    screenshot(public, "tipoff-01-submit")
    public.click("button[type=submit]")

    # then: the tracking code is shown once; the reporter keeps it
    code = public.locator("#tracking-code").inner_text().strip()
    assert len(code.replace("-", "")) == 12
    screenshot(public, "tipoff-02-code")

    # when: the handler triages and routes it, the office verifies it against the registered unit
    tipoff = TipOff.objects.get()
    office = new_page()
    sign_in(office, "handler", PASSWORD)
    office.goto(f"{base}/tipoff/queue/")
    screenshot(office, "tipoff-03-queue")
    assert REPORTER_NAME not in office.content()
    office.click(f"a[href='/tipoff/queue/{tipoff.pk}/']")
    office.click("button[value=triage]")
    office.select_option("#id_department", str(world.urban.pk))
    office.click("button[value=route]")
    assert "已转办" in office.locator("#tipoff-status").inner_text()
    assert REPORTER_NAME not in office.content()

    clerk = new_page()
    sign_in(clerk, "clerk", PASSWORD)
    clerk.goto(f"{base}/tipoff/queue/{tipoff.pk}/")
    clerk.click("button[value=start_verifying]")
    clerk.select_option("#id_unit", str(world.gas_station.pk))
    assert clerk.input_value("#id_hazard_description") == ""  # the report's words are not carried over
    clerk.fill("#id_hazard_description", "液化气站向无充装资质车辆充装钢瓶")
    clerk.fill("#id_public_feedback", "经核查，举报属实，已责令该站停业整改。")
    clerk.click("button[value=verify]")
    assert "查证属实" in clerk.locator("#tipoff-status").inner_text()
    screenshot(clerk, "tipoff-04-verified")
    assert REPORTER_NAME not in clerk.content() and REPORTER_PHONE not in clerk.content()

    # then: the status page shows the outcome to whoever holds the code
    public.goto(f"{base}/tipoff/track/")
    public.fill("#id_code", code)
    public.click("button[type=submit]")
    assert "查证属实" in public.locator("#tipoff-status").inner_text()
    assert "停业整改" in public.locator("#tipoff-feedback").inner_text()
    screenshot(public, "tipoff-05-track")
    assert REPORTER_NAME not in public.content()

    # and: the hazard it became is on the ledger, without the reporter
    tipoff.refresh_from_db()
    assert tipoff.hazard is not None and tipoff.hazard.channel == "tip_off"
    clerk.goto(f"{base}/hazards/{tipoff.hazard_id}/")
    assert REPORTER_NAME not in clerk.content()

    # only the handler, on request, sees the name
    office.goto(f"{base}/tipoff/queue/{tipoff.pk}/")
    office.click("#reveal-identity")
    assert REPORTER_NAME in office.locator("#reporter-identity").inner_text()
