"""The installation's top region skips ancestors stored only for their codes."""

from __future__ import annotations

import pytest

from anjian.accounts.services import top_region
from anjian.org.models import Department, Region

pytestmark = pytest.mark.django_db


def _region(code: str, name: str, level: str, parent: Region | None) -> Region:
    path = (parent.path if parent else "") + code + "/"
    return Region.objects.create(code=code, name=name, level=level, parent=parent, path=path)


def test_a_county_installation_tops_at_the_county_not_its_province() -> None:
    province = _region("410000", "河南省", "province", None)
    city = _region("410200", "开封市", "city", province)
    county = _region("410202", "龙亭区", "county", city)
    _region("410202001", "北书店乡", "township", county)
    _region("410202002", "柳园口乡", "township", county)
    assert top_region() == county


def test_a_region_with_departments_is_the_top_even_with_one_child() -> None:
    province = _region("410000", "河南省", "province", None)
    city = _region("410200", "开封市", "city", province)
    _region("410202", "龙亭区", "county", city)
    Department.objects.create(name="市应急管理局", region=city)
    assert top_region() == city
