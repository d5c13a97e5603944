"""`anjian demo`: a realistic demo county with months of history and imported documents.

Built once, in one transaction; when the demo already exists its accounts are printed again and
nothing is rebuilt.
"""

from __future__ import annotations

import random
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import transaction

from anjian.accounts.models import User
from anjian.demo.activity import replay_accidents, replay_enforcement, replay_obligations, replay_tipoffs
from anjian.demo.county import COUNTY_CODE, DEPARTMENTS, PASSWORD, County, build_county
from anjian.demo.documents import write_documents
from anjian.demo.history import advance_imported, backdated, replay_inspections, replay_tasks
from anjian.demo.prevention import replay_prevention
from anjian.demo.steering import steer_overdue
from anjian.org.models import Region

ROLE_ACCOUNTS = [
    ("anweiban", "安委办工作人员（可导入文件、分派、验收）"),
    ("chengguan", "部门工作人员（区城市管理局）"),
    ("beishudian", "乡镇/网格工作人员（北书店乡）"),
    ("qiye", "企业负责人"),
    ("lingdao", "领导（只读驾驶舱）"),
    ("zhuanjia", "专家"),
    ("jubao", "举报受理人员"),
    ("shenji", "审计管理员（审计日志）"),
    ("anquan", "安全管理员（用户与授权）"),
    ("admin", "系统管理员（基础数据）"),
]


@dataclass(frozen=True)
class DemoCredentials:
    """The shared demo password and the accounts to log in with, as (username, Chinese label)."""

    password: str
    users: list[tuple[str, str]] = field(default_factory=list)


def _say(progress: bool, message: str) -> None:
    if progress:
        print(message, file=sys.stderr, flush=True)


def demo_exists() -> bool:
    """Whether the demo county and its office account are already in the database."""
    return Region.objects.filter(code=COUNTY_CODE).exists() and User.objects.filter(username="anweiban").exists()


def _credentials() -> DemoCredentials:
    labels = dict(ROLE_ACCOUNTS)
    for code, name, *_ in DEPARTMENTS[1:]:
        labels.setdefault(code, f"部门工作人员（{name}）")
    present = set(User.objects.filter(username__in=labels).values_list("username", flat=True))
    return DemoCredentials(PASSWORD, [(u, label) for u, label in labels.items() if u in present])


def build_demo(progress: bool = True) -> DemoCredentials:
    """Create the demo county with its history and imported documents, or return the existing accounts."""
    if demo_exists():
        _say(progress, "演示数据已存在，未重建 / demo already built")
        return _credentials()
    rng = random.Random(2024)
    with transaction.atomic(), backdated() as clock, tempfile.TemporaryDirectory() as folder:
        today = clock.real.date()
        clock.at(today - timedelta(days=200))
        _say(progress, "建立区划、部门、单位和账号 / organisation and accounts …")
        county = build_county(rng)
        _say(progress, f"  {len(county.townships)} 个乡镇街道，{len(county.departments)} 个部门，{len(county.units)} 家单位")
        _say(progress, "回放六个月的检查、隐患和任务 / replaying six months of work …")
        hazards = replay_inspections(county, clock, rng)
        tasks = replay_tasks(county, clock, rng)
        _say(progress, f"  隐患 {hazards} 条，手工任务 {tasks} 项")
        fines = replay_enforcement(county, clock, rng)
        duties = replay_obligations(county, clock, rng)
        accidents = replay_accidents(county, clock, rng)
        tipoffs = replay_tipoffs(county, clock, rng)
        _say(progress, f"  执法措施 {fines} 项，企业履职记录 {duties} 条，事故 {accidents} 起，群众举报 {len(tipoffs)} 件")
        _say(progress, "双重预防：风险清单与六个月的排查 / risk inventories and six months of checks …")
        _say(progress, "  " + replay_prevention(county, clock, random.Random(21)))  # its own stream: the rest stays as it was
        _say(progress, "导入演示文件 / importing the demo documents …")
        for line in import_documents(county, clock, rng, Path(folder)):
            _say(progress, "  " + line)
        _say(progress, "  " + steer_overdue(county, clock))
    _escalate(progress)
    return _credentials()


def import_documents(county: County, clock: object, rng: random.Random, folder: Path) -> list[str]:
    """Write the three demo documents and import each through the importer, a day after its date."""
    from anjian.ingest.importer import apply_import
    from anjian.ledger.models import Task

    report = []
    for document in write_documents(folder, clock.real.date()):  # type: ignore[attr-defined]
        clock.at(document.issued + timedelta(days=1), hour=10)  # type: ignore[attr-defined]
        run = apply_import(actor=county.users["office"], region=county.county, path=str(document.path),
                           original_name=document.path.name)
        report.append(f"{document.path.name}：新建 {run.created} 项，拒绝 {run.rejected} 项")
        tasks = list(Task.objects.filter(import_run=run).order_by("id"))
        advance_imported(county, clock, rng, tasks, document.issued + timedelta(days=2))  # type: ignore[arg-type]
    return report


def _escalate(progress: bool) -> None:
    """Run today's deadline scan so overdue items carry their reminders and escalation levels."""
    from anjian.escalation.services import scan_deadlines

    result = scan_deadlines(None)
    _say(progress, f"时限扫描：提醒 {result.reminded} 项，升级督办 {result.escalated} 项")
