"""Shared fixtures of the security tests: the hostile corpus, built once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from anjian.security.tests.corpus import Case, build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Case, Path]]:
    """Every hostile file, by file name."""
    folder = tmp_path_factory.mktemp("hostile")
    return {case.filename: (case, path) for case, path in build(folder)}
