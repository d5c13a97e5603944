"""The identity key: from the setting, else a generated owner-only key file; a wrong key fails loudly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from anjian.tipoffs import sealing
from anjian.tipoffs.errors import IdentityKeyError


def test_round_trip_and_ciphertext_hides_content(settings: Any) -> None:
    token = sealing.seal({"name": "欧阳秘举"})
    assert "欧阳" not in token and sealing.unseal(token) == {"name": "欧阳秘举"}


def test_key_file_is_generated_once_owner_only(settings: Any, tmp_path: Path) -> None:
    settings.ANJIAN_TIPOFF_KEY = ""
    settings.ANJIAN_TIPOFF_KEY_FILE = tmp_path / "tipoff_key"
    token = sealing.seal({"phone": "13912345678"})
    assert (settings.ANJIAN_TIPOFF_KEY_FILE.stat().st_mode & 0o777) == 0o600
    assert sealing.unseal(token) == {"phone": "13912345678"}


def test_another_key_cannot_open_it(settings: Any) -> None:
    token = sealing.seal({"name": "x"})
    settings.ANJIAN_TIPOFF_KEY = "a-completely-different-key-000000"
    with pytest.raises(IdentityKeyError):
        sealing.unseal(token)


def test_short_configured_key_is_refused(settings: Any) -> None:
    settings.ANJIAN_TIPOFF_KEY = "short"
    with pytest.raises(IdentityKeyError):
        sealing.seal({"name": "x"})
