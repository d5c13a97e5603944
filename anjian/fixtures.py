"""A small jurisdiction written as code, with named actors, for tests (STYLE: fixtures as code).

Two counties of one city: 龙亭区 (where everyone works) and 顺河区 (the outsider's county).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.test import Client

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.services import grant_role
from anjian.ledger.choices import Action, HazardChannel, HazardGrade
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Hazard, Task
from anjian.ledger.services import OwnerSpec, create_task, report_hazard, submit_progress, transition
from anjian.org.choices import RegionLevel
from anjian.org.models import Committee, Department, Region, ResponsibilityList, Sector, Unit
from anjian.org.services import create_region

PASSWORD = "Anjian-test-2024"
# The smallest valid PNG (1×1 pixel): a rectification photo.
PHOTO = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class World:
    """Everything a test may need, by name."""

    province: Region
    city: Region
    county: Region
    township: Region
    other_township: Region
    other_county: Region
    gas: Sector
    fire: Sector
    office: Department
    urban: Department
    fire_brigade: Department
    emergency: Department
    gas_station: Unit
    other_unit: Unit
    clerk: User
    officer: User
    fire_officer: User
    reviewer: User
    principal: User
    township_staff: User
    leader: User
    outsider: User
    auditor: User

    def task(self, **overrides: object) -> Task:
        """A task of the county owned by 区城管局, assigned, due on 2024-12-31 unless told otherwise."""
        values: dict[str, object] = {
            "actor": self.clerk,
            "region": self.county,
            "problem": "燃气领域“小、散、弱”问题仍然存在",
            "measures": "深入开展燃气安全“百日行动”",
            "seq": "3",
            "deadline": DeadlineSpec("date", date(2024, 12, 31), raw="2024年12月31日前"),
            "owners": [OwnerSpec("区城管局", department=self.urban)],
            "supervising_department": self.emergency,
            "assign": True,
        }
        values.update(overrides)
        return create_task(**values)  # type: ignore[arg-type]

    def hazard(self, **overrides: object) -> Hazard:
        """A general hazard at the gas station, found by inspection on 2024-11-01."""
        values: dict[str, object] = {
            "actor": self.clerk,
            "unit": self.gas_station,
            "description": "液化气钢瓶未设置防倾倒措施",
            "channel": HazardChannel.INSPECTION,
            "found_on": date(2024, 11, 1),
            "grade": HazardGrade.GENERAL,
            "deadline": DeadlineSpec("date", date(2024, 11, 15)),
        }
        values.update(overrides)
        return report_hazard(**values)  # type: ignore[arg-type]

    def submit(self, item: Task | Hazard, actor: User, **kwargs: object) -> Task | Hazard:
        """提交验收 with its substance: a progress report with a photo first, then the transition."""
        submit_progress(actor=actor, item=item, text="已按要求完成整改。", files=[("整改后.png", PHOTO)])
        return transition(item=item, action=Action.SUBMIT, actor=actor, **kwargs)  # type: ignore[type-var,arg-type]


def _user(username: str, name: str) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, display_name=name)


def build_world() -> World:
    """Create the jurisdiction and its people."""
    province = create_region(code="410000", name="河南省", level=RegionLevel.PROVINCE, parent=None)
    city = create_region(code="410200", name="开封市", level=RegionLevel.CITY, parent=province)
    county = create_region(code="410202", name="龙亭区", level=RegionLevel.COUNTY, parent=city)
    township = create_region(code="410202001", name="北书店乡", level=RegionLevel.TOWNSHIP, parent=county)
    other_township = create_region(code="410202002", name="柳园口乡", level=RegionLevel.TOWNSHIP, parent=county)
    other_county = create_region(code="410203", name="顺河回族区", level=RegionLevel.COUNTY, parent=city)
    Committee.objects.create(region=county, name="龙亭区安全生产委员会", office_name="龙亭区安全生产委员会办公室",
                             doc_prefix="龙安生委")
    gas = Sector.objects.create(code="gas", name="燃气", high_risk=True)
    fire = Sector.objects.create(code="fire", name="消防")
    office = Department.objects.create(region=county, name="区安委会办公室", short_name="区安委办", is_office=True)
    urban = Department.objects.create(region=county, name="区城市管理局", short_name="区城管局")
    fire_brigade = Department.objects.create(region=county, name="区消防救援大队", short_name="区消防救援大队")
    emergency = Department.objects.create(region=county, name="区应急管理局", short_name="区应急局")
    ResponsibilityList.objects.create(region=county, sector=gas, department=urban)
    ResponsibilityList.objects.create(region=county, sector=fire, department=fire_brigade)
    gas_station = Unit.objects.create(name="北书店液化气站", sector=gas, region=township, high_risk=True,
                                      principal_name="王建国", principal_phone="13800000001")
    other_unit = Unit.objects.create(name="顺河加气站", sector=gas, region=other_county)
    users = {
        "clerk": (_user("clerk", "李文书"), Role.OFFICE, county, None, None),
        "officer": (_user("officer", "赵城管"), Role.DEPARTMENT, county, urban, None),
        "fire_officer": (_user("fire", "钱消防"), Role.DEPARTMENT, county, fire_brigade, None),
        "reviewer": (_user("reviewer", "孙应急"), Role.DEPARTMENT, county, emergency, None),
        "principal": (_user("principal", "王建国"), Role.UNIT, township, None, gas_station),
        "township_staff": (_user("township", "周网格"), Role.TOWNSHIP, township, None, None),
        "leader": (_user("leader", "吴区长"), Role.LEADER, county, None, None),
        "outsider": (_user("outsider", "郑外区"), Role.OFFICE, other_county, None, None),
        "auditor": (_user("auditor", "冯审计"), Role.AUDITOR, province, None, None),
    }
    for user, role, region, department, unit in users.values():
        grant_role(actor=None, user=user, role=role, region=region, department=department, unit=unit)
    return World(
        province=province, city=city, county=county, township=township, other_township=other_township,
        other_county=other_county, gas=gas, fire=fire, office=office, urban=urban, fire_brigade=fire_brigade,
        emergency=emergency, gas_station=gas_station, other_unit=other_unit,
        **{name: value[0] for name, value in users.items()},
    )


def signed_in(user: User) -> Client:
    """A fresh test client with `user` signed in (force_login: the sign-in page has its own tests)."""
    client = Client()
    client.force_login(user)
    return client
