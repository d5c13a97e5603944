"""Uploaded documents staged in the shared store between the preview and the confirm.

The upload is written to the store (not the receiving host's disk) and its extraction to ImportStage, so the
clerk's confirm may reach any web host. Readers that need a path get a private temporary copy for the call.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from anjian import filestore
from anjian.ingest.models import ImportStage
from anjian.ledger.evidence import safe_name
from anjian.security.filemodes import open_private

FOLDER = "import-staging"
MAX_AGE_SECONDS = 24 * 3600


def stage_upload(upload: Any) -> tuple[str, str]:
    """Keep an uploaded file in the store's staging folder under a fresh token; returns (token, stored name)."""
    purge_expired()
    token = uuid.uuid4().hex
    return token, filestore.save(f"{FOLDER}/{token}-{safe_name(upload.name)}", upload)


@contextmanager
def local_copy(name: str) -> Iterator[Path]:
    """A staged file copied into a private temporary folder for the readers that take a path; removed after."""
    with tempfile.TemporaryDirectory(prefix="anjian-stage-") as folder:  # created 0700
        path = Path(folder) / Path(name).name
        with filestore.store().open(name, "rb") as source, open_private(path) as out:
            shutil.copyfileobj(source, out, filestore.CHUNK)
        yield path


def is_staged(name: str) -> bool:
    """Whether `name` is a file still waiting in the staging folder (a session from elsewhere may hold anything)."""
    return name.startswith(f"{FOLDER}/") and ".." not in name and filestore.exists(name)


def discard(name: str) -> None:
    """Remove a staged file once it was imported or refused."""
    filestore.delete(name)


def purge_expired() -> None:
    """Previews nobody confirmed are dropped after a day, so neither the table nor the folder grows without bound."""
    cutoff = timezone.now() - timedelta(seconds=MAX_AGE_SECONDS)
    ImportStage.objects.filter(created_at__lt=cutoff).delete()
    for name in list(filestore.walk(FOLDER)):
        if filestore.modified(name) < cutoff:
            filestore.delete(name)
