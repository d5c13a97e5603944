"""The importer: seeds into the fixture county, idempotent re-import, edits, unknown units, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest

from anjian.fixtures import World
from anjian.ingest.importer import apply_import, preview_file
from anjian.ingest.models import ImportRun, ImportRunItem, UnitAlias
from anjian.ingest.tests.conftest import shared_dir
from anjian.ledger.choices import DeadlineKind, OwnerRole, TaskSource, TaskStatus
from anjian.ledger.models import ItemEvent, Task, TaskOwner

SHARED = shared_dir()
needs_seeds = pytest.mark.skipif(SHARED is None, reason="the shared seeds (/work/shared) are not present")

PLAN = """开封市龙亭区安全生产委员会文件
龙安生委〔2024〕3号
龙亭区燃气安全隐患整改方案
一、整改内容
（一）燃气安全
1.瓶装液化气钢瓶管理不规范。
整改措施：开展瓶装液化气专项检查，建立钢瓶追溯台账。
整改时限：2024年12月31日前
责任单位：区城管局、北书店乡
2.部分餐饮场所未安装可燃气体报警装置。
整改措施：督促餐饮场所安装报警装置并联网。
整改时限：长期
责任单位：区城市管理局，区市场监管所
（二）消防安全
3.九小场所消防设施缺失。
整改措施：组织开展九小场所消防安全专项整治。
整改时限：2024年11月30日前
责任单位：区消防大队，各乡、办
2024年10月8日
"""


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    """Stored import files go to a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    return tmp_path / "media"


def write(tmp_path: Path, text: str, name: str = "plan.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_plan_creates_assigned_tasks_with_resolved_owners_and_deadlines(world: World, tmp_path: Path) -> None:
    run = apply_import(
        actor=world.clerk, region=world.county, path=write(tmp_path, PLAN), original_name="plan.txt"
    )

    assert (run.created, run.updated, run.unchanged, run.rejected) == (3, 0, 0, 0)
    tasks = list(Task.objects.filter(import_run=run).order_by("id"))
    assert [t.seq for t in tasks] == ["1", "2", "3"]
    assert all(t.status == TaskStatus.ASSIGNED and t.source == TaskSource.PLAN for t in tasks)
    assert tasks[0].due_date.isoformat() == "2024-12-31"
    assert tasks[1].deadline_kind == DeadlineKind.LONG_TERM
    lead = TaskOwner.objects.get(task=tasks[0], role=OwnerRole.LEAD)
    assert lead.department == world.urban
    assert TaskOwner.objects.get(task=tasks[0], region=world.township).role == OwnerRole.COOPERATE
    # 各乡、办 expands to every township of the county
    townships = set(
        TaskOwner.objects.filter(task=tasks[2], region__isnull=False).values_list("region__name", flat=True)
    )
    assert townships == {"北书店乡", "柳园口乡"}
    assert TaskOwner.objects.get(task=tasks[2], role=OwnerRole.LEAD).department == world.fire_brigade


def test_reimporting_the_same_document_changes_nothing(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, PLAN)
    apply_import(actor=world.clerk, region=world.county, path=path, original_name="plan.txt")
    events = ItemEvent.objects.count()

    again = apply_import(actor=world.clerk, region=world.county, path=path, original_name="plan.txt")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Task.objects.count() == 3
    assert ItemEvent.objects.count() == events
    assert preview_file(path, region=world.county).counts()["unchanged"] == 3


def test_an_edited_plan_updates_its_tasks_and_lists_the_changes(world: World, tmp_path: Path) -> None:
    apply_import(actor=world.clerk, region=world.county, path=write(tmp_path, PLAN), original_name="plan.txt")
    edited = PLAN.replace("2024年12月31日前", "2025年3月31日前").replace(
        "龙安生委〔2024〕3号", "龙安生委〔2024〕5号"
    )

    run = apply_import(
        actor=world.clerk,
        region=world.county,
        path=write(tmp_path, edited, "plan-v2.txt"),
        original_name="plan-v2.txt",
    )

    assert (run.created, run.updated, run.unchanged) == (0, 1, 2)
    item = ImportRunItem.objects.get(run=run, outcome="updated")
    assert item.changes["deadline"] == ["2024年12月31日前", "2025年3月31日前"]
    task = Task.objects.get(pk=item.task_id)
    assert task.due_date.isoformat() == "2025-03-31" and task.status == TaskStatus.ASSIGNED
    assert ItemEvent.objects.filter(task=task, action="revise").count() == 1
    assert Task.objects.count() == 3


def test_unknown_units_are_listed_then_remembered(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, PLAN)
    preview = preview_file(path, region=world.county)
    assert preview.unknown_units == ("区市场监管所",)
    assert preview.rows[1].unknown_units == ("区市场监管所",)

    apply_import(
        actor=world.clerk,
        region=world.county,
        path=path,
        original_name="plan.txt",
        aliases={"区市场监管所": {"department": world.emergency.pk}},
    )

    assert UnitAlias.objects.get(region=world.county, name="区市场监管所").department == world.emergency
    again = preview_file(path, region=world.county)
    assert again.unknown_units == ()
    assert world.emergency.pk in {o.department_id for o in again.rows[1].owners}


def test_a_row_without_problem_or_measures_is_rejected_with_a_reason(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, PLAN)
    rows = [r.as_item() for r in preview_file(path, region=world.county).rows]
    rows[1].update(problem="", measures="")
    rows[2]["deadline"] = "2024-13-45"

    run = apply_import(actor=world.clerk, region=world.county, path=path, original_name="plan.txt", rows=rows)

    assert (run.created, run.rejected) == (1, 2)
    reasons = list(ImportRunItem.objects.filter(run=run, outcome="rejected").values_list("reason", flat=True))
    assert reasons[0] == "问题和整改措施均为空"
    assert reasons[1].startswith("整改时限无法识别")


def test_a_failure_in_the_middle_leaves_nothing_written(
    world: World, tmp_path: Path, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anjian.ingest import importer

    calls = {"n": 0}
    real = importer.create_task

    def failing(**kwargs: object) -> Task:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "create_task", failing)
    with pytest.raises(RuntimeError):
        apply_import(
            actor=world.clerk,
            region=world.county,
            path=write(tmp_path, PLAN),
            original_name="plan.txt",
            aliases={"区市场监管所": {"ignore": True}},
        )

    assert not Task.objects.exists() and not ImportRun.objects.exists() and not UnitAlias.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))


