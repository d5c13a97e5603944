"""The seeded reporter's name and phone appear only on the handler's reveal: no log, audit row, event,
notification, export, error page or other role's page or API response carries them."""

from __future__ import annotations

import logging
from io import BytesIO
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from anjian.accounts.models import User
from anjian.api.services import issue_token
from anjian.audit.models import AuditEntry
from anjian.fixtures import PASSWORD, World
from anjian.notify.models import Notification
from anjian.tipoffs import services
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE
from anjian.tipoffs.models import TipOff, TipOffEvent

from .conftest import PNG, challenge_of

SECRETS = (REPORTER_NAME, REPORTER_PHONE)


def _clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"reporter identity leaked into {where}"


def _api(user: User, path: str, method: str = "get") -> str:
    _, raw = issue_token(actor=None, user=user, name="leak-check")
    response = getattr(Client(), method)(f"/api{path}", headers={"Authorization": f"Bearer {raw}"})
    return response.content.decode()


def test_identity_leaks_nowhere(
    world: World, handler: User, caplog: pytest.LogCaptureFixture, settings: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    connection.force_debug_cursor = True  # SQL and its parameters go to the log as well
    try:
        public = Client()
        form = {"region": world.county.pk, "category": "gas", "place": "北书店乡集市东口",
                "unit_name": "北书店液化气站", "description": "夜间违规充装", "real_name": "on",
                "name": REPORTER_NAME, "phone": REPORTER_PHONE}
        page = public.get(reverse("tipoffs:submit"))
        # a failed attempt: the form comes back to its sender (allowed) and nowhere else
        wrong = public.post(reverse("tipoffs:submit"), form | challenge_of(page, offset=1))
        assert wrong.status_code == 400
        photo = BytesIO(PNG)
        photo.name = f"{REPORTER_NAME}.png"
        filed = public.post(reverse("tipoffs:submit"), form | challenge_of(wrong) | {"photos": photo})
        assert filed.status_code == 302
        code = public.get(reverse("tipoffs:done")).content.decode().split('id="tracking-code">')[1].split("<")[0]
        tipoff = TipOff.objects.get()

        services.transition(tipoff=tipoff, action="triage", actor=handler)
        services.transition(tipoff=tipoff, action="route", actor=handler, department=world.urban)
        services.scan_deadlines(tipoff.due_date)  # notifies handlers and the routed department
        services.transition(tipoff=tipoff, action="start_verifying", actor=world.officer)
        services.transition(tipoff=tipoff, action="verify", actor=world.officer,
                            hazard_description="液化气站违规充装钢瓶")
        tipoff.refresh_from_db()
        revealed = services.reveal_identity(actor=handler, tipoff=tipoff)
        assert revealed.name == REPORTER_NAME  # the one sanctioned place
        logging.getLogger("anjian").info("revealed %r for %s", revealed, tipoff)

        seen: list[tuple[str, str]] = [
            ("track page", public.post(reverse("tipoffs:track"), {"code": code}).content.decode()),
            ("track API", Client().post("/api/tipoffs/track", {"code": code},
                                        content_type="application/json").content.decode()),
        ]
        for who in ("clerk", "officer", "principal", "leader", "outsider", "fire_officer"):
            user = getattr(world, who)
            for path in ("/tipoffs", f"/tipoffs/{tipoff.pk}", "/hazards", f"/hazards/{tipoff.hazard_id}",
                         "/notifications"):
                seen.append((f"API {path} as {who}", _api(user, path)))
            seen.append((f"API identity as {who}", _api(user, f"/tipoffs/{tipoff.pk}/identity", "post")))
            browser = Client()
            browser.login(username=user.username, password=PASSWORD)
            for url in (reverse("tipoffs:queue"), reverse("tipoffs:detail", args=[tipoff.pk]),
                        reverse("tipoffs:export")):
                seen.append((f"page {url} as {who}", browser.get(url).content.decode(errors="replace")))
            seen.append((f"reveal page as {who}",
                         browser.post(reverse("tipoffs:reveal", args=[tipoff.pk]), follow=True).content.decode()))
        office = Client()
        office.login(username="handler", password=PASSWORD)
        workbook = load_workbook(BytesIO(office.get(reverse("tipoffs:export")).content))
        seen.append(("xlsx export", " ".join(str(c.value) for ws in workbook for r in ws.iter_rows() for c in r)))
        seen.append(("handler detail page", office.get(reverse("tipoffs:detail", args=[tipoff.pk])).content.decode()))
    finally:
        connection.force_debug_cursor = False

    for where, text in seen:
        _clean(text, where)
    _clean(caplog.text, "log output")
    for entry in AuditEntry.objects.all():
        _clean(f"{entry.actor_name} {entry.before} {entry.after}", f"audit row {entry.action}")
    for event in TipOffEvent.objects.all():
        _clean(f"{event.reason} {event.data}", f"event {event.action}")
    for note in Notification.objects.all():
        _clean(f"{note.title} {note.body}", "notification")
    assert Notification.objects.filter(item_kind="tipoff").exists()
    _clean(" ".join(tipoff.photos.values_list("file", flat=True)), "photo file name")
    _clean(repr(revealed) + str(revealed), "repr of the identity")
