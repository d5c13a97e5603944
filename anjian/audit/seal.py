"""The audit key and the purge seal: an HMAC, under a key kept outside the database, of each anchor a
retention purge sets.

The chain proves that nothing between its anchor and its head changed; the seal proves that the anchor was
set by a purge of this installation, so deleting the oldest entries and moving the anchor is caught by
`verify()` even by someone who can drop the database's triggers and append an entry (without the key they
cannot write a seal). The newest end is proved by a head exported off the machine (`verify(against=…)`).
The key never goes to the database (the one-statement append on PostgreSQL hashes in SQL, so the chain
itself stays plain SHA-256; a keyed chain would have to send the key with every statement).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

MIN_KEY_LENGTH = 32
# 网络安全法 §21: network logs are kept for no less than six months (also in the database triggers, 0004).
RETENTION_DAYS = 183


class AuditKeyError(RuntimeError):
    """The audit key is missing or too short; the message is Chinese and English."""


def audit_key(*, create: bool = False) -> bytes | None:
    """ANJIAN_AUDIT_KEY, else the data folder's key file (made when `create`); None when there is none."""
    configured = settings.ANJIAN_AUDIT_KEY
    if configured:
        if len(configured) < MIN_KEY_LENGTH:
            raise AuditKeyError(f"ANJIAN_AUDIT_KEY 至少 {MIN_KEY_LENGTH} 个字符 / must be at least "
                                f"{MIN_KEY_LENGTH} characters")
        return configured.encode("utf-8")
    path = Path(settings.ANJIAN_AUDIT_KEY_FILE)
    if not path.exists():
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as fh:  # never overwrite a key another process just wrote
            fh.write(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def key_id(key: bytes) -> str:
    """A short public name of a key, so that a wrong key is told apart from a forged seal."""
    return hashlib.sha256(b"anjian-audit-key-id:" + key).hexdigest()[:16]


def _mac(key: bytes, base_seq: int, base_hash: str, before: str) -> str:
    text = json.dumps({"purge_anchor": [base_seq, base_hash, before]}, separators=(",", ":"))
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def seal(*, base_seq: int, base_hash: str, before: str) -> dict[str, Any]:
    """The fields a purge's audit entry carries to prove its new anchor (creates the key if there is none)."""
    key = audit_key(create=True)
    assert key is not None
    return {"base_seq": base_seq, "base_hash": base_hash, "before": before, "key_id": key_id(key),
            "seal": _mac(key, base_seq, base_hash, before)}


def anchor_problem(*, base_seq: int, base_hash: str, purge_after: Any, purge_at: datetime | None) -> str:
    """Why the anchor (base_seq, base_hash) is not proved by the newest purge entry; "" when it is."""
    if purge_at is None or not isinstance(purge_after, dict):
        return "链起点被移动，但链中没有清理记录 / the chain's start was moved without a purge entry"
    if purge_after.get("base_seq") != base_seq or purge_after.get("base_hash") != base_hash:
        return "链起点与最近一次清理记录不符 / the chain's start is not where the last purge left it"
    key = audit_key()
    if key is None:
        return ("缺少审计密钥，无法核对清理记录（设置 ANJIAN_AUDIT_KEY 或从原数据目录复制 audit_key）"
                " / audit key missing: cannot check the purge seal")
    if purge_after.get("key_id") != key_id(key):
        return (f"清理记录由另一审计密钥签署（{purge_after.get('key_id')}，本机 {key_id(key)}）"
                " / purge sealed with another audit key: copy audit_key from the original data folder")
    before = str(purge_after.get("before", ""))
    if not hmac.compare_digest(str(purge_after.get("seal", "")), _mac(key, base_seq, base_hash, before)):
        return "清理记录的密钥签名无效（伪造）/ purge seal invalid (forged)"
    try:
        cutoff = datetime.fromisoformat(before)
    except ValueError:
        return "清理记录的日期无效 / purge entry has no valid date"
    if cutoff > purge_at - timedelta(days=RETENTION_DAYS):
        return f"清理了不足 {RETENTION_DAYS} 天的日志 / purge broke the retention period"
    return ""
