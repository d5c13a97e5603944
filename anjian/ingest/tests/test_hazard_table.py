"""A hazard table into the ledger: headers found, labels read, rows checked, counted, audited, all or nothing."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.cli import main
from anjian.fixtures import World
from anjian.ingest.hazard_table import TEMPLATE_HEADER, HazardTableError, import_hazard_table
from anjian.ledger.choices import DeadlineKind, HazardChannel, HazardGrade
from anjian.ledger.models import Hazard, ItemEvent
from anjian.org.models import Unit

CODE = "91410202MA00000001"
OTHER = "91410203MA00000002"


@pytest.fixture
def units(world: World) -> World:
    Unit.objects.filter(pk=world.gas_station.pk).update(credit_code=CODE)
    Unit.objects.filter(pk=world.other_unit.pk).update(credit_code=OTHER)
    return world


def _xlsx(path: Path, rows: list[tuple[Any, ...]], *, title: str | None = None,
          header: tuple[str, ...] = TEMPLATE_HEADER) -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def test_a_township_table_imports_with_labels_dates_and_deadline_words(units: World, tmp_path: Path) -> None:
    header = ("序号", "单位名称", "隐患描述", "隐患部位", "隐患等级", "隐患来源", "发现日期", "整改期限")
    rows = [
        (1, "北书店液化气站", "液化气钢瓶未设置防倾倒措施", "储瓶间", "一般隐患", "督导检查", datetime(2026, 3, 2), "2026年3月31日"),  # noqa: DTZ001, E501
        (2, "北书店液化气站", "燃气报警器失效", "灶间", "重大事故隐患", "企业自查自报", "2026/3/3", "立行立改"),
        (3, "北书店液化气站", "安全出口锁闭", "", "", "", date(2026, 3, 4), None),
    ]
    path = _xlsx(tmp_path / "乡镇隐患台账.xlsx", rows, title="北书店乡隐患排查治理台账（2026年3月）", header=header)
    entries = AuditEntry.objects.count()

    result = import_hazard_table(path, actor=units.township_staff)

    assert (result.created, result.duplicates, result.rejected, result.batches) == (3, 0, 0, 1)
    made = {h.description: h for h in Hazard.objects.filter(unit=units.gas_station)}
    first = made["液化气钢瓶未设置防倾倒措施"]
    assert (first.grade, first.channel, first.found_on, first.due_date, first.status) == (
        HazardGrade.GENERAL, HazardChannel.INSPECTION, date(2026, 3, 2), date(2026, 3, 31), "found")
    assert first.supervising_department == units.urban and first.location == "储瓶间"
    assert first.created_by == units.township_staff
    urgent = made["燃气报警器失效"]
    assert urgent.grade == HazardGrade.MAJOR and urgent.channel == HazardChannel.SELF_REPORT
    assert urgent.deadline_kind == DeadlineKind.IMMEDIATE and urgent.due_date is not None
    assert urgent.due_date > date(2026, 3, 3)
    plain = made["安全出口锁闭"]
    assert (plain.grade, plain.channel, plain.deadline_kind, plain.due_date) == (
        HazardGrade.GENERAL, HazardChannel.OTHER, DeadlineKind.NONE, None)
    assert ItemEvent.objects.filter(hazard__in=made.values(), action="create").count() == 3
    batch = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == entries + 1
    assert batch is not None and batch.action == "hazard.import_batch" and batch.after["rows"] == 3
    assert batch.after["sha256"] == result.sha256
    assert verify().ok


def test_bad_rows_are_reported_by_row_number_and_the_good_ones_kept(units: World, tmp_path: Path) -> None:
    rows = [
        (CODE, "消防通道堵塞", "仓库", "general", "inspection", "2026-03-01", 7),
        (CODE, "消防通道堵塞", "仓库", "general", "inspection", "2026-03-01", 7),  # same hazard twice
        ("91000000000000000X", "单位不存在", "", "general", "inspection", "2026-03-01", 7),
        (CODE, "等级不明", "", "严重", "inspection", "2026-03-01", 7),
        (CODE, "", "", "general", "inspection", "2026-03-01", 7),
        (CODE, "日期不对", "", "general", "inspection", "三月一日", 7),
        (CODE, "天数不对", "", "general", "inspection", "2026-03-01", "一周"),
        (OTHER, "外区单位", "", "general", "inspection", "2026-03-01", 7),  # the clerk's county is 龙亭区
    ]
    path = _xlsx(tmp_path / "hazards.xlsx", rows)

    result = import_hazard_table(path, actor=units.clerk)

    assert (result.created, result.duplicates, result.rejected) == (1, 1, 6)
    reasons = {r.row: r.reason for r in result.rejections}
    assert set(reasons) == {4, 5, 6, 7, 8, 9}
    assert "不在单位库中" in reasons[4] and "隐患等级" in reasons[5] and "缺少隐患描述" in reasons[6]
    assert "发现日期" in reasons[7] and "整改天数" in reasons[8] and "不在本人辖区" in reasons[9]
    assert not Hazard.objects.filter(unit=units.other_unit).exists()


def test_a_second_import_of_the_same_rows_creates_nothing(units: World, tmp_path: Path) -> None:
    rows = [(CODE, f"第{k}条：疏散指示标志损坏", "", "general", "inspection", "2026-03-01", 30) for k in range(25)]
    path = _xlsx(tmp_path / "hazards.xlsx", rows)
    first = import_hazard_table(path, actor=units.clerk, batch=10)
    assert (first.created, first.batches) == (25, 3)
    entries = list(AuditEntry.objects.filter(action="hazard.import_batch").order_by("seq"))
    assert [e.after["rows"] for e in entries] == [10, 10, 5]
    again = import_hazard_table(path, actor=units.clerk)
    assert (again.created, again.duplicates, again.batches) == (0, 25, 0)


def test_a_gb18030_csv_reads_like_the_xlsx(units: World, tmp_path: Path) -> None:
    path = tmp_path / "hazards.csv"
    with open(path, "w", encoding="gb18030", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(TEMPLATE_HEADER)
        writer.writerow((CODE, "配电箱周边堆放可燃物", "配电室", "一般隐患", "明查暗访", "2026-04-01", 10))
    result = import_hazard_table(path, actor=units.clerk)
    assert result.created == 1
    hazard = Hazard.objects.get(description="配电箱周边堆放可燃物")
    assert hazard.channel == HazardChannel.COVERT_VISIT and hazard.due_date == date(2026, 4, 11)


def test_a_dry_run_counts_and_writes_nothing(units: World, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "hazards.xlsx", [(CODE, "消防栓无水", "", "general", "inspection", "2026-03-01", 7)])
    before = (Hazard.objects.count(), ItemEvent.objects.count(), AuditEntry.objects.count())
    result = import_hazard_table(path, actor=units.clerk, dry_run=True)
    assert result.created == 1 and result.dry_run
    assert (Hazard.objects.count(), ItemEvent.objects.count(), AuditEntry.objects.count()) == before


def test_unreadable_files_fail_in_chinese_and_write_nothing(units: World, tmp_path: Path) -> None:
    before = Hazard.objects.count()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(HazardTableError, match="文件"):
        import_hazard_table(broken, actor=units.clerk)
    headless = _xlsx(tmp_path / "headless.xlsx", [(CODE, "x", "2026-03-01")], header=("甲", "乙", "丙"))
    with pytest.raises(HazardTableError, match="找不到表头"):
        import_hazard_table(headless, actor=units.clerk)
    with pytest.raises(HazardTableError, match="xlsx"):
        import_hazard_table(tmp_path / "hazards.docx", actor=units.clerk)
    assert Hazard.objects.count() == before


def test_the_command_prints_a_json_report(units: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _xlsx(tmp_path / "hazards.xlsx", [(CODE, "灭火器过期", "", "general", "inspection", "2026-03-01", 7),
                                            (CODE, "", "", "general", "inspection", "2026-03-01", 7)])
    assert main(["import-hazards", str(path), "--user", "clerk", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["created"] == 1 and report["rejected"] == 1
    assert report["rejections"] == [{"row": 3, "reason": "缺少隐患描述"}]
    assert main(["import-hazards", "--template"]) == 0
    assert capsys.readouterr().out.startswith(",".join(TEMPLATE_HEADER))


def test_imported_hazards_are_searchable_and_later_ones_still_indexed_one_by_one(units: World, tmp_path: Path) -> None:
    from anjian.core.search import apply_search

    rows = [(CODE, f"疏散指示标志损坏第{k}处", "", "general", "inspection", "2026-03-01", 30) for k in range(12)]
    import_hazard_table(_xlsx(tmp_path / "hazards.xlsx", rows), actor=units.clerk, batch=5)
    found = apply_search(Hazard.objects.all(), ["description"], "疏散指示标志")
    assert found.count() == 12
    units.hazard(description="应急照明灯不亮")  # the per-row trigger is back once the import is over
    assert apply_search(Hazard.objects.all(), ["description"], "应急照明").count() == 1


def test_a_unit_outside_the_area_reads_exactly_like_one_that_does_not_exist(units: World, tmp_path: Path) -> None:
    # given: a real unit of another county, by credit code and by name, and a made-up code and name
    fake = "91410203MA0000009X"
    header = ("统一社会信用代码", "单位名称", "隐患描述", "隐患部位", "隐患等级", "隐患来源", "发现日期", "整改天数")
    rows = [(code, name, "消防通道堵塞", "", "general", "inspection", "2026-03-01", 7)
            for code, name in ((OTHER, ""), (fake, ""), (None, "外区单位"), (None, "编造的单位"))]
    Unit.objects.filter(pk=units.other_unit.pk).update(name="外区单位")
    path = _xlsx(tmp_path / "probe.xlsx", rows, header=header)
    # when: the clerk (龙亭区) runs the dry run
    result = import_hazard_table(path, actor=units.clerk, dry_run=True)
    # then: the same words for both, apart from the code or name the row itself gave
    reasons = {r.row: r.reason for r in result.rejections}
    assert reasons[2].replace(OTHER, "X") == reasons[3].replace(fake, "X")
    assert reasons[4].replace("外区单位", "X") == reasons[5].replace("编造的单位", "X")
    assert "不在单位库中或不在本人辖区" in reasons[2] and "不在单位库中或不在本人辖区" in reasons[4]
    assert "无权" not in "".join(reasons.values())
