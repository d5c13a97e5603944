"""GB/T 9704-2012《党政机关公文格式》: layout constants and a python-docx builder for 公文."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from enum import Enum

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from anjian.publish.xmltext import xml_clean

# --- Page (GB/T 9704 5.1, 5.2.1): A4 with a 156 mm × 225 mm type area. Right and bottom are derived.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = 26.0
MARGIN_BOTTOM_MM = 35.0
TYPE_AREA_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
TYPE_AREA_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# --- 字号 in points.
SIZE_CHUHAO_PT = 42.0
SIZE_2HAO_PT = 22.0
SIZE_3HAO_PT = 16.0
SIZE_4HAO_PT = 14.0
BODY_SIZE_PT = SIZE_3HAO_PT
TITLE_SIZE_PT = SIZE_2HAO_PT
PAGE_NUMBER_SIZE_PT = SIZE_4HAO_PT
IMPRINT_SIZE_PT = SIZE_4HAO_PT
TABLE_SIZE_PT = SIZE_4HAO_PT

# 225 mm / 22 lines ≈ 28.99 pt; 28.95 pt keeps 22 lines safely inside the type area (common practice).
LINE_PITCH_PT = 28.95
# 28 × 16 pt = 158 mm overflows the 156 mm type area. LibreOffice ignores Word's character grid, so each
# run is condensed instead: −0.6 pt was measured as the smallest step that yields 28 characters a line.
CHAR_SPACING_PT = -0.6
CHAR_PITCH_PT = BODY_SIZE_PT + CHAR_SPACING_PT

# --- Colour (6.2): red ink is Y80% M80%; its naive CMYK→RGB conversion is used on screen and in PDF.
RED_CMYK = (0, 80, 80, 0)
RED_RGB = tuple(round(255 * (1 - c / 100) * (1 - RED_CMYK[3] / 100)) for c in RED_CMYK[:3])  # (255, 51, 51)
RED_HEX = "{:02X}{:02X}{:02X}".format(*RED_RGB)
BLACK_HEX = "000000"

# --- 版头 (7.2).
ISSUER_MARK_OFFSET_MM = 35.0  # top edge of the 发文机关标志 below the top of the type area
ISSUER_MARK_SIZE_PT = SIZE_CHUHAO_PT  # not fixed by the standard; condensed horizontally to fit the width
ISSUER_MARK_MIN_SCALE_PCT = 50
ISSUER_MARK_RAISE_MM = (
    2.9  # LibreOffice draws a 42 pt line of exactly 42 pt this far above its box (measured)
)
RED_RULE_GAP_MM = 4.0  # red rule this far below the 发文字号
RED_RULE_SPACE_PT = 5  # border space that puts the rule 4 mm below the number's em box (measured)
RED_RULE_THICKNESS_PT = 1.5  # the standard gives none; 0.35–0.5 mm is common practice

# --- 信函格式 (10.1).
LETTER_MARK_TOP_MM = 30.0  # from the paper's top edge
LETTER_RULE_LENGTH_MM = 170.0
LETTER_BOTTOM_RULE_MM = 20.0  # from the paper's bottom edge
LETTER_RULE_THICKNESS_PT = 2.25
LETTER_RULE_SPACE_PT = 2  # border space that puts the double rule 4 mm below the mark (measured)
LETTER_RULE_RAISE_MM = 0.8  # a footer's bottom border is drawn this far above the footer's bottom (measured)

# --- 版记 (7.4).
IMPRINT_THICK_RULE_MM = 0.35
IMPRINT_THIN_RULE_MM = 0.25

# --- Page numbers (7.5): "— 1 —", 4号 half-width 宋体, 7 mm below the type area, odd right / even left.
PAGE_NUMBER_GAP_MM = 7.0
PAGE_NUMBER_INDENT_PT = PAGE_NUMBER_SIZE_PT  # 空一字
PAGE_NUMBER_DASH = "\u2014"  # 一字线
# LibreOffice draws a line of exact height h about 0.9 mm higher than the line box (Noto CJK's ascent is
# larger than its em); measured offsets keep the em box of the page number and of the issuer mark where
# the standard puts them.
RENDER_RAISE_MM = 0.9
# The footer's bottom is placed so that a one-line (exactly 4号 high) footer starts 7 mm below the type area.
FOOTER_DISTANCE_MM = MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_SIZE_PT * 25.4 / 72 - RENDER_RAISE_MM
HEADER_DISTANCE_MM = 15.0

# --- Fonts: the official (commercial) names go into the .docx; fontconfig/fonts.conf maps them to free fonts.
FONT_FANGSONG = "仿宋_GB2312"
FONT_XIAOBIAOSONG = "方正小标宋简体"
FONT_HEITI = "黑体"
FONT_KAITI = "楷体_GB2312"
FONT_SONGTI = "宋体"
FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    FONT_FANGSONG: ("Noto Serif SC", "Noto Serif CJK SC"),
    FONT_SONGTI: ("Noto Serif SC", "Noto Serif CJK SC"),
    FONT_XIAOBIAOSONG: ("Noto Serif SC Bold", "Noto Serif CJK SC Bold"),
    FONT_HEITI: ("Noto Sans SC", "Noto Sans CJK SC"),
    FONT_KAITI: ("LXGW WenKai", "AR PL KaitiM GB", "Noto Serif SC", "Noto Serif CJK SC"),
}  # first installed one wins (scripts/install-fonts.sh); fontconfig/fonts.conf also aliases 仿宋, SimSun, KaiTi…
HEADING_FONTS: dict[int, tuple[str, bool]] = {  # level → (font, bold)
    1: (FONT_HEITI, False),
    2: (FONT_KAITI, False),
    3: (FONT_FANGSONG, True),
    4: (FONT_FANGSONG, False),
}


class Masthead(Enum):
    """Which 版头 a document carries."""

    FILE = "file"  # 文件格式: red 发文机关标志, 发文字号, red rule
    LETTER = "letter"  # 信函格式: issuer mark and red double rules, no page number on page 1
    NONE = "none"  # plain report: title first, no red elements


@dataclass(frozen=True)
class Heading:
    """A numbered heading; `run_in` text continues in body type on the same paragraph."""

    level: int
    text: str
    run_in: str = ""
    numbered: bool = True


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, two characters indented."""

    text: str


