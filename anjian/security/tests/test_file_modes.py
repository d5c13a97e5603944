"""What anjian writes to disk is owner-only: folders 0700, files 0600 (issue 17 #17).

Each writer is run under the common umask 022, so a file that comes out 0600 was created so by the
writer itself, not by the process umask that the settings set (checked on its own, last).
"""

from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.fixtures import World

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def common_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    return tmp_path / "media"


def test_the_data_folder_and_the_secret_key_file_are_owner_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, common_umask: None) -> None:
    from anjian.config import data_dir, secret_key

    monkeypatch.delenv("ANJIAN_SECRET_KEY", raising=False)
    monkeypatch.setenv("ANJIAN_DATA_DIR", str(tmp_path / "new" / "anjian-data"))
    folder = data_dir()
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
    secret_key(folder)
    assert mode(folder / "secret_key") == 0o600
    # A data folder left world-readable by an older version is narrowed when the settings load.
    old = tmp_path / "old-data"
    old.mkdir(mode=0o755)
    monkeypatch.setenv("ANJIAN_DATA_DIR", str(old))
    assert mode(data_dir()) == 0o700


@pytest.mark.django_db
def test_evidence_staged_uploads_and_stored_uploads_are_owner_only(media: Path, common_umask: None) -> None:
    from anjian.ingest.staging import stage_upload
    from anjian.ledger.evidence import store

    stored = store(PNG, "现场.png")
    evidence = media / stored.name
    assert mode(evidence) == 0o600
    assert all(mode(p) == 0o700 for p in (evidence.parent, evidence.parent.parent, media / "evidence"))
    _token, name = stage_upload(SimpleUploadedFile("计划.docx", b"PK\x03\x04 staged"))
    staged = media / name
    assert mode(staged) == 0o600 and mode(staged.parent) == 0o700
    # Django's storage (tip-off photos, import files) would chmod to 0644 without FILE_UPLOAD_PERMISSIONS.
    name = default_storage.save("tipoffs/2024/photo.png", ContentFile(PNG))
    assert mode(media / name) == 0o600 and mode((media / name).parent) == 0o700


@pytest.mark.django_db
def test_a_generated_document_is_owner_only(world: World, media: Path, tmp_path: Path, common_umask: None) -> None:
    from anjian.publish.cli import run

    hazard = world.hazard()
    output = tmp_path / "督办函.docx"
    run(argparse.Namespace(kind="supervision", region=world.county.code, date_from=date(2024, 12, 1),
                           date_to=date(2024, 12, 31), file_format="docx", item=f"hazard:{hazard.pk}",
                           import_run=None, issue=False, output=str(output)))
    assert output.stat().st_size > 0 and mode(output) == 0o600


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_owner_only(media: Path, tmp_path: Path, common_umask: None) -> None:
    from anjian.backup import create_backup

    target = tmp_path / "anjian.backup"
    create_backup(str(target))
    assert mode(target) == 0o600


def test_the_process_creates_owner_only_files() -> None:
    # The settings set umask 077: the SQLite database, its journal and LibreOffice's output are 0600 too.
    current = os.umask(0o077)
    os.umask(current)
    assert current == 0o077
