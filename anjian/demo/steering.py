"""The office steering overdue work in the demo: urged tasks, a reassigned one, a moved deadline."""

from __future__ import annotations

from datetime import timedelta

from anjian.demo.county import County
from anjian.demo.history import Clock
from anjian.ledger import steering
from anjian.ledger.choices import TASK_WATCHED, OwnerRole
from anjian.ledger.models import Task
from anjian.ledger.services import OwnerSpec


def steer_overdue(c: County, clock: Clock) -> str:
    """Urge the overdue tasks with one lead department (the oldest twice), reassign one to 应急局 with the
    department as co-unit, and move one deadline; so the clerk's pages show 催办 counts and 改派 history."""
    office = c.users["office"]
    today = clock.real.date()
    overdue = [t for t in Task.objects.filter(status__in=TASK_WATCHED, due_date__lt=today).order_by("due_date", "pk")
               .prefetch_related("owners") if any(o.department_id for o in t.owners.all())][:8]
    if not overdue:
        return "无逾期任务可催办"
    clock.at(today - timedelta(days=3), hour=9)
    for task in overdue:
        steering.urge(actor=office, item=task, message="该任务已逾期，请于三个工作日内报送整改进展。")
    clock.at(today - timedelta(days=1), hour=10)
    steering.urge(actor=office, item=overdue[0], message="第二次催办：请主要负责同志亲自过问，明日前报送。")
    reassigned = 0
    emergency = c.departments["yingji"]
    for task in overdue[1:]:
        lead = next((o for o in task.owners.all() if o.role == OwnerRole.LEAD and o.department_id), None)
        if lead is None or lead.department_id == emergency.pk:
            continue
        steering.reassign(
            actor=office, item=task, reason="经研究，该事项由应急管理部门牵头、原责任单位配合办理",
            owners=[OwnerSpec(emergency.name, department=emergency),
                    OwnerSpec(lead.name, role=OwnerRole.COOPERATE, department=lead.department)])
        reassigned = 1
        break
    if len(overdue) > 2 and overdue[-1].due_date is not None:
        steering.change_deadline(actor=office, item=overdue[-1], due=today + timedelta(days=30),
                                 reason="涉及工程施工，经安委办研究同意调整整改时限")
    return f"逾期任务催办 {len(overdue) + 1} 次，改派 {reassigned} 项，调整时限 1 项"
