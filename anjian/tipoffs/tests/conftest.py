"""Fixtures of the tip-off tests: a handler, an isolated media folder and key, and a filed tip-off."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpResponse
from PIL import Image

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.tipoffs.choices import TipOffCategory
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE, add_handler
from anjian.tipoffs.models import HumanChallenge
from anjian.tipoffs.services import ReporterInfo, Submission, submit_tipoff


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGBA", (2, 2), (200, 30, 30, 255)).save(out, "PNG")
    return out.getvalue()


# A small PNG that decodes: tip-off photos are decoded and re-encoded on intake (anjian/tipoffs/photos.py).
PNG = _png()


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ANJIAN_TIPOFF_KEY = "test-key-for-tipoff-identities-0123456789"
    # The world logs in a dozen users per test; the production hasher would spend seconds on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def handler(world: World) -> User:
    return add_handler(world)


@pytest.fixture
def filed(world: World) -> Submission:
    """A real-name tip-off about the gas station, with one photo."""
    return submit_tipoff(
        region=world.county, category=TipOffCategory.GAS, place="北书店乡集市东口", unit_name="北书店液化气站",
        description="液化气站夜间违规向无证车辆充装钢瓶", photos=[("现场.png", PNG)],
        reporter=ReporterInfo(name=REPORTER_NAME, phone=REPORTER_PHONE),
    )


def challenge_of(page: HttpResponse, *, offset: int = 0) -> dict[str, str]:
    """The human check of a portal page as its form would send it, answered from the server's record
    (`offset` makes a wrong answer)."""
    token = page.content.decode().split('name="challenge" value="')[1].split('"')[0]
    return {"challenge": token, "answer": str(HumanChallenge.objects.get(token=token).answer + offset)}
