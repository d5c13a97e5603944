"""The identity key: from the setting, else a generated owner-only key file; a wrong key fails loudly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from anjian.tipoffs import sealing
from anjian.tipoffs.errors import IdentityKeyError
from anjian.tipoffs.models import IdentityKeyFingerprint


def test_round_trip_and_ciphertext_hides_content(settings: Any, db: None) -> None:
    token = sealing.seal({"name": "欧阳秘举"})
    assert "欧阳" not in token and sealing.unseal(token) == {"name": "欧阳秘举"}


def test_key_file_is_generated_once_owner_only(settings: Any, tmp_path: Path, db: None) -> None:
    settings.ANJIAN_TIPOFF_KEY = ""
    settings.ANJIAN_TIPOFF_KEY_FILE = tmp_path / "tipoff_key"
    token = sealing.seal({"phone": "13912345678"})
    assert (settings.ANJIAN_TIPOFF_KEY_FILE.stat().st_mode & 0o777) == 0o600
    assert sealing.unseal(token) == {"phone": "13912345678"}


def test_another_key_cannot_open_it(settings: Any, db: None) -> None:
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


KEY_A = "host-a-tipoff-identity-key-0123456789"


def test_a_host_with_the_same_key_file_reveals_what_another_host_sealed(
        settings: Any, tmp_path: Path, filed: Any) -> None:
    # given host A sealed an identity (filed) under its key; host B reads the same key from its own file
    key = sealing.current_key()
    assert key is not None
    shared = tmp_path / "etc" / "tipoff_key"
    sealing.write_key_file(shared, key, replace=False)
    token = filed.tipoff.identity.ciphertext
    sealing.forget_cached_key()
    settings.ANJIAN_TIPOFF_KEY, settings.ANJIAN_TIPOFF_KEY_FILE = "", shared
    settings.ANJIAN_TIPOFF_KEY_FILE_CONFIGURED = True

    sealing.refuse_a_foreign_key()
    assert sealing.unseal(token)  # revealed on B


def test_a_host_with_another_key_refuses_to_start_naming_the_setting(
        settings: Any, tmp_path: Path, filed: Any) -> None:
    sealing.forget_cached_key()
    settings.ANJIAN_TIPOFF_KEY = KEY_A + "-but-another-one"
    with pytest.raises(IdentityKeyError, match="ANJIAN_TIPOFF_KEY / ANJIAN_TIPOFF_KEY_FILE"):
        sealing.refuse_a_foreign_key()
    # and it seals nothing with its own key either
    with pytest.raises(IdentityKeyError):
        sealing.seal({"name": "下一位"})


def test_a_host_generating_its_own_key_file_is_refused_once_a_key_is_recorded(
        settings: Any, tmp_path: Path, db: None) -> None:
    # given host A recorded its key's fingerprint with the first seal
    sealing.forget_cached_key()
    settings.ANJIAN_TIPOFF_KEY = KEY_A
    sealing.seal({"name": "x"})
    assert IdentityKeyFingerprint.objects.get().fingerprint == sealing.fingerprint(sealing.current_key() or b"")
    # when host B starts with no key configured, it neither generates a key nor starts
    sealing.forget_cached_key()
    settings.ANJIAN_TIPOFF_KEY, settings.ANJIAN_TIPOFF_KEY_FILE = "", tmp_path / "b" / "tipoff_key"
    with pytest.raises(IdentityKeyError):
        sealing.refuse_a_foreign_key()
    assert not settings.ANJIAN_TIPOFF_KEY_FILE.exists()


def test_a_configured_key_file_that_is_missing_is_an_error_not_a_new_key(
        settings: Any, tmp_path: Path, db: None) -> None:
    sealing.forget_cached_key()
    settings.ANJIAN_TIPOFF_KEY, settings.ANJIAN_TIPOFF_KEY_FILE = "", tmp_path / "missing"
    settings.ANJIAN_TIPOFF_KEY_FILE_CONFIGURED = True
    with pytest.raises(IdentityKeyError, match="ANJIAN_TIPOFF_KEY_FILE"):
        sealing.seal({"name": "x"})
    assert not (tmp_path / "missing").exists()


def test_identities_sealed_before_fingerprints_record_only_a_key_that_opens_them(
        settings: Any, filed: Any) -> None:
    IdentityKeyFingerprint.objects.all().delete()  # a database from before this table
    sealing.forget_cached_key()
    settings.ANJIAN_TIPOFF_KEY = KEY_A + "-wrong"
    with pytest.raises(IdentityKeyError):
        sealing.refuse_a_foreign_key()
    assert not IdentityKeyFingerprint.objects.exists()