@dataclass(frozen=True)
class Table:
    """A simple portrait table with a header row repeated on each page."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    column_widths_mm: tuple[float, ...] | None = None
    font_size_pt: float = TABLE_SIZE_PT


@dataclass(frozen=True)
class AttachmentNote:
    """The 附件说明 naming the attachments; one blank line is left above it."""

    names: tuple[str, ...]


Block = Heading | Paragraph | Table | AttachmentNote


@dataclass(frozen=True)
class Appendix:
    """An attachment laid out on its own page(s) after the date; `label` such as 附件1, or None."""

    title: str
    body: tuple[Block, ...]
    label: str | None = "附件"


@dataclass(frozen=True)
class OfficialDocument:
    """Everything a 公文 says; layout is decided by the builder."""

    title: str  # "\n" breaks a long title into the lines the author wants
    body: tuple[Block, ...]
    date: dt.date
    issuer_mark: str = ""  # 发文机关标志, e.g. 开封市龙亭区安全生产委员会文件
    doc_number: str = ""  # 发文字号, see format_doc_number
    signer: str = ""  # 签发人 (upward documents only)
    addressee: str = ""  # 主送机关
    signature_org: str = ""  # 发文机关署名
    sealed: bool = True  # leave room for a seal and centre the 署名 over the date (7.3.5.1)
    appendices: tuple[Appendix, ...] = ()
    cc: str = ""  # 抄送
    printer_org: str = ""  # 印发机关
    print_date: dt.date | None = None
    masthead: Masthead = Masthead.FILE

    def __post_init__(self) -> None:
        if self.masthead is not Masthead.NONE and not self.issuer_mark:
            raise ValueError("红头和信函须有发文机关标志 / a red header or letter needs issuer_mark")
        if self.masthead is Masthead.FILE and not self.doc_number:
            raise ValueError("文件格式须有发文字号 / the file format needs doc_number")


# --- 发文字号 --------------------------------------------------------------------------------------------

_DOC_NUMBER_RE = re.compile(
    r"^\s*(?P<prefix>\S.*?)\s*[〔\[［(（【]\s*(?P<year>\d{4})\s*[〕\]］)）】]\s*第?\s*(?P<seq>\d+)\s*号\s*$"
)


@dataclass(frozen=True)
class DocNumber:
    """A parsed 发文字号: 机关代字, year, sequence number."""

    prefix: str
    year: int
    seq: int

    def __str__(self) -> str:
        return format_doc_number(self.prefix, self.year, self.seq)


def format_doc_number(prefix: str, year: int, seq: int) -> str:
    """Return 龙安生委〔2022〕14号: full year in 六角括号, no leading zeros, no 第 (7.2.5)."""
    prefix = prefix.strip()
    if not prefix:
        raise ValueError("发文字号缺少机关代字 / doc number needs an issuer prefix")
    if not 1000 <= year <= 9999:
        raise ValueError(f"年份必须为四位 / year must have four digits: {year}")
    if seq < 1:
        raise ValueError(f"序号必须为正整数 / sequence must be positive: {seq}")
    return f"{prefix}〔{year}〕{seq}号"


def parse_doc_number(text: str) -> DocNumber:
    """Parse a 发文字号, tolerating the usual slips ([2022], （2022）, 第, leading zeros, spaces)."""
    match = _DOC_NUMBER_RE.match(text)
    if not match or int(match["seq"]) < 1:
        raise ValueError(f"无法识别的发文字号 / not a doc number: {text!r}")
    return DocNumber(match["prefix"], int(match["year"]), int(match["seq"]))


def format_chinese_date(value: dt.date) -> str:
    """Return 2022年11月8日: Arabic numerals, full year, no zero padding (7.3.5)."""
    return f"{value.year}年{value.month}月{value.day}日"


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Return 一 … 九十九 for heading numbers."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading number out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def heading_marker(level: int, n: int) -> str:
    """Return the level's number marker: 一、 （一） 1. （1） (7.3.3)."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level must be 1–4: {level}")


