"""Owner-only files and folders: the data folder holds the database, the secret key, evidence, staged
uploads, backups and generated documents, none of which another account on the host may read.

The process runs with umask 077 (set when the settings load), so whatever it creates — SQLite and its
journal, LibreOffice's output, a tar member — is 0600/0700; the writers of secrets and evidence also
create their files and folders with the mode explicitly, so the guarantee does not rest on the umask
alone. No Django imports: config.py uses this before the settings exist.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

DIR_MODE = 0o700
FILE_MODE = 0o600
UMASK = 0o077


def restrict_process() -> None:
    """New files and folders of this process (and of the programs it starts) are owner-only."""
    os.umask(UMASK)


def private_dir(path: Path) -> Path:
    """Create the folder and its missing parents owner-only; an existing one of ours is narrowed to 0700."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)  # mkdir's mode passes through the umask
    stat = path.stat()
    if stat.st_mode & 0o077 and stat.st_uid == os.geteuid():
        os.chmod(path, DIR_MODE)
    return path


def open_private(path: Path | str, *, exclusive: bool = False) -> IO[bytes]:
    """Open a file for writing, created (or truncated) as 0600 from its first byte."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    os.fchmod(fd, FILE_MODE)  # an existing file keeps its mode through os.open
    return os.fdopen(fd, "wb")
