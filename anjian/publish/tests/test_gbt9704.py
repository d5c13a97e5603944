"""The .docx written for a 公文 carries the GB/T 9704-2012 layout (read back with python-docx)."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph as DocxParagraph

from anjian.publish import gbt9704
from anjian.publish.gbt9704 import (
    DocNumber,
    Masthead,
    OfficialDocument,
    build_official_document,
    chinese_numeral,
    format_chinese_date,
    format_doc_number,
    parse_doc_number,
)
from anjian.publish.tests.samples import sample_notice


def _read(spec: OfficialDocument) -> DocxDocument:
    return Document(io.BytesIO(build_official_document(spec)))


def _mm(length: Length | None) -> float:
    assert length is not None
    return round(length.mm, 1)


def _paragraph(doc: DocxDocument, startswith: str) -> DocxParagraph:
    return next(p for p in doc.paragraphs if p.text.startswith(startswith))


def _font_names(paragraph: DocxParagraph) -> dict[str, str | None]:
    rfonts = paragraph.runs[0]._r.rPr.rFonts
    return {attr: rfonts.get(qn(f"w:{attr}")) for attr in ("ascii", "hAnsi", "eastAsia")}


def test_page_is_a4_with_the_standard_margins(notice: OfficialDocument) -> None:
    section = _read(notice).sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210.0, 297.0)
    assert _mm(section.top_margin) == 37.0
    assert _mm(section.bottom_margin) == 35.0
    assert _mm(section.left_margin) == 28.0
    assert _mm(section.right_margin) == 26.0


def test_type_area_is_156_by_225_mm() -> None:
    assert gbt9704.TYPE_AREA_WIDTH_MM == 156.0
    assert gbt9704.TYPE_AREA_HEIGHT_MM == 225.0


def test_body_is_3hao_fangsong_for_every_script(notice: OfficialDocument) -> None:
    doc = _read(notice)
    body = _paragraph(doc, "现将《2021")
    assert _font_names(body) == {"ascii": "仿宋_GB2312", "hAnsi": "仿宋_GB2312", "eastAsia": "仿宋_GB2312"}
    assert body.runs[0].font.size.pt == 16.0
    assert body.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    assert body.paragraph_format.first_line_indent.pt == pytest.approx(2 * gbt9704.CHAR_PITCH_PT)
    # Text typed later into the file also gets 仿宋 for Chinese, not a theme font.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert defaults.rFonts.get(qn("w:eastAsiaTheme")) is None


def test_body_runs_are_condensed_for_28_characters_a_line(notice: OfficialDocument) -> None:
    run = _paragraph(_read(notice), "现将《2021").runs[0]
    assert run._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-12"


def test_title_is_2hao_xiaobiaosong_centred(notice: OfficialDocument) -> None:
    title = _paragraph(_read(notice), "龙亭区安全生产委员会")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {run.font.size.pt for run in title.runs} == {22.0}
    assert _font_names(title)["eastAsia"] == "方正小标宋简体"
    assert title.text.count("\n") == 2  # the author's line breaks survive


def test_issuer_mark_is_red_and_fits_the_type_area(notice: OfficialDocument) -> None:
    mark = _paragraph(_read(notice), "开封市龙亭区安全生产委员会文件")
    run = mark.runs[0]
    assert str(run.font.color.rgb) == gbt9704.RED_HEX
    scale = int(run._r.rPr.find(qn("w:w")).get(qn("w:val")))
    width_mm = len(mark.text) * run.font.size.mm * scale / 100
    assert width_mm <= gbt9704.TYPE_AREA_WIDTH_MM


def test_red_rule_is_a_bottom_border_of_the_doc_number(notice: OfficialDocument) -> None:
    number = _paragraph(_read(notice), "龙安生委〔2022〕14号")
    bottom = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    assert bottom.get(qn("w:color")) == gbt9704.RED_HEX
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_red_is_y80_m80() -> None:
    assert gbt9704.RED_RGB == (255, 51, 51)


def test_headings_are_numbered_and_set_in_their_fonts(notice: OfficialDocument) -> None:
    doc = _read(notice)
    expected = {
        "一、工作目标": ("黑体", None),
        "二、方法步骤": ("黑体", None),
        "（一）制定方案": ("楷体_GB2312", None),
        "（二）整改问题": ("楷体_GB2312", None),
        "1.学习领会不够深入。": ("仿宋_GB2312", True),
        "（1）整改时限：长期。": ("仿宋_GB2312", None),
    }
    for prefix, (font, bold) in expected.items():
        paragraph = _paragraph(doc, prefix)
        assert _font_names(paragraph)["eastAsia"] == font, prefix
        assert paragraph.runs[0].font.bold is bold or (bold is None and not paragraph.runs[0].font.bold)
    run_in = _paragraph(doc, "（一）制定方案")
    assert run_in.runs[1].text.startswith("认真学习")
    assert run_in.runs[1]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_heading_numbers_restart_below_a_new_parent() -> None:
    spec = sample_notice()
    doc = _read(spec)
    texts = [p.text for p in doc.paragraphs]
    # The appendix has its own 一、: numbering does not continue from the covering notice.
    assert sum(t.startswith("一、") for t in texts) == 1


def test_signature_puts_the_date_four_characters_from_the_right(notice: OfficialDocument) -> None:
    doc = _read(notice)
    signed = _paragraph(doc, "2022年11月8日")
    assert signed.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert signed.paragraph_format.right_indent.pt == pytest.approx(4 * gbt9704.CHAR_PITCH_PT)
    org = next(p for p in doc.paragraphs if p.text == "开封市龙亭区安全生产委员会")
    assert org.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # Centred over the date: 13 characters against 3 + 7 half-width digits.
    assert org.paragraph_format.right_indent.pt == pytest.approx((4 + (6.5 - 13) / 2) * gbt9704.CHAR_PITCH_PT)


def test_unsealed_signature_is_two_characters_from_the_right() -> None:
    spec = dataclasses.replace(sample_notice(), sealed=False)
    doc = _read(spec)
    org = next(p for p in doc.paragraphs if p.text == "开封市龙亭区安全生产委员会")
    signed = _paragraph(doc, "2022年11月8日")
    assert org.paragraph_format.right_indent.pt == pytest.approx(2 * gbt9704.CHAR_PITCH_PT)
    # The date starts two characters right of the 署名's first character: 2 + 13 − 2 − 6.5 from the right.
    assert signed.paragraph_format.right_indent.pt == pytest.approx(
        (2 + 13 - 2 - 6.5) * gbt9704.CHAR_PITCH_PT
    )


def test_red_header_needs_an_issuer_and_a_number() -> None:
    with pytest.raises(ValueError, match="issuer_mark"):
        dataclasses.replace(sample_notice(), issuer_mark="")
    with pytest.raises(ValueError, match="doc_number"):
        dataclasses.replace(sample_notice(), doc_number="")
    assert dataclasses.replace(sample_notice(Masthead.NONE), issuer_mark="", doc_number="").title


def test_attachment_note_numbers_several_attachments(notice: OfficialDocument) -> None:
    doc = _read(notice)
    assert (
        _paragraph(doc, "附件：1.").text
        == "附件：1.2021年度省级政府安全生产和消防工作考核巡查通报问题整改方案"
    )
    assert _paragraph(doc, "2.整改任务清单").paragraph_format.left_indent.pt > 0


def test_appendix_starts_a_new_page_with_its_label(notice: OfficialDocument) -> None:
    label = _paragraph(_read(notice), "附件1")
    assert label.paragraph_format.page_break_before is True
    assert _font_names(label)["eastAsia"] == "黑体"


def test_page_numbers_alternate_right_and_left(notice: OfficialDocument) -> None:
    doc = _read(notice)
    assert doc.settings.odd_and_even_pages_header_footer is True
    section = doc.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        instr = "".join(el.text for el in paragraph._p.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert paragraph.text == "— 1 —"  # the cached field result between two 一字线
        assert paragraph.runs[0].font.size.pt == 14.0
        assert _font_names(paragraph)["ascii"] == "宋体"
    assert _mm(section.footer_distance) < 35.0 - 7.0


def test_imprint_is_a_table_floated_to_the_bottom(notice: OfficialDocument) -> None:
    doc = _read(notice)
    table = doc.tables[-1]
    float_pr = table._tbl.tblPr.find(qn("w:tblpPr"))
    assert float_pr.get(qn("w:tblpYSpec")) == "bottom"
    texts = [row.cells[0].text for row in table.rows]
    assert texts == [
        "抄送：区委办公室，区人大办公室，区政协办公室。",
        "开封市龙亭区安全生产委员会办公室\t2022年11月8日印发",
    ]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    thick = int(borders.find(qn("w:top")).get(qn("w:sz")))
    thin = int(borders.find(qn("w:insideH")).get(qn("w:sz")))
    assert thick > thin


def test_body_table_has_a_repeating_header_and_the_given_widths(notice: OfficialDocument) -> None:
    table = _read(notice).tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    widths = [round(col.w.mm) for col in table._tbl.tblGrid.gridCol_lst]
    assert widths == [16, 70, 35, 35]


def test_letter_has_its_mark_in_the_first_page_header_and_no_first_page_number() -> None:
    doc = _read(sample_notice(Masthead.LETTER))
    section = doc.sections[0]
    assert section.different_first_page_header_footer is True
    header = section.first_page_header.paragraphs[0]
    assert header.text == "开封市龙亭区安全生产委员会"
    assert header._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "thickThinSmallGap"
    first_footer = section.first_page_footer.paragraphs[0]
    assert not list(first_footer._p.iter(qn("w:instrText")))
    assert first_footer._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "thinThickSmallGap"
    assert _paragraph(doc, "龙安生委").alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # Letters carry no 印发 line in the 版记.
    assert [row.cells[0].text for row in doc.tables[-1].rows] == [
        "抄送：区委办公室，区人大办公室，区政协办公室。"
    ]


def test_plain_report_has_no_red() -> None:
    xml = _read(sample_notice(Masthead.NONE)).element.xml
    assert gbt9704.RED_HEX not in xml
    assert "开封市龙亭区安全生产委员会文件" not in xml


def test_upward_document_puts_the_signer_on_the_number_line() -> None:
    spec = dataclasses.replace(sample_notice(), signer="张三")
    number = _paragraph(_read(spec), "龙安生委")
    assert number.text == "龙安生委〔2022〕14号\t签发人：张三"
    assert number.runs[-1]._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"


def test_format_doc_number_uses_hexagonal_brackets_without_padding() -> None:
    assert format_doc_number("龙安生委", 2022, 14) == "龙安生委〔2022〕14号"
    assert format_doc_number("龙安生委", 2023, 1) == "龙安生委〔2023〕1号"


@pytest.mark.parametrize(
    ("prefix", "year", "seq"), [("", 2022, 1), ("龙安生委", 22, 1), ("龙安生委", 2022, 0)]
)
def test_format_doc_number_rejects_malformed_parts(prefix: str, year: int, seq: int) -> None:
    with pytest.raises(ValueError):
        format_doc_number(prefix, year, seq)


@pytest.mark.parametrize(
    "text",
    [
        "龙安生委〔2022〕14号",
        "龙安生委[2022]14号",
        "龙安生委（2022）第014号",
        "龙安生委 〔2022〕 14 号",
        "龙安生委［2022］14号",
    ],
)
def test_parse_doc_number_reads_common_variants(text: str) -> None:
    assert parse_doc_number(text) == DocNumber("龙安生委", 2022, 14)


def test_doc_number_round_trips() -> None:
    for prefix, year, seq in (("龙安生委", 2022, 14), ("许建安委办", 2024, 105), ("豫安委", 2023, 3)):
        parsed = parse_doc_number(format_doc_number(prefix, year, seq))
        assert (parsed.prefix, parsed.year, parsed.seq) == (prefix, year, seq)
        assert str(parsed) == format_doc_number(prefix, year, seq)


@pytest.mark.parametrize("text", ["", "龙安生委2022年14号", "〔2022〕14号", "龙安生委〔2022〕0号"])
def test_parse_doc_number_rejects_non_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_doc_number(text)


def test_dates_use_arabic_numerals_without_padding() -> None:
    assert format_chinese_date(date(2022, 11, 8)) == "2022年11月8日"
    assert format_chinese_date(date(2023, 1, 5)) == "2023年1月5日"


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九")]
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_fontconfig_aliases_every_official_font() -> None:
    conf = (Path(gbt9704.__file__).parent / "fontconfig" / "fonts.conf").read_text(encoding="utf-8")
    for official, fallbacks in gbt9704.FONT_FALLBACKS.items():
        assert f"<string>{official}</string>" in conf
        assert f"<string>{fallbacks[0].removesuffix(' Bold')}</string>" in conf
