"""A deterministic synthetic jurisdiction at county, city or province size, loaded in bulk.

Every row is a pure function of its index and one seeded random stream, so two runs at the same
scale produce the same data. The big tables (units, inspections, hazards, events, audit) are
streamed through `bulk.insert_rows` with their secondary indexes dropped and rebuilt after.
History is compressed: each item gets its `create` event and the event of its last transition,
each with one audit entry chained exactly as `audit.services.record` would chain it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, transaction

from anjian import dbbulk as bulk
from anjian.audit.chain import GENESIS, canonical, link
from anjian.audit.models import AuditEntry, AuditHead
from anjian.bench.columns import (
    AUDIT_FIELDS,
    EVENT_FIELDS,
    HAZARD_FIELDS,
    INSPECTION_FIELDS,
    OWNER_FIELDS,
    TASK_FIELDS,
    UNIT_FIELDS,
)
from anjian.bench.manifest import write_manifest
from anjian.bench.scales import Scale
from anjian.errors import DomainError
from anjian.ledger.models import Hazard, Inspection, ItemEvent, Task, TaskOwner
from anjian.org.models import Unit

SEED = 20261123
BENCH_PASSWORD = "anjian-bench-2026"
ACTOR_NAME = "bench"
SECTORS = [
    ("gas", "燃气", True), ("hazchem", "危险化学品", True), ("construction", "建筑施工", True),
    ("fire", "消防", False), ("transport", "交通运输", False), ("mining", "矿山", True),
    ("special_equipment", "特种设备", False), ("industry_trade", "工贸", False),
]
DESCRIPTIONS = [
    "液化气钢瓶未按规定存放", "消防通道堵塞", "安全出口锁闭", "电气线路私拉乱接", "灭火器过期失效",
    "危化品仓库未设置防爆灯具", "脚手架连墙件缺失", "特种作业人员无证上岗", "应急预案未演练",
    "可燃气体报警器故障", "有限空间作业未审批", "粉尘清扫制度未落实",
]
# The last transition of a compressed history: status -> (action, from_status, reason).
HAZARD_LAST = {
    "assigned": ("assign", "found", ""), "rectifying": ("start", "assigned", ""),
    "submitted": ("submit", "rectifying", ""), "returned": ("return", "submitted", "整改不到位"),
    "extension_requested": ("request_extension", "rectifying", "设备到货延迟"),
    "closed": ("close", "submitted", ""), "cancelled": ("cancel", "found", "重复登记"),
}
TASK_LAST = {
    "assigned": ("assign", "draft", ""), "in_progress": ("start", "assigned", ""),
    "submitted": ("submit", "in_progress", ""), "closed": ("close", "submitted", ""),
}
OLD_STATUSES = [("closed", 96), ("cancelled", 2), ("rectifying", 1), ("submitted", 1)]
RECENT_STATUSES = [
    ("closed", 70), ("rectifying", 12), ("assigned", 8), ("found", 4), ("submitted", 4),
    ("returned", 1), ("extension_requested", 1),
]


class AlreadyGenerated(DomainError):
    """The database already holds a jurisdiction; generate into an empty data folder."""


@dataclass
class Org:
    """Ids of the small tables the big ones point at."""

    township_ids: list[int]
    county_of_township: list[int]
    sector_ids: list[int]
    sector_high_risk: list[bool]
    # department id per (county index, sector index), and the office per county index.
    department: dict[tuple[int, int], int]
    county_ids: list[int]
    office: list[int]


@dataclass(frozen=True)
class Item:
    """One generated hazard or task: enough to write its row, its events and its audit entries."""

    id: int
    status: str
    created_at: datetime
    last_at: datetime | None
    grade: str = "general"
    due_date: date | None = None


@dataclass
class Report:
    """What a generation wrote and how long each step took."""

    scale: str
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def _text_date(value: date | None) -> Any:
    # What Django's SQLite backend stores for a date: ISO text.
    return None if value is None else value.isoformat()


def _text_datetime(value: datetime | None) -> Any:
    # What Django's SQLite backend stores for an aware datetime: naive UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]".
    return None if value is None else str(value.astimezone(UTC).replace(tzinfo=None))


def _same(value: Any) -> Any:
    return value


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    roll = rng.randrange(100)
    for status, weight in weighted:
        if roll < weight:
            return status
        roll -= weight
    return weighted[0][0]


def build_org(scale: Scale) -> Org:
    """Regions, sectors, departments, duty lists and committees through the ORM (small tables)."""
    from anjian.org.models import Committee, Department, Region, ResponsibilityList, Sector

    province = Region.objects.create(code="410000", name="河南省", level="province", path="/410000/")
    sectors = [Sector.objects.create(code=c, name=n, high_risk=h) for c, n, h in SECTORS]
    townships: list[Region] = []
    county_of_township: list[int] = []
    counties: list[Region] = []
    department: dict[tuple[int, int], int] = {}
    office: list[int] = []
    for ci in range(scale.cities):
        code = f"41{ci + 1:02d}00"
        city = Region.objects.create(code=code, name=f"第{ci + 1}市", level="city", parent=province,
                                     path=Region.path_for(code, province))
        for ki in range(scale.counties_per_city):
            code = f"41{ci + 1:02d}{ki + 1:02d}"
            county = Region.objects.create(code=code, name=f"第{ci + 1}市第{ki + 1}县", level="county",
                                           parent=city, path=Region.path_for(code, city))
            county_index = len(counties)
            counties.append(county)
            Committee.objects.create(region=county, name=f"{county.name}安全生产委员会",
                                     office_name=f"{county.name}安委办", doc_prefix=f"县{county_index + 1}安委")
            office.append(Department.objects.create(region=county, name="安委会办公室", is_office=True).pk)
            for si, sector in enumerate(sectors):
                dept = Department.objects.create(region=county, name=f"{sector.name}监管局")
                department[(county_index, si)] = dept.pk
                ResponsibilityList.objects.create(region=county, sector=sector, department=dept)
            batch = []
            for ti in range(scale.townships_per_county):
                tcode = f"{code}{ti + 1:03d}"
                batch.append(Region(code=tcode, name=f"{county.name}第{ti + 1}乡", level="township",
                                    parent=county, path=Region.path_for(tcode, county)))
                county_of_township.append(county_index)
            townships.extend(Region.objects.bulk_create(batch))
    return Org(
        township_ids=[t.pk for t in townships], county_of_township=county_of_township,
        sector_ids=[s.pk for s in sectors], sector_high_risk=[s.high_risk for s in sectors],
        department=department, county_ids=[c.pk for c in counties], office=office,
    )


def build_users(top_code: str, county_code: str) -> None:
    """Two logged-in actors for the web and state-change figures: a province and a county office."""
    from anjian.accounts.services import create_user_with_role

    create_user_with_role(username="bench_office", password=BENCH_PASSWORD, role="office",
                          region_code=top_code, display_name="省安委办（基准）")
    create_user_with_role(username="bench_county", password=BENCH_PASSWORD, role="office",
                          region_code=county_code, display_name="县安委办（基准）")


class Generator:
    """The deterministic functions from an index to a row."""

    def __init__(self, scale: Scale, org: Org, first_ids: dict[str, int]) -> None:
        self.scale = scale
        self.org = org
        self.ids = first_ids
        self.first_day = date(scale.first_year, 1, 1)
        self.as_of = date(scale.first_year + scale.years - 1, 12, 31)
        self.days = (self.as_of - self.first_day).days + 1
        # Decided once: reading `connection.vendor` per value costs more than the insert itself.
        sqlite = connection.vendor == "sqlite"
        self.d: Callable[[date | None], Any] = _text_date if sqlite else _same
        self.dt: Callable[[datetime | None], Any] = _text_datetime if sqlite else _same

    def unit_township(self, u: int) -> int:
        return u % len(self.org.township_ids)

    def unit_sector(self, u: int) -> int:
        return (u // len(self.org.township_ids) + u * 31) % len(self.org.sector_ids)

    def inspection_unit(self, j: int) -> int:
        return (j * 7919 + 13) % self.scale.units

    def inspection_day(self, j: int) -> date:
        return self.first_day + timedelta(days=j * self.days // self.scale.inspections)

    def units(self) -> Iterator[tuple[Any, ...]]:
        base = self.ids["unit"]
        risk = ["blue", "blue", "blue", "yellow", "yellow", "orange", "red"]
        for u in range(self.scale.units):
            t, s = self.unit_township(u), self.unit_sector(u)
            yield (base + u, f"基准单位{u + 1:07d}", f"91410000MA{u:08d}", "enterprise", self.org.sector_ids[s],
                   self.org.township_ids[t], "", risk[u % len(risk)], self.org.sector_high_risk[s],
                   u % 17 == 0, f"负责人{u % 997}", f"1380000{u % 10000:04d}", "", "")

    def inspections(self) -> Iterator[tuple[Any, ...]]:
        base, unit_base = self.ids["inspection"], self.ids["unit"]
        kinds = ["open", "open", "unannounced", "double_random", "covert", "cross"]
        for j in range(self.scale.inspections):
            u = self.inspection_unit(j)
            t = self.unit_township(u)
            dept = self.org.department[(self.org.county_of_township[t], self.unit_sector(u))]
            yield (base + j, unit_base + u, self.org.township_ids[t], dept, kinds[j % len(kinds)],
                   self.d(self.inspection_day(j)), "检查组", "", None, None)

    def hazard_items(self) -> Iterator[tuple[Item, tuple[Any, ...]]]:
        """Each hazard as (Item, row); the same seed gives the same stream every time."""
        rng = random.Random(SEED)
        base, unit_base, insp_base = self.ids["hazard"], self.ids["unit"], self.ids["inspection"]
        channels = [("inspection", 55), ("self_report", 35), ("tip_off", 5), ("covert_visit", 5)]
        for i in range(self.scale.hazards):
            channel = _pick(rng, channels)
            inspection_id = None
            if channel == "inspection":
                j = rng.randrange(self.scale.inspections)
                u, found_on, inspection_id = self.inspection_unit(j), self.inspection_day(j), insp_base + j
            else:
                u = rng.randrange(self.scale.units)
                found_on = self.first_day + timedelta(days=i * self.days // self.scale.hazards)
            t, s = self.unit_township(u), self.unit_sector(u)
            major = rng.random() < 0.008
            grade = "major" if major else "general"
            old = (self.as_of - found_on).days > 365
            status = _pick(rng, OLD_STATUSES if old else RECENT_STATUSES)
            due = found_on + timedelta(days=90 if major else 30)
            created = datetime(found_on.year, found_on.month, found_on.day, 1, tzinfo=UTC) + timedelta(
                seconds=i % 28_800)
            last = None if status == "found" else created + timedelta(days=rng.randrange(1, 45), seconds=i % 600)
            closed = last if status == "closed" else None
            item = Item(base + i, status, created, last, grade, due)
            dept = self.org.department[(self.org.county_of_township[t], s)]
            row = (base + i, unit_base + u, self.org.township_ids[t], self.org.sector_ids[s], dept, inspection_id,
                   DESCRIPTIONS[i % len(DESCRIPTIONS)], f"{(i % 9) + 1}号车间", grade, channel, self.d(found_on), "",
                   "", status, None, self.dt(created), self.dt(closed), "date", self.d(due), "", "", False, 0, None,
                   0 if status == "found" else 1)
            yield item, row

    def task_items(self) -> Iterator[tuple[Item, tuple[Any, ...], tuple[Any, ...]]]:
        """Each task as (Item, task row, lead owner row)."""
        rng = random.Random(SEED + 1)
        base = self.ids["task"]
        weights = [("closed", 80), ("in_progress", 10), ("assigned", 5), ("submitted", 5)]
        for k in range(self.scale.tasks):
            ci = k % len(self.org.county_ids)
            si = k % len(self.org.sector_ids)
            day = self.first_day + timedelta(days=k * self.days // self.scale.tasks)
            status = _pick(rng, weights)
            created = datetime(day.year, day.month, day.day, 2, tzinfo=UTC)
            last = created + timedelta(days=rng.randrange(5, 90))
            due = day + timedelta(days=60)
            dept = self.org.department[(ci, si)]
            row = (base + k, self.org.county_ids[ci], "plan", "基准整改方案", str(k % 68 + 1), "专项整治",
                   f"第{k + 1}项问题", f"第{k + 1}项整改措施", self.org.office[ci], status, None, self.dt(created),
                   self.dt(last if status == "closed" else None), "date", self.d(due), "", "", False, 0, None, 1)
            owner = (self.ids["taskowner"] + k, base + k, "lead", f"{SECTORS[si][1]}监管局", dept, None, "")
            yield Item(base + k, status, created, last, due_date=due), row, owner

    def events(self, kind: str) -> Iterator[tuple[str, Item, str, str, str, str, datetime]]:
        """(kind, item, action, from, to, reason, at) in item order: create, then the last transition."""
        if kind == "hazard":
            stream: Iterator[Item] = (item for item, _row in self.hazard_items())
            table, first = HAZARD_LAST, "found"
        else:
            stream = (item for item, _row, _owner in self.task_items())
            table, first = TASK_LAST, "draft"
        for item in stream:
            yield kind, item, "create", "", first, "", item.created_at
            if item.status in table:
                action, source, reason = table[item.status]
                assert item.last_at is not None
                yield kind, item, action, source, item.status, reason, item.last_at


def _event_rows(gen: Generator, first_id: int) -> Iterator[tuple[Any, ...]]:
    n = first_id
    for kind in ("hazard", "task"):
        for _k, item, action, source, target, reason, at in gen.events(kind):
            task_id, hazard_id = (None, item.id) if kind == "hazard" else (item.id, None)
            yield (n, task_id, hazard_id, action, source, target, None, reason, "{}", gen.dt(at))
            n += 1


class Chain:
    """The running head of the audit chain while entries are generated."""

    def __init__(self, seq: int, head: str) -> None:
        self.seq = seq
        self.head = head

    def rows(self, gen: Generator, first_id: int) -> Iterator[tuple[Any, ...]]:
        n = first_id
        for kind in ("hazard", "task"):
            for _k, item, action, source, target, reason, at in gen.events(kind):
                self.seq += 1
                if action == "create":
                    before = None
                    after: dict[str, Any] = {"status": target, "grade": item.grade,
                                             "due_date": item.due_date.isoformat() if item.due_date else None}
                else:
                    before = {"status": source, "version": 0}
                    after = {"status": target, "version": 1} | ({"reason": reason} if reason else {})
                content = canonical(seq=self.seq, at=at, actor_id=None, actor_name=ACTOR_NAME,
                                    action=f"{kind}.{action}", object_type=kind, object_id=str(item.id),
                                    before=before, after=after, request_id="")
                digest = link(self.head, content)
                yield (n, self.seq, gen.dt(at), None, ACTOR_NAME, f"{kind}.{action}", kind, str(item.id),
                       None if before is None else bulk.as_json(before), bulk.as_json(after), "", self.head, digest)
                self.head = digest
                n += 1


def _timed(report: Report, name: str, model: Any, fields: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    started = time.perf_counter()
    with transaction.atomic():
        report.counts[name] = bulk.insert_rows(bulk.Columns.of(model, fields), rows)
    report.timings[f"load_{name}_s"] = round(time.perf_counter() - started, 3)


def generate(scale: Scale, *, progress: bool = False) -> Report:
    """Build the jurisdiction into the configured (empty) database and return counts and timings."""
    from anjian.org.models import Region

    if Region.objects.exists():
        raise AlreadyGenerated("数据库中已有区划数据，请使用新的数据目录 / database is not empty; use a new --data DIR")
    report = Report(scale.name)
    started = time.perf_counter()
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")  # the load is re-runnable; the raw baseline uses NORMAL
    with transaction.atomic():
        org = build_org(scale)
        top = Region.objects.order_by("path").first()
        county = Region.objects.filter(level="county").order_by("path").first()
        assert top is not None and county is not None
        build_users(top.code, county.code)
    report.timings["org_s"] = round(time.perf_counter() - started, 3)
    first_ids = {"unit": bulk.next_id(Unit), "inspection": bulk.next_id(Inspection), "hazard": bulk.next_id(Hazard),
                 "task": bulk.next_id(Task), "taskowner": bulk.next_id(TaskOwner)}
    gen = Generator(scale, org, first_ids)
    head = AuditHead.objects.filter(id=1).first()
    chain = Chain(head.last_seq if head else 0, head.last_hash if head else GENESIS)
    big = [Unit, Inspection, Hazard, Task, TaskOwner, ItemEvent, AuditEntry]
    with bulk.foreign_key_checks_off(), bulk.indexes_deferred([m._meta.db_table for m in big]) as idx:
        steps: list[tuple[str, Any, list[str], Iterator[tuple[Any, ...]]]] = [
            ("units", Unit, UNIT_FIELDS, gen.units()),
            ("inspections", Inspection, INSPECTION_FIELDS, gen.inspections()),
            ("hazards", Hazard, HAZARD_FIELDS, (row for _item, row in gen.hazard_items())),
            ("tasks", Task, TASK_FIELDS, (row for _item, row, _owner in gen.task_items())),
            ("task_owners", TaskOwner, OWNER_FIELDS, (owner for _item, _row, owner in gen.task_items())),
            ("events", ItemEvent, EVENT_FIELDS, _event_rows(gen, bulk.next_id(ItemEvent))),
            ("audit", AuditEntry, AUDIT_FIELDS, chain.rows(gen, bulk.next_id(AuditEntry))),
        ]
        for name, model, fields, rows in steps:
            _timed(report, name, model, fields, rows)
            if progress:
                print(f"  {name}: {report.counts[name]} 行 / rows, {report.timings[f'load_{name}_s']} s", flush=True)
    report.timings["index_rebuild_s"] = round(idx["index_rebuild_s"], 3)
    with transaction.atomic():
        AuditHead.objects.update_or_create(id=1, defaults={"last_seq": chain.seq, "last_hash": chain.head})
    bulk.reset_sequences(big)
    started_analyze = time.perf_counter()
    bulk.analyze()
    report.timings["analyze_s"] = round(time.perf_counter() - started_analyze, 3)
    report.timings["total_s"] = round(time.perf_counter() - started, 3)
    write_manifest(report)
    return report
