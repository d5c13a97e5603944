"""Level-3 controls that are not a page: audit retention, chain-head export, evidence integrity."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from anjian import filestore
from anjian.accounts.policy import Where, allowed
from anjian.audit.seal import RETENTION_DAYS  # 网络安全法 §21: six months; also in the audit triggers
from anjian.security.errors import NotAuditAdministrator, RetentionTooShort

# Evidence is written before its row; a file younger than this may belong to a transaction still open.
ORPHAN_GRACE_SECONDS = 24 * 3600
SWEPT_FOLDERS = ("evidence", "imports", "import-staging")


def is_audit_administrator(user: Any) -> bool:
    """May read the audit log: the policy's answer (the auditor role; superuser status does not count)."""
    return allowed(user, "view", Where("audit"))


def password_expired(user: Any, now: datetime | None = None) -> bool:
    """Whether the password must be changed now: someone else chose it (an account made or reset by another
    person), or the optional rotation period (ANJIAN_PASSWORD_MAX_AGE_DAYS, 0 = off) has passed."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "must_change_password", False):
        return True
    days = getattr(settings, "ANJIAN_PASSWORD_MAX_AGE_DAYS", 0)
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return bool(changed and (now or timezone.now()) - changed > timedelta(days=days))


@dataclass(frozen=True)
class PurgeResult:
    """What a retention purge removed and the anchor the chain now starts from."""

    purged: int
    base_seq: int
    base_hash: str


def purge_audit(*, actor: Any, before: datetime, now: datetime | None = None) -> PurgeResult:
    """Delete audit entries older than `before`; refuses anything younger than 183 days.

    The chain stays verifiable: the hash of the last purged entry becomes the anchor (base_seq,
    base_hash) that `audit.services.verify()` starts from, and the purge's own audit entry carries an
    HMAC of that anchor under the audit key (`audit.seal`), which verify checks. The database lets the
    permit, the anchor and the deletion through only in this order and only for entries older than the
    retention period (audit migration 0004). Only the audit administrator (or the server's own command
    line, actor=None) may purge.
    """
    from anjian.audit.models import AuditEntry, AuditHead, PurgePermit
    from anjian.audit.seal import seal
    from anjian.audit.services import PURGE_ACTION, record

    if actor is not None and not allowed(actor, "purge", Where("audit")):
        raise NotAuditAdministrator()
    cutoff = (now or timezone.now()) - timedelta(days=RETENTION_DAYS)
    if before > cutoff:
        raise RetentionTooShort(
            f"只能清理 {cutoff:%Y-%m-%d} 之前的审计日志（保留不少于 {RETENTION_DAYS} 天）"
            f" / only entries before {cutoff:%Y-%m-%d} may be purged"
        )
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(id=1)
        first_young = AuditEntry.objects.filter(at__gte=before).order_by("seq").values_list("seq", flat=True).first()
        upto = (first_young - 1) if first_young is not None else head.last_seq
        # Clocks can step back: never purge a young entry hiding below an old one's seq.
        if AuditEntry.objects.filter(seq__lte=upto, at__gte=cutoff).exists():
            raise RetentionTooShort()
        anchor = AuditEntry.objects.filter(seq=upto).values_list("hash", flat=True).first()
        if upto <= head.base_seq or anchor is None:
            return PurgeResult(0, head.base_seq, head.base_hash)
        sealed = seal(base_seq=upto, base_hash=anchor, before=before.isoformat())
        # The order the database's triggers require: permit, anchor (to an entry still there), delete, close.
        PurgePermit.objects.filter(id=1).update(upto_seq=upto)
        AuditHead.objects.filter(id=1).update(base_seq=upto, base_hash=anchor)
        purged, _ = AuditEntry.objects.filter(seq__lte=upto).delete()
        PurgePermit.objects.filter(id=1).update(upto_seq=0)
        record(actor=actor, action=PURGE_ACTION, object_type="audit", object_id=upto,
               after={"purged": purged, **sealed})
    return PurgeResult(purged, upto, anchor)


def export_chain_head(destination: Path) -> dict[str, Any]:
    """Verify the chain and append its head to `destination` (one JSON line, fsynced) for off-system keeping."""
    from anjian.audit.services import verify

    result = verify()
    line = {
        "exported_at": timezone.now().isoformat(),
        "ok": result.ok,
        "entries": result.checked,
        "seq": result.head_seq,
        "head_hash": result.head_hash,
        "broken_seq": result.broken_seq,
    }
    destination.parent.mkdir(parents=True, exist_ok=True)
    with open(destination, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return line


def referenced_files() -> set[str]:
    """Every storage name some row's FileField points at."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                values = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                names.update(v for v in values if v)
    return names


def sweep_orphan_files(*, older_than_seconds: int = ORPHAN_GRACE_SECONDS) -> list[str]:
    """Remove stored files (and temp files) no row references, once they are older than the grace period."""
    from anjian.ledger.evidence import sweep_orphans

    referenced = referenced_files()
    removed: list[str] = []
    for folder in SWEPT_FOLDERS:
        removed += sweep_orphans(referenced, older_than_seconds=older_than_seconds, folder=folder)
    return removed


@dataclass(frozen=True)
class BadFile:
    """An evidence row whose file is missing or no longer has the recorded SHA-256."""

    evidence_id: int
    name: str
    problem: str


def verify_evidence_files() -> list[BadFile]:
    """Check every evidence row's file against its SHA-256; the empty list means all are intact."""
    from anjian.ledger.evidence import verify_file
    from anjian.ledger.models import Evidence

    bad: list[BadFile] = []
    for pk, name, digest in Evidence.objects.order_by("pk").values_list("pk", "file", "sha256").iterator():
        if not filestore.exists(name):
            bad.append(BadFile(pk, name, "missing"))
        elif not verify_file(name, digest):
            bad.append(BadFile(pk, name, "altered"))
    return bad
