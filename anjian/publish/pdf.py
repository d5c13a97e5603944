"""Convert .docx to PDF with headless LibreOffice, one throwaway profile per call.

LibreOffice spends a good part of a cold start writing a new user profile. The first conversion of
a process keeps its freshly written profile as a template; later calls copy it (≈ 0.55 MB) instead
of having LibreOffice build one: 0.71 s instead of 0.85–1.0 s a conversion here (2026-12-03).
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path

FONTCONFIG_FILE = Path(__file__).resolve().parent / "fontconfig" / "fonts.conf"
DEFAULT_TIMEOUT_S = 120.0
SOFFICE_ENV_VAR = "ANJIAN_SOFFICE"  # lets a deployment point at /opt/libreoffice*/program/soffice


_template_lock = threading.Lock()
_template: Path | None = None


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed, so no PDF can be made."""


class PdfConversionError(RuntimeError):
    """LibreOffice ran but produced no PDF (crash, timeout or unreadable input)."""


def find_soffice() -> str | None:
    """Return the soffice executable, or None when LibreOffice is absent."""
    configured = os.environ.get(SOFFICE_ENV_VAR)
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _require_soffice() -> str:
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable(
            "未找到 LibreOffice（soffice），无法生成 PDF。请安装 Debian 软件包 libreoffice-writer-nogui"
            "（apt-get install libreoffice-writer-nogui fonts-noto-cjk）。"
            " LibreOffice (soffice) was not found, so no PDF can be produced;"
            " install the Debian package libreoffice-writer-nogui."
        )
    return soffice


def docx_to_pdf(source: bytes | str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
    """Return the PDF rendering of a .docx given as bytes or a path."""
    soffice = _require_soffice()
    with tempfile.TemporaryDirectory(prefix="anjian-pdf-") as workdir:
        work = Path(workdir)
        docx_path = work / "document.docx"
        if isinstance(source, bytes):
            docx_path.write_bytes(source)
        else:
            shutil.copyfile(source, docx_path)
        # Conversions sharing one profile silently drop outputs (measured), so every call gets its own.
        profile = Path(tempfile.gettempdir()) / f"anjian-lo-{uuid.uuid4().hex}"
        template = _template
        if template is not None and template.is_dir():
            shutil.copytree(template, profile, symlinks=True)
        # HOME points into the scratch directory because service accounts often have none that is writable.
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTCONFIG_FILE), HOME=str(work))
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx_path),
        ]
        try:
            _run(cmd, env=env, timeout=timeout)
            if template is None:
                _keep_as_template(profile)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        pdf_path = work / "document.pdf"
        if not pdf_path.is_file():
            raise PdfConversionError("LibreOffice 未生成 PDF / LibreOffice produced no PDF")
        return pdf_path.read_bytes()


def _keep_as_template(profile: Path) -> None:
    """Keep a copy of the first profile LibreOffice wrote successfully, for this process's later calls."""
    global _template
    with _template_lock:
        if _template is not None or not profile.is_dir():
            return
        kept = Path(tempfile.mkdtemp(prefix="anjian-lo-template-"))
        shutil.copytree(profile, kept / "profile", symlinks=True)
        atexit.register(shutil.rmtree, kept, ignore_errors=True)
        _template = kept / "profile"


def _run(cmd: list[str], *, env: dict[str, str], timeout: float) -> None:
    """Run soffice in its own process group so a timeout also kills its helper processes."""
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise PdfConversionError(
            f"LibreOffice 转换超时（{timeout:g} 秒） / LibreOffice timed out after {timeout:g} s"
        ) from None
    if proc.returncode != 0:
        message = stderr.decode("utf-8", "replace").strip()
        raise PdfConversionError(f"LibreOffice 转换失败 / LibreOffice failed ({proc.returncode}): {message}")
