"""Documents into the ledger: preview what a file would change, then apply it in one transaction.

Every row is validated and compared with the tasks an earlier import of the same document created
before anything is written; then one transaction stores the file, creates or revises the tasks and
records one ImportRunItem per row. A task is found again by (region, document, seq, category, and
the how-many-th such pair it is), so an edited version of a plan updates its tasks instead of
duplicating them, and the same document twice changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from anjian import filestore
from anjian.accounts.policy import can_create
from anjian.audit.services import record
from anjian.errors import DomainError, PermissionDenied
from anjian.ingest.models import ImportRun, ImportRunItem, ImportStage
from anjian.ingest.owners import OwnerResolver, ResolvedOwner, attach_groups
from anjian.ingest.preview import ImportPreview, Outcome, Planner, PreviewRow
from anjian.ingest.services import pending_q, remember_alias, revise_imported_task
from anjian.ingest.source import Source, document_key, read_source
from anjian.ledger.choices import TaskSource
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Task
from anjian.ledger.services import OwnerSpec, create_task
from anjian.notify.services import announce_pending_import
from anjian.org.models import Department, Region

ProgressFn = Callable[[int, int], None]
BATCH = 500


class NothingToImport(DomainError):
    """该文件未提取到可导入的任务事项 / no importable items found in this file"""

    code = "nothing_to_import"


class RowsUndecided(DomainError):
    """有事项缺少责任单位或整改时限，请补全或确认待定 / rows lack a responsible unit or deadline"""

    code = "rows_undecided"


class BadAlias(DomainError):
    """责任单位对应关系无效 / invalid unit mapping"""

    code = "bad_alias"


def _resolver(region: Region, aliases: dict[str, dict[str, Any]] | None) -> OwnerResolver:
    resolver = OwnerResolver(region)
    for name, target in _check_aliases(region, aliases).items():
        resolver.learn(name, *target)
    return resolver


def _check_aliases(
    region: Region,
    aliases: dict[str, dict[str, Any]] | None,
) -> dict[str, tuple[Department | None, Region | None, bool]]:
    """Validated alias answers: each names a department or township of this jurisdiction, or ignore."""
    checked: dict[str, tuple[Department | None, Region | None, bool]] = {}
    for name, answer in (aliases or {}).items():
        name = re.sub(r"\s", "", name)[:100]
        if answer.get("ignore"):
            checked[name] = (None, None, True)
        elif answer.get("department"):
            dept = Department.objects.filter(pk=answer["department"], region=region).first()
            if dept is None:
                raise BadAlias(f"“{name}”对应的部门不属于{region.name}")
            checked[name] = (dept, None, False)
        elif answer.get("region"):
            target = Region.objects.filter(code=answer["region"], path__startswith=region.path).first()
            if target is None:
                raise BadAlias(f"“{name}”对应的区划不在{region.name}辖区内")
            checked[name] = (None, target, False)
        else:
            raise BadAlias(f"“{name}”未指定对应单位")
    return checked


def _source_of(path: str, original_name: str) -> tuple[Source, str]:
    source = read_source(path)
    return source, document_key(source.title, original_name or Path(path).name)


def preview_file(path: str, *, region: Region, original_name: str = "") -> ImportPreview:
    """What importing `path` into `region` would do; raises IngestError for unreadable files."""
    source, key = _source_of(path, original_name)
    return _preview(source, key, region, original_name or Path(path).name, list(source.items()), None)


def stage_file(*, actor: Any, region: Region, stored: str, original_name: str, token: str) -> ImportStage:
    """Read and extract a file staged in the store once, and keep what it yielded until the clerk confirms."""
    from anjian.ingest.staging import local_copy

    with local_copy(stored) as path:
        source, key = _source_of(str(path), original_name)
    extraction = {k: v for k, v in source.extraction.items() if k != "items"}
    return ImportStage.objects.create(
        token=token, region=region, actor=actor, original_name=original_name[:200], path=stored,
        sha256=source.sha256, genre=source.genre[:20], issued=source.issued or "", title=source.title[:300],
        document_key=key, items=list(source.items()), extraction=extraction,
    )


def _staged_source(stage: ImportStage) -> Source:
    items = list(stage.items)
    return Source(stage.sha256, stage.genre, stage.issued or None, stage.title, lambda: iter(items), len(items),
                  {**stage.extraction, "items": items})


def preview_stage(
    stage: ImportStage,
    *,
    rows: list[dict[str, Any]] | None = None,
    aliases: dict[str, dict[str, Any]] | None = None,
) -> ImportPreview:
    """The preview of a staged upload, or of the clerk's corrected rows of it; nothing is read or written."""
    source = _staged_source(stage)
    items = rows if rows is not None else list(source.items())
    return _preview(source, stage.document_key, stage.region, stage.original_name, items, aliases)


