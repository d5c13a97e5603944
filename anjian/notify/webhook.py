"""The group-chat robot channel (企业微信/钉钉群机器人): one JSON POST per outbox message, after commit.

Both robots take `{"msgtype": "text", "text": {"content": …}}` and answer `{"errcode": 0, …}`; anything
else (an HTTP error, a refused connection, a non-zero errcode) is a failure kept on the message and retried
by later deliveries. Each attempt is claimed first (compare-and-swap on `webhook_attempts`), so two
deliverers never post the same message twice at once; an attempt claimed by a deliverer that died before it
posted or failed is tried again once its lease (ANJIAN_DELIVERY_LEASE_SECONDS) has passed: the rules of
every channel, in anjian/notify/attempts.py.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

from anjian.notify import attempts
from anjian.notify.models import OutboxMessage

logger = logging.getLogger(__name__)

ATTEMPTS = 5
# The message kinds a group chat hears of: new work, the office's steering, what waits for a decision, and
# escalations, an import's rows left 待定; not every reminder.
KINDS = ("assigned", "tipoff_routed", "escalation:", "urge", "reassign", "change_deadline", "hand_over",
         "review_waiting", "extension_requested", "import_pending")


class WebhookRefused(Exception):
    """The robot answered, but not with success."""


CHANNEL = attempts.Channel(OutboxMessage, "webhook", sent_field="webhook_sent_at", attempts=ATTEMPTS,
                           failures=(OSError, urllib.error.URLError, WebhookRefused),
                           label="webhook for outbox message", logger=logger)


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


def send(message_id: int, *, claimed: bool = False) -> bool | None:
    """Claim one attempt for this message (unless the deliverer's transaction `claimed` it) and post it:
    True sent, False failed (kept), None not ours."""
    message = OutboxMessage.objects.filter(pk=message_id, webhook_sent_at__isnull=True).first()
    if message is None or not wanted(message):
        return None
    return attempts.attempt(CHANNEL, message, lambda: post(settings.ANJIAN_WEBHOOK_URL, payload(message),
                                                           settings.ANJIAN_WEBHOOK_TIMEOUT), claimed=claimed)


def retry_ids(limit: int) -> list[int]:
    """Messages whose post failed before, or whose claimed attempt outlived its lease, to be tried again."""
    if not settings.ANJIAN_WEBHOOK_URL:
        return []
    return list(attempts.retry(CHANNEL).order_by("pk").values_list("pk", flat=True)[:limit])
