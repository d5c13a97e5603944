"""Shared fixtures for the ingest tests: where the shared evaluation material lives, LibreOffice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anjian.ingest.tests.documents import soffice

REPO = Path(__file__).resolve().parents[3]


def shared_dir() -> Path | None:
    """The shared evaluation folder (seeds, gold labels, scorer), if present."""
    for candidate in (Path("/work/shared"), REPO.parent / "shared"):
        if (candidate / "eval" / "score_extraction.py").is_file():
            return candidate
    return None


@pytest.fixture
def libreoffice() -> str:
    """The soffice binary; skips without it, except on CI where its absence is a failure."""
    binary = soffice()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required on CI")
        pytest.skip("LibreOffice (soffice) is not installed; install libreoffice-writer-nogui")
    return binary


@pytest.fixture
def shared() -> Path:
    """The shared evaluation folder; skips when absent."""
    found = shared_dir()
    if found is None:
        pytest.skip("the shared evaluation folder (/work/shared or ../shared) is not present")
    return found
