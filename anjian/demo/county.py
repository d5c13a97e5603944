"""The demo jurisdiction as data: 龙亭区 of 开封市 with its townships, departments, sectors, duties,
units and one account per role. Names are realistic; people and enterprises are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from django.contrib.auth.hashers import make_password

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.services import grant_role
from anjian.audit.services import record
from anjian.org.choices import RegionLevel, RiskLevel, UnitKind
from anjian.org.models import Committee, Department, Expert, Region, ResponsibilityList, Sector, Unit
from anjian.org.services import create_region

PASSWORD = "Anjian-demo-2024"
COUNTY_CODE = "410202"

TOWNSHIPS = [
    ("410202001", "北书店乡"), ("410202002", "柳园口乡"), ("410202003", "水稻乡"), ("410202004", "北道门街道"),
    ("410202005", "午朝门街道"), ("410202006", "大兴街道"), ("410202007", "北郊街道"), ("410202008", "城西街道"),
]
# (code, name, short name, aliases, is_office); the code names the department's account.
DEPARTMENTS = [
    ("anweiban", "区安委会办公室", "区安委办", [], True),
    ("yingji", "区应急管理局", "区应急局", [], False),
    ("chengguan", "区城市管理局", "区城管局", ["区城管执法局"], False),
    ("zhujian", "区住房和城乡建设局", "区住建局", [], False),
    ("xiaofang", "区消防救援大队", "区消防大队", [], False),
    ("shichang", "区市场监督管理局", "区市场监管局", [], False),
    ("jiaotong", "区交通运输局", "区交通局", [], False),
    ("jiaoti", "区教育体育局", "区教体局", [], False),
    ("weijian", "区卫生健康委员会", "区卫健委", [], False),
    ("wenlv", "区文化广电和旅游局", "区文广旅局", [], False),
    ("shangwu", "区商务局", "", [], False),
    ("nongye", "区农业农村局", "区农业局", [], False),
    ("shuili", "区水利局", "", [], False),
    ("gongan", "开封市公安局龙亭分局", "区公安分局", ["龙亭公安分局"], False),
    ("gongxin", "区工业和信息化局", "区工信局", [], False),
    ("zhengfu", "区人民政府办公室", "区政府办", ["区政府", "区人民政府"], False),
]
# (code, name, high risk, supervising department codes: lead first)
SECTORS = [
    ("gas", "燃气", True, ["chengguan"]),
    ("hazchem", "危险化学品", True, ["yingji"]),
    ("construction", "建筑施工", True, ["zhujian"]),
    ("fire", "消防", False, ["xiaofang"]),
    ("transport", "交通运输", False, ["jiaotong", "gongan"]),
    ("special_equipment", "特种设备", True, ["shichang"]),
    ("industry_trade", "工贸", False, ["yingji", "gongxin"]),
    ("fireworks", "烟花爆竹", True, ["yingji"]),
    ("school", "学校", False, ["jiaoti"]),
    ("tourism", "文化旅游", False, ["wenlv"]),
    ("commerce", "商贸", False, ["shangwu"]),
    ("medical", "医疗卫生", False, ["weijian"]),
    ("agriculture", "农业机械", False, ["nongye"]),
    ("water", "水利工程", False, ["shuili"]),
]
UNIT_WORDS = {
    "gas": (["液化气站", "燃气有限公司", "天然气加气站", "燃气管网维修站"], UnitKind.ENTERPRISE),
    "hazchem": (["化工有限公司", "加油站", "危险品仓储有限公司", "涂料有限公司"], UnitKind.ENTERPRISE),
    "construction": (["建筑工程有限公司", "项目部", "市政工程有限公司"], UnitKind.SITE),
    "fire": (["商贸城", "酒店", "KTV", "养老院", "网吧", "超市"], UnitKind.VENUE),
    "transport": (["客运有限公司", "物流有限公司", "公交分公司"], UnitKind.ENTERPRISE),
    "special_equipment": (["电梯维保有限公司", "锅炉房", "起重设备租赁公司"], UnitKind.ENTERPRISE),
    "industry_trade": (["食品有限公司", "机械制造有限公司", "纺织有限公司", "木业有限公司"], UnitKind.ENTERPRISE),
    "fireworks": (["烟花爆竹零售点", "烟花爆竹批发部"], UnitKind.VENUE),
    "school": (["小学", "中学", "幼儿园"], UnitKind.INSTITUTION),
    "tourism": (["景区", "影剧院", "文化广场"], UnitKind.VENUE),
    "commerce": (["购物中心", "农贸市场", "餐饮有限公司"], UnitKind.VENUE),
    "medical": (["社区卫生服务中心", "诊所", "医院"], UnitKind.INSTITUTION),
    "agriculture": (["农机合作社", "种植专业合作社"], UnitKind.ENTERPRISE),
    "water": (["闸管所", "灌区管理站"], UnitKind.INSTITUTION),
}
PLACE_WORDS = ["宋都", "御街", "金明", "汴京", "清明", "铁塔", "包公", "龙亭", "天波", "汴河", "梁园", "鼓楼",
               "大相国", "州桥", "繁塔", "朱仙", "万岁山", "金耀", "开元", "瑞祥"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林郑"
GIVEN = ["建国", "志强", "秀英", "海燕", "卫东", "丽娟", "国庆", "明亮", "春梅", "新华", "红旗", "振华", "晓东", "玉兰"]
UNIT_COUNT = 320


@dataclass
class County:
    """The demo jurisdiction and its people, by name."""

    province: Region
    city: Region
    county: Region
    townships: list[Region]
    departments: dict[str, Department]
    sectors: dict[str, Sector]
    units: list[Unit]
    users: dict[str, User] = field(default_factory=dict)
    township_users: dict[str, User] = field(default_factory=dict)
    credentials: list[tuple[str, str]] = field(default_factory=list)


def person(rng: random.Random) -> str:
    """An invented name."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _region(code: str, name: str, level: str, parent: Region | None) -> Region:
    found = Region.objects.filter(code=code).first()
    return found or create_region(code=code, name=name, level=level, parent=parent)