def _preview(
    source: Source, key: str, region: Region, name: str, items: list[dict[str, Any]],
    aliases: dict[str, dict[str, Any]] | None,
) -> ImportPreview:
    planner = Planner(region, key, source.issued, _resolver(region, aliases))
    rows = [planner.row(item) for item in items]
    unknown = tuple(dict.fromkeys(u for r in rows for u in r.unknown_units))
    return ImportPreview(
        original_name=name,
        sha256=source.sha256,
        genre=source.genre,
        issued=source.issued,
        title=source.title,
        document_key=key,
        rows=rows,
        has_scheme=bool(source.extraction.get("scores")),
        unknown_units=unknown,
    )


def _plan(
    planner: Planner, items: Iterator[dict[str, Any]], total: int, progress: ProgressFn | None
) -> Iterator[PreviewRow]:
    for done, item in enumerate(items, start=1):
        yield planner.row(item)
        if progress and (done % 50 == 0 or done == total):
            progress(done, total)


def apply_import(
    *,
    actor: Any,
    region: Region,
    path: str,
    original_name: str,
    rows: list[dict[str, Any]] | None = None,
    aliases: dict[str, dict[str, Any]] | None = None,
    progress: ProgressFn | None = None,
) -> ImportRun:
    """Import a document (or the clerk's corrected rows of it) into the ledger in one transaction."""
    if not can_create(actor, "import", region.path):
        raise PermissionDenied("无权在该区域导入文件 / not allowed to import into this region")
    source, key = _source_of(path, original_name)
    return _apply(actor=actor, region=region, source=source, key=key, path=path, original_name=original_name,
                  rows=rows, aliases=aliases, progress=progress)


def apply_stage(
    *,
    actor: Any,
    stage: ImportStage,
    rows: list[dict[str, Any]],
    aliases: dict[str, dict[str, Any]] | None = None,
) -> ImportRun:
    """Import the clerk's corrected rows of a staged upload; the file is not read again.

    A row that would create a task without a responsible unit or a deadline is refused unless the
    clerk marked it 待定 (`pending`): such a task would otherwise sit assigned with nobody to act and
    no date to escalate on. 待定 tasks are listed in the office's to-do until they are filled.
    """
    region = stage.region
    if not can_create(actor, "import", region.path):
        raise PermissionDenied("无权在该区域导入文件 / not allowed to import into this region")
    source = _staged_source(stage)
    undecided = [r for r in _preview(source, stage.document_key, region, stage.original_name, rows, aliases).rows
                 if r.missing and not r.pending]
    if undecided:
        raise RowsUndecided(
            "以下事项缺少责任单位或整改时限，请补全或勾选“待定”后再确认："
            + "；".join(f"第{r.seq or '?'}项（缺{'、'.join(r.missing)}）" for r in undecided)
        )
    # Archived from the store, so the confirm works on whichever web host it reaches.
    archived = stage.path if filestore.exists(stage.path) else ""
    return _apply(actor=actor, region=region, source=source, key=stage.document_key, path="", stored=archived,
                  original_name=stage.original_name, rows=rows, aliases=aliases, progress=None)


def _apply(
    *,
    actor: Any,
    region: Region,
    source: Source,
    key: str,
    path: str,
    original_name: str,
    rows: list[dict[str, Any]] | None,
    aliases: dict[str, dict[str, Any]] | None,
    progress: ProgressFn | None,
    stored: str = "",
) -> ImportRun:
    checked = _check_aliases(region, aliases)
    resolver = _resolver(region, aliases)
    items: Callable[[], Iterator[dict[str, Any]]] = (lambda: iter(rows)) if rows is not None else source.items
    total = len(rows) if rows is not None else source.count
    # Validation pass: every row is checked before anything is written; counts only, nothing kept.
    planned = Counter(
        r.outcome for r in _plan(Planner(region, key, source.issued, resolver), items(), total, None)
    )
    has_scheme = bool(source.extraction.get("scores"))
    if not planned and not has_scheme:
        raise NothingToImport()
    task_source = TaskSource.REMINDER if source.genre == "reminder" else TaskSource.PLAN
    with transaction.atomic():
        run = ImportRun(
            region=region,
            actor=actor,
            original_name=(original_name or Path(path or stored).name)[:200],
            sha256=source.sha256,
            document_key=key,
            title=source.title[:300],
            genre=source.genre,
            issued=date.fromisoformat(source.issued) if source.issued else None,
        )
        if path or stored:
            # The original is archived with the run as uploaded; it is copied, not read for its content.
            with open(path, "rb") if path else filestore.store().open(stored, "rb") as handle:
                run.file.save(Path(original_name or path or stored).name, File(handle), save=False)
        else:
            run.note = "原始文件未保留（暂存文件已清除） / original file no longer staged"
        try:
            _write(run, actor, region, key, source, checked, resolver, items(), total, task_source, progress)
        except BaseException:
            run.file.delete(save=False)
            raise
    return run


