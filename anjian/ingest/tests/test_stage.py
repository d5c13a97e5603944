"""Staged imports: the preview's extraction is what confirm imports, and 待定 rows are decided, never silent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian import filestore
from anjian.fixtures import World
from anjian.ingest.importer import RowsUndecided, apply_stage, preview_stage, stage_file
from anjian.ingest.models import ImportStage
from anjian.ingest.preview import deadline_from_label, deadline_label
from anjian.ingest.services import fill_pending_task
from anjian.ingest.staging import stage_upload
from anjian.ingest.tests.documents import GAS_PLAN as PLAN
from anjian.ledger.choices import DeadlineKind, Recurrence
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Task
from anjian.web.todos import todos


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    """Stored import files go to a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    return tmp_path / "media"


def _stage(world: World, tmp_path: Path, text: str = PLAN) -> ImportStage:
    token, stored = stage_upload(SimpleUploadedFile("燃气整改方案.txt", text.encode("utf-8")))
    return stage_file(actor=world.clerk, region=world.county, stored=stored, original_name="燃气整改方案.txt",
                      token=token)


def _rows(stage: ImportStage) -> list[dict[str, object]]:
    return [r.as_item() for r in preview_stage(stage).rows]


def test_confirm_refuses_rows_without_unit_or_deadline(world: World, tmp_path: Path) -> None:
    stage = _stage(world, tmp_path)

    with pytest.raises(RowsUndecided) as refused:
        apply_stage(actor=world.clerk, stage=stage, rows=_rows(stage))

    assert "第2项（缺责任单位）" in str(refused.value) and "第3项（缺时限）" in str(refused.value)
    assert not Task.objects.exists()


def test_rows_marked_pending_are_imported_and_wait_in_the_office_todo(world: World, tmp_path: Path) -> None:
    stage = _stage(world, tmp_path)
    rows = _rows(stage)
    rows[1]["pending"] = rows[2]["pending"] = True

    run = apply_stage(actor=world.clerk, stage=stage, rows=rows)

    assert run.created == 5
    no_owner, no_deadline = Task.objects.get(seq="2"), Task.objects.get(seq="3")
    assert not no_owner.owners.exists() and no_deadline.deadline_kind == DeadlineKind.NONE
    box = next(b for b in todos(world.clerk, date(2026, 12, 6)) if b.key == "task_pending")
    assert box.count == 2 and {t.pk for t in box.rows} == {no_owner.pk, no_deadline.pk}
    # an owner's to-do does not carry the office's 待定 box
    assert not [b for b in todos(world.officer, date(2026, 12, 6)) if b.key == "task_pending" and b.count]

    # when the office fills them, they leave the to-do and get a due date the scanner watches
    fill_pending_task(actor=world.clerk, task=no_owner, units=["区城管局"])
    filled = fill_pending_task(actor=world.clerk, task=no_deadline, deadline=DeadlineSpec.from_schema("2030-06-30"))
    assert no_owner.owners.get().department == world.urban
    assert filled.due_date == date(2030, 6, 30) and filled.deadline_kind == DeadlineKind.DATE
    box = next(b for b in todos(world.clerk, date(2026, 12, 6)) if b.key == "task_pending")
    assert box.count == 0


def test_only_the_office_fills_a_pending_task(world: World, tmp_path: Path) -> None:
    from anjian.errors import NotFound, PermissionDenied

    stage = _stage(world, tmp_path)
    rows = _rows(stage)
    rows[1]["pending"] = rows[2]["pending"] = True
    apply_stage(actor=world.clerk, stage=stage, rows=rows)

    # an officer who cannot see an ownerless task is told it does not exist; nobody else may fill it either
    for outsider in (world.officer, world.outsider, world.leader):
        with pytest.raises((PermissionDenied, NotFound)):
            fill_pending_task(actor=outsider, task=Task.objects.get(seq="2"), units=["区城管局"])
    assert not Task.objects.get(seq="2").owners.exists()


def test_confirm_imports_the_staged_rows_without_reading_the_file(world: World, tmp_path: Path) -> None:
    stage = _stage(world, tmp_path)
    rows = _rows(stage)
    rows[1]["units"], rows[2]["deadline"] = ["区城市管理局"], "2030-06-30"
    # given: the staged file is gone from the store (a cleaned staging folder)
    filestore.delete(stage.path)

    run = apply_stage(actor=world.clerk, stage=stage, rows=rows)

    assert run.created == 5 and not run.file
    assert Task.objects.get(seq="3").due_date == date(2030, 6, 30)
    assert Task.objects.get(seq="2").owners.get().department == world.urban


def test_confirm_imports_what_was_previewed_even_if_the_file_changed(world: World, tmp_path: Path) -> None:
    stage = _stage(world, tmp_path)
    rows = _rows(stage)
    rows[1]["pending"] = rows[2]["pending"] = True
    filestore.delete(stage.path)
    filestore.save(stage.path, PLAN.replace("瓶装液化气钢瓶管理不规范", "别的问题").encode("utf-8"))

    run = apply_stage(actor=world.clerk, stage=stage, rows=rows)

    assert Task.objects.get(seq="1").problem == "瓶装液化气钢瓶管理不规范。"
    with run.file.open("rb") as handle:  # the file is still archived with the run as it lies in the store
        assert "别的问题" in handle.read().decode("utf-8")


def test_a_staged_reimport_changes_nothing(world: World, tmp_path: Path) -> None:
    first = _stage(world, tmp_path)
    rows = _rows(first)
    rows[1]["pending"] = rows[2]["pending"] = True
    apply_stage(actor=world.clerk, stage=first, rows=rows)
    inferred = Task.objects.get(seq="5")
    assert inferred.deadline_raw == "10月底前" and inferred.due_date is not None

    again = _stage(world, tmp_path)
    preview = preview_stage(again)
    assert preview.counts()["unchanged"] == 5 and not preview.missing()  # existing tasks: nothing to decide
    run = apply_stage(actor=world.clerk, stage=again, rows=[r.as_item() for r in preview.rows])

    assert (run.created, run.updated, run.unchanged) == (0, 0, 5)
    assert Task.objects.count() == 5


def test_deadlines_read_and_typed_in_chinese(world: World, tmp_path: Path) -> None:
    assert [deadline_label(v) for v in ("immediate", "long-term", "recurring:每季度", "2030-06-30", None)] == [
        "立行立改", "长期", "每季度", "2030-06-30", ""]
    assert [deadline_from_label(t, 2026) for t in ("立行立改", "立即", "长期", "每月", "待定", "", "2030年6月30日前",
                                                   "10月底")] == [
        "immediate", "immediate", "long-term", "recurring:每月", None, None, "2030-06-30", "2026-10-31"]
    rows = preview_stage(_stage(world, tmp_path)).rows
    assert [r.deadline_label for r in rows] == ["2030-12-31", "长期", "", "每季度", rows[4].deadline]
    assert rows[4].deadline_inferred and rows[4].deadline_label.endswith("-10-31")


def test_recurring_task_shows_its_period(world: World, tmp_path: Path) -> None:
    from anjian.web.templatetags.web_tags import deadline_kind_label

    stage = _stage(world, tmp_path)
    rows = _rows(stage)
    rows[1]["pending"] = rows[2]["pending"] = True
    apply_stage(actor=world.clerk, stage=stage, rows=rows)

    quarterly = Task.objects.get(seq="4")
    assert quarterly.recurrence == Recurrence.QUARTERLY
    assert deadline_kind_label(quarterly) == "每季度"
    assert deadline_kind_label(Task.objects.get(seq="2")) == "长期"
