"""The .xlsx writer: every value kind reads back as written (openpyxl) and LibreOffice opens the file.

Spreadsheet date-times have no zone, so the naive datetimes here are the point (DTZ001).
"""
# ruff: noqa: DTZ001

from __future__ import annotations

import csv
import io
import os
import subprocess
import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from anjian.publish import xlsx_write
from anjian.publish.pdf import find_soffice
from anjian.publish.xlsx_safe import Sheet, write_workbook

VALUES: list[object] = [
    "燃气", "a & b < c > d \"e\" 'f'", "  前后空格  ", "行一\n行二", "控制\x01字符", "_x0041_ 原样", "",
    3, -7, 2.5, 1e-7, 12345678901, Decimal("3.25"), True, False,
    date(2025, 1, 1), date(1900, 3, 1), datetime(2025, 6, 30, 18, 45, 30), None,
]


def _sheet(rows: list[tuple[object, ...]]) -> bytes:
    data = xlsx_write.SheetData(title="值", widths=(10.0, 20.0), head=[[("类别", xlsx_write.HEADER),
                                                                       ("值", xlsx_write.HEADER)]],
                                rows=rows, frozen_rows=1, print_title_row=0)
    out = io.BytesIO()
    xlsx_write.write(out, [data], header_font="黑体", body_font="仿宋_GB2312", caption_font="方正小标宋简体")
    return out.getvalue()


def test_every_value_kind_reads_back_as_written() -> None:
    rows = [(type(v).__name__, v) for v in VALUES]
    ws = load_workbook(io.BytesIO(_sheet(rows)))["值"]
    got = [ws.cell(row=r, column=2).value for r in range(2, len(rows) + 2)]
    for written, read in zip(VALUES, got, strict=True):
        if isinstance(written, datetime):
            assert read == written
        elif isinstance(written, date):
            assert read == datetime(written.year, written.month, written.day)
        elif isinstance(written, Decimal):
            assert read == float(written)
        elif written == "":
            assert read in ("", None)
        elif written in ("控制\x01字符", "_x0041_ 原样"):
            # Excel's escapes for what XML cannot carry (Excel and LibreOffice decode them; openpyxl does not).
            assert read in (written, {"控制\x01字符": "控制_x0001_字符", "_x0041_ 原样": "_x005F_x0041_ 原样"}[written])
        else:
            assert read == written, (written, read)
    assert ws.cell(row=17, column=2).number_format == "yyyy-mm-dd"
    assert ws.cell(row=1, column=1).font.b and ws.cell(row=1, column=1).font.name == "黑体"
    assert ws.cell(row=2, column=2).font.name == "仿宋_GB2312" and ws.cell(row=2, column=2).border.left.style == "thin"
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.dimensions == f"A1:B{len(rows) + 1}"


def test_an_aware_datetime_is_written_at_its_wall_clock() -> None:
    ws = load_workbook(io.BytesIO(_sheet([("t", datetime(2025, 6, 30, 18, 45, tzinfo=UTC))])))["值"]
    assert ws.cell(row=2, column=2).value == datetime(2025, 6, 30, 18, 45)


def test_excel_serials_and_widths_match_excel() -> None:
    assert xlsx_write.excel_serial(date(1900, 3, 1)) == 61.0  # Excel's serial for 1900-03-01
    assert xlsx_write.excel_serial(date(2025, 1, 1)) == 45658.0
    assert xlsx_write.excel_serial(datetime(2025, 1, 1, 12)) == 45658.5
    assert [xlsx_write.column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert xlsx_write.stored_width(8.0) == pytest.approx(8.71, abs=0.01)


def test_an_unsupported_value_is_refused() -> None:
    with pytest.raises(TypeError):
        _sheet([("x", object())])


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (Debian package libreoffice-calc-nogui) is absent")
def test_libreoffice_opens_a_ledger_and_sees_its_cells(tmp_path: Path) -> None:
    sheet = Sheet(title="整改台账", caption="2025年隐患整改台账", header=("行业领域", "责任单位", "问题", "期限"),
                  rows=[("燃气", "住建局", "=1+1", date(2025, 12, 31)), ("燃气", "住建局", "管道老化 & 腐蚀", "长期"),
                        ("消防", "消防救援大队", "通道堵塞", date(2025, 6, 30))],
                  merge_columns=(0, 1))
    source = tmp_path / "ledger.xlsx"
    source.write_bytes(write_workbook([sheet]))
    soffice = find_soffice()
    assert soffice is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # noqa: S603 - LibreOffice, our arguments
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=120, env=dict(os.environ, HOME=profile))
    with (tmp_path / "ledger.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "2025年隐患整改台账"
    assert rows[1] == ["行业领域", "责任单位", "问题", "期限"]
    assert rows[2] == ["燃气", "住建局", "'=1+1", "2025-12-31"]
    assert rows[3] == ["", "", "管道老化 & 腐蚀", "长期"]  # merged: the value is in the run's first cell
    assert rows[4] == ["消防", "消防救援大队", "通道堵塞", "2025-06-30"]
