"""State changes the importer makes besides creating tasks: revising an imported task, remembering an alias."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from anjian.accounts.policy import require
from anjian.audit.services import record
from anjian.escalation.models import policy_for
from anjian.ingest.models import ImportRun, UnitAlias
from anjian.ingest.owners import ResolvedOwner, attach_groups
from anjian.ledger.choices import DeadlineKind
from anjian.ledger.deadlines import DeadlineSpec, first_due
from anjian.ledger.errors import ConflictError
from anjian.ledger.models import ItemEvent, Task, TaskOwner
from anjian.org.models import Department, Region


def remember_alias(
    *,
    actor: Any,
    region: Region,
    name: str,
    department: Department | None = None,
    target_region: Region | None = None,
    ignore: bool = False,
) -> UnitAlias:
    """Store what a printed responsible-unit name means in this jurisdiction, so it is asked only once."""
    with transaction.atomic():
        alias, _ = UnitAlias.objects.update_or_create(
            region=region,
            name=name[:100],
            defaults={"department": department, "target_region": target_region, "ignore": ignore},
        )
        record(
            actor=actor,
            action="unit_alias.set",
            object_type="unit_alias",
            object_id=alias.pk,
            after={
                "name": alias.name,
                "department": department.pk if department else None,
                "region": target_region.code if target_region else None,
                "ignore": ignore,
            },
        )
        return alias


def revise_imported_task(
    *,
    actor: Any,
    task: Task,
    run: ImportRun,
    changes: dict[str, list[Any]],
    problem: str,
    measures: str,
    deadline: DeadlineSpec | None,
    owners: Sequence[ResolvedOwner] | None,
) -> Task:
    """Apply the changes of a re-imported document to one task; status and history are kept.

    `deadline` and `owners` are None when they did not change. The change list goes into the
    task's event row and the audit chain, so nothing an edited document alters goes unrecorded.
    """
    require(actor, "edit", task)
    with transaction.atomic():
        current = Task.objects.select_for_update().get(pk=task.pk)
        fields: dict[str, Any] = {"problem": problem, "measures": measures, "version": F("version") + 1}
        if deadline is not None:
            due = first_due(
                deadline, start=timezone.localdate(), immediate_workdays=policy_for("task").immediate_workdays
            )
            fields.update(
                deadline_kind=deadline.kind,
                recurrence=deadline.recurrence,
                deadline_raw=deadline.raw[:100],
                due_date=due.due_date,
                deadline_estimated=due.estimated,
                escalation_level=0,
                reminded_for=None,
            )
        swapped = Task.objects.filter(pk=current.pk, version=current.version).update(**fields)
        if swapped != 1:
            raise ConflictError()
        if owners is not None:
            TaskOwner.objects.filter(task=current).delete()
            TaskOwner.objects.bulk_create(
                TaskOwner(
                    task=current,
                    role=o.role,
                    name=o.name[:100],
                    department_id=o.department_id,
                    region=Region.objects.get(code=o.region_code) if o.region_code else None,
                )
                for o in owners
            )
            attach_groups(current)
        ItemEvent.objects.create(
            task=current,
            action="revise",
            from_status=current.status,
            to_status=current.status,
            actor=actor,
            at=timezone.now(),
            reason=f"导入更新：{run.original_name}"[:500],
            data={"run": run.pk, "changes": changes},
        )
        record(
            actor=actor,
            action="task.revise",
            object_type="task",
            object_id=current.pk,
            before={k: v[0] for k, v in changes.items()},
            after={k: v[1] for k, v in changes.items()},
        )
        current.refresh_from_db()
        return current


def fill_pending_task(
    *,
    actor: Any,
    task: Task,
    units: Sequence[str] = (),
    deadline: DeadlineSpec | None = None,
) -> Task:
    """Fill what an import left 待定: the responsible units and/or the deadline of an open task.

    Units are resolved like an import's (aliases, departments, townships; an unknown name is kept as
    printed). Once a deadline is set the task has a due date and the escalation scanner watches it.
    """
    from anjian.ingest.owners import OwnerResolver

    require(actor, "edit", task)
    with transaction.atomic():
        current = Task.objects.select_for_update().get(pk=task.pk)
        after: dict[str, Any] = {}
        fields: dict[str, Any] = {"version": F("version") + 1}
        if deadline is not None and deadline.kind != DeadlineKind.NONE:
            due = first_due(
                deadline, start=timezone.localdate(), immediate_workdays=policy_for("task").immediate_workdays
            )
            fields.update(
                deadline_kind=deadline.kind, recurrence=deadline.recurrence, deadline_raw=deadline.raw[:100],
                due_date=due.due_date, deadline_estimated=due.estimated, escalation_level=0, reminded_for=None,
            )
            after["deadline"] = deadline.to_schema()
        swapped = Task.objects.filter(pk=current.pk, version=current.version).update(**fields)
        if swapped != 1:
            raise ConflictError()
        names = [u.strip() for u in units if u.strip()]
        if names:
            resolution = OwnerResolver(current.region).resolve(tuple(names))
            named = [ResolvedOwner(n, n, role="cooperate" if resolution.owners or i else "lead")
                     for i, n in enumerate(resolution.unknown)]
            TaskOwner.objects.filter(task=current).delete()
            TaskOwner.objects.bulk_create(
                TaskOwner(task=current, role=o.role, name=o.name[:100], department_id=o.department_id,
                          region=Region.objects.get(code=o.region_code) if o.region_code else None)
                for o in [*resolution.owners, *named]
            )
            attach_groups(current)
            after["owners"] = names
        ItemEvent.objects.create(
            task=current, action="revise", from_status=current.status, to_status=current.status, actor=actor,
            at=timezone.now(), reason="补全待定的责任单位/时限", data={"filled": after},
        )
        record(actor=actor, action="task.fill", object_type="task", object_id=current.pk, after=after)
        current.refresh_from_db()
        return current


def pending_q() -> Q:
    """Tasks that lack a responsible unit or a deadline (imported as 待定, or never given one)."""
    return Q(deadline_kind=DeadlineKind.NONE) | ~Q(Exists(TaskOwner.objects.filter(task=OuterRef("pk"))))
