"""Fixtures of the statistics tests: one year of data in 龙亭区."""

from __future__ import annotations

import pytest

from anjian.fixtures import World
from anjian.stats.tests.jurisdiction import Year, build_year


@pytest.fixture
def year(world: World) -> Year:
    """The 2024 data set of jurisdiction.py."""
    return build_year(world)
