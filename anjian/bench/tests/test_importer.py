"""The bulk hazard importer: validation, de-duplication, one audit entry per batch, an xlsx parsed in a child."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from anjian.audit.models import AuditEntry
from anjian.bench.generate import generate
from anjian.bench.importer import HEADER, import_hazards, xlsx_rows, xlsx_rows_prefetched
from anjian.bench.scales import Scale
from anjian.ledger.models import Hazard, ItemEvent
from anjian.org.models import Unit

TINY = Scale("tiny", cities=1, counties_per_city=1, townships_per_county=2, hazards=100)


@pytest.fixture
def units(db: None, settings: Any, tmp_path: Path) -> list[str]:
    settings.DATA_DIR = tmp_path
    generate(TINY)
    return list(Unit.objects.order_by("id").values_list("credit_code", flat=True)[:5])


def _workbook(path: Path, rows: list[tuple[Any, ...]]) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_an_xlsx_imports_valid_rows_once_with_an_audit_entry_per_batch(units: list[str], tmp_path: Path) -> None:
    good = [(units[k % 5], f"第{k}条：疏散通道堵塞", "仓库", "general", "inspection", f"2026-03-{k + 1:02d}", 30)
            for k in range(25)]
    rows = [*good, good[3], (units[0], "等级不明", "", "severe", "inspection", "2026-03-01", 30),
            ("91000000000000000X", "单位不存在", "", "general", "inspection", "2026-03-01", 30)]
    path = _workbook(tmp_path / "hazards.xlsx", rows)
    assert list(xlsx_rows_prefetched(path)) == list(xlsx_rows(path))
    hazards, events = Hazard.objects.count(), ItemEvent.objects.count()
    first_entry = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()

    result = import_hazards(actor=None, rows=xlsx_rows_prefetched(path), source_sha256="ab" * 32, batch=10)

    assert (result.created, result.duplicates, result.rejected, result.batches) == (25, 1, 2, 3)
    assert Hazard.objects.count() == hazards + 25 and ItemEvent.objects.count() == events + 25
    entries = list(AuditEntry.objects.filter(seq__gt=first_entry, action="hazard.import_batch").order_by("seq"))
    assert [e.after["rows"] for e in entries] == [10, 10, 5]
    assert entries[0].after["last_id"] + 1 == entries[1].after["first_id"]
    assert entries[2].after["last_id"] - entries[0].after["first_id"] == 24


def test_an_unreadable_xlsx_fails_in_chinese_and_writes_nothing(units: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    hazards = Hazard.objects.count()
    with pytest.raises(ValueError, match="xlsx 解析失败"):
        import_hazards(actor=None, rows=xlsx_rows_prefetched(broken), source_sha256="cd" * 32)
    assert Hazard.objects.count() == hazards
