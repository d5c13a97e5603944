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


def test_key_file_is_generated_once_owner_only(settings: Any, tmp_path: Path, db: None) -> None:
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


def test_no_new_key_is_made_while_sealed_identities_exist(settings: Any, tmp_path: Path, filed: Any) -> None:
    # given identities sealed under a key that is now gone (a restore without the key, a lost data folder)
    settings.ANJIAN_TIPOFF_KEY = ""
    settings.ANJIAN_TIPOFF_KEY_FILE = tmp_path / "restored" / "tipoff_key"
    # when anything needs the key, it is refused in Chinese, naming the file and the setting
    with pytest.raises(IdentityKeyError, match="不会生成新密钥") as refused:
        sealing.seal({"name": "下一位举报人"})
    assert str(settings.ANJIAN_TIPOFF_KEY_FILE) in str(refused.value) and "ANJIAN_TIPOFF_KEY" in str(refused.value)
    # and no key file appeared that would seal the next reporter under a key that opens none of the others
    assert not settings.ANJIAN_TIPOFF_KEY_FILE.exists()


def test_a_key_file_is_still_made_on_a_new_instance(settings: Any, tmp_path: Path, db: None) -> None:
    settings.ANJIAN_TIPOFF_KEY = ""
    settings.ANJIAN_TIPOFF_KEY_FILE = tmp_path / "new" / "tipoff_key"
    assert sealing.unseal(sealing.seal({"name": "x"})) == {"name": "x"}
    assert settings.ANJIAN_TIPOFF_KEY_FILE.stat().st_mode & 0o777 == 0o600
