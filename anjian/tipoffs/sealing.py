"""Field-level encryption of reporter identities (Fernet), with a key kept outside the database."""

from __future__ import annotations

import base64
import json
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


def _key_file_key(path: Path) -> bytes:
    """The key in `path`, generated on first use with owner-only permissions, like the secret key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_bytes().strip()


MIN_SECRET_LENGTH = 16


@cache
def _fernet(secret: str, key_file: str) -> Fernet:
    if secret and len(secret) < MIN_SECRET_LENGTH:
        raise IdentityKeyError(f"ANJIAN_TIPOFF_KEY must be at least {MIN_SECRET_LENGTH} characters")
    key = _derive(secret) if secret else _key_file_key(Path(key_file))
    return Fernet(key)


def fernet() -> Fernet:
    """The Fernet of this installation: ANJIAN_TIPOFF_KEY when set, else the data folder's key file."""
    return _fernet(settings.ANJIAN_TIPOFF_KEY, str(settings.ANJIAN_TIPOFF_KEY_FILE))


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
