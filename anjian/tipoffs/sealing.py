"""Field-level encryption of reporter identities (Fernet), with a key kept outside the database."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from anjian.tipoffs.errors import IdentityKeyError

_INFO = b"anjian tipoff reporter identity v1"


def _derive(secret: str) -> bytes:
    """A Fernet key from an operator-chosen secret of any length (HKDF-SHA256)."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


def _tables_exist() -> bool:
    from django.db import connection

    from anjian.tipoffs.models import IdentityKeyFingerprint, ReporterIdentity

    tables = set(connection.introspection.table_names())
    return {ReporterIdentity._meta.db_table, IdentityKeyFingerprint._meta.db_table} <= tables


def _sealed_identities() -> int:
    """How many sealed identities the database holds, counting a recorded key as one (0 before the tables exist)."""
    from django.db.utils import DatabaseError

    from anjian.tipoffs.models import IdentityKeyFingerprint, ReporterIdentity

    try:
        if not _tables_exist():
            return 0
        return ReporterIdentity.objects.count() or int(IdentityKeyFingerprint.objects.exists())
    except DatabaseError:
        return 0


KEY_SETTINGS = "ANJIAN_TIPOFF_KEY / ANJIAN_TIPOFF_KEY_FILE"


def fingerprint(key: bytes) -> str:
    """A one-way fingerprint of a Fernet key, safe to keep in the database."""
    return hmac.new(key, b"anjian tipoff identity key fingerprint v1", hashlib.sha256).hexdigest()


def _mismatch() -> IdentityKeyError:
    return IdentityKeyError(
        f"本机的举报人信息密钥与数据库记录的密钥指纹不符：请在每台主机上设置相同的 {KEY_SETTINGS}（见 docs/deploy.md），"
        f"本机拒绝用自己的密钥加密或解密。 / this host's tip-off identity key does not match the database's key "
        f"fingerprint: set the same {KEY_SETTINGS} on every host; refusing to seal with a key of its own"
    )


def _check_fingerprint(key: bytes) -> None:
    """The key must be the one the database was sealed with: recorded by the first host, compared by every other.

    A database sealed before fingerprints were kept records the key only if it opens an existing identity.
    """
    from django.db import transaction

    from anjian.tipoffs.models import IdentityKeyFingerprint, ReporterIdentity

    if not _tables_exist():
        return
    mine = fingerprint(key)
    recorded = IdentityKeyFingerprint.objects.using("default").filter(pk=1).values_list("fingerprint", flat=True).first()
    if recorded is None:
        sample = ReporterIdentity.objects.using("default").order_by("pk").values_list("ciphertext", flat=True).first()
        if sample is not None:
            try:
                Fernet(key).decrypt(sample.encode("ascii"))
            except InvalidToken as exc:
                raise _mismatch() from exc
        with transaction.atomic(using="default"):
            row, _created = IdentityKeyFingerprint.objects.using("default").get_or_create(
                pk=1, defaults={"fingerprint": mine})
        recorded = row.fingerprint
    if not hmac.compare_digest(recorded, mine):
        raise _mismatch()


def refuse_a_foreign_key() -> None:
    """At start: a host whose key is not the database's refuses to run; an unreachable database is not checked."""
    from django.db.utils import DatabaseError

    try:
        if _sealed_identities() or settings.ANJIAN_TIPOFF_KEY:
            fernet()
    except DatabaseError:
        return


def _key_file_key(path: Path) -> bytes:
    """The key in `path`, generated on first use with owner-only permissions, like the secret key.

    Never generated while the database already holds sealed identities: a new key could not open them,
    and a silent new key is how a restore without the old key used to lose every reporter (issue 17).
    """
    if not path.exists():
        if settings.ANJIAN_TIPOFF_KEY_FILE_CONFIGURED:
            raise IdentityKeyError(f"ANJIAN_TIPOFF_KEY_FILE={path}: 文件不存在 / file does not exist")
        sealed = _sealed_identities()
        if sealed:
            raise IdentityKeyError(
                f"数据库中已有 {sealed} 条加密的举报人信息，但密钥文件 {path} 不存在：请放回原密钥文件，"
                f"或把 ANJIAN_TIPOFF_KEY 设为原值，或用 `anjian restore 备份 --passphrase-file 口令文件` "
                f"从含密钥的备份恢复；系统不会生成新密钥（新密钥无法解密已有信息）。"
                f" / {sealed} sealed reporter identities exist but the key file {path} is missing; "
                f"restore it or set ANJIAN_TIPOFF_KEY — no new key is generated"
            )
        write_key_file(path, Fernet.generate_key(), replace=False)
    return path.read_bytes().strip()


def write_key_file(path: Path, key: bytes, *, replace: bool) -> None:
    """Put `key` at `path`, owner-only from its first byte, whole or not at all (a reader never sees half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            # Another process that got there first wins; its key is the one read back.
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


MIN_SECRET_LENGTH = 16


def _key(secret: str, key_file: str) -> bytes:
    if secret and len(secret) < MIN_SECRET_LENGTH:
        raise IdentityKeyError(f"ANJIAN_TIPOFF_KEY must be at least {MIN_SECRET_LENGTH} characters")
    return _derive(secret) if secret else _key_file_key(Path(key_file))


@cache
def _fernet(secret: str, key_file: str) -> Fernet:
    key = _key(secret, key_file)
    _check_fingerprint(key)  # not cached when it fails: checked again on the next use
    return Fernet(key)


def fernet() -> Fernet:
    """The Fernet of this installation: ANJIAN_TIPOFF_KEY when set, else the data folder's key file."""
    return _fernet(settings.ANJIAN_TIPOFF_KEY, str(settings.ANJIAN_TIPOFF_KEY_FILE))


def current_key() -> bytes | None:
    """The key in use (the derived one or the key file's), or None when none exists yet; never creates one."""
    secret = settings.ANJIAN_TIPOFF_KEY
    if not secret and not Path(settings.ANJIAN_TIPOFF_KEY_FILE).exists():
        return None
    return _key(secret, str(settings.ANJIAN_TIPOFF_KEY_FILE))


def forget_cached_key() -> None:
    """Drop the cached Fernet, after a restore has put another key in place."""
    _fernet.cache_clear()


def seal(values: dict[str, Any]) -> str:
    """Encrypt a small JSON object; the token reveals nothing of the content."""
    return fernet().encrypt(json.dumps(values, ensure_ascii=False).encode("utf-8")).decode("ascii")


def unseal(token: str) -> dict[str, Any]:
    """Decrypt what `seal` produced; a wrong or rotated key is an error, never garbage."""
    try:
        data = json.loads(fernet().decrypt(token.encode("ascii")))
    except InvalidToken as exc:
        raise IdentityKeyError() from exc
    if not isinstance(data, dict):
        raise IdentityKeyError()
    return data
