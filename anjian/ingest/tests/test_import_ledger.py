"""A large .xlsx ledger is streamed: read in chunks, imported with progress, memory bounded; and the CLI."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from anjian.fixtures import World
from anjian.ingest import source
from anjian.ingest.importer import apply_import
from anjian.ingest.importer_cli import ProgressBar, run_import
from anjian.ledger.models import Task, TaskOwner

OWNERS = ["区城管局", "区消防救援大队", "区应急局", "北书店乡、柳园口乡"]


def write_ledger(path: Path, rows: int) -> Path:
    """A ledger with a title row, a header row, category cells merged over 50 rows, and `rows` items."""
    workbook = openpyxl.Workbook(write_only=False)
    sheet = workbook.active
    sheet.append(["龙亭区安全隐患排查整治台账"])
    sheet.append(["序号", "问题类别", "存在问题", "整改措施", "责任单位", "整改时限", "整改进展"])
    for i in range(1, rows + 1):
        category = f"第{(i - 1) // 50 + 1}类隐患" if (i - 1) % 50 == 0 else None
        sheet.append([i, category, f"第{i}号燃气管道老化存在泄漏风险。", f"更换老化管道并复查（第{i}项）。",
                      OWNERS[i % 4], f"2025年{i % 12 + 1}月底前", ""])
    for start in range(3, rows + 3, 50):
        sheet.merge_cells(start_row=start, start_column=2, end_row=min(start + 49, rows + 2), end_column=2)
    workbook.save(str(path))
    return path


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    return tmp_path / "media"


def test_a_large_ledger_is_read_as_a_stream_with_categories_filled_down(tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "ledger.xlsx", 1200)

    found = source.read_source(path)
    items = found.items()
    first = next(items)

    assert found.count >= source.STREAM_ROWS and found.extraction == {}
    assert (first["seq"], first["category"], first["deadline"]) == ("1", "第1类隐患", "2025-02-28")
    rest = list(items)
    assert len(rest) == 1199
    assert rest[-1]["seq"] == "1200" and rest[-1]["category"] == "第24类隐患"
    assert rest[0]["units"] == ["区应急局"]


def test_streamed_and_whole_file_extraction_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_ledger(tmp_path / "ledger.xlsx", 120)
    whole = list(source.read_source(path).items())

    monkeypatch.setattr(source, "STREAM_ROWS", 10)
    streamed = list(source.read_source(path).items())

    assert streamed == whole


def test_five_thousand_rows_import_with_progress_in_bounded_memory(world: World, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "ledger5000.xlsx", 5000)
    seen: list[tuple[int, int]] = []
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    run = apply_import(actor=world.clerk, region=world.county, path=str(path), original_name=path.name,
                       progress=lambda done, total: seen.append((done, total)))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    grown_mb = peak_mb - before / 1024
    print(f"5000-row import: peak RSS {peak_mb:.0f} MB (grew by {grown_mb:.1f} MB during the import)")
    assert run.created == 5000 and Task.objects.count() == 5000
    assert len(seen) >= 100 and seen[-1][0] == 5000
    assert TaskOwner.objects.filter(region=world.other_township).count() == 1250
    # The workbook is never held whole: growth stays far below what 5,000 parsed rows twice would take.
    assert grown_mb < 150


def test_progress_bar_draws_on_one_line() -> None:
    import io

    out = io.StringIO()
    bar = ProgressBar(out)
    bar(5, 10)
    bar(10, 10)
    bar.close()
    assert out.getvalue().endswith("[##############################] 10/10\n")


def test_cli_import_then_again_reports_unchanged(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_ledger(tmp_path / "ledger.xlsx", 30)

    assert run_import(str(path), region_code="410202", username="clerk", dry_run=False) == 0
    assert "新建 30" in capsys.readouterr().out
    assert run_import(str(path), region_code="410202", username="clerk", dry_run=False) == 0
    assert "无变化 30" in capsys.readouterr().out
    assert Task.objects.count() == 30


def test_cli_dry_run_writes_nothing(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_ledger(tmp_path / "ledger.xlsx", 5)

    assert run_import(str(path), region_code="410202", username="clerk", dry_run=True) == 0
    assert "[新建]" in capsys.readouterr().out
    assert not Task.objects.exists()


def test_cli_bad_input_is_one_bilingual_line_and_writes_nothing(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("not a word file", encoding="utf-8")

    assert run_import(str(fake), region_code="410202", username="clerk", dry_run=False) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误") and "error" in err[0]
    assert run_import(str(fake), region_code="999999", username="clerk", dry_run=False) == 2
    assert not Task.objects.exists()


def test_anjian_import_command_exits_nonzero_without_traceback(tmp_path: Path) -> None:
    env_dir = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "anjian.cli", "--data", str(env_dir), "import", str(tmp_path / "missing.txt")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
