"""Every host signs with the same secret key: the first to start records its fingerprint, another key is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from anjian.core.models import SecretKeyFingerprint
from anjian.security.secretkey import ForeignSecretKey, fingerprint, refuse_a_foreign_secret_key

KEY_A = "host-a-secret-key-" + "a" * 40
KEY_B = "host-b-secret-key-" + "b" * 40


def test_the_first_host_records_its_key_and_a_host_with_another_is_refused(db: None, settings: Any) -> None:
    settings.SECRET_KEY = KEY_A
    refuse_a_foreign_secret_key()
    assert SecretKeyFingerprint.objects.get().fingerprint == fingerprint(KEY_A) != fingerprint(KEY_B)
    assert KEY_A not in SecretKeyFingerprint.objects.get().fingerprint  # one-way
    settings.SECRET_KEY = KEY_B
    with pytest.raises(ForeignSecretKey, match="ANJIAN_SECRET_KEY / ANJIAN_SECRET_KEY_FILE"):
        refuse_a_foreign_secret_key()
    settings.SECRET_KEY = KEY_A
    refuse_a_foreign_secret_key()  # the same key starts again
    assert SecretKeyFingerprint.objects.count() == 1


def _host(tmp_path: Path, name: str, database: Path, key_file: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANJIAN_", "DJANGO_"))}
    env |= {"ANJIAN_DATA_DIR": str(tmp_path / name), "ANJIAN_DATABASE_URL": f"sqlite:///{database}"}
    if key_file:
        env["ANJIAN_SECRET_KEY_FILE"] = str(key_file)
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=300,  # noqa: S603
                          check=False)


def test_a_host_without_the_shared_key_file_refuses_to_start(tmp_path: Path) -> None:
    # given two hosts on one database: A reads the shared key file, B has none (so it generated its own key)
    database, key_file = tmp_path / "shared.sqlite3", tmp_path / "secret_key"
    key_file.write_text(KEY_A)
    host_a, host_b = _host(tmp_path, "a", database, key_file), _host(tmp_path, "b", database, None)
    assert _run(host_a, "-m", "anjian.cli", "migrate").returncode == 0
    # when A's web server loads the application, it records the key
    assert _run(host_a, "-c", "import anjian.wsgi").returncode == 0
    # then B's web server, `anjian serve` and `anjian worker` refuse to start, naming the setting
    for args in (["-c", "import anjian.wsgi"], ["-m", "anjian.cli", "serve", "--port", "9"],
                 ["-m", "anjian.cli", "worker"]):
        refused = _run(host_b, *args)
        assert refused.returncode != 0 and "ANJIAN_SECRET_KEY / ANJIAN_SECRET_KEY_FILE" in refused.stderr, args
    # and a host given the same key file starts
    assert _run(_host(tmp_path, "c", database, key_file), "-c", "import anjian.wsgi").returncode == 0
