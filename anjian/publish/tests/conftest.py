"""Fixtures for the publish tests."""

from __future__ import annotations

import pytest

from anjian.publish.gbt9704 import OfficialDocument
from anjian.publish.tests.samples import sample_notice


@pytest.fixture
def notice() -> OfficialDocument:
    """A sample 红头 notice."""
    return sample_notice()
