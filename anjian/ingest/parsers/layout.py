"""Reading order made explicit: numbered headings and items, broken lines rejoined, attachments split off."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from anjian.ingest.deadline import find_dates
from anjian.ingest.document import Paragraph, SourceDocument, Table
from anjian.ingest.numerals import chinese_to_int

CN_NUM = "一二三四五六七八九十百〇零"
# HTML paragraph tags (with or without attributes), markdown emphasis and a markdown heading's leading `#`s.
# Also the `?` a page left for each full-width space it could not encode, at a paragraph's start (`???(一)第一组`).
_TAG = re.compile(r"</?p(?:\s[^<>]*)?>|\*\*|^\s*#{1,6}(?=\s|$)|^[?？]+(?=\s*\S)")
# Level 1 `一、`, level 2 `（一）`, level 3 `1.`/`1、`, level 4 `（1）`. A level-3 marker needs its
# punctuation: a bare `9 ` starts `9 月 20 日`, and `1.3亿` is a number.
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^(?P<n>[{CN_NUM}]{{1,3}})\s*[、，,．.]\s*")),
    (2, re.compile(rf"^[（(]\s*(?P<n>[{CN_NUM}]{{1,3}})\s*[）)]\s*[、.．]?\s*")),
    # `2.2025年6月底前…`: a marker glued to a year is still a marker (no decimal reads that way).
    (
        3,
        re.compile(
            r"^(?P<n>\d{1,3})\s*(?:[.．、，,](?!\d)|[.．、](?=(?:19|20)\d{2}\s*年)|[)）]|\s+(?=[^\d\s年月日号个项家次%．.]))\s*"
        ),
    ),
    (4, re.compile(r"^(?:[（(]\s*(?P<n>\d{1,3})\s*[）)]|(?P<c>[\u2460-\u2473]))\s*")),
    # `问题1：…` / `问题一：…`: an item numbered by its label; the label word is part of the marker.
    (3, re.compile(rf"^(?:问题|任务)\s*(?P<n>\d{{1,3}}|[{CN_NUM}]{{1,3}})\s*[:：、.．]\s*")),
)
# A 落款 organisation line: short, unpunctuated, ending in an issuing body's name.
SIGNATURE = re.compile(
    r"^[^，。；：,;:、\s]{4,30}(?:委员会|人民政府|政府|办公室|领导小组|指挥部|局|委|办|中心|大队|支队)$"
)
# A PDF page number on its own line (`— 3 —`, `-3-`, `第3页 共10页`) belongs to no paragraph.
_PAGE_NUMBER = re.compile(
    r"^(?:[—\-－–~]+\s*\d{1,4}\s*[—\-－–~]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$"
)
_TERMINAL = tuple("。；;！!？?：:")
# `01` / `01生产企业` / `02 居住出租房` on a line of its own: a news page numbers its groups (kinds of place, districts,
# exposed units) with a leading zero, above any `一、` outline inside each group.
_ZERO_GROUP = re.compile(r"^(?P<n>0[1-9])(?:\s*(?P<title>[^\d\s，,。；;：:、.．\-－—/][^，,。；;：:]{0,14}))?$")
# The label of an inspected unit's name in a record (`隐患单位`, `建筑（单位）名称`); on a line of its own, the name
# follows on the next line.
UNIT_LABEL = r"(?:(?:隐患|检查|被检查|受检|曝光|建筑)[（(]?(?:单位|企业|场所)[)）]?(?:名称)?|(?:单位|企业|场所)名称)"
UNIT_LABEL_LINE = re.compile(rf"^{UNIT_LABEL}\s*[:：]?$")


def zero_group(text: str) -> re.Match[str] | None:
    """The match of a leading-zero group line (`01`, `02 居住出租房`), else None."""
    return _ZERO_GROUP.match(text.strip())

_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*(?:[:：].*)?$")
# A group line ends with its owners in brackets (`某某广场（责任单位：某区）`): a paragraph of its own.
_OWNED_LINE = re.compile(
    r"[（(]\s*(?:责任单位|牵头单位|责任部门|牵头部门|整改责任单位)\s*[:：][^）()]+[）)]\s*$"
)


_T = TypeVar("_T")
_PER_DOCUMENT: list[Callable[[], None]] = []


def per_document(function: Callable[[str], _T]) -> Callable[[str], _T]:
    """A pure function of a paragraph's text, remembered while one document is read: the genre parsers and
    their passes ask about the same paragraphs several times. `forget_document` empties every such memory."""
    remembered = lru_cache(maxsize=1 << 17)(function)
    _PER_DOCUMENT.append(remembered.cache_clear)
    return remembered


def forget_document() -> None:
    """Empty what `per_document` functions remember (called when a document's extraction ends)."""
    for clear in _PER_DOCUMENT:
        clear()


@per_document
def clean(text: str) -> str:
    """Text without HTML paragraph tags and markdown emphasis left over from earlier extraction."""
    return _TAG.sub("", text).strip()


@dataclass(frozen=True)
class Line:
    """One paragraph with its list marker parsed."""

    text: str
    level: int = 0  # 0: no marker
    number: str = ""  # the marker's number as printed: 一, 12
    body: str = ""  # the text after the marker

    @property
    def seq(self) -> str:
        """The marker as a sequence label: (一) for level 2, 1 for level 3."""
        return f"({self.number})" if self.level in (2, 4) else self.number


@per_document
def parse_line(text: str) -> Line:
    """Split a paragraph into its list marker and body."""
    text = clean(text)
    for level, pattern in _MARKERS:
        m = pattern.match(text)
        if m and len(text) > m.end():
            number = m.group("n") or str(ord(m.group("c")) - 0x245F)  # ① → 1
            return Line(text, level, number, text[m.end() :].strip())
    return Line(text, 0, "", text)


def number_value(number: str) -> int:
    """The integer value of a marker number (一 → 1, 12 → 12)."""
    if number.isdigit():
        return int(number)
    return chinese_to_int(number) or 0


def is_date_line(text: str) -> bool:
    """A line that is only a date (a 落款 or a 印发 line)."""
    compact = re.sub(r"\s", "", text)
    if len(compact) > 40 or "日" not in compact and "号" not in compact:
        return False
    dates = find_dates(compact)
    if len(dates) != 1 or dates[0].precision != "day":
        return False
    raw = re.sub(r"\s", "", dates[0].raw)
    rest = compact.replace(raw, "", 1)
    # PDF text puts the signing body and the date on one line: `县应急管理局 2024年3月5日`.
    signed = compact.endswith(raw) and bool(SIGNATURE.match(rest))
    return rest in ("", "印发", "制", "发布") or signed


def join_broken(texts: list[str]) -> list[str]:
    """Rejoin paragraphs that a page or line break split mid-sentence."""
    out: list[str] = []
    for raw in texts:
        text = clean(raw)
        if not text or _PAGE_NUMBER.match(text):
            continue
        if out and _continues(out[-1], text):
            out[-1] = out[-1] + "\n\n" + text
        else:
            out.append(text)
    return out


# A record's numbered title (`火灾隐患曝光2——`): its number numbers the record below it.
NUMBERED_TITLE = re.compile(r"^[^，,。；;：:\d]{2,16}?(?P<n>\d{1,3})[—\-－:：]*$")
_FIELD_OPENING = re.compile(r"^[^\s:：，,。；;（）()]{2,8}[:：]\s*\S")
# A paragraph opening with a point counted in words (`一是…`, `二要…`; not `一是否`).
WORD_POINT = re.compile(r"^\s*(?P<n>[一二三四五六七八九十]{1,2})(?P<w>是|要)(?![否])")
_LONE_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])$")