@lru_cache(maxsize=1)
def _password_hash() -> str:
    # Hashed once: every demo account shares the printed password, and the hasher's work factor
    # would otherwise cost over a second per account.
    return make_password(PASSWORD)


def _user(username: str, name: str) -> User:
    # The real present, not the replay clock: a password stamped months ago could count as expired.
    user = User.objects.create(username=username, password=_password_hash(), display_name=name,
                               password_changed_at=datetime.now(UTC))
    record(actor=None, action="user.create", object_type="user", object_id=user.pk,
           after={"username": username, "demo": True})
    return user


def build_county(rng: random.Random) -> County:
    """Create the regions, committee, departments, sectors, duties, units, experts and accounts."""
    province = _region("410000", "河南省", RegionLevel.PROVINCE, None)
    city = _region("410200", "开封市", RegionLevel.CITY, province)
    county = _region(COUNTY_CODE, "龙亭区", RegionLevel.COUNTY, city)
    townships = [_region(code, name, RegionLevel.TOWNSHIP, county) for code, name in TOWNSHIPS]
    Committee.objects.get_or_create(region=county, defaults={
        "name": "龙亭区安全生产委员会", "office_name": "龙亭区安全生产委员会办公室", "doc_prefix": "龙安生委"})
    departments = {
        code: Department.objects.create(region=county, name=name, short_name=short, aliases=aliases, is_office=office)
        for code, name, short, aliases, office in DEPARTMENTS
    }
    sectors: dict[str, Sector] = {}
    for code, name, high_risk, owners in SECTORS:
        sector, _ = Sector.objects.get_or_create(code=code, defaults={"name": name, "high_risk": high_risk})
        sectors[code] = sector
        for index, dept in enumerate(owners):
            ResponsibilityList.objects.create(region=county, sector=sector, department=departments[dept],
                                              duty="lead" if index == 0 else "cooperate")
    units = _units(rng, townships, sectors)
    for index, (specialty, codes) in enumerate([("危险化学品", ["hazchem"]), ("建筑施工", ["construction"]),
                                                ("消防", ["fire"]), ("燃气", ["gas"]), ("特种设备", ["special_equipment"])]):
        expert = Expert.objects.create(name=person(rng), specialty=specialty, region=county,
                                       phone=f"1390378{index:04d}")
        expert.sectors.set([sectors[c] for c in codes])
    found = County(province, city, county, townships, departments, sectors, units)
    _accounts(found)
    return found


