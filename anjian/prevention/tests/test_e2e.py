"""Browser: the enterprise checks a risk point from its QR URL on a phone and the office sees the hazard;
the 四色图 renders its points over the site plan."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import segno
from django.utils import timezone

from anjian.fixtures import PASSWORD, World
from anjian.ledger.models import Hazard
from anjian.prevention.services import place_on_plan, upload_site_plan
from anjian.prevention.tests.inventory import photo, tank_area


def _qr_svg(url: str) -> bytes:
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2)
    return out.getvalue()


def test_a_phone_check_from_the_qr_url_fails_an_item_and_the_office_sees_the_hazard(
    world: World, transactional_db: None, live_server: Any, chromium: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path], tmp_path: Path,
) -> None:
    base = live_server.url
    point = tank_area(world, today=timezone.localdate())

    # given: the printed card carries the check page's URL, and its QR code encodes exactly that URL
    desk = new_page()
    sign_in(desk, "principal", PASSWORD)
    desk.goto(f"{base}/prevention/points/{point.pk}/card/")
    check_url = f"{base}/prevention/points/{point.pk}/check/"
    assert check_url in desk.content()
    assert desk.request.get(f"{base}/prevention/points/{point.pk}/qr.svg").body() == _qr_svg(check_url)
    screenshot(desk, "prevention-01-card")

    # when: on a 390 px phone, signed out, the scanned URL leads through the sign-in to the check page
    phone = new_page(phone=True)
    phone.goto(check_url)
    phone.fill("#id_username", "principal")
    phone.fill("#id_password", PASSWORD)
    phone.click("button[type=submit].primary")
    phone.wait_for_url(check_url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "prevention-02-check-390")
    picture = tmp_path / "报警器.png"
    picture.write_bytes(photo())
    items = phone.locator("fieldset.check-item")
    assert items.count() == 2
    items.nth(0).locator("input[value=fail]").check()
    items.nth(0).locator("input[type=file]").set_input_files(str(picture))
    items.nth(0).locator("input[type=text]").fill("2号报警器无显示")
    items.nth(1).locator("input[value=pass]").check()
    phone.click("text=提交排查结果")
    phone.wait_for_url(re.compile(rf".*/prevention/points/{point.pk}/$"))
    screenshot(phone, "prevention-03-submitted-390")

    # then: the office opens the risk point, follows the hazard it produced, and finds it there
    hazard = Hazard.objects.get()
    office = new_page()
    sign_in(office, "clerk", PASSWORD)
    office.goto(f"{base}/prevention/points/{point.pk}/")
    office.click(f"#runs a[href='/hazards/{hazard.pk}/']")
    office.wait_for_url(re.compile(rf".*/hazards/{hazard.pk}/$"))
    assert "液化气储罐区" in office.content() and "报警器" in office.content()
    screenshot(office, "prevention-04-office-hazard")


def test_the_four_colour_map_renders_its_points(
    world: World, transactional_db: None, live_server: Any, new_page: Callable[..., Any],
    sign_in: Callable[[Any, str, str], None], screenshot: Callable[[Any, str], Path],
) -> None:
    point = tank_area(world)
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (800, 500), "#f4f1e8").save(out, "PNG")
    upload_site_plan(actor=world.principal, unit=world.gas_station, name="plan.png", content=out.getvalue())
    place_on_plan(actor=world.principal, risk_point=point, x=0.3, y=0.4)
    page = new_page()
    sign_in(page, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/prevention/units/{world.gas_station.pk}/map/")
    page.wait_for_selector("#site-map[data-points='1'] canvas")
    # the point is drawn in red where it was placed: sample the canvas at 30 % / 40 %
    colour = page.evaluate("""() => {
        const c = document.querySelector('#site-map canvas');
        const ctx = c.getContext('2d');
        const d = ctx.getImageData(Math.round(c.width * 0.3), Math.round(c.height * 0.4), 1, 1).data;
        return [d[0], d[1], d[2]];
    }""")
    assert colour[0] > 200 and colour[1] < 80 and colour[2] < 80, colour
    screenshot(page, "prevention-05-four-colour-map")
