"""`run_extract`: JSON or a table on stdout, one bilingual error line and status 2 on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from anjian.ingest.cli import run_extract

PLAN = "整改方案\n一、整改任务\n1.消防通道堵塞。\n整改措施：立即清理。\n整改时限：2023年6月30日前\n责任单位：区应急局\n"


def test_json_output_is_the_schema_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    assert run_extract(str(path), True) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["items"][0]["deadline"] == "2023-06-30"


def test_table_output_lists_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    assert run_extract(str(path), False) == 0
    out = capsys.readouterr().out
    assert "rectification" in out and "区应急局" in out


def test_missing_file_gives_one_error_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_extract("/nonexistent/plan.docx", True) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "/ error: " in lines[0]


def test_damaged_docx_gives_error_not_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert run_extract(str(path), True) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_data_option_is_accepted_before_and_after_the_subcommand() -> None:
    from anjian.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["--data", "/tmp/x", "demo", "--no-serve"]).data == "/tmp/x"
    assert parser.parse_args(["demo", "--data", "/tmp/y", "--no-serve"]).data == "/tmp/y"
    assert parser.parse_args(["audit", "verify"]).data is None
    assert parser.parse_args(["audit", "verify", "--data", "/tmp/z"]).data == "/tmp/z"


# ---- domain errors at the front door (issue 22): one class, one handler, the same lines and status ----

def _cli(tmp_path: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "ANJIAN_DATA_DIR": str(tmp_path / "data"),
               **env}
    return subprocess.run([sys.executable, "-m", "anjian.cli", *argv], capture_output=True, text=True,
                          env=environ, timeout=120, check=False)


def test_every_error_a_service_reports_is_a_domain_error() -> None:
    from anjian.backup import BackupError
    from anjian.bench.generate import AlreadyGenerated
    from anjian.bench.run import NotGenerated
    from anjian.config import ConfigError
    from anjian.errors import DomainError
    from anjian.ingest.errors import IngestError

    for error in (IngestError, ConfigError, BackupError, NotGenerated, AlreadyGenerated):
        assert issubclass(error, DomainError), error
    # an ingest error keeps its own stable code (the importer and the API map it)
    assert IngestError("corrupt").code == "corrupt"


def test_an_ingest_error_is_one_line_and_status_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    done = _cli(tmp_path, "extract", str(broken))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "错误：文件已损坏或无法解析（压缩包损坏） / error: file is damaged or cannot be parsed (damaged zip)\n"


def test_a_config_error_is_one_line_and_status_2(tmp_path: Path) -> None:
    done = _cli(tmp_path, "migrate", ANJIAN_SMTP_PORT="abc")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "错误 / error: ANJIAN_SMTP_PORT='abc': expected an integer\n"


def test_a_backup_error_is_one_line_and_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.bak"
    done = _cli(tmp_path, "restore", str(missing))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"错误 / error: 找不到备份文件 {missing} / backup file not found\n"
    done = _cli(tmp_path, "backup", str(tmp_path / "out.bak"), "--passphrase-file", str(tmp_path / "no-pw"))
    assert done.returncode == 2
    assert done.stderr.startswith(f"错误 / error: 无法读取口令文件 {tmp_path / 'no-pw'} / cannot read the passphrase file: ")
    assert len(done.stderr.splitlines()) == 1


def test_a_bench_run_without_data_is_one_line_and_status_2(tmp_path: Path) -> None:
    done = _cli(tmp_path, "bench", "run")
    assert done.returncode == 2
    assert done.stderr.startswith("错误 / error: ") and "Traceback" not in done.stderr
