"""The shared file store: every file the app keeps goes through Django's storage API, nowhere else.

One code path for a local folder (`PrivateFileSystemStorage`, the default: owner-only modes, synced to disk)
and for an S3-compatible store (django-storages, `ANJIAN_S3_*`), so a file written by one web host is read
by every other. Nothing here opens a path under MEDIA_ROOT itself.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, Http404

CHUNK = 1024 * 1024


class PrivateFileSystemStorage(FileSystemStorage):
    """A local folder whose files are owner-only (FILE_UPLOAD_PERMISSIONS) and on disk before `save` returns."""

    def _save(self, name: str, content: Any) -> str:
        saved = super()._save(name, content)  # type: ignore[misc]  # not in django-stubs
        path = self.path(saved)
        # A row pointing at the file is committed right after: the bytes and the directory entry come first.
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        dir_fd = os.open(os.path.dirname(path), os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return saved


def store() -> Storage:
    """The configured default storage (looked up on each call, so tests may swap STORAGES)."""
    return storages["default"]


def save(name: str, content: bytes | IO[bytes]) -> str:
    """Write a new file under `name` (the store may pick a free variant); returns the name it was saved under."""
    body: File = (ContentFile(content) if isinstance(content, bytes)
                  else content if isinstance(content, File) else File(content))
    return store().save(name, body)


def read(name: str) -> bytes:
    """The whole content of a stored file."""
    with store().open(name, "rb") as fh:
        return fh.read()


def exists(name: str) -> bool:
    """Whether the store holds a file under this name."""
    return bool(name) and store().exists(name)


def delete(name: str) -> None:
    """Remove a file; a missing one is not an error."""
    if name:
        store().delete(name)


def modified(name: str) -> datetime:
    """When a stored file was last written."""
    return store().get_modified_time(name)


def sha256(name: str) -> str | None:
    """The SHA-256 of a stored file, read in chunks; None when it does not exist."""
    if not exists(name):
        return None
    digest = hashlib.sha256()
    with store().open(name, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def walk(prefix: str = "") -> Iterator[str]:
    """Every file name under `prefix` (a folder, no trailing slash; "" for all), in sorted order."""
    backend = store()
    folder = prefix.strip("/")
    try:
        dirs, files = backend.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from walk(f"{folder}/{sub}" if folder else sub)


def download(name: str, *, content_type: str, filename: str = "", as_attachment: bool = True) -> FileResponse:
    """A streamed answer with the stored file (read through the store, from any host); 404 when it is gone."""
    if not exists(name):
        raise Http404
    response = FileResponse(store().open(name, "rb"), content_type=content_type, as_attachment=as_attachment,
                            filename=filename or os.path.basename(name))
    response["X-Content-Type-Options"] = "nosniff"
    return response
