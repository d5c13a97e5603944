"""督办函 / 函告 for an escalation step, addressed to the owner of each escalated item."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from anjian.escalation.choices import StepAction
from anjian.ledger.models import Hazard, ItemEvent, Task
from anjian.publish.errors import NothingToReport
from anjian.publish.gbt9704 import Block, Heading, Masthead, OfficialDocument, Paragraph, format_chinese_date
from anjian.publish.reports.items import days_overdue, deadline_text
from anjian.publish.reports.request import Letterhead, ReportRequest
from anjian.security.params import bounded_id
from anjian.workdays.calendar import add_workdays

REPLY_WORKDAYS = 5
Item = Task | Hazard


def _bounds(request: ReportRequest) -> tuple[datetime, datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    return (datetime.combine(request.date_from, time.min, tzinfo=tz),
            datetime.combine(request.date_to, time.max, tzinfo=tz))


def _selected(request: ReportRequest) -> dict[Item, str]:
    """The items to supervise and the step each reached (the latest escalation in the period)."""
    if request.item:
        kind, _, pk = request.item.partition(":")
        models: dict[str, type[Task] | type[Hazard]] = {"task": Task, "hazard": Hazard}
        model = models.get(kind)
        item_pk = bounded_id(pk)
        if model is None or item_pk is None:
            raise NothingToReport(f"无法识别的事项：{request.item}（应为 task:编号 或 hazard:编号）")
        item = model.objects.filter(request.visible(kind), pk=item_pk, region__path__startswith=request.region.path
                                    ).first()
        if item is None:
            raise NothingToReport(f"未找到事项：{request.item}")
        last = ItemEvent.objects.filter(**{kind: item}, action__startswith="escalate:").order_by("-at").first()
        return {item: last.action.split(":", 1)[1] if last else StepAction.NOTICE_LETTER}
    start, end = _bounds(request)
    events = (
        ItemEvent.objects.filter(action__startswith="escalate:", at__gte=start, at__lte=end)
        .filter(_in_region(request))
        .select_related("task", "hazard").order_by("at", "id")
    )
    chosen: dict[Item, str] = {}
    for event in events:
        item = event.task or event.hazard
        if item is not None and item.status not in {"closed", "cancelled"}:
            chosen[item] = event.action.split(":", 1)[1]
    return chosen


def _in_region(request: ReportRequest) -> Q:
    """Escalation events of tasks and hazards in the region that the actor may view."""
    tasks = Task.objects.filter(request.visible("task"), region__path__startswith=request.region.path)
    hazards = Hazard.objects.filter(request.visible("hazard"), region__path__startswith=request.region.path)
    return Q(task__in=tasks.values("pk")) | Q(hazard__in=hazards.values("pk"))


def _owners(item: Item) -> list[str]:
    """The units that answer for the item, each once (lead units first)."""
    if isinstance(item, Task):
        return list(dict.fromkeys(o.name for o in sorted(item.owners.all(), key=lambda o: (o.role != "lead", o.pk))))
    return [item.unit.name]


def _describe(item: Item) -> str:
    if isinstance(item, Task):
        return item.measures or item.problem
    return f"{item.unit.name}{item.location}：{item.description}（{item.get_grade_display()}）"


def build(request: ReportRequest) -> OfficialDocument:
    """One letter to the owners of the escalated items; the title follows the highest step reached."""
    chosen = _selected(request)
    if not chosen:
        raise NothingToReport("该期间没有升级督办的事项")
    today = request.day
    reply_by, _ = add_workdays(today, REPLY_WORKDAYS)
    by_owner: dict[str, list[tuple[Item, str]]] = defaultdict(list)
    units: dict[str, None] = {}  # every unit once, in order of appearance: the addressee and the closing ask
    for item, step in chosen.items():
        names = _owners(item) or ["未明确责任单位"]
        by_owner["、".join(names)].append((item, step))
        units.update(dict.fromkeys(names))
    steps = {step for step in chosen.values()}
    letter = "函告" if steps <= {StepAction.REMIND, StepAction.NOTICE_LETTER} else "督办函"
    head = Letterhead.of(request)
    body: list[Block] = [Paragraph(
        f"经核查，截至{format_chinese_date(today)}，下列事项已超过整改时限仍未完成整改销号，"
        f"按照督办工作机制，现予{'函告' if letter == '函告' else '督办'}："
    )]
    n = 0
    for owner, entries in by_owner.items():
        if len(by_owner) > 1:
            body.append(Heading(1, owner))
        for item, step in entries:
            n += 1
            label = StepAction(step).label if step in StepAction.values else step
            body.append(Paragraph(
                f"{n}. {_describe(item)}。原定时限：{deadline_text(item)}，已逾期{days_overdue(item, today)}天"
                f"（督办措施：{label}）。"
            ))
    body.append(Paragraph(
        f"请{'、'.join(units)}高度重视，主要负责同志亲自研究部署，于{format_chinese_date(reply_by)}前完成整改，"
        f"并将整改情况及证明材料书面报送{head.office}。逾期仍未完成的，将按程序予以通报、约谈。"
    ))
    return OfficialDocument(
        masthead=Masthead.LETTER,
        issuer_mark=head.name,
        doc_number=head.doc_number,
        title=f"关于督促加快逾期事项整改的{letter}",
        addressee="、".join(units),
        body=tuple(body),
        signature_org=head.name,
        date=timezone.localdate(),
    )
