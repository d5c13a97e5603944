"""Hashing of audit entries: the one definition both the writer and the verifier use."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


def canonical(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    object_type: str,
    object_id: str,
    before: Any,
    after: Any,
    request_id: str,
) -> str:
    """A stable text of an entry's content (sorted keys, no blanks, UTC microseconds)."""
    payload = {
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "before": before,
        "after": after,
        "request_id": request_id,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def link(prev_hash: str, content: str) -> str:
    """The hash of an entry: SHA-256 over the previous hash and this entry's canonical text."""
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()