def _units(rng: random.Random, townships: list[Region], sectors: dict[str, Sector]) -> list[Unit]:
    weights = {"fire": 60, "commerce": 40, "industry_trade": 35, "gas": 25, "construction": 25, "hazchem": 20,
               "transport": 20, "special_equipment": 15, "school": 20, "tourism": 10, "medical": 15,
               "fireworks": 15, "agriculture": 10, "water": 5}
    # Interleaved by weight, so even a small county has every sector.
    codes = [code for _, code in sorted((k / weight, code) for code, weight in weights.items() for k in range(weight))]
    units: list[Unit] = []
    names: set[str] = set()
    while len(units) < UNIT_COUNT:
        code = codes[len(units) % len(codes)]
        words, kind = UNIT_WORDS[code]
        name = f"开封市{rng.choice(PLACE_WORDS)}{rng.choice(words)}"
        if name in names:
            name = f"开封市{rng.choice(PLACE_WORDS)}{rng.choice(PLACE_WORDS)}{rng.choice(words)}"
        if name in names:
            continue
        names.add(name)
        sector = sectors[code]
        risk = rng.choices([RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW, RiskLevel.BLUE],
                           weights=[1, 4, 10, 25] if not sector.high_risk else [3, 8, 10, 9])[0]
        principal = person(rng)
        units.append(Unit(
            name=name, kind=kind, sector=sector, region=rng.choice(townships), risk_level=risk,
            high_risk=sector.high_risk, key_fire_unit=code in ("fire", "tourism", "commerce") and rng.random() < 0.3,
            credit_code=f"91410202MA{len(units):07d}X", address=f"龙亭区{rng.choice(PLACE_WORDS)}路{rng.randint(1, 300)}号",
            principal_name=principal, principal_phone=f"1370378{len(units):04d}",
            controller_name=principal if rng.random() < 0.7 else person(rng),
        ))
    return Unit.objects.bulk_create(units)


def _grant(c: County, key: str, username: str, name: str, label: str, role: str, region: Region, *,
           department: Department | None = None, unit: Unit | None = None) -> User:
    user = _user(username, name)
    grant_role(actor=None, user=user, role=role, region=region, department=department, unit=unit)
    c.users[key] = user
    c.credentials.append((username, label))
    return user


def _accounts(c: County) -> None:
    rng = random.Random(7)
    gas_unit = next(u for u in c.units if u.sector.code == "gas")
    _grant(c, "office", "anweiban", "李文书", "安委办工作人员（可导入文件、分派、验收）", Role.OFFICE, c.county)
    _grant(c, "chengguan", "chengguan", "赵城管", "部门工作人员（区城市管理局）", Role.DEPARTMENT, c.county,
           department=c.departments["chengguan"])
    _grant(c, "township", "beishudian", "周网格", f"乡镇/网格工作人员（{c.townships[0].name}）", Role.TOWNSHIP,
           c.townships[0])
    c.township_users[c.townships[0].code] = c.users["township"]
    _grant(c, "unit", "qiye", gas_unit.principal_name, f"企业负责人（{gas_unit.name}）", Role.UNIT, gas_unit.region,
           unit=gas_unit)
    _grant(c, "leader", "lingdao", "吴区长", "领导（只读驾驶舱）", Role.LEADER, c.county)
    _grant(c, "expert", "zhuanjia", "郑专家", "专家", Role.EXPERT, c.county)
    _grant(c, "tipoff", "jubao", "冯受理", "举报受理人员", Role.TIPOFF_HANDLER, c.county)
    _grant(c, "auditor", "shenji", "陈审计", "审计管理员（审计日志）", Role.AUDITOR, c.county)
    _grant(c, "security", "anquan", "褚安全", "安全管理员（用户与授权）", Role.SECURITY_ADMIN, c.county)
    # A plain account with the administrator role: base data only, no superuser flag (三权分立).
    _grant(c, "admin", "admin", "系统管理员", "系统管理员（基础数据）", Role.ADMIN, c.county)
    for code, name, *_ in DEPARTMENTS[1:]:
        if code in c.users:
            continue
        _grant(c, code, code, person(rng), f"部门工作人员（{name}）", Role.DEPARTMENT, c.county,
               department=c.departments[code])
    for township in c.townships[1:]:
        user = _user(f"xz{township.code[-3:]}", person(rng))
        grant_role(actor=None, user=user, role=Role.TOWNSHIP, region=township)
        c.township_users[township.code] = user
