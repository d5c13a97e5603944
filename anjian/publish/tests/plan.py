"""An imported plan with categories, progress, evidence and escalations, for the report tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from anjian.fixtures import World
from anjian.ingest.models import ImportRun
from anjian.ledger.choices import TaskStatus
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import ItemEvent, Task
from anjian.ledger.services import OwnerSpec, submit_progress

TZ = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n% test evidence\n"


@dataclass
class Plan:
    """The run and its tasks T1–T3."""

    run: ImportRun
    tasks: dict[str, Task]


def build_plan(world: World) -> Plan:
    """T1 overdue with an escalation and two progress reports; T2 due in December; T3 closed."""
    run = ImportRun.objects.create(region=world.county, actor=world.clerk, file="imports/plan.docx",
                                   original_name="2021年度考核巡查通报问题整改方案.docx", sha256="0" * 64,
                                   genre="rectification")
    common = {"import_run": run, "source": "plan"}
    t1 = world.task(seq="1", category="安全发展理念树的不牢", problem="学习领会不够深入",
                    measures="=HYPERLINK(\"http://evil\")组织专题学习", deadline=DeadlineSpec(
                        "date", date(2024, 11, 30), raw="2024年11月底前"), **common)
    t2 = world.task(seq="2", category="专项整治推进力度不足", problem="消防安全自主管理水平有待提高",
                    measures="开展消防安全专项检查", deadline=DeadlineSpec("date", date(2024, 12, 20)),
                    owners=[OwnerSpec("区消防救援大队", department=world.fire_brigade, person="钱消防")], **common)
    t3 = world.task(seq="3", category="专项整治推进力度不足", problem="燃气“小散弱”问题", measures="百日行动",
                    **common)
    Task.objects.filter(pk=t3.pk).update(status=TaskStatus.CLOSED)
    submit_progress(actor=world.officer, item=t1, text="+已组织专题学习2次", period=date(2024, 11, 1),
                    files=[("学习记录.pdf", PDF)])
    submit_progress(actor=world.officer, item=t1, text="@12月继续开展警示教育", period=date(2024, 12, 1))
    ItemEvent.objects.create(task=t1, action="escalate:notice_letter", from_status="assigned",
                             to_status="assigned", at=datetime(2024, 12, 8, 9, tzinfo=TZ))
    Task.objects.filter(pk=t1.pk).update(escalation_level=2)
    return Plan(run=run, tasks={"T1": t1, "T2": t2, "T3": Task.objects.get(pk=t3.pk)})
