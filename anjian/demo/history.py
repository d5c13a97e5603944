"""Six months of the demo county's work, replayed through the real services on a backdated clock:
inspections with hazards, tasks and hazards in every status, some overdue, progress and evidence.

Services take the time from `django.utils.timezone.now()`, and statistics are computed from the
event rows they write, so the replay moves that clock to the day each step happened; nothing is
written around the services.
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any
from unittest import mock

from django.utils import timezone

from anjian.accounts.models import User
from anjian.demo.county import County
from anjian.ledger.choices import Action, HazardChannel, HazardGrade, InspectionKind, OwnerRole
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.inspections import FoundHazard, record_inspection
from anjian.ledger.models import Hazard, Task
from anjian.ledger.services import (
    OwnerSpec,
    add_evidence,
    create_task,
    record_five_in_place,
    report_hazard,
    submit_progress,
    transition,
)
from anjian.org.models import Unit

DAYS = 180
HAZARD_TEXTS = {
    "gas": ["液化气钢瓶未设置防倾倒措施", "燃气软管超长且穿墙使用", "未安装可燃气体报警装置", "钢瓶与灶具间距不足"],
    "hazchem": ["储罐区可燃气体检测报警仪未定期检定", "重大危险源监控数据中断", "特殊作业票证填写不规范"],
    "construction": ["深基坑临边防护缺失", "塔吊限位装置失效", "脚手架连墙件设置不足", "施工用电未做到一机一闸一漏"],
    "fire": ["疏散通道堆放杂物", "安全出口上锁", "消防栓无水", "电动自行车在楼道内充电", "应急照明损坏"],
    "transport": ["车辆动态监控终端离线", "驾驶员疲劳驾驶记录未处理", "车辆安全技术检验过期"],
    "special_equipment": ["电梯维保记录不全", "锅炉安全阀未校验", "起重机械未办理使用登记"],
    "industry_trade": ["粉尘除尘系统未接地", "有限空间作业未审批", "机械设备防护罩缺失"],
    "fireworks": ["超量储存烟花爆竹", "零售点与居民住宅未保持安全距离"],
    "school": ["宿舍楼灭火器过期", "食堂燃气管道老化"],
    "tourism": ["游览设施安全检查记录缺失", "观众厅疏散指示标志损坏"],
    "commerce": ["餐饮后厨油烟管道未清洗", "市场内私拉乱接电线"],
    "medical": ["氧气瓶存放未固定", "配电室堆放杂物"],
    "agriculture": ["农机驾驶人未持证", "农机安全防护装置缺失"],
    "water": ["闸门启闭机防护缺失", "汛期值班记录不全"],
}
# Where each hazard's story ends, as (share, path of actions after being found).
HAZARD_PATHS: list[tuple[int, list[str]]] = [
    (45, ["assign", "start", "submit", "close"]),
    (5, []),
    (8, ["assign"]),
    (14, ["assign", "start"]),
    (8, ["assign", "start", "submit"]),
    (6, ["assign", "start", "submit", "return"]),
    (6, ["assign", "start", "request_extension"]),
    (4, ["assign", "start", "request_extension", "approve_extension"]),
    (4, ["cancel"]),
]
PROGRESS_TEXTS = [
    "已督促企业落实整改，现场复查问题已消除。",
    "已完成整改，建立隐患整改台账并销号备查。",
    "已制定整改方案，落实责任人和整改资金，按期完成整改。",
    "已组织企业负责人约谈，问题已整改到位，长效机制已建立。",
]
REASONS = {
    "return": "整改照片不能反映整改后现场情况，请补充材料",
    "request_extension": "涉及设备采购，需延长整改期限",
    "cancel": "经复核不属于安全隐患",
    "refuse_extension": "整改难度不大，不同意延期",
    "close": "现场核查整改到位，资料齐全，同意销号",
}


class Clock:
    """A settable stand-in for `timezone.now()` that never runs past the real present."""

    def __init__(self) -> None:
        self.real = timezone.now()
        self.current = self.real

    def __call__(self) -> datetime:
        return self.current

    def at(self, day: date, hour: int = 9) -> None:
        """Move to `day` at `hour` (local time), or to the present if that is later than now."""
        moment = timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_current_timezone())
        self.current = min(moment, self.real)


@contextmanager
def backdated() -> Iterator[Clock]:
    """Run the block with `timezone.now()` answering from a settable clock."""
    clock = Clock()
    real_now: Callable[[], datetime] = timezone.now
    clock.real = real_now()
    clock.current = clock.real
    with mock.patch("django.utils.timezone.now", clock):
        yield clock


def png(seed: int) -> bytes:
    """A small valid PNG of one colour, standing in for a site photo."""
    width = height = 8
    colour = bytes([(seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256])
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _inspector(c: County, unit: Unit) -> User:
    """The account of the unit sector's lead department, else the unit's township."""
    from anjian.org.models import ResponsibilityList

    line = ResponsibilityList.objects.filter(region=c.county, sector=unit.sector_id, duty="lead").first()
    if line is not None:
        for key, dept in c.departments.items():
            if dept.pk == line.department_id and key in c.users:
                return c.users[key]
    return c.township_users[unit.region.code]


def _walk(c: County, clock: Clock, item: Task | Hazard, steps: list[str], start: date, rectifier: User,
          rng: random.Random) -> None:
    """Apply `steps` to an item a few days apart, each by the person whose step it is."""
    day = start
    office = c.users["office"]
    for step in steps:
        day = day + timedelta(days=rng.randint(1, 12))
        if day >= clock.real.date():
            return
        clock.at(day, hour=rng.randint(8, 17))
        actor = rectifier if step in {"start", "submit", "request_extension"} else office
        if step == "close" and isinstance(item, Hazard) and item.grade == HazardGrade.MAJOR:
            record_five_in_place(actor=rectifier, hazard=item, responsibility=f"{item.unit.principal_name}负责",
                                 measures="停用相关设施，制定专项整改方案", funds="企业自筹5万元",
                                 deadline=item.due_date, contingency_plan="已制定现场处置方案并演练")
            add_evidence(actor=rectifier, item=item, name="整改后现场.png", content=png(item.pk))
        if step == "submit":
            # A hazard is submitted with its photo (ANJIAN_EVIDENCE_REQUIRED); half the tasks carry one.
            photos = [("整改照片.png", png(item.pk + 1))] if rng.random() < 0.5 or isinstance(item, Hazard) else []
            submit_progress(actor=rectifier, item=item, period=day, files=photos,
                            text=rng.choice(PROGRESS_TEXTS) + ("（附整改照片）" if photos else ""))
        item = transition(item=item, action=step, actor=actor, reason=REASONS.get(step, ""))  # type: ignore[type-var]


def _path(rng: random.Random) -> list[str]:
    return list(rng.choices([p for _, p in HAZARD_PATHS], weights=[w for w, _ in HAZARD_PATHS])[0])


def replay_inspections(c: County, clock: Clock, rng: random.Random, visits: int = 170) -> int:
    """Inspections over the last six months; hazards found on them walk along their paths."""
    today = clock.real.date()
    hazards = 0
    kinds = [InspectionKind.OPEN, InspectionKind.UNANNOUNCED, InspectionKind.DOUBLE_RANDOM, InspectionKind.COVERT,
             InspectionKind.CROSS]
    for n in range(visits):
        day = today - timedelta(days=DAYS - n * DAYS // visits)
        unit = rng.choice(c.units)
        inspector = _inspector(c, unit)
        texts = HAZARD_TEXTS[unit.sector.code]
        found = []
        for k in range(rng.choices([0, 1, 2, 3], weights=[3, 5, 3, 1])[0]):
            major = unit.high_risk and rng.random() < 0.12
            found.append(FoundHazard(
                description=rng.choice(texts) + ("（重大事故隐患）" if major else ""),
                location=rng.choice(["一楼", "仓库", "生产车间", "后厨", "配电室", "院内"]),
                grade=HazardGrade.MAJOR if major else HazardGrade.GENERAL,
                deadline=DeadlineSpec("date", day + timedelta(days=60 if major else 15 + 5 * k)),
            ))
        clock.at(day, hour=10)
        inspection = record_inspection(actor=inspector, unit=unit, kind=rng.choice(kinds), inspected_on=day,
                                       inspectors=f"{inspector.display_name}、{rng.choice('王李张刘')}工",
                                       notes="现场检查，发现问题已当场告知企业负责人。" if found else "未发现明显隐患。",
                                       hazards=found)
        rectifier = c.township_users[unit.region.code]
        for hazard in Hazard.objects.filter(inspection=inspection).select_related("unit"):
            _walk(c, clock, hazard, _path(rng), day, rectifier, rng)
            hazards += 1
    # Hazards reported by units themselves and by tip-off, to fill the other channels.
    for n, channel in enumerate([HazardChannel.SELF_REPORT] * 12 + [HazardChannel.TIP_OFF] * 6):
        unit = c.units[(n * 17) % len(c.units)]
        day = today - timedelta(days=rng.randint(5, DAYS))
        clock.at(day, hour=14)
        hazard = report_hazard(actor=c.users["office"], unit=unit, description=rng.choice(HAZARD_TEXTS[unit.sector.code]),
                               channel=channel, found_on=day, deadline=DeadlineSpec("date", day + timedelta(days=20)))
        _walk(c, clock, hazard, _path(rng), day, c.township_users[unit.region.code], rng)
        hazards += 1
    return hazards


TASK_PATHS = [
    [], ["assign"], ["assign", "start"], ["assign", "start", "submit"], ["assign", "start", "submit", "return"],
    ["assign", "start", "request_extension"], ["assign", "start", "submit", "close"], ["assign", "cancel"],
    ["assign", "start", "submit", "close"], ["assign", "start"],
]
MANUAL_TASKS = [
    ("chengguan", "城镇燃气用户安全检查覆盖率偏低", "组织燃气企业对居民用户开展入户安检，建立问题台账"),
    ("xiaofang", "高层住宅消防车通道被占用", "联合物业开展消防车通道清理行动，施划标线"),
    ("zhujian", "既有建筑改造审批监管衔接不畅", "建立既有建筑改造安全联审机制"),
    ("yingji", "工贸企业有限空间作业台账不全", "督促企业建立有限空间作业台账并开展培训"),
    ("shichang", "电梯困人故障率偏高", "对故障率前十的电梯开展专项检验"),
    ("jiaotong", "农村客运班线车辆超员", "开展农村客运超员专项整治"),
    ("jiaoti", "校园周边交通安全设施不完善", "完善校园周边交通标志标线和减速设施"),
    ("wenlv", "景区游览设施应急预案未演练", "督促景区开展应急演练"),
    ("yingji", "烟花爆竹零售点布点不合理", "重新规划零售点布局并公示"),
    ("chengguan", "餐饮油烟管道火灾隐患突出", "开展餐饮油烟管道清洗专项行动"),
]


def replay_tasks(c: County, clock: Clock, rng: random.Random) -> int:
    """Tasks entered by hand, one per path so every status is present."""
    today = clock.real.date()
    for n, (dept, problem, measures) in enumerate(MANUAL_TASKS):
        start = today - timedelta(days=150 - n * 9)
        clock.at(start, hour=11)
        due = start + timedelta(days=30 + 10 * n)
        task = create_task(actor=c.users["office"], region=c.county, problem=problem, measures=measures,
                           category="日常督导", seq=str(n + 1), deadline=DeadlineSpec("date", due),
                           owners=[OwnerSpec(c.departments[dept].name, department=c.departments[dept])],
                           supervising_department=c.departments["yingji"] if dept != "yingji" else None)
        _walk(c, clock, task, TASK_PATHS[n % len(TASK_PATHS)], start, c.users[dept], rng)
    return len(MANUAL_TASKS)


def advance_imported(c: County, clock: Clock, rng: random.Random, tasks: list[Task], start: date) -> None:
    """Move some imported tasks along: started, submitted, closed; the rest wait (some overdue)."""
    users_by_dept = {dept.pk: c.users[key] for key, dept in c.departments.items() if key in c.users}
    for n, task in enumerate(tasks):
        lead = task.owners.filter(role=OwnerRole.LEAD).first()
        if lead is None:
            continue
        rectifier: Any = users_by_dept.get(lead.department_id) if lead.department_id else None
        if rectifier is None and lead.region is not None:
            rectifier = c.township_users.get(lead.region.code)
        if rectifier is None:
            continue
        steps = [[], ["start"], ["start", "submit"], ["start", "submit", "close"]][n % 4]
        _walk(c, clock, task, [s for s in steps if s != Action.ASSIGN], start, rectifier, rng)
        task.refresh_from_db()
        if task.deadline_kind in ("long_term", "recurring") and task.status != "closed":
            period = start + timedelta(days=30)
            if period < clock.real.date():
                clock.at(period, hour=16)
                submit_progress(actor=rectifier, item=task, text="本月已组织专项检查，问题清单已建立，整改推进中。",
                                period=period)
