"""Outbox delivery (issue 22): each message claimed by one deliverer, mail sent after the inbox rows commit
through a real SMTP server on 127.0.0.1, `emailed_at` recorded, a refused mail rolling nothing back."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from anjian.accounts.models import User
from anjian.escalation.services import MAIL_ATTEMPTS, deliver, escalate
from anjian.fixtures import World
from anjian.ledger.deadlines import DeadlineSpec
from anjian.notify.models import Notification, OutboxMessage
from anjian.notify.services import announce_events
from anjian.notify.tests.deliverers import two_deliverers
from anjian.notify.tests.smtp import Mailbox, smtp_server

pytestmark = pytest.mark.django_db(transaction=True)

DUE = date(2024, 11, 15)


def _use_smtp(settings: Any, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 10
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False


@pytest.fixture
def smtp(settings: Any) -> Iterator[tuple[int, Mailbox]]:
    with smtp_server() as (port, mailbox):
        _use_smtp(settings, port)
        yield port, mailbox


def _overdue_tasks(world: World, count: int) -> None:
    """`count` tasks eight days overdue, escalated to 函告: one outbox message each; everybody has an address."""
    for user in User.objects.all():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    for n in range(count):
        world.task(seq=str(n + 1), deadline=DeadlineSpec("date", DUE))
    # The tasks' assignments were announced long ago: these tests are about the escalation messages.
    announce_events()
    OutboxMessage.objects.filter(kind="assigned").update(processed_at=timezone.now())
    assert escalate(DUE + timedelta(days=8)).escalated == count


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_two_deliverers_at_once_send_each_message_once(world: World, smtp: tuple[int, Mailbox]) -> None:
    # given 12 outbox messages and two deliverers started together, each on its own database connection
    _, mailbox = smtp
    _overdue_tasks(world, 12)
    results = two_deliverers()
    # then every message was taken by exactly one of them
    assert sum(r.delivered for r in results) == OutboxMessage.objects.exclude(kind="assigned").count() == 12
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()
    # and every inbox row was mailed exactly once, and says so
    inbox = Notification.objects.select_related("recipient")
    assert inbox.count() == sum(r.notifications for r in results) > 12
    sent = Counter((rcpt, m.subject) for m in mailbox.messages for rcpt in m.recipients)
    assert sent == Counter((n.recipient.email, n.title) for n in inbox)
    assert set(sent.values()) == {1}
    assert sum(r.emailed for r in results) == len(mailbox.messages) == inbox.count()
    assert not inbox.filter(emailed_at__isnull=True).exists()


def test_refused_mail_rolls_nothing_back_and_is_retried(world: World, settings: Any) -> None:
    # given a mail server that is down (nothing listens on its port)
    port = _free_port()
    _use_smtp(settings, port)
    _overdue_tasks(world, 1)
    # when the outbox is delivered
    first = deliver()
    # then the inbox rows stay, the message is processed, and each failure is kept on its notification
    message = OutboxMessage.objects.exclude(kind="assigned").get()
    inbox = Notification.objects.filter(outbox=message)
    assert message.processed_at is not None and first.delivered == 1
    assert inbox.count() == first.notifications == first.mail_failed > 0
    assert set(inbox.values_list("emailed_at", "mail_attempts")) == {(None, 1)}
    assert all("ConnectionRefusedError" in n.mail_error for n in inbox)
    # when the server is back, the next delivery sends each once and records when
    with smtp_server(port) as (_, mailbox):
        second = deliver()
        third = deliver()
    assert second.emailed == len(mailbox.messages) == inbox.count()
    assert (third.emailed, third.mail_failed, third.delivered) == (0, 0, 0)
    assert not inbox.filter(emailed_at__isnull=True).exists()
    assert set(inbox.values_list("mail_attempts", "mail_error")) == {(2, "")}


def test_a_refused_recipient_is_tried_a_bounded_number_of_times(world: World, smtp: tuple[int, Mailbox]) -> None:
    # given a mail server that refuses the officer's address
    _, mailbox = smtp
    mailbox.refuse.add("officer@example.org")
    _overdue_tasks(world, 1)
    for _ in range(MAIL_ATTEMPTS + 2):
        deliver()
    officer = Notification.objects.get(recipient__username="officer")
    others = Notification.objects.exclude(pk=officer.pk)
    # then the officer's inbox row is there, its mail tried MAIL_ATTEMPTS times and marked with the reason
    assert officer.emailed_at is None and officer.mail_attempts == MAIL_ATTEMPTS
    assert "SMTPRecipientsRefused" in officer.mail_error
    # and everyone else was mailed once
    assert others.exists() and not others.filter(emailed_at__isnull=True).exists()
    assert len(mailbox.messages) == others.count()


def test_mail_waits_for_the_commit(world: World, smtp: tuple[int, Mailbox]) -> None:
    # given a delivery inside a transaction that is then rolled back
    _, mailbox = smtp
    _overdue_tasks(world, 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert deliver().notifications > 0
        raise RuntimeError("rolled back")
    # then nobody was mailed about inbox rows that never existed
    assert mailbox.messages == [] and not Notification.objects.exists()
    # and the delivery that commits mails each recipient once
    result = deliver()
    assert result.emailed == len(mailbox.messages) == Notification.objects.count() > 0
