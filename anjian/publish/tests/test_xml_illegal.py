"""Text XML cannot carry (C0 controls, lone surrogates) is removed before a .docx or .xlsx is written."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from anjian.fixtures import World
from anjian.ledger.choices import HazardChannel
from anjian.publish.reports import ReportRequest, generate
from anjian.publish.xlsx_safe import Sheet, write_workbook
from anjian.publish.xmltext import xml_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def test_xml_text_keeps_tab_newline_and_return_and_drops_the_rest() -> None:
    assert xml_text("a\tb\nc\rd\x0be\x0cf\x00g\x1fh\ud800i\ufffej") == "a\tb\nc\rdefghij"
    assert xml_text("液化气钢瓶") == "液化气钢瓶"


def test_a_self_reported_hazard_with_a_vertical_tab_gets_its_supervision_letter(world: World) -> None:
    # Given: a unit's own report pasted from Word, with Word's line break (a vertical tab) and a form feed.
    hazard = world.hazard(description="液化气钢瓶\x0b未设置防倾倒措施\x0c", channel=HazardChannel.SELF_REPORT)
    # When: the office generates the 督办函 for it.
    rendered = generate(ReportRequest(kind="supervision", region=world.county, date_from=date(2024, 12, 1),
                                      date_to=date(2024, 12, 31), actor=world.clerk, file_format="docx",
                                      item=f"hazard:{hazard.pk}"))
    # Then: the .docx opens and says what the hazard is, without the characters XML cannot carry.
    text = "\n".join(p.text for p in Document(io.BytesIO(rendered.content)).paragraphs)
    assert "液化气钢瓶未设置防倾倒措施" in text
    assert "\x0b" not in text and "\x0c" not in text


def test_a_workbook_cell_with_a_lone_surrogate_is_written_and_opens() -> None:
    content = write_workbook([Sheet(title="隐患\ud800", header=("描述",), rows=[("钢瓶\ud800倾倒\x0b",)])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    # The surrogate is gone; the C0 control stays as Excel's own escape, which Excel and WPS decode.
    assert sheet.title == "隐患" and sheet.cell(2, 1).value == "钢瓶倾倒_x000B_"
