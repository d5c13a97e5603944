"""`run_extract`: JSON or a table on stdout, one bilingual error line and status 2 on bad input."""

from __future__ import annotations

import json
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
