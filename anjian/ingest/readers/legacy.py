"""Legacy .doc/.wps/.xls/.et: converted by LibreOffice to .docx/.xlsx, then read as those."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from anjian.ingest.document import SourceDocument
from anjian.ingest.errors import IngestError

TIMEOUT_SECONDS = 120
_TARGET = {"doc": "docx", "wps": "docx", "xls": "xlsx", "et": "xlsx"}


def soffice_path() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, target: str, out_dir: Path) -> Path:
    """Convert `path` to `target` (docx, xlsx, pdf) in `out_dir` with a private LibreOffice profile."""
    soffice = soffice_path()
    if soffice is None:
        raise IngestError(
            "libreoffice_missing",
            "请安装 libreoffice-writer-nogui 和 libreoffice-calc-nogui",
            "install the Debian packages libreoffice-writer-nogui and libreoffice-calc-nogui",
        )
    # One profile per conversion: concurrent conversions sharing a profile silently drop outputs.
    profile = out_dir / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(path),
    ]
    from anjian.ingest.sandbox import lift_limits

    try:
        # In the parsing sandbox LibreOffice gets its memory back (it maps far more than a reader): it is its
        # own process, bounded by this timeout and by the sandbox's wall clock, which kills its process group.
        subprocess.run(
            command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, preexec_fn=lift_limits
        )
    except subprocess.TimeoutExpired as exc:
        raise IngestError("conversion_failed", "超时", "timed out") from exc
    result = out_dir / f"{path.stem}.{target}"
    if not result.is_file():
        raise IngestError("conversion_failed", path.name, path.name)
    return result


def read_legacy(path: Path, kind: str) -> SourceDocument:
    """A legacy Office or WPS file, via LibreOffice (the format is detected from the content)."""
    target = _TARGET[kind]
    with tempfile.TemporaryDirectory(prefix="anjian-lo-") as tmp:
        converted = convert(path, target, Path(tmp))
        if target == "docx":
            from anjian.ingest.readers.docx import read_docx

            doc = read_docx(converted)
        else:
            from anjian.ingest.readers.xlsx import read_xlsx

            doc = read_xlsx(converted)
    return SourceDocument(doc.blocks, kind)