def _continues(prev: str, text: str) -> bool:
    # A page break leaves a long line without final punctuation followed by a line that does not start
    # a new item; short unpunctuated lines are titles, signatures and headings, except a numbered point that
    # a narrow column wrapped (`1.未明确主要负责人是安全生产第一责` / `任人，扣3分。`).
    if prev.endswith(_TERMINAL) or is_date_line(text) or is_date_line(prev):
        return False
    if len(prev) < 20 and not _wrapped_point(prev):
        return False
    if parse_line(text).level or re.match(r"^[（(]?\s*\d+(\.\d+)?\s*分\s*[)）]?$", text):
        return False
    if _LONE_MARKER.match(text.strip()) or zero_group(text) or UNIT_LABEL_LINE.match(text.strip()):
        return False  # `一、` on a line of its own: a table printed one cell per line starts a heading
    if WORD_POINT.match(text):
        return False  # `二是繼續強化…` after `一是精準到位做好…工作`: the next point counted in words
    if _FIELD_OPENING.match(text.strip()) or NUMBERED_TITLE.match(text.strip()):
        # `存在隐患：…` after `隐患地点：…`: a record's next field; `火灾隐患曝光2——`: the next record's title
        return False

    if SIGNATURE.match(text) or (len(text) <= 80 and _OWNED_LINE.search(text)):
        return False
    head = parse_line(prev)
    # A heading line (`三、落实…情况(21分)`) ends without punctuation but is complete.
    if head.level in (1, 2) and re.search(r"分\s*[)）]$", prev):
        return False
    # A short heading is complete; a numbered point that has begun its sentence (`（二）餐饮场所。重点排查用气
    #设施、燃气泄漏报警装` / `置安装使用情况。`) goes on across the PDF's line break.
    if head.level in (1, 2) and len(prev) < 40 and "。" not in head.body:
        return False
    return not _ATTACHMENT.match(text)


