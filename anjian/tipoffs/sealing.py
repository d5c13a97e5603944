"""Field-level encryption of reporter identities (Fernet), with a key kept outside the database."""

from __future__ import annotations

import base64
import contextlib
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


def _sealed_identities() -> int:
    """How many sealed identities the database holds (0 before the tables exist)."""
    from django.db import connection
    from django.db.utils import DatabaseError

    from anjian.tipoffs.models import ReporterIdentity

    try:
        if ReporterIdentity._meta.db_table not in connection.introspection.table_names():
            return 0
        return ReporterIdentity.objects.count()
    except DatabaseError:
        return 0


def _key_file_key(path: Path) -> bytes:
    """The key in `path`, generated on first use with owner-only permissions, like the secret key.

    Never generated while the database already holds sealed identities: a new key could not open them,
    and a silent new key is how a restore without the old key used to lose every reporter (issue 17).
    """
    if not path.exists():
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
    return Fernet(_key(secret, key_file))


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
