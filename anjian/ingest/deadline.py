"""Deadline expressions in Chinese official text: find them, keep them as printed, resolve them to dates.

A small regex resolver instead of jionlp/dateparser: both misread the PDF-spaced forms the documents
use (`2022 年 12 月 15 日前`) and `X月底` (see research/ecosystem.md §3).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from anjian.ingest.numerals import chinese_to_int, fold_width

DATE = "date"
LONG_TERM = "long-term"
IMMEDIATE = "immediate"
RECURRING = "recurring"


@dataclass(frozen=True)
class Deadline:
    """One resolved time expression: what kind it is, its due date and the text as printed."""

    kind: str
    due: date | None
    raw: str
    precision: str = "none"  # "day" | "month" | "year" | "none"
    year_inferred: bool = False
    frequency: str | None = None  # 每月, 每季度, 每年 … for recurring deadlines
    start: int = 0  # offset of the expression in the text it was found in

    def schema_value(self) -> str | None:
        """The value of the schema's `deadline` field."""
        if self.kind == DATE:
            return self.due.isoformat() if self.due else None
        if self.kind == RECURRING:
            return f"recurring:{self.frequency}"
        return self.kind


_SUFFIX = r"(?:之前|以前|前|为止|止)?"
_PREFIX = r"(?:到)?"
# A day may carry its hour (`3月15日16時前`, `5日下午5点前`): the deadline is still that day.
_D = r"(?P<d>\d{1,2})[日号](?:(?:上午|下午|中午|晚上)?\d{1,2}(?:[时時点點](?:\d{1,2}分|整|半)?|:\d{2}))?"
# Patterns in priority order; an earlier pattern claims its span before later ones may overlap it.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "range",
        re.compile(
            _PREFIX + r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d0>\d{1,2})[日号]?[至到—\-~－]"
            r"(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d>\d{1,2})[日号]" + _SUFFIX
        ),
    ),
    (
        "range_month",
        re.compile(
            _PREFIX
            + r"(?P<y0>\d{4})年(?P<m0>\d{1,2})月(?:份)?[至到—\-~－]+(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?!\d{0,2}[日号])"
            r"(?:份)?(?:底|末)?" + _SUFFIX
        ),
    ),
    ("ymd", re.compile(_PREFIX + r"(?P<y>\d{4})年(?P<m>\d{1,2})月" + _D + _SUFFIX)),
    ("ym", re.compile(_PREFIX + r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:份)?(?:底|末)?" + _SUFFIX)),
    ("y_end", re.compile(_PREFIX + r"(?P<y>\d{4})年(?:年)?(?:底|末)" + _SUFFIX)),
    # Periods end on their last day: 上半年 → 30 June, 第三季度(末) → 30 September.
    ("half", re.compile(_PREFIX + r"(?P<y>\d{4})年(?P<h>上|下)半年(?:底|末)?" + _SUFFIX)),
    ("quarter", re.compile(_PREFIX + r"(?P<y>\d{4})年(?:第)?(?P<q>[一二三四1-4])季度(?:底|末)?" + _SUFFIX)),
    # A stage of this year's plan: 第一季度 → 31 March of the document's year.
    ("q_only", re.compile(_PREFIX + r"(?<![\d年])第(?P<q>[一二三四1-4])季度(?:底|末)?" + _SUFFIX)),
    ("md", re.compile(_PREFIX + r"(?<![\d年])(?P<m>\d{1,2})月" + _D + _SUFFIX)),
    ("m_end", re.compile(_PREFIX + r"(?<![\d年])(?P<m>\d{1,2})月(?:底|末)" + _SUFFIX)),
    # A schedule's month (`1月份`, `11月份前`) runs to the month's end; `1月份以来` looks back, `5月份起` starts.
    ("m_end", re.compile(_PREFIX + r"(?<![\d年])(?P<m>\d{1,2})月份(?!以来|起|开始|至今|[上中下]旬|[至到—\-~－])" + _SUFFIX)),
    (
        "this_year_end",
        re.compile(_PREFIX + r"(?<![\d年〇零一二三四五六七八九十两几])(?:今)?年(?:底|末)" + _SUFFIX),
    ),
    ("year", re.compile(_PREFIX + r"(?P<y>(?:19|20)\d{2})年(?!度|代|第|级|\d)" + _SUFFIX)),
    # Table cells write dates with dots, dashes or slashes: 2023.12.31, 2023-12, 2023/6/30.
    (
        "ymd",
        re.compile(
            r"(?<![\d.])(?P<y>(?:19|20)\d{2})[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})(?![\d.])" + _SUFFIX
        ),
    ),
    ("ym", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[.\-/](?P<m>\d{1,2})(?![\d.\-/])" + _SUFFIX)),
)
_RECURRING = re.compile(r"每(?:个)?(?P<f>半年|季度|季|年|月|周|旬|日|天)|一(?P<g>季|年|月|周)一(?!次)")
_FREQ_NAMES = {
    "半年": "每半年",
    "季度": "每季度",
    "季": "每季度",
    "年": "每年",
    "月": "每月",
    "周": "每周",
    "旬": "每旬",
    "日": "每日",
    "天": "每日",
}
_LONG_TERM = re.compile(r"长期")
_KEEP_UP = re.compile(r"长期坚持")
_IMMEDIATE = re.compile(r"立即|立行立改|即知即改|立查立改|马上")
# Running text orders an action at once with `立即` + a verb (`要立即制定整改方案`); a clause that sets a
# condition first (`对…弄虚作假的，立即整改`, `一旦发现隐患立即报告`) states a rule, not this item's deadline.
_AT_ONCE = re.compile(r"立即(?=[\u4e00-\u9fa5])")
_CLAUSE = re.compile(r"[^，,。；;：:！!？?]+")
_CONDITION = re.compile(r"如果|如有|如发现|如遇|若|一旦|凡|遇到|遇有|发生|出现|发现(?!的)|能够|可以")
# Years and month/day numbers written in Chinese: 二〇二二年十一月八日.
# A year may mix in the digit 0 (`二00九年`).
_CN_DATE_PART = re.compile(r"[〇零○一二三四五六七八九][〇零○0一二三四五六七八九]{3}(?=年)|[一二三四五六七八九十]{1,3}(?=月|日|号)")
_BOOK_TITLE = re.compile(r"《[^《》]*》")
# A date that opens a period (`自4月8日起`, `5月1日开始`) without closing it.
_FROM = re.compile(r"起(?![草])|开始")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text without blanks, with ASCII digits and Arabic dates, and for each character its original offset."""
    chars: list[str] = []
    offsets: list[int] = []
    # Titles of other documents carry years that are not deadlines: blank them out.
    masked = _BOOK_TITLE.sub(lambda m: "\x00" * len(m.group()), text)
    for i, ch in enumerate(fold_width(masked)):
        if ch.isspace():
            continue
        chars.append(ch)
        offsets.append(i)
    flat = "".join(chars)
    out: list[str] = []
    out_offsets: list[int] = []
    last = 0
    for m in _CN_DATE_PART.finditer(flat):
        # 一月一 (monthly) is a frequency, not January.
        if flat[m.end() : m.end() + 2] in ("月一", "季一", "年一") and m.group() == "一":
            continue
        value = chinese_to_int(m.group().replace("0", "〇"))
        if value is None:
            continue
        out.extend(flat[last : m.start()])
        out_offsets.extend(offsets[last : m.start()])
        digits = str(value)
        out.extend(digits)
        out_offsets.extend([offsets[m.start()]] * (len(digits) - 1) + [offsets[m.end() - 1]])
        last = m.end()
    out.extend(flat[last:])
    out_offsets.extend(offsets[last:])
    return "".join(out), out_offsets


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int | None, month: int, day: int | None) -> date | None:
    """A date, or None when the parts do not make one (a 13th month, 31 February)."""
    if year is None or not 1 <= month <= 12:
        return None
    try:
        return date(year, month, day) if day is not None else _month_end(year, month)
    except ValueError:
        return None


def _resolve_match(name: str, m: re.Match[str], doc_year: int | None) -> tuple[date | None, str, bool]:
    """Due date, precision and whether the year was inferred, for one pattern match."""
    groups = m.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    inferred = False
    if name in ("md", "m_end", "this_year_end", "q_only"):
        year, inferred = doc_year, True
    if name == "range":
        end_year = int(groups["y2"]) if groups.get("y2") else year
        end_month = int(groups["m2"]) if groups.get("m2") else int(groups["m"])
        return _safe_date(end_year, end_month, int(groups["d"])), "day", False
    if name == "range_month":
        end_year = int(groups["y"]) if groups.get("y") else int(groups["y0"])
        return _safe_date(end_year, int(groups["m"]), None), "month", False
    if name == "half":
        return _safe_date(year, 6 if groups["h"] == "上" else 12, None), "month", False
    if name in ("quarter", "q_only"):
        quarter = "一二三四".find(groups["q"]) + 1 or int(groups["q"])
        return _safe_date(year, quarter * 3, None), "month", inferred
    if name in ("ymd", "md"):
        return _safe_date(year, int(groups["m"]), int(groups["d"])), "day", inferred
    if name in ("ym", "m_end"):
        return _safe_date(year, int(groups["m"]), None), "month", inferred
    return (date(year, 12, 31) if year else None), "year", inferred


def find_dates(text: str, doc_year: int | None = None) -> list[Deadline]:
    """Every date-like time expression in `text`, in reading order, with the raw text as printed."""
    flat, offsets = _normalise(text)
    # Spans already read, in order and apart (so their ends are in order too): a later pattern's match that
    # overlaps one is passed over, found by bisection rather than by a scan of every span.
    starts: list[int] = []
    ends: list[int] = []
    found: list[Deadline] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(flat):
            after = bisect_right(ends, m.start())  # the first span ending after this match starts
            if m.end() == m.start() or (after < len(starts) and starts[after] < m.end()):
                continue
            at = bisect_left(starts, m.start())
            starts.insert(at, m.start())
            ends.insert(at, m.end())
            if _FROM.match(flat, m.end()):
                continue  # `自4月8日起开展执法检查`: when the work starts, not when it is due
            due, precision, inferred = _resolve_match(name, m, doc_year)
            raw = text[offsets[m.start()] : offsets[m.end() - 1] + 1]
            found.append(Deadline(DATE, due, raw, precision, inferred, None, offsets[m.start()]))
    return sorted(found, key=lambda d: d.start)


def find_recurring(text: str) -> list[Deadline]:
    """Every frequency expression (每月, 每季度, 一月一…) in `text`, in reading order."""
    flat, offsets = _normalise(text)
    out = []
    for m in _RECURRING.finditer(flat):
        freq = _FREQ_NAMES[m.group("f") or m.group("g")]
        raw = text[offsets[m.start()] : offsets[m.end() - 1] + 1]
        out.append(Deadline(RECURRING, None, raw, "none", False, freq, offsets[m.start()]))
    return out


def _latest(dates: list[Deadline]) -> Deadline:
    """The latest of several dates; undated expressions count as earliest, ties go to the later text."""
    return max(dates, key=lambda d: (d.due or date.min, d.start))


def immediate_order(text: str) -> Deadline | None:
    """An unconditional order in running text to act at once (`黄冲煤矿立即制定整改方案`), or None.

    A clause ending in `的` or following one (`对…的，立即整改直至停产整顿`), a clause opened by a
    condition (`一旦发现…立即报告`) and `立行立改` as a principle (`重大事故隐患要立行立改`) are rules, not a
    deadline of the item."""
    previous = ""
    for clause in _CLAUSE.finditer(text):
        body = clause.group()
        found = _AT_ONCE.search(body)
        if found is not None:
            before = body[: found.start()]
            conditional = (
                previous.rstrip().endswith(("的", "时"))
                or body.rstrip().endswith("的")
                or _CONDITION.search(before) is not None
                or _CONDITION.match(previous.strip()) is not None
            )
            if not conditional:
                return Deadline(IMMEDIATE, None, "立即", "none", False, None, clause.start() + found.start())
        previous = body
    return None


def resolve_deadline(
    text: str | None, doc_year: int | None = None, *, field: bool = False
) -> Deadline | None:
    """The deadline a text sets: the latest explicit date, else the first frequency, else None.

    With `field=True` the text is the value of a deadline field or column (整改时限, 完成时限), where
    长期 and 立即/立行立改 are deadlines too; in running task text only an unconditional `立即` + verb
    is (`immediate_order`; seed 002 items 22, 29 are a principle and a condition).
    """
    if not text:
        return None
    dates = find_dates(text, doc_year)
    if dates:
        return _latest(dates)
    if field:
        flat, offsets = _normalise(text)
        hits = [(m.start(), m.end(), LONG_TERM) for m in _LONG_TERM.finditer(flat)]
        hits += [(m.start(), m.end(), IMMEDIATE) for m in _IMMEDIATE.finditer(flat)]
        if hits:
            start, end, kind = min(hits)
            return Deadline(
                kind, None, text[offsets[start] : offsets[end - 1] + 1], "none", False, None, start
            )
    else:
        ordered = immediate_order(text)
        if ordered is not None:
            return ordered
        kept_up = _KEEP_UP.search(text)
        if kept_up is not None:  # `…巡查，长期坚持`: a standing task, in running text too
            return Deadline(LONG_TERM, None, kept_up.group(), "none", False, None, kept_up.start())
    recurring = find_recurring(text)
    return recurring[0] if recurring else None
