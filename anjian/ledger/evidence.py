"""Evidence files: content-sniffed, size-limited, hashed, and in the shared store before their row exists."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from anjian import filestore
from anjian.ledger.errors import EvidenceRejected

# Magic bytes → MIME type. Office files are ZIP containers; the extension decides docx vs xlsx.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
]
_ZIP_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_PIXELS = 50_000_000  # a pixel flood decodes to gigabytes in whoever renders it
_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def sniff(head: bytes, name: str) -> str:
    """The MIME type read from the content itself; the uploaded name only tells docx from xlsx."""
    for magic, mime in _SIGNATURES:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        office = _ZIP_TYPES.get(Path(name).suffix.lower())
        if office:
            return office
    raise EvidenceRejected("不支持的文件类型（仅限图片、PDF、Word、Excel）/ unsupported file type")


def image_pixels(content: bytes, mime: str) -> int:
    """Width × height read from a PNG, GIF or JPEG header (0 when not found), without decoding."""
    if mime == "image/png" and len(content) >= 24:
        return int.from_bytes(content[16:20], "big") * int.from_bytes(content[20:24], "big")
    if mime == "image/gif" and len(content) >= 10:
        return int.from_bytes(content[6:8], "little") * int.from_bytes(content[8:10], "little")
    if mime == "image/jpeg":
        match = re.search(rb"\xff[\xc0-\xc3\xc5-\xc7\xc9-\xcb\xcd-\xcf]..\x08(....)", content[:1 << 20], re.DOTALL)
        if match:
            dims = match.group(1)
            return int.from_bytes(dims[:2], "big") * int.from_bytes(dims[2:], "big")
    return 0


def safe_name(name: str) -> str:
    """The base name with path parts, control characters and reserved names removed."""
    base = Path(name.replace("\\", "/")).name
    base = _SAFE_NAME.sub("_", base).strip("._") or "file"
    stem = base.split(".")[0].upper()
    if stem in {"CON", "PRN", "AUX", "NUL"} or re.fullmatch(r"(COM|LPT)\d", stem):
        base = f"_{base}"
    # Evidence.file holds 100 characters: folder, date, hash and uuid take 43 of them.
    return base[-50:]


@dataclass(frozen=True)
class StoredFile:
    """A file safely in the store: its storage name and its facts."""

    name: str
    original_name: str
    content_type: str
    size: int
    sha256: str


def store(content: bytes, original_name: str, *, folder: str = "evidence") -> StoredFile:
    """Check and write the file to the shared store (synced to disk when local); the row is created afterwards."""
    limit = settings.ANJIAN_EVIDENCE_MAX_BYTES
    if len(content) > limit:
        raise EvidenceRejected(f"文件超过 {limit // (1024 * 1024)} MB 上限 / file too large")
    if not content:
        raise EvidenceRejected("文件为空 / empty file")
    mime = sniff(content[:16], original_name)
    if image_pixels(content, mime) > MAX_PIXELS:
        raise EvidenceRejected("图片像素过多（超过 5000 万像素）/ image has too many pixels")
    digest = hashlib.sha256(content).hexdigest()
    clean = safe_name(original_name)
    wanted = f"{folder}/{timezone.localdate():%Y/%m}/{digest[:16]}-{uuid.uuid4().hex[:8]}-{clean}"
    name = filestore.save(wanted, content)
    # PostgreSQL text cannot hold NUL; the original name is metadata only.
    return StoredFile(name, original_name.replace("\x00", "")[:200], mime, len(content), digest)


def discard(stored: StoredFile) -> None:
    """Remove a stored file whose row was never written (the transaction failed)."""
    filestore.delete(stored.name)


def sweep_orphans(referenced: set[str], *, older_than_seconds: int = 3600, folder: str = "evidence") -> list[str]:
    """Delete files under `folder` that no row references, once older than the grace; returns what was removed."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    removed: list[str] = []
    for name in list(filestore.walk(folder)):
        if name in referenced or filestore.modified(name) > cutoff:
            continue
        filestore.delete(name)
        removed.append(name)
    return removed


def verify_file(name: str, sha256: str) -> bool:
    """Whether the stored file exists and still has the recorded SHA-256."""
    return filestore.sha256(name) == sha256
