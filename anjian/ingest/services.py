"""State changes the importer makes besides creating tasks: revising an imported task, remembering an alias."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from anjian.audit.services import record
from anjian.ingest.models import ImportRun, UnitAlias
from anjian.ingest.owners import ResolvedOwner, attach_groups
from anjian.ledger.choices import DeadlineKind
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Task, TaskOwner
from anjian.ledger.services import OwnerSpec, revise_task
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


def _owner_specs(owners: Sequence[ResolvedOwner]) -> list[OwnerSpec]:
    departments = Department.objects.in_bulk([o.department_id for o in owners if o.department_id])
    regions = {r.code: r for r in Region.objects.filter(code__in=[o.region_code for o in owners if o.region_code])}
    return [OwnerSpec(o.name, role=o.role, department=departments.get(o.department_id or 0),
                      region=regions.get(o.region_code or "")) for o in owners]


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
    with transaction.atomic():
        revised = revise_task(
            actor=actor, task=task, reason=f"导入更新：{run.original_name}", data={"run": run.pk, "changes": changes},
            before={k: v[0] for k, v in changes.items()}, after={k: v[1] for k, v in changes.items()},
            problem=problem, measures=measures, deadline=deadline,
            owners=None if owners is None else _owner_specs(owners),
        )
        if owners is not None:
            attach_groups(revised)
        return revised


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

    after: dict[str, Any] = {}
    if deadline is not None and deadline.kind != DeadlineKind.NONE:
        after["deadline"] = deadline.to_schema()
    else:
        deadline = None
    owners: list[ResolvedOwner] | None = None
    names = [u.strip() for u in units if u.strip()]
    if names:
        resolution = OwnerResolver(task.region).resolve(tuple(names))
        named = [ResolvedOwner(n, n, role="cooperate" if resolution.owners or i else "lead")
                 for i, n in enumerate(resolution.unknown)]
        owners = [*resolution.owners, *named]
        after["owners"] = names
    with transaction.atomic():
        filled = revise_task(
            actor=actor, task=task, reason="补全待定的责任单位/时限", data={"filled": after}, audit_action="task.fill",
            after=after, deadline=deadline, owners=None if owners is None else _owner_specs(owners),
        )
        if owners is not None:
            attach_groups(filled)
        return filled


def pending_q() -> Q:
    """Tasks that lack a responsible unit or a deadline (imported as 待定, or never given one)."""
    return Q(deadline_kind=DeadlineKind.NONE) | ~Q(Exists(TaskOwner.objects.filter(task=OuterRef("pk"))))