def test_the_original_file_is_stored_with_the_run(world: World, tmp_path: Path) -> None:
    run = apply_import(
        actor=world.clerk, region=world.county, path=write(tmp_path, PLAN), original_name="方案.txt"
    )

    with run.file.open("rb") as handle:
        assert handle.read().decode("utf-8") == PLAN
    assert run.document_key == "龙亭区燃气安全隐患整改方案"
    assert run.issued.isoformat() == "2024-10-08"


def test_only_the_office_may_import(world: World, tmp_path: Path) -> None:
    from anjian.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        apply_import(
            actor=world.officer, region=world.county, path=write(tmp_path, PLAN), original_name="p.txt"
        )
    with pytest.raises(PermissionDenied):
        apply_import(
            actor=world.outsider, region=world.county, path=write(tmp_path, PLAN), original_name="p.txt"
        )
    assert not Task.objects.exists()


@needs_seeds
@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seed_import_is_idempotent(world: World, prefix: str) -> None:
    assert SHARED is not None
    path = str(next((SHARED / "seeds").glob(f"{prefix}_*.txt")))

    first = apply_import(actor=world.clerk, region=world.county, path=path, original_name=Path(path).name)
    second = apply_import(actor=world.clerk, region=world.county, path=path, original_name=Path(path).name)

    assert first.created > 0 and first.rejected == 0
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    tasks = Task.objects.filter(import_run=first)
    assert all(t.deadline_kind != DeadlineKind.NONE or not t.deadline_raw for t in tasks)


@needs_seeds
def test_seed_000_owners_resolve_to_the_county(world: World) -> None:
    assert SHARED is not None
    path = str(next((SHARED / "seeds").glob("000_*.txt")))

    apply_import(actor=world.clerk, region=world.county, path=path, original_name=Path(path).name)

    task3 = Task.objects.get(seq="3")
    assert task3.due_date.isoformat() == "2022-11-15"
    assert TaskOwner.objects.get(task=task3, department__isnull=False).department == world.urban
    task4 = Task.objects.get(seq="4")
    # 各负有安全生产监督管理职责的部门 expands from the responsibility list
    assert {world.urban.pk, world.fire_brigade.pk} <= set(
        TaskOwner.objects.filter(task=task4).values_list("department_id", flat=True)
    )
    assert Task.objects.get(seq="1").deadline_kind == DeadlineKind.LONG_TERM


@needs_seeds
def test_an_attached_scheme_becomes_an_assessment_scheme_once(world: World) -> None:
    from anjian.scoring.choices import SchemeSource
    from anjian.scoring.models import AssessmentScheme

    assert SHARED is not None
    path = str(next((SHARED / "seeds").glob("002_*.txt")))

    first = apply_import(actor=world.clerk, region=world.county, path=path, original_name=Path(path).name)
    second = apply_import(actor=world.clerk, region=world.county, path=path, original_name=Path(path).name)

    assert first.scheme is not None and second.scheme == first.scheme
    assert AssessmentScheme.objects.exclude(source=SchemeSource.BUILTIN).count() == 1  # beside the seeded one
    assert Task.objects.filter(import_run=first, source=TaskSource.REMINDER).count() == first.created > 0
    assert second.created == 0 and second.unchanged == first.created
