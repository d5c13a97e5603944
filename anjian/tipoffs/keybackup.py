"""The identity key inside a backup, sealed under a passphrase the operator supplies.

Without the key a restored database keeps its sealed identities but nobody can open them; with the key in
clear a stolen backup would reveal every reporter. So the key travels encrypted: scrypt (N=2^17, r=8, p=1,
OWASP's minimum) turns the passphrase into an AES-256-GCM key, and the passphrase stays with the operator.
"""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings

from anjian.tipoffs import sealing
from anjian.tipoffs.errors import IdentityKeyError

MIN_PASSPHRASE_LENGTH = 12
PASSPHRASE_ENV = "ANJIAN_BACKUP_PASSPHRASE"
_SCRYPT = {"n": 2**17, "r": 8, "p": 1}
_AAD = b"anjian tipoff identity key backup v1"


class KeyBackupError(IdentityKeyError):
    """备份口令不正确或备份中的密钥已损坏"""

    code = "key_backup_error"


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase short enough to guess offline against a stolen backup."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise KeyBackupError(f"备份口令至少 {MIN_PASSPHRASE_LENGTH} 个字符 / the backup passphrase must be at least "
                             f"{MIN_PASSPHRASE_LENGTH} characters")


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal_key(key: bytes, passphrase: str) -> bytes:
    """The key as a small JSON document that only the passphrase opens."""
    check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(passphrase, salt, **_SCRYPT)).encrypt(nonce, key, _AAD)
    doc = {"version": 1, "kdf": "scrypt", **_SCRYPT, "cipher": "AES-256-GCM",
           "salt": base64.b64encode(salt).decode(), "nonce": base64.b64encode(nonce).decode(),
           "ciphertext": base64.b64encode(sealed).decode()}
    return json.dumps(doc).encode("utf-8")


def open_key(blob: bytes, passphrase: str) -> bytes:
    """The key sealed by `seal_key`; a wrong passphrase or a changed byte is a KeyBackupError."""
    try:
        doc = json.loads(blob)
        kek = _kek(passphrase, base64.b64decode(doc["salt"]), int(doc["n"]), int(doc["r"]), int(doc["p"]))
        key = AESGCM(kek).decrypt(base64.b64decode(doc["nonce"]), base64.b64decode(doc["ciphertext"]), _AAD)
        Fernet(key)  # a well-formed Fernet key, or the document was not ours
    except (InvalidTag, KeyError, TypeError, ValueError) as exc:
        raise KeyBackupError("备份口令不正确，或备份中的密钥已损坏 / wrong backup passphrase or damaged key") from exc
    return key


def refuse_other_configured_key(key: bytes) -> None:
    """Before a restore: ANJIAN_TIPOFF_KEY, when set, must be the backup's key (it would win over the file)."""
    current = sealing.current_key() if settings.ANJIAN_TIPOFF_KEY else None
    if current is not None and current != key:
        raise KeyBackupError(
            "本机设置的 ANJIAN_TIPOFF_KEY 与备份中的举报人信息密钥不同：请取消该设置（恢复时将密钥写入数据目录的 "
            "tipoff_key 文件）或设为原实例的值，再恢复 / ANJIAN_TIPOFF_KEY differs from the backup's key")


def install_key(key: bytes) -> Path | None:
    """Make the backup's key this instance's: the key file, unless ANJIAN_TIPOFF_KEY already is that key.

    A different key file already there is kept beside it (tipoff_key.before-restore-TIME), never deleted.
    """
    sealing.forget_cached_key()
    if settings.ANJIAN_TIPOFF_KEY:
        refuse_other_configured_key(key)
        return None
    path = Path(settings.ANJIAN_TIPOFF_KEY_FILE)
    if path.exists() and path.read_bytes().strip() != key:
        os.replace(path, path.with_name(f"{path.name}.before-restore-{time.strftime('%Y%m%d%H%M%S')}"))
    sealing.write_key_file(path, key, replace=True)
    sealing.forget_cached_key()
    return path


def check_every_identity() -> int:
    """Open every sealed identity with this instance's key; returns how many, raises on the first that fails."""
    from anjian.tipoffs.models import ReporterIdentity

    sealing.forget_cached_key()
    count = 0
    for ciphertext in ReporterIdentity.objects.order_by("pk").values_list("ciphertext", flat=True).iterator():
        try:
            sealing.fernet().decrypt(ciphertext.encode("ascii"))
        except InvalidToken as exc:
            raise IdentityKeyError(
                "举报人信息无法用本机密钥解密：密钥与数据不匹配 / a sealed identity does not open with this key"
            ) from exc
        count += 1
    return count
