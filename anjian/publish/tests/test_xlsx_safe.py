"""Ledger workbooks: formula injection is escaped and the layout helpers hold."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from anjian.publish.xlsx_safe import Sheet, safe_cell, write_workbook


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+86 371", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x","点我")'],
)
def test_text_that_a_spreadsheet_would_execute_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["燃气", "2022年12月15日前", "a=b", "", None, 3, -3, 2.5, date(2022, 11, 8)]
)
def test_harmless_values_are_unchanged(value: object) -> None:
    assert safe_cell(value) == value  # type: ignore[arg-type]


def _ledger() -> Sheet:
    return Sheet(
        title="整改台账/2022",
        caption="2021年度考核巡查通报问题整改台账",
        header=("行业领域", "责任单位", "问题", "整改时限"),
        rows=(
            ("燃气", "住建局", '=HYPERLINK("http://evil","查看")', date(2022, 12, 15)),
            ("燃气", "住建局", "-1+1", "长期"),
            ("燃气", "市场监管局", "@cmd", "立行立改"),
            ("消防", "住建局", "+1", date(2022, 12, 9)),
        ),
        merge_columns=(0, 1),
    )


def test_workbook_round_trip_keeps_escapes_as_text() -> None:
    ws = load_workbook(io.BytesIO(write_workbook([_ledger()])))["整改台账_2022"]
    escaped = [ws.cell(row=r, column=3) for r in range(3, 7)]
    assert [c.value for c in escaped] == ['\'=HYPERLINK("http://evil","查看")', "'-1+1", "'@cmd", "'+1"]
    assert {c.data_type for c in escaped} == {"s"}
    assert ws.cell(row=3, column=4).value.date() == date(2022, 12, 15)


def test_header_is_bold_and_frozen_under_a_merged_caption() -> None:
    ws = load_workbook(io.BytesIO(write_workbook([_ledger()])))["整改台账_2022"]
    assert ws["A1"].value == "2021年度考核巡查通报问题整改台账"
    assert "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    assert all(ws.cell(row=2, column=c).font.b for c in range(1, 5))
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width


def test_category_cells_merge_without_crossing_a_parent_boundary() -> None:
    ws = load_workbook(io.BytesIO(write_workbook([_ledger()])))["整改台账_2022"]
    merged = {str(r) for r in ws.merged_cells.ranges} - {"A1:D1"}
    # 燃气 spans three rows; 住建局 merges only inside 燃气, not into the 消防 row below.
    assert merged == {"A3:A5", "B3:B4"}


def test_given_column_widths_are_used() -> None:
    sheet = Sheet(title="清单", header=("序号", "名称"), rows=((1, "甲"),), column_widths=(8.0, 40.0))
    ws = load_workbook(io.BytesIO(write_workbook([sheet])))["清单"]
    # The file stores a width as Excel does, with the cell padding (≈ 0.71 of a character) added; Excel's
    # column-width dialog then shows the width that was given.
    stored = (ws.column_dimensions["A"].width, ws.column_dimensions["B"].width)
    assert stored == pytest.approx((8.71, 40.71), abs=0.01)
    assert ws.freeze_panes == "A2"


def test_sheet_titles_are_made_valid_and_unique() -> None:
    sheets = [
        Sheet(title="问题:清单?" * 5, header=("a",), rows=()),
        Sheet(title="问题:清单?" * 5, header=("a",), rows=()),
    ]
    names = load_workbook(io.BytesIO(write_workbook(sheets))).sheetnames
    assert len(names) == 2 and len(set(names)) == 2
    assert all(len(n) <= 31 and ":" not in n and "?" not in n for n in names)


def test_row_with_wrong_width_is_rejected() -> None:
    with pytest.raises(ValueError):
        write_workbook([Sheet(title="x", header=("a", "b"), rows=(("only one",),))])


def test_estimated_width_measures_only_the_longest_texts_but_finds_the_widest() -> None:
    from anjian.publish.xlsx_safe import MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, _column_width, _display_width

    columns = [
        ["abcdefghijkl", "消防通道", None, 3, "x"],  # the longest text (12 ASCII) is narrower than 8 Han
        ["消防通道堵塞", "abcdefghijklmn", "行一\n很长很长很长的第二行"],  # multi-line: its longest line
        ["某" * 80, "a"],  # capped
        [None, ""],  # floor
    ]
    for values in columns:
        naive = max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, 2 + max(_display_width(v) for v in values)))
        assert _column_width(values) == naive
