"""The streaming xlsx reader gives exactly openpyxl's read-only values, row for row, faster."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from openpyxl import Workbook, load_workbook

from anjian.ingest.readers.xlsx_stream import iter_rows


def _openpyxl_rows(path: Path) -> list[tuple[int, tuple[Any, ...]]]:
    wb = load_workbook(path, read_only=True, data_only=True)
    out = []
    for number, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        if values:
            out.append((number, tuple(values)))
    wb.close()
    return out


@pytest.mark.parametrize("options", [{}, {"constant_memory": True}, {"date_1904": True}])
def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path, options: dict[str, Any]) -> None:
    path = tmp_path / "cells.xlsx"
    wb = xlsxwriter.Workbook(str(path), options)
    ws = wb.add_worksheet("隐患")
    wb.add_worksheet("第二张")  # only the first sheet is read
    day = wb.add_format({"num_format": "yyyy\"年\"m\"月\"d\"日\""})
    iso = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    clock = wb.add_format({"num_format": "hh:mm"})
    money = wb.add_format({"num_format": "#,##0.00"})
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, ["统一社会信用代码", "隐患描述", "发现日期", "整改天数", "金额"])
    ws.write_string(1, 0, "91410100MA00000001")
    ws.write_rich_string(1, 1, "消防通道", bold, "堵塞", "（二楼）")
    ws.write_datetime(1, 2, datetime(2026, 3, 5), day)  # noqa: DTZ001 - Excel date-times are naive
    ws.write_number(1, 3, 30)
    ws.write_number(1, 4, 1234.5, money)
    ws.write_datetime(2, 2, datetime(2026, 3, 5, 14, 30), iso)  # noqa: DTZ001 - naive, as in Excel
    ws.write_datetime(2, 3, time(8, 15), clock)
    ws.write_boolean(2, 4, True)
    ws.write_formula(3, 0, "=1/0", None, "#DIV/0!")
    ws.write_formula(3, 1, '="整改"&"完成"', None, "整改完成")
    ws.write_formula(3, 3, "=D2*2", None, 60)
    ws.write_number(6, 6, 1.5e-7)  # a gap of two rows, a far column
    ws.write_string(7, 1, "  前后空格保留  ")
    wb.close()
    ours = list(iter_rows(path))
    assert ours == _openpyxl_rows(path)
    assert ours[0][0] == 1 and ours[-1][0] == 8


def test_openpyxl_written_workbooks_with_dates_and_gaps_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "openpyxl.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["某县隐患排查治理台账"])
    ws.append([])
    ws.append(["单位名称", "隐患描述", "发现日期"])
    for k in range(300):
        ws.append([f"单位{k}", f"第{k}条" if k % 7 else None, date(2026, 1, 1 + k % 28), k * 0.5, k % 3 == 0])
    ws["J400"] = "末行"
    wb.save(path)
    assert list(iter_rows(path)) == _openpyxl_rows(path)


def test_a_damaged_sheet_raises_value_error(tmp_path: Path) -> None:
    import zipfile

    good = tmp_path / "good.xlsx"
    wb = Workbook()
    wb.active.append(["a", "b"])
    wb.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(ValueError, match="damaged xlsx"):
        list(iter_rows(bad))


def test_the_forked_parser_gives_the_same_rows_and_reports_damage(tmp_path: Path) -> None:
    import zipfile

    from anjian.ingest.readers.xlsx_stream import iter_rows_prefetched
    from anjian.ingest.sandbox import STREAM_BATCH as PREFETCH_ROWS

    path = tmp_path / "many.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for k in range(PREFETCH_ROWS * 2 + 7):  # more than one message from the child
        ws.append([f"单位{k}", k, date(2026, 1, 1 + k % 28)])
    wb.save(path)
    rows = iter_rows_prefetched(path)
    assert rows.__name__ == "_streamed"  # parsed in the child, received here
    assert list(rows) == list(iter_rows(path))

    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[: len(data) // 2] if info.filename.startswith("xl/worksheets/") else data)
    with pytest.raises(ValueError, match="damaged xlsx"):
        list(iter_rows_prefetched(bad))
