"""The group-chat robot channel (企业微信/钉钉群机器人): one JSON POST per outbox message, after commit.

Both robots take `{"msgtype": "text", "text": {"content": …}}` and answer `{"errcode": 0, …}`; anything
else (an HTTP error, a refused connection, a non-zero errcode) is a failure kept on the message and retried
by later deliveries. Each attempt is claimed first (compare-and-swap on `webhook_attempts`), so two
deliverers never post the same message twice at once.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone

from anjian.notify.models import OutboxMessage

logger = logging.getLogger(__name__)

ATTEMPTS = 5
# The message kinds a group chat hears of: new work, the office's steering, what waits for a decision, and
# escalations, an import's rows left 待定; not every reminder.
KINDS = ("assigned", "tipoff_routed", "escalation:", "urge", "reassign", "change_deadline", "hand_over",
         "review_waiting", "extension_requested", "import_pending")


class WebhookRefused(Exception):
    """The robot answered, but not with success."""


def wanted(message: OutboxMessage) -> bool:
    """Whether this message goes to the group chat (a URL is set and its kind is one a chat hears of)."""
    return bool(settings.ANJIAN_WEBHOOK_URL) and message.kind.startswith(KINDS)


def payload(message: OutboxMessage) -> dict[str, object]:
    """The robot-style body: a text message, title then body."""
    return {"msgtype": "text", "text": {"content": f"{message.title}\n{message.body}".strip()}}


def post(url: str, body: dict[str, object], timeout: float) -> None:
    """POST the JSON body; raise unless the robot answers 2xx with errcode 0 (or no errcode)."""
    data = json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the configured robot URL
        answer = response.read(4096)
    try:
        code = json.loads(answer or b"{}").get("errcode", 0)
    except (ValueError, AttributeError):
        code = 0  # a robot that answers 2xx without JSON took the message
    if code not in (0, "0"):
        raise WebhookRefused(f"errcode {code}")


def send(message_id: int) -> bool | None:
    """Claim one attempt for this message and post it: True sent, False failed (kept), None not ours."""
    message = OutboxMessage.objects.filter(pk=message_id, webhook_sent_at__isnull=True).first()
    if message is None or not wanted(message) or message.webhook_attempts >= ATTEMPTS:
        return None
    attempt = message.webhook_attempts + 1
    if OutboxMessage.objects.filter(pk=message.pk, webhook_sent_at__isnull=True,
                                    webhook_attempts=message.webhook_attempts).update(webhook_attempts=attempt) != 1:
        return None  # another deliverer holds this attempt
    try:
        post(settings.ANJIAN_WEBHOOK_URL, payload(message), settings.ANJIAN_WEBHOOK_TIMEOUT)
    except (OSError, urllib.error.URLError, WebhookRefused) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:200]
        OutboxMessage.objects.filter(pk=message.pk).update(webhook_error=reason)
        logger.warning("webhook for outbox message %s failed (attempt %s of %s): %s", message.pk, attempt, ATTEMPTS,
                       type(exc).__name__)
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(webhook_sent_at=timezone.now(), webhook_error="")
    return True


def retry_ids(limit: int) -> list[int]:
    """Messages whose post failed before and may be tried again."""
    if not settings.ANJIAN_WEBHOOK_URL:
        return []
    rows = OutboxMessage.objects.filter(webhook_sent_at__isnull=True, webhook_attempts__gt=0,
                                        webhook_attempts__lt=ATTEMPTS).exclude(webhook_error="")
    return list(rows.order_by("pk").values_list("pk", flat=True)[:limit])
