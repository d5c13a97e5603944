"""Files through the shared store (anjian/filestore.py): what one web host wrote, another serves.

Each "host" is the same code with its own local media folder; the store is S3 (moto's in-process mock of
the S3 API, so nothing reaches the network). With the store configured, no file lands in a media folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from moto import mock_aws

from anjian import filestore
from anjian.accounts.models import User
from anjian.backup import _media_files
from anjian.fixtures import World
from anjian.ingest.models import ImportRun
from anjian.ledger.models import Evidence
from anjian.ledger.services import add_evidence
from anjian.tipoffs import services as tipoffs
from anjian.web.tests.uploads import PLAN, confirm_form, png

Login = Callable[[User], Client]
BUCKET = "anjian-test"


PNG = png()


@pytest.fixture
def s3(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The S3 store of settings.py's ANJIAN_S3_* block, on moto; host A's media folder is tmp/a."""
    for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.MEDIA_ROOT = str(tmp_path / "a")
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "location": "media", "default_acl": "private",
                        "querystring_auth": True, "file_overwrite": False},
        }}
        yield client


def _keys(client: Any) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def _other_host(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "b")


def test_evidence_written_on_one_host_is_served_by_another(
        world: World, login: Login, s3: Any, settings: Any, tmp_path: Path) -> None:
    evidence = add_evidence(actor=world.officer, item=world.task(), name="现场.png", content=PNG)
    assert f"media/{evidence.file.name}" in _keys(s3)
    assert not (tmp_path / "a").exists()  # nothing on host A's disk

    _other_host(settings, tmp_path)
    served = login(world.officer).get(f"/evidence/{evidence.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG  # type: ignore[attr-defined]
    assert login(world.outsider).get(f"/evidence/{evidence.pk}/").status_code == 404
    # the integrity check and the backup's file list read the store, not the host
    assert filestore.sha256(evidence.file.name) == Evidence.objects.get().sha256
    assert list(_media_files()) == [evidence.file.name]


def test_a_tipoff_photo_is_stored_and_served_through_the_store(
        world: World, s3: Any, settings: Any, tmp_path: Path) -> None:
    filed = tipoffs.submit_tipoff(region=world.county, category="gas", place="集市东口", description="违规充装",
                                  photos=[("a.png", PNG)])
    photo = filed.tipoff.photos.get()
    assert f"media/{photo.file.name}" in _keys(s3) and not (tmp_path / "a").exists()
    assert filestore.read(photo.file.name).startswith(b"\x89PNG")


def test_a_document_uploaded_on_one_host_is_confirmed_on_another(
        world: World, login: Login, s3: Any, settings: Any, tmp_path: Path) -> None:
    clerk = login(world.clerk)
    html = clerk.post("/import/", {"region": "410202",
                                   "file": SimpleUploadedFile("方案.txt", PLAN.encode("utf-8"))}).content.decode()
    token = re.search(r'action="/import/([0-9a-f]+)/confirm/"', html).group(1)  # type: ignore[union-attr]
    assert any(k.startswith(f"media/import-staging/{token}-") for k in _keys(s3))

    _other_host(settings, tmp_path)
    response = clerk.post(f"/import/{token}/confirm/", confirm_form(world.emergency.pk))

    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.created == 1 and f"media/{run.file.name}" in _keys(s3)
    assert not any(k.startswith("media/import-staging/") for k in _keys(s3))  # the staged copy is gone
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