def _wrapped_point(prev: str) -> bool:
    """A numbered point (`1.`, `(1)`) whose line stops mid-sentence: a comma or a rule already begun in it."""
    line = parse_line(prev)
    return line.level in (3, 4) and len(line.body) >= 10 and bool(re.search(r"[，,、]|扣|未|不", line.body))


def split_parts(doc: SourceDocument) -> list[list[Paragraph | Table]]:
    """The main document and each attachment, split at `附件` lines (which are dropped)."""
    parts: list[list[Paragraph | Table]] = [[]]
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph) and _ATTACHMENT.match(clean(block.text)):
            if _lists_attachments(doc, index):
                parts[-1].append(block)
                continue
            if parts[-1]:
                parts.append([])
            body = _ATTACHMENT_LEAD.sub("", block.text)
            if len(body) > _ATTACHMENT_RUN_ON:  # `附件:…工作方案一、工作目标…`: the attachment stored run on
                parts[-1].append(replace(block, text=body))
            continue
        parts[-1].append(block)
    return [p for p in parts if p]


_ATTACHMENT_LEAD = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]\s*")
_ATTACHMENT_RUN_ON = 100


def _lists_attachments(doc: SourceDocument, index: int) -> bool:
    """`附件：名称` above the signature only names the attachment; the letter (and its date) goes on."""
    block = doc.blocks[index]
    text = clean(block.text) if isinstance(block, Paragraph) else ""
    # `附件：名称`, or `附件：` with the names on the lines below it.
    if not re.match(r"^附\s*件\s*\d*\s*[:：]", text):
        return False
    for later in doc.blocks[index + 1 : index + 4]:
        if not isinstance(later, Paragraph) or re.match(r"^附\s*件\s*\d*$", clean(later.text)):
            return False
        if is_date_line(clean(later.text)):
            return True
    return False


# A page stored as one line (`… 一、 校舍安全: 1、教学楼… 整改措施:… 2、… 二、 体育设施安全: …`): its outline
# markers follow a blank or a stop, in order, so the line can be cut back into paragraphs.
_FLAT_L1 = re.compile(rf"(?:^|(?<=\s)|(?<=[。；;：:】」]))(?P<n>[{CN_NUM}]{{1,3}})、")
_FLAT_L2 = re.compile(rf"(?:(?<=\s)|(?<=[。；;：:]))[（(](?P<n>[{CN_NUM}]{{1,3}})[）)]")
_FLAT_L3 = re.compile(r"(?:(?<=\s)|(?<=[。；;：:]))(?P<n>\d{1,2})[、.．](?!\d)")
_FLAT_HEAD = re.compile(r"^[^，,。；;：:]{2,16}[：:]\s*")
# A page flattened without any break (`…具体见附件1三、督查内容(一)乡镇…`): once a chain has started, its next
# marker may follow any character but a numeral or 第 (`第三、`, `一、二、三级` are no markers); a bracketed
# `(一)` needs no stop before it even to start a chain.
_GLUED_L1 = re.compile(rf"(?<![第{CN_NUM}、])(?P<n>[{CN_NUM}]{{1,3}})、")
_GLUED_L2 = re.compile(rf"(?<!第)[（(](?P<n>[{CN_NUM}]{{1,3}})[）)]")
# The word a document's title closes with (`…工作方案`, `…管理办法(2022年修订版)`): a heading may be glued to it.
TITLE_CLOSE = r"(?:方案|办法|细则|通知|意见|标准|要点|规定|报告|通报|计划|清单)(?:[（(][^（()）]{1,16}[)）])?"
_TITLE_END = re.compile(rf"{TITLE_CLOSE}$")
# `自查情况1. 消防安全隐患排查…。2. 消防安全管理制度`: a point glued to its section's heading, a blank after its mark.
_GLUED_L3 = re.compile(r"(?<![\d.．第])(?P<n>\d{1,2})[.．]\s")
# `组织实施阶段(8月26日至11月15日)1、企业自查自纠`: a point glued to its staged heading's period (not to an item's
# points, `(1分)2、`, which a glued scoring table reads).
_GLUED_AFTER_BRACKET = re.compile(r"(?<=[日月旬底][)）])(?P<n>\d{1,2})、")
# `…以下隐患:(1)部分…;(2)个别…`: bracketed points under a point, counted from (1).
_FLAT_L4 = re.compile(r"(?<!第)[（(](?P<n>\d{1,2})[)）]")