# --- Low-level OOXML helpers ---------------------------------------------------------------------------

_RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)

# Schema order of w:tblPr children; Word rejects files whose children are out of order.
_TBLPR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def _set_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Name the font for every script; Chinese text only follows w:eastAsia."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)  # a theme font would override the explicit name
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _style_run(
    run: Run,
    font: str,
    size_pt: float,
    *,
    bold: bool = False,
    color: str = BLACK_HEX,
    spacing_pt: float = CHAR_SPACING_PT,
    scale_pct: int = 100,
) -> Run:
    """Give a run explicit font, size, colour and character spacing, independent of styles."""
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, font)
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(color)
    if spacing_pt:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(round(spacing_pt * 20)))
        rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)
    if scale_pct != 100:
        width = OxmlElement("w:w")
        width.set(qn("w:val"), str(scale_pct))
        rpr.insert_element_before(width, *_RPR_AFTER_SPACING[1:])
    return run


def _border(edge: str, val: str, size_pt: float, color: str, space_pt: int = 0) -> BaseOxmlElement:
    """Return a w:top/w:bottom/… border element; size is stored in eighths of a point."""
    el = OxmlElement(f"w:{edge}")
    el.set(qn("w:val"), val)
    el.set(qn("w:sz"), str(max(2, round(size_pt * 8))))
    el.set(qn("w:space"), str(space_pt))
    el.set(qn("w:color"), color)
    return el


