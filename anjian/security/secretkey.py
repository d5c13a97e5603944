"""Every web host and worker must sign with the same secret key: the database keeps its fingerprint.

Sessions, CSRF tokens and signed values made on one host are checked on another, so a host that holds
another key (ANJIAN_SECRET_KEY / ANJIAN_SECRET_KEY_FILE unset, or pointing at another file, so that it
generated a key of its own into its data folder) would sign users out and refuse their forms at random.
The first host to start records a one-way fingerprint of its key; a host whose key does not match refuses
to start, naming the setting, as a host with a foreign tip-off identity key does (anjian/tipoffs/sealing.py).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import DatabaseError, connections, transaction

from anjian.config import ConfigError

KEY_SETTINGS = "ANJIAN_SECRET_KEY / ANJIAN_SECRET_KEY_FILE"


def fingerprint(key: str) -> str:
    """A one-way fingerprint of the secret key, safe to keep in the database."""
    return hmac.new(key.encode("utf-8"), b"anjian secret key fingerprint v1", hashlib.sha256).hexdigest()


class ForeignSecretKey(ConfigError):
    """This host's secret key is not the one the database's other hosts use."""

    code = "foreign_secret_key"


def refuse_a_foreign_secret_key() -> None:
    """At start: record this host's key fingerprint if none is, else refuse to run with another key.

    An unreachable or not yet migrated database is not checked (the host fails on its own, or `anjian
    migrate` has not run yet)."""
    from anjian.core.models import SecretKeyFingerprint

    mine = fingerprint(settings.SECRET_KEY)
    try:
        if SecretKeyFingerprint._meta.db_table not in connections["default"].introspection.table_names():
            return
        with transaction.atomic(using="default"):
            row, _created = SecretKeyFingerprint.objects.using("default").get_or_create(
                pk=1, defaults={"fingerprint": mine})
    except DatabaseError:
        return
    if not hmac.compare_digest(row.fingerprint, mine):
        raise ForeignSecretKey(
            f"本机的密钥（SECRET_KEY）与数据库记录的密钥指纹不符：请在每台主机上设置相同的 {KEY_SETTINGS}"
            f"（见 docs/deploy.md），本机拒绝启动。 / this host's secret key does not match the database's key "
            f"fingerprint: set the same {KEY_SETTINGS} on every host; refusing to start"
        )


def forget_recorded_secret_key() -> None:
    """After a restore: the restored database belongs to the instance that restored it, whose key is recorded
    at its next start."""
    from anjian.core.models import SecretKeyFingerprint

    SecretKeyFingerprint.objects.using("default").all().delete()
