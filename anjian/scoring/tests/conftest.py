"""Fixtures of the assessment tests: the 2024 data set of the statistics tests and the 2024 scheme."""

from __future__ import annotations

import pytest

from anjian.fixtures import World
from anjian.scoring.models import AssessmentScheme
from anjian.scoring.schemes import gov2024
from anjian.stats.tests.jurisdiction import Year, build_year


@pytest.fixture
def year(world: World) -> Year:
    """The 2024 data set of anjian/stats/tests/jurisdiction.py."""
    return build_year(world)


@pytest.fixture
def scheme(db: None) -> AssessmentScheme:
    """The built-in 2024 provincial scheme."""
    return gov2024.load()


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    """Uploaded materials go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