def _write(
    run: ImportRun,
    actor: Any,
    region: Region,
    key: str,
    source: Source,
    checked: dict[str, tuple[Department | None, Region | None, bool]],
    resolver: OwnerResolver,
    items: Iterator[dict[str, Any]],
    total: int,
    task_source: str,
    progress: ProgressFn | None,
) -> None:
    run.save()
    for name, (dept, target, ignore) in checked.items():
        remember_alias(
            actor=actor, region=region, name=name, department=dept, target_region=target, ignore=ignore
        )
    planner = Planner(region, key, source.issued, resolver)
    regions = {r.code: r for r in Region.objects.filter(path__startswith=region.path, level__in=["township"])}
    counts: Counter[str] = Counter()
    batch: list[ImportRunItem] = []
    for row in _plan(planner, items, total, progress):
        task_id = row.existing_task_id
        if row.outcome == Outcome.CREATED:
            task = create_task(
                actor=actor,
                region=region,
                problem=row.problem,
                measures=row.measures,
                category=row.category,
                seq=row.seq,
                deadline=DeadlineSpec.from_schema(row.deadline, row.deadline_raw),
                owners=_owner_specs(row, regions),
                source=task_source,
                source_ref=key,
                import_run=run,
                assign=True,
            )
            task_id = task.pk
            if len({o.name for o in row.owners}) < len(row.owners):  # a collective name stood for several
                attach_groups(task)
        elif row.outcome == Outcome.UPDATED and task_id is not None:
            revise_imported_task(
                actor=actor,
                task=Task.objects.get(pk=task_id),
                run=run,
                changes=row.changes,
                problem=row.problem,
                measures=row.measures,
                deadline=DeadlineSpec.from_schema(row.deadline, row.deadline_raw)
                if "deadline" in row.changes
                else None,
                owners=_all_owners(row) if "owners" in row.changes else None,
            )
        counts[row.outcome] += 1
        batch.append(
            ImportRunItem(
                run=run,
                seq=row.seq,
                outcome=row.outcome,
                reason=row.reason[:300],
                task_id=task_id,
                changes=row.changes,
            )
        )
        if len(batch) >= BATCH:
            ImportRunItem.objects.bulk_create(batch)
            batch = []
    ImportRunItem.objects.bulk_create(batch)
    run.created, run.updated = counts[Outcome.CREATED], counts[Outcome.UPDATED]
    run.unchanged, run.rejected = counts[Outcome.UNCHANGED], counts[Outcome.REJECTED]
    if source.extraction.get("scores"):
        _attach_scheme(run, actor, source)
    run.save()
    # Rows confirmed 待定 wait in the office's to-do (web.todos, task_pending); the office is told once.
    announce_pending_import(run=run, tasks=list(
        Task.objects.filter(import_run=run).filter(pending_q()).prefetch_related("owners").order_by("pk")))
    record(
        actor=actor,
        action="import.run",
        object_type="import",
        object_id=run.pk,
        after={
            "file": run.original_name,
            "sha256": run.sha256,
            "document": key,
            **dict(counts),
            "scheme": run.scheme_id,
        },
    )


def _all_owners(row: PreviewRow) -> list[ResolvedOwner]:
    """Resolved owners plus unresolved names kept as named owners, so nothing printed is lost."""
    named = [
        ResolvedOwner(name, name, role="cooperate" if row.owners or i else "lead")
        for i, name in enumerate(row.unknown_units)
    ]
    return [*row.owners, *named]


def _owner_specs(row: PreviewRow, regions: dict[str, Region]) -> list[OwnerSpec]:
    departments = {
        d.pk: d
        for d in Department.objects.filter(pk__in=[o.department_id for o in row.owners if o.department_id])
    }
    return [
        OwnerSpec(
            o.name,
            role=o.role,
            department=departments.get(o.department_id or 0),
            region=regions.get(o.region_code or ""),
        )
        for o in _all_owners(row)
    ]


def _attach_scheme(run: ImportRun, actor: Any, source: Source) -> None:
    """Turn the document's scores into an editable AssessmentScheme, once per document (scoring app)."""
    from anjian.scoring.models import AssessmentScheme
    from anjian.scoring.services import scheme_from_extraction

    name = (run.document_key or run.original_name)[:200]
    existing = AssessmentScheme.objects.filter(name=name).first()
    if existing is not None:
        # The same scheme again: the clerk may have edited it since; a re-import must not overwrite that.
        run.scheme = existing
        run.note = "考核方案已存在，未重复生成 / scheme already imported"
        return
    year = int(source.issued[:4]) if source.issued else timezone.localdate().year
    run.scheme = scheme_from_extraction(actor=actor, name=name, year=year,
                                        extraction={**source.extraction, "source": run.original_name})


__all__ = [
    "BadAlias", "ImportPreview", "NothingToImport", "PreviewRow", "RowsUndecided", "apply_import", "apply_stage",
    "preview_file", "preview_stage", "stage_file",
]