def _add_paragraph_border(paragraph: DocxParagraph, border: BaseOxmlElement) -> None:
    """Attach a border to a paragraph (python-docx has no API for w:pBdr)."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *_PPR_AFTER_PBDR)
    pbdr.append(border)


def _no_autospace(ppr: BaseOxmlElement) -> None:
    """Turn off the extra space between Han characters and Latin letters or digits.

    It breaks the 28-character grid and makes dates wider than their half-width digits; 公文 are set
    without it. Word honours this; LibreOffice 7.4's importer ignores it, so its PDFs keep the extra space.
    """
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        if ppr.find(qn(tag)) is None:
            el = OxmlElement(tag)
            el.set(qn("w:val"), "0")
            ppr.insert_element_before(el, *_PPR_AFTER_PBDR[_PPR_AFTER_PBDR.index(tag) + 1 :])


def _mm_to_pt(mm: float) -> float:
    return mm * 72 / 25.4


def _layout(
    paragraph: DocxParagraph,
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line_pt: float = 0,
    left_pt: float = 0,
    right_pt: float = 0,
    line_pt: float = LINE_PITCH_PT,
) -> DocxParagraph:
    """Set alignment, indents and the fixed line pitch that keeps 22 lines a page."""
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Pt(first_line_pt)
    fmt.left_indent = Pt(left_pt)
    fmt.right_indent = Pt(right_pt)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line_pt)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    return paragraph


def _text_width_chars(text: str) -> float:
    """Width in Han characters; ASCII (digits in dates) is half width."""
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)


# --- Builder -------------------------------------------------------------------------------------------


class _Builder:
    """Lays out one OfficialDocument into a python-docx Document."""

    def __init__(self, spec: OfficialDocument) -> None:
        self.spec = spec
        self.doc: DocxDocument = Document()
        self._counters = [0, 0, 0, 0]

    def build(self) -> bytes:
        spec = self.spec
        self._setup_document()
        if spec.masthead is Masthead.FILE:
            self._file_masthead()
        elif spec.masthead is Masthead.LETTER:
            self._letter_masthead()
        self._title(spec.title)
        if spec.addressee:
            self._blank()
            addressee = spec.addressee if spec.addressee.endswith("：") else spec.addressee + "："
            self._body_text(addressee, first_line_pt=0)
        for block in spec.body:
            self._block(block)
        self._signature()
        for appendix in spec.appendices:
            self._appendix(appendix)
        if spec.cc or spec.printer_org:
            self._imprint()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # -- page, styles, footers

    def _setup_document(self) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
        section.header_distance, section.footer_distance = Mm(HEADER_DISTANCE_MM), Mm(FOOTER_DISTANCE_MM)
        section.gutter = Mm(0)
        doc.settings.odd_and_even_pages_header_footer = True
        # Defaults matter for empty paragraphs and for anything a user later types into the file.
        styles = doc.styles.element
        rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(rpr_default, FONT_FANGSONG)
        lang = rpr_default.find(qn("w:lang"))
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal = doc.styles["Normal"]
        normal.font.size = Pt(BODY_SIZE_PT)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PITCH_PT)
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.widow_control = False  # widow control would leave pages with 21 lines
        _no_autospace(normal.element.get_or_add_pPr())
        core = doc.core_properties
        core.title = self.spec.title.replace("\n", "")
        core.author = self.spec.signature_org or self.spec.issuer_mark
        core.language = "zh-CN"
        self._page_number_footer(section.footer.paragraphs[0], odd=True)
        self._page_number_footer(section.even_page_footer.paragraphs[0], odd=False)

    def _page_number_footer(self, paragraph: DocxParagraph, *, odd: bool) -> None:
        _layout(
            paragraph,
            align=WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT,
            right_pt=PAGE_NUMBER_INDENT_PT if odd else 0,
            left_pt=0 if odd else PAGE_NUMBER_INDENT_PT,
            line_pt=PAGE_NUMBER_SIZE_PT,
        )

        def add(text: str = "", *, fld: str | None = None, instr: str | None = None) -> None:
            run = _style_run(paragraph.add_run(text), FONT_SONGTI, PAGE_NUMBER_SIZE_PT, spacing_pt=0)
            if fld:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), fld)
                run._r.append(el)
            if instr:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = instr
                run._r.append(el)

        add(f"{PAGE_NUMBER_DASH} ")
        add(fld="begin")
        add(instr=" PAGE ")
        add(fld="separate")
        add("1")
        add(fld="end")
        add(f" {PAGE_NUMBER_DASH}")

    # -- 版头

    def _issuer_mark_run(self, paragraph: DocxParagraph, text: str) -> None:
        width_pt = _mm_to_pt(TYPE_AREA_WIDTH_MM)
        size = ISSUER_MARK_SIZE_PT
        scale = min(100, int(width_pt * 100 / (size * len(text))))
        if scale < ISSUER_MARK_MIN_SCALE_PCT:  # very long names: shrink the type rather than squash further
            scale = ISSUER_MARK_MIN_SCALE_PCT
            size = width_pt * 100 / (scale * len(text))
        _style_run(
            paragraph.add_run(text),
            FONT_XIAOBIAOSONG,
            round(size * 2) / 2,
            color=RED_HEX,
            spacing_pt=0,
            scale_pct=scale,
        )

    def _file_masthead(self) -> None:
        spec = self.spec
        # A spacer puts the mark's top edge 35 mm below the type area.
        _layout(self.doc.add_paragraph(), line_pt=_mm_to_pt(ISSUER_MARK_OFFSET_MM + ISSUER_MARK_RAISE_MM))
        mark = _layout(self.doc.add_paragraph(), align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=ISSUER_MARK_SIZE_PT)
        self._issuer_mark_run(mark, spec.issuer_mark)
        self._blank(2)
        number = self.doc.add_paragraph()
        if spec.signer:  # upward document: number flush left, 签发人 flush right, each one character in
            _layout(number, align=WD_ALIGN_PARAGRAPH.LEFT, left_pt=CHAR_PITCH_PT, right_pt=CHAR_PITCH_PT)
            stop = _mm_to_pt(TYPE_AREA_WIDTH_MM) - CHAR_PITCH_PT
            number.paragraph_format.tab_stops.add_tab_stop(Pt(stop), WD_TAB_ALIGNMENT.RIGHT)
            _style_run(number.add_run(spec.doc_number + "\t签发人："), FONT_FANGSONG, BODY_SIZE_PT)
            _style_run(number.add_run(spec.signer), FONT_KAITI, BODY_SIZE_PT)
        else:
            _layout(number, align=WD_ALIGN_PARAGRAPH.CENTER)
            _style_run(number.add_run(spec.doc_number), FONT_FANGSONG, BODY_SIZE_PT)
        # The 28.95 pt line already has ~2 mm of leading below the glyphs; the border space adds the rest.
        _add_paragraph_border(
            number, _border("bottom", "single", RED_RULE_THICKNESS_PT, RED_HEX, RED_RULE_SPACE_PT)
        )
        self._blank(2)

    def _letter_masthead(self) -> None:
        spec = self.spec
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        # The letter's mark sits 30 mm from the paper edge, above the 37 mm margin, so it lives in the header.
        section.header_distance = Mm(LETTER_MARK_TOP_MM + ISSUER_MARK_RAISE_MM)
        # The 170 mm rules are centred on the paper, so they overhang the type area by unequal amounts.
        left = _mm_to_pt((PAGE_WIDTH_MM - LETTER_RULE_LENGTH_MM) / 2 - MARGIN_LEFT_MM)
        right = _mm_to_pt((PAGE_WIDTH_MM - LETTER_RULE_LENGTH_MM) / 2 - MARGIN_RIGHT_MM)
        header = _layout(
            section.first_page_header.paragraphs[0],
            align=WD_ALIGN_PARAGRAPH.CENTER,
            left_pt=left,
            right_pt=right,
            line_pt=ISSUER_MARK_SIZE_PT,
        )
        self._issuer_mark_run(header, spec.issuer_mark)
        _add_paragraph_border(
            header,
            _border("bottom", "thickThinSmallGap", LETTER_RULE_THICKNESS_PT, RED_HEX, LETTER_RULE_SPACE_PT),
        )
        # The bottom rule sits 20 mm from the paper edge, below the page numbers' footer, so the footers
        # move down and the page-number paragraphs are lifted back by the same amount.
        distance = LETTER_BOTTOM_RULE_MM - LETTER_RULE_RAISE_MM
        section.footer_distance = Mm(distance)
        for page_footer in (section.footer, section.even_page_footer):
            page_footer.paragraphs[0].paragraph_format.space_after = Mm(FOOTER_DISTANCE_MM - distance)
        bottom_rule = _layout(
            section.first_page_footer.paragraphs[0], left_pt=left, right_pt=right, line_pt=2
        )
        _add_paragraph_border(
            bottom_rule, _border("bottom", "thinThickSmallGap", LETTER_RULE_THICKNESS_PT, RED_HEX)
        )
        if spec.doc_number:
            self._body_text(spec.doc_number, first_line_pt=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._blank(2)

    # -- 主体

    def _blank(self, n: int = 1) -> None:
        for _ in range(n):
            _layout(self.doc.add_paragraph())

    def _title(self, title: str) -> None:
        paragraph = _layout(self.doc.add_paragraph(), align=WD_ALIGN_PARAGRAPH.CENTER)
        for i, line in enumerate(title.split("\n")):
            run = _style_run(paragraph.add_run(), FONT_XIAOBIAOSONG, TITLE_SIZE_PT, spacing_pt=0)
            if i:
                run.add_break()
            run.add_text(line.strip())

    def _body_text(
        self,
        text: str,
        *,
        first_line_pt: float = 2 * CHAR_PITCH_PT,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
        left_pt: float = 0,
        right_pt: float = 0,
    ) -> DocxParagraph:
        paragraph = _layout(
            self.doc.add_paragraph(),
            align=align,
            first_line_pt=first_line_pt,
            left_pt=left_pt,
            right_pt=right_pt,
        )
        _style_run(paragraph.add_run(text), FONT_FANGSONG, BODY_SIZE_PT)
        return paragraph

    def _block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self._body_text(block.text)
        elif isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, AttachmentNote):
            self._attachment_note(block)
        else:  # pragma: no cover - guarded by the Block union
            raise TypeError(f"unknown block: {block!r}")

    def _heading(self, heading: Heading) -> None:
        level = heading.level
        if level not in HEADING_FONTS:
            raise ValueError(f"heading level must be 1–4: {level}")
        font, bold = HEADING_FONTS[level]
        self._counters[level - 1] += 1
        self._counters[level:] = [0] * (4 - level)  # a new 一、 restarts （一）, and so on down
        marker = heading_marker(level, self._counters[level - 1]) if heading.numbered else ""
        paragraph = _layout(self.doc.add_paragraph(), first_line_pt=2 * CHAR_PITCH_PT)
        _style_run(paragraph.add_run(marker + heading.text), font, BODY_SIZE_PT, bold=bold)
        if heading.run_in:
            _style_run(paragraph.add_run(heading.run_in), FONT_FANGSONG, BODY_SIZE_PT)
        else:
            paragraph.paragraph_format.keep_with_next = True  # no heading alone at the foot of a page

    def _table(self, block: Table) -> None:
        ncols = len(block.header)
        if any(len(row) != ncols for row in block.rows):
            raise ValueError("every table row needs as many cells as the header")
        widths = block.column_widths_mm or (TYPE_AREA_WIDTH_MM / ncols,) * ncols
        table = self.doc.add_table(rows=1 + len(block.rows), cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_col.w = Mm(width)  # LibreOffice lays out from the grid, not from the cell widths
        line_pt = block.font_size_pt * 1.3
        for r, values in enumerate((block.header, *block.rows)):
            row = table.rows[r]
            if r == 0:  # repeat the header row on every page
                trpr = row._tr.get_or_add_trPr()
                header_flag = OxmlElement("w:tblHeader")
                trpr.append(header_flag)
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Mm(widths[c])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = _layout(
                    cell.paragraphs[0],
                    line_pt=line_pt,
                    align=WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT,
                )
                font = FONT_HEITI if r == 0 else FONT_FANGSONG
                _style_run(paragraph.add_run(str(value)), font, block.font_size_pt, spacing_pt=0)

    def _attachment_note(self, note: AttachmentNote) -> None:
        self._blank()
        names = note.names
        label = "附件："
        if len(names) == 1:  # a single attachment carries no number
            hang = _text_width_chars(label) * CHAR_PITCH_PT
            self._body_text(label + names[0], left_pt=2 * CHAR_PITCH_PT + hang, first_line_pt=-hang)
            return
        for i, name in enumerate(names, start=1):
            num = f"{i}."
            # Wrapped lines align with the first character of the name (7.3.4).
            left = (2 + _text_width_chars(label) + _text_width_chars(num)) * CHAR_PITCH_PT
            hang = (_text_width_chars(label if i == 1 else "") + _text_width_chars(num)) * CHAR_PITCH_PT
            self._body_text((label if i == 1 else "") + num + name, left_pt=left, first_line_pt=-hang)

    def _signature(self) -> None:
        spec = self.spec
        date_text = format_chinese_date(spec.date)
        org = spec.signature_org
        if spec.sealed:
            # 成文日期 four characters from the right; the 署名 centred over it; room above for the seal.
            self._blank(2)
            date_right = 4.0
            org_right = date_right + (_text_width_chars(date_text) - _text_width_chars(org)) / 2
        else:
            self._blank()
            org_right = 2.0
            # The date starts two characters right of the 署名's start, unless that pushes it past 2 chars.
            date_right = max(2.0, org_right + _text_width_chars(org) - 2 - _text_width_chars(date_text))
        if org:
            self._body_text(
                org,
                first_line_pt=0,
                align=WD_ALIGN_PARAGRAPH.RIGHT,
                right_pt=max(0.0, org_right) * CHAR_PITCH_PT,
            )
        self._body_text(
            date_text, first_line_pt=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right_pt=date_right * CHAR_PITCH_PT
        )

    def _appendix(self, appendix: Appendix) -> None:
        first = _layout(self.doc.add_paragraph(), align=WD_ALIGN_PARAGRAPH.LEFT)
        first.paragraph_format.page_break_before = True  # 附件另面编排 (8)
        if appendix.label:
            _style_run(first.add_run(appendix.label), FONT_HEITI, BODY_SIZE_PT)
            self._blank()
        self._title(appendix.title)
        self._blank()
        saved, self._counters = self._counters, [0, 0, 0, 0]
        for block in appendix.body:
            self._block(block)
        self._counters = saved

    # -- 版记

    def _imprint(self) -> None:
        """Add the 版记 as a table floated to the bottom of the last page's type area (7.4)."""
        spec = self.spec
        rows: list[tuple[str, str]] = []
        if spec.cc:
            cc = spec.cc if spec.cc.endswith("。") else spec.cc + "。"
            rows.append(("抄送：" + cc, ""))
        if spec.printer_org and spec.masthead is not Masthead.LETTER:  # letters carry no 印发 line
            printed = format_chinese_date(spec.print_date or spec.date) + "印发"
            rows.append((spec.printer_org, printed))
        if not rows:
            return
        table = self.doc.add_table(rows=len(rows), cols=1)
        width_mm = TYPE_AREA_WIDTH_MM
        tbl_pr = table._tbl.tblPr
        float_pr = OxmlElement("w:tblpPr")
        for key, value in (
            ("leftFromText", "0"),
            ("rightFromText", "0"),
            ("vertAnchor", "margin"),
            # Anchored to the page edge: LibreOffice only floats a full-width table when it is page-relative.
            ("horzAnchor", "page"),
            ("tblpX", str(round(_mm_to_pt(MARGIN_LEFT_MM) * 20))),
            ("tblpYSpec", "bottom"),
        ):
            float_pr.set(qn(f"w:{key}"), value)
        tbl_pr.insert_element_before(float_pr, *_TBLPR_ORDER[_TBLPR_ORDER.index("w:tblpPr") + 1 :])
        borders = OxmlElement("w:tblBorders")
        thick, thin = _mm_to_pt(IMPRINT_THICK_RULE_MM), _mm_to_pt(IMPRINT_THIN_RULE_MM)
        for edge, val, size in (
            ("top", "single", thick),
            ("left", "nil", 0),
            ("bottom", "single", thick),
            ("right", "nil", 0),
            ("insideH", "single", thin),
            ("insideV", "nil", 0),
        ):
            borders.append(_border(edge, val, size, BLACK_HEX))
        tbl_pr.insert_element_before(borders, *_TBLPR_ORDER[_TBLPR_ORDER.index("w:tblBorders") + 1 :])
        # Zero cell margins: Word and LibreOffice would otherwise shift a floating table left by the margin.
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), "0")
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tbl_pr.insert_element_before(margins, *_TBLPR_ORDER[_TBLPR_ORDER.index("w:tblCellMar") + 1 :])
        table.autofit = False
        indent = IMPRINT_SIZE_PT  # 左右各空一字
        for row, (left, right) in zip(table.rows, rows, strict=True):
            cell = row.cells[0]
            cell.width = Mm(width_mm)
            paragraph = _layout(
                cell.paragraphs[0], align=WD_ALIGN_PARAGRAPH.LEFT, left_pt=indent, right_pt=indent
            )
            if left.startswith("抄送："):  # wrapped lines align after the colon
                hang = 3 * IMPRINT_SIZE_PT
                paragraph.paragraph_format.left_indent = Pt(indent + hang)
                paragraph.paragraph_format.first_line_indent = Pt(-hang)
            _style_run(paragraph.add_run(left), FONT_FANGSONG, IMPRINT_SIZE_PT, spacing_pt=0)
            if right:
                stop = _mm_to_pt(width_mm) - indent
                paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(stop), WD_TAB_ALIGNMENT.RIGHT)
                _style_run(paragraph.add_run("\t" + right), FONT_FANGSONG, IMPRINT_SIZE_PT, spacing_pt=0)
        # Word needs a paragraph after a table; keep it one point high so it never adds a page.
        _layout(self.doc.add_paragraph(), line_pt=1)


def build_official_document(doc: OfficialDocument) -> bytes:
    """Lay out a 公文 per GB/T 9704-2012 and return the .docx bytes (characters XML cannot carry removed)."""
    return _Builder(xml_clean(doc)).build()


__all__ = [
    "Appendix",
    "AttachmentNote",
    "Block",
    "DocNumber",
    "Heading",
    "Masthead",
    "OfficialDocument",
    "Paragraph",
    "Table",
    "build_official_document",
    "chinese_numeral",
    "format_chinese_date",
    "format_doc_number",
    "heading_marker",
    "parse_doc_number",
]
