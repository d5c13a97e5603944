"""A seeded reporter's name and phone appear in no log line, audit row, message or error body of a tip-off's life."""

from __future__ import annotations

import json
import logging

import pytest
from django.core import mail
from django.test import Client

from anjian.audit.models import AuditEntry
from anjian.fixtures import World
from anjian.notify.models import Notification, OutboxMessage
from anjian.tipoffs.choices import TipOffCategory
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE, add_handler
from anjian.tipoffs.services import ReporterInfo, reveal_identity, submit_tipoff


def _leaks(text: str) -> bool:
    return REPORTER_NAME in text or REPORTER_PHONE in text


def test_reporter_identity_leaks_nowhere(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    handler = add_handler(world)
    # given a tip-off about the gas station with the reporter's identity
    submission = submit_tipoff(
        region=world.county, category=TipOffCategory.MAJOR_HAZARD, place="北书店乡加油站",
        description="夜间违规储存液化气", unit_name=world.gas_station.name,
        reporter=ReporterInfo(name=REPORTER_NAME, phone=REPORTER_PHONE),
    )
    tipoff = submission.tipoff
    # when the reported unit's principal, an outsider and the handler ask for the identity through the API
    bodies = []
    for user in (world.principal, world.outsider, world.officer):
        client = Client()
        client.force_login(user)
        response = client.post(f"/api/tipoffs/{tipoff.pk}/identity", content_type="application/json")
        assert response.status_code in {403, 404}
        bodies.append(response.content.decode())
        bodies.append(client.get(f"/api/tipoffs/{tipoff.pk}").content.decode())
    client = Client()
    client.force_login(world.principal)
    assert client.post(f"/api/tipoffs/{tipoff.pk}/identity", content_type="application/json").status_code == 404
    revealed = reveal_identity(actor=handler, tipoff=tipoff)
    assert revealed.name == REPORTER_NAME  # the handler, and only the handler, sees it
    # then the identity is in no log line, audit row, notification, outbox message, mail or error body
    assert not any(_leaks(r.getMessage()) for r in caplog.records)
    audit = [json.dumps([e.before, e.after, e.object_id, e.action], ensure_ascii=False)
             for e in AuditEntry.objects.all()]
    assert not any(_leaks(a) for a in audit)
    assert AuditEntry.objects.filter(action="tipoff.reveal_identity", actor_id=handler.pk).count() == 1
    assert not any(_leaks(str(vars(n))) for n in Notification.objects.all())
    assert not any(_leaks(str(vars(m))) for m in OutboxMessage.objects.all())
    assert not any(_leaks(m.subject + m.body) for m in mail.outbox)
    assert not any(_leaks(b) for b in bodies)
    assert REPORTER_NAME not in repr(revealed) and REPORTER_PHONE not in repr(revealed)