def _glued_chain(numbered: list[re.Match[str]], glued: list[re.Match[str]], start: int, end: int) -> list[int]:
    """Points whose first follows its heading without a stop (`自查情况1. 消防…`): a chain when a later marker
    follows a stop, as the stopped markers alone would be."""
    stopped = {m.start() for m in numbered}
    either = sorted([*numbered, *(m for m in glued if m.start() not in stopped)], key=lambda m: m.start())
    found = _chain(either, start, end)
    return found if len(found) >= 2 and any(at in stopped for at in found[1:]) else []


def _chain(
    matches: list[re.Match[str]],
    start: int,
    end: int,
    first: int = 1,
    glued: list[re.Match[str]] | None = None,
) -> list[int]:
    """Positions of the markers between start and end that count first, first + 1, … in order; `glued`
    markers (no stop before them) continue a chain that a stopped marker began."""
    strict = {m.start() for m in matches}
    merged = sorted([*matches, *(m for m in glued or [] if m.start() not in strict)], key=lambda m: m.start())
    out: list[int] = []
    for m in merged:
        in_order = start <= m.start() < end and number_value(m.group("n")) == len(out) + first
        if in_order and (out or m.start() in strict):
            out.append(m.start())
    return out


def unflatten(text: str) -> list[str]:
    """A long paragraph holding a numbered outline (two `一、` sections, or one with two points), cut at its markers into
    headings and points; any other paragraph as it is. A bare page number before the page's title is dropped."""
    if len(text) < 100:
        return [text]
    stopped, glued_l1 = list(_FLAT_L1.finditer(text)), list(_GLUED_L1.finditer(text))
    sections = _chain(stopped, 0, len(text), glued=glued_l1)
    if not sections:  # `…工作方案一、工作目标…。二、工作步骤…`: the first heading glued to the title, the next after a stop
        titled = [m for m in glued_l1 if _TITLE_END.search(text, 0, m.start())]
        sections = _glued_chain(stopped, titled, 0, len(text))
    if len(sections) == 1:  # one section, stored up to its second point at least (`一、… (一)… 1、… 2、…`)
        points = max(
            len(_chain(list(pattern.finditer(text)), sections[0], len(text))) for pattern in (_FLAT_L2, _FLAT_L3)
        )
        sections = sections if points >= 2 else []
    if not sections:
        return [text]
    cuts = set(sections)
    bounds = [*sections, len(text)]
    glued = list(_GLUED_L3.finditer(text)) + list(_GLUED_AFTER_BRACKET.finditer(text))
    bracketed = list(_FLAT_L4.finditer(text))
    at = [m.start() for m in bracketed]
    numbered = list(_FLAT_L3.finditer(text))
    for start, end in zip(bounds, bounds[1:], strict=False):
        subs = _chain(list(_GLUED_L2.finditer(text)), start, end)
        cuts |= set(subs)
        count = 0  # points numbered through the section's (一)(二) go on counting (`(二) 2、…`)
        for sub_start, sub_end in zip([start, *subs], [*subs, end], strict=False):
            restart = _chain(numbered, sub_start, sub_end) or _glued_chain(numbered, glued, sub_start, sub_end)
            found = restart or _chain(numbered, sub_start, sub_end, count + 1)
            count = len(found) if restart else count + len(found)
            cuts |= set(found)
            for point_start, point_end in zip(found, [*found[1:], sub_end], strict=False):
                under = bracketed[bisect_left(at, point_start) : bisect_left(at, point_end)]
                cuts |= set(_chain(under, point_start, point_end))  # `(1)…;(2)…` under the point
    pieces: list[str] = []
    for start, end in zip([0, *sorted(cuts)], [*sorted(cuts), len(text)], strict=False):
        piece = text[start:end].strip()
        line = parse_line(piece) if piece else None
        head = _FLAT_HEAD.match(line.body) if line is not None and line.level in (1, 2) else None
        if line is not None and head is not None and head.end() < len(line.body):
            cut = len(piece) - len(line.body) + head.end()  # `二、 体育设施安全: 大榕树下…`: heading, then its text
            pieces += [piece[:cut].strip(), piece[cut:].strip()]
        elif piece:
            pieces.append(piece)
    if pieces and _page_number_first(pieces[0]):
        pieces[0] = re.sub(r"^\d{1,3}\s+", "", pieces[0])
    return pieces


def _page_number_first(text: str) -> bool:
    """`1 XX小学…方案 为预防…`: a page number printed before a page's title."""
    return re.match(r"^\d{1,3}\s+\D", text) is not None and not re.match(r"^\d{1,3}\s+[年月日号个项家次%]", text)
