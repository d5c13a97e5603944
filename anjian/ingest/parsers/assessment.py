"""Scored schemes (考核要点, 评分细则): section totals, scored items, deductions and bonuses."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from anjian.ingest.numerals import BARE_POINTS
from anjian.ingest.numerals import points_value as _number
from anjian.ingest.parsers.criteria import (
    BONUS,
    FULL_MARKS,
    GLUED_TOTAL,
    NAMED_POINTS,
    SUM_ROW,
    score_of_criterion,
)
from anjian.ingest.parsers.criteria import criteria_cells as _criteria
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.inline_schemes import DEDUCTS as _DEDUCTS
from anjian.ingest.parsers.inline_schemes import article_scores, midline_totals
from anjian.ingest.parsers.layout import Line, clean, number_value, parse_line
from anjian.ingest.records import Score

_POINTS = re.compile(
    r"[（(]\s*(?:本项|本项满分|满分|计|共|分值|权重)?\s*[:：]?\s*(?P<p>\d+(?:\.\d+)?)\s*分\s*"
    # The item's rule may follow its points inside the brackets: `（15分，每降低1个百分点扣1分）`.
    r"(?:[，,；;][^（）()]{0,40})?[)）]"
)
# A total may carry its rule inside the brackets: `（共60分，扣完为止）`.
_TOTAL = re.compile(
    # `（该项指标为10分）`, `（本项共10分）`: a heading's total named as the item's or the indicator's.
    # `（权重20分）`, `（总分20分）`; `安全责任：20分` and `安全责任 满分20分` closing the heading.
    r"\s*(?:[（(]\s*(?:满分|共|计|分值|权重|总分|占|(?:该|該|本)[项項](?:指[标標])?(?:满分|滿分)?[为為共计計]?)?\s*[:：]?\s*"
    r"(?P<p>\d+(?:\.\d+)?)\s*分\s*(?:[，,；;][^（）()]{0,16})?[)）]"
    r"|[，,]?\s*共\s*(?P<q>\d+(?:\.\d+)?)\s*分|(?:\s+|\s*[:：]\s*)(?:满分|共|计)?\s*(?P<r>\d+(?:\.\d+)?)\s*分\s*$)"
)
_AMOUNT = re.compile(r"(?P<p>\d+(?:\.\d+)?)\s*(?:至\s*\d+(?:\.\d+)?\s*)?分")
# A flattened row's 分值 cell beside the stars that mark a key criterion: `…控制指标; 5★★★ 1.查是否…`.
_STARRED = re.compile(r"(?<![\d.])(?P<p>\d+(?:\.\d+)?)\s*[★☆]")
# A line that opens with the points of the heading above it: `20分 各类事故死亡人数在…以内。`
_POINTS_FIRST = re.compile(r"^(?P<p>\d+(?:\.\d+)?)\s*分\s+\S")
# A flattened row's 分值 cell printed alone between blanks after the item's name, before its rule:
# `1、制定年度计划 3分 查看资料 少一项扣1分`.
_CELL_POINTS = re.compile(r"^[^扣\s]{2,60}\s+(?P<p>\d+(?:\.\d+)?)\s*分(?=\s|$|[（(]\d)")
_POINTS_ONLY = re.compile(r"^[（(]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?$")
# Points closing a criterion outside round brackets: `…，10分。`, `…。10分`, `………10分`, `…【10分】`.
_TRAILING = re.compile(
    r"(?:[，,。；;\s…·.]+(?P<p>\d+(?:\.\d+)?)\s*分|[【\[]\s*(?P<q>\d+(?:\.\d+)?)\s*分\s*[】\]])\s*[。；;]?\s*$"
)
_CAP = re.compile(r"[（(][^（）()]*\d+(?:\.\d+)?\s*分[^（）()]*[)）]\s*$")
_DEDUCTION = re.compile(r"减分|扣分")
# Points a criterion earns, written in the sentence: `…的得3分`, `完成的计2分` (not `不得`, not `得分`).
_EARNS = re.compile(r"(?<!不)(?:得|计|记)\s*(?P<p>\d+(?:\.\d+)?)\s*分")

# A rule that deducts without an amount of its own (`…按第1项的扣分标准追加扣分`): a deduction, points unknown.
_DEDUCTS_UNPRICED = re.compile(r"(?:追加|加倍|相应|酌情)扣分")
# A flattened page prints a scheme's paragraphs on one line: a marker after a space starts a new one.
# A page that lost its spaces too starts one right after a full stop or a points bracket: `…(5分)。未…。2.建立`.
_INLINE_MARKER = re.compile(
    r"\s+(?=[一二三四五六七八九十]{1,3}、|\d{1,2}、(?!\d)|[（(]\d{1,2}[)）]、?)"
    r"|(?<=[。；;)）_])(?=[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d))"
)
_BARE_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])$")
_BONUS = re.compile(r"加分|奖励分")
# A heading's name printed straight before its points, the first criterion running on after a space:
# `一、安全目标35分 1.安全工作方针…` (a flattened table's first cells).
_LEADING_TOTAL = re.compile(
    r"^(?P<name>[^\d\s，,。；;：:、（()）]{2,15}?)\s*(?P<p>\d+(?:\.\d+)?)\s*分(?:\s+(?P<rest>\S.*))?$"
)
# The sequence mark of a criterion printed without a number of its own (it is scored with seq "").
_UNNUMBERED = "\x00"


@dataclass(frozen=True)
class Scheme:
    """The scores and section totals found in one run of paragraphs."""

    scores: tuple[Score, ...]
    totals: tuple[tuple[str, float], ...]
    start: int | None = None  # index of the paragraph where the scheme begins, if it is prose


def section_kind(title: str) -> str:
    """`deduction`, `bonus` or `item` for a section title."""
    if _DEDUCTION.search(title[:12]):
        return "deduction"
    if _BONUS.search(title[:12]):
        return "bonus"
    return "item"


_CELL_TOTAL = re.compile(r"^(?P<name>[^|。；;，,：:]{2,30}?)\s*[（(]\s*(?P<p>\d+(?:\.\d+)?)\s*分\s*[)）]$")


def _cell_headings(text: str) -> list[str]:
    """A table row flattened with `|` cell marks whose first cells are section names with their totals
    (`火灾预防 (25分) | 源头管控 (5分) | 1、…(2分) |`): the sections as headings, then the row's other cells."""
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    if len(cells) < 2:
        return []
    heads = []
    for cell in cells:
        found = _CELL_TOTAL.match(cell)
        if not found:
            break
        heads.append((re.sub(r"\s", "", found.group("name")), found.group("p")))
    if not heads:
        return []
    rest = [c for c in cells[len(heads) :] if c]
    lines = [f"一、{heads[0][0]}({heads[0][1]}分)"] + [f"(一){name}({p}分)" for name, p in heads[1:]]
    return lines + rest[:1]  # the criterion cell; what follows it (考核方法, 备注) is not scored


# A point's number and its mark inside a flattened line (`…系統等2.定期…`), not a decimal or part of a larger number.
_POINT_NUMBER = re.compile(r"(?<![\d.．])(?P<n>\d+)[、.．](?!\d)\s*")


def _split_next(piece: str) -> list[str]:
    """A flattened `1.` point that runs into the next one without a stop (`…系統等2.定期…`): split before
    the next number in sequence, `2.`, when it is printed in the point's text (at least 4 characters on).
    The line is walked once: a figure that is not the next number (`不少于2次`, `12.`) is passed over."""
    line = parse_line(piece)
    if line.level != 3 or not line.number.isdigit():
        return [piece]
    out = []
    expected, cut, body = int(line.number) + 1, 0, len(piece) - len(line.body)
    for found in _POINT_NUMBER.finditer(piece, body):
        if found.group("n") != str(expected):
            continue
        if found.start() - body < 4:
            break
        out.append(piece[cut : found.start()])
        expected, cut, body = expected + 1, found.start(), found.end()
    return [*out, piece[cut:]]


_LEADING_POINTS = re.compile(r"^\s*(?P<p>[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）])\s*(?P<rest>\S.*)$", re.S)
_CARRIED_AT_LEAST = 2
_TOTAL_THEN_POINT = re.compile(r"^[一二三四五六七八九十]{1,3}、[^。]{1,20}?[（(]\s*\d+\s*分\s*[)）]\s*1[、.．](?!\d)")


def _points_carried(texts: list[str]) -> list[str]:
    """Lines that open with the points of the item above (`…领导小组。` / `(2分)2、制定…`, a page that broke each
    line before its points), at least twice: the points go back to the item they close."""
    if sum(1 for text in texts if _LEADING_POINTS.match(text)) < _CARRIED_AT_LEAST:
        return texts
    out: list[str] = []
    for text in texts:
        found = _LEADING_POINTS.match(text)
        if found is not None and out:
            out[-1] += found.group("p")
            text = found.group("rest")
        out.append(text)
    return out


def _paragraphs(texts: list[str]) -> tuple[list[str], list[int]]:
    """The scheme's paragraphs with the index of the text each comes from: a line holding several
    numbered paragraphs (a flattened page) is split at its markers, and a heading printed one cell per
    line (`一、` / `责任落实` / `(20分)`) is joined."""
    out: list[str] = []
    origin: list[int] = []
    texts = _points_carried(texts)
    for index, text in enumerate(texts):
        text = clean(text)
        # Rows of a flattened table rejoined as one paragraph are read row by row.
        rows = text.split("\n\n") if text.count("|") >= 2 else [text]
        for row in rows:
            # A heading's total run on into its first point (`二、基础建设:(24分)1、校园…`) is split however short.
            long = len(row) > 80 or _TOTAL_THEN_POINT.search(row) is not None
            pieces = _cell_headings(row) or (_INLINE_MARKER.split(row) if long else [row])
            if len(pieces) > 1:
                pieces = [part for piece in pieces for part in _split_next(piece)]
            for piece in pieces:
                out.append(piece)
                origin.append(index)
    joined: list[str] = []
    joined_origin: list[int] = []
    skip = 0
    for at, text in enumerate(out):
        if skip:
            skip -= 1
            continue
        nxt = out[at + 1 : at + 3]
        if _BARE_MARKER.match(text) and nxt and len(nxt[0]) <= 20 and not parse_line(nxt[0]).level:
            text, skip = text + nxt[0], 1
            if len(nxt) > 1 and _POINTS_ONLY.match(nxt[1]):
                text, skip = text + nxt[1], 2
        elif (
            nxt
            and _POINTS_ONLY.match(nxt[0])
            and parse_line(text).level
            and len(text) <= 30
            and not _AMOUNT.search(text)
        ):
            text, skip = text + nxt[0], 1  # `8.应急预案演练` / `(3分)`: an item's points in the cell below its name
        joined.append(text)
        joined_origin.append(origin[at])
    return joined, joined_origin


def _subtotal_heading(line: Line, following: str) -> tuple[str, float] | None:
    """(name, total) of a `1.` line that is only a short name and its total (`3.健康素养(15分)`) over a `(1)`
    point carrying its own points; None for any other line."""
    if line.level != 3:
        return None
    total = _TOTAL.search(line.body)
    name = line.body[: total.start()].strip() if total else ""
    if total is None or line.body[total.end() :].strip() or not 2 <= len(name) <= 20 or "。" in name:
        return None
    below = parse_line(following)
    if below.level != 4 or not _POINTS.search(simplified(below.body)):
        return None
    return name, _number(total.group("p") or total.group("q") or total.group("r"))


def scored_scheme(texts: list[str]) -> Scheme:
    """Scores and totals of numbered paragraphs under `一、…(20分)` style headings."""
    texts, origin = _paragraphs(texts)
    totals: list[tuple[str, float]] = []
    drafts: list[list[str]] = []  # [seq, section, kind, text, parent number]
    section, kind = "", "item"
    open_l2: tuple[Line, tuple[str, float] | None] | None = None  # a (一) heading not yet shown to have items
    section_at = 0
    parent = ""  # the number of the latest `1、` point
    under_parent: list[tuple[str, str]] = []  # (parent, number) of `(1)` points under `1、` points
    starts: list[int] = []  # per draft, where its section begins
    headed: set[str] = set()  # numbers of `3.健康素养(15分)` lines: subtotals over their `(1)…(4分)` points
    sub_section = ""  # the name of such a subtotal, for its points when no section heads them
    graded = False  # the latest `1.` point prints its points after its name: its `(1)…得1分` are grades
    inverted = False  # `(一)…(20分)` printed over `一、…` headings: the bracketed level is the outer one
    for index, text in enumerate(texts):
        line = parse_line(text)
        if (
            line.level == 2
            and not section
            and not drafts
            and _TOTAL.search(line.body)
            and index + 1 < len(texts)
            and parse_line(texts[index + 1]).level == 1
        ):
            inverted = True
        if inverted and line.level in (1, 2):
            line = Line(line.text, 3 - line.level, line.number, line.body)
        points_first = _POINTS_FIRST.match(text) if line.level == 0 else None
        if points_first is not None and open_l2 is not None and open_l2[1] is None:
            # `一、安全生产控制指标` / `20分 各类事故…`: a heading whose points open the next line is a scored item.
            heading = open_l2[0]
            number = heading.number if inverted else heading.seq
            drafts.append([number, section, kind, f"{heading.body}（{points_first.group('p')}分）", ""])
            open_l2 = None
            continue
        if line.level == 1:
            section_at = index
        while len(starts) < len(drafts):
            starts.append(section_at)
        if line.level in (1, 2):
            parent = ""
            _close_l2(open_l2, drafts, totals, section, kind)
            open_l2 = None
            m = _TOTAL.search(line.body)
            leading = _LEADING_TOTAL.match(line.body) if m is None else None
            if leading is not None:
                # `一、安全目标35分 1.安全…`: the heading ends at its points, its first criterion is the next paragraph.
                if leading.group("rest"):
                    texts.insert(index + 1, leading.group("rest"))
                    origin.insert(index + 1, origin[index])
                line = Line(
                    line.text, line.level, line.number, leading.group("name") + f"（{leading.group('p')}分）"
                )
                m = _TOTAL.search(line.body)
            rest = line.body[m.end() :] if m else ""
            criteria = list(_POINTS.finditer(rest)) if len(rest) > 20 else []
            if len(criteria) >= 2:
                # `一、…工作（该项指标为10分）。把…纳入…（2分）。完善…（3分）；`: the heading runs on into its
                # unnumbered criteria, each closed by its points.
                name = line.body[: m.start()].strip()  # type: ignore[union-attr]
                ends = [0, *(c.end() for c in criteria)]
                for begin, end in itertools.pairwise(ends):
                    drafts.append(
                        [_UNNUMBERED, name, section_kind(name), rest[begin:end].lstrip("。；;，,、 "), ""]
                    )
            elif (
                m
                and not rest.strip()
                and line.level == 1
                and "。" in line.body[: m.start()].strip().rstrip("。")
            ):
                # `一、健全工作机构。成立…工作站，有固定的办公场所。（5分）`: a sentence closed by its points is a
                # scored item of its own, not a section's heading.
                drafts.append([line.number, "", "item", line.body.strip(), ""])
                continue
            elif m:
                name = (line.body[: m.start()] + rest).strip()
            else:
                name = line.body.strip()
            # A cap printed with the heading (`加分项（最高加5分）`) is not part of the section's name.
            name = _CAP.sub("", name).strip().rstrip("。.：:")
            total = (name, _number(m.group("p") or m.group("q") or m.group("r"))) if m else None
            if total:
                totals.append(total)
            if line.level == 1:
                section, kind = name, section_kind(name)
            else:
                open_l2 = (line, total)
            continue
        subtotal = _subtotal_heading(line, texts[index + 1] if index + 1 < len(texts) else "")
        if subtotal is not None:
            # `3.健康素养(15分)` over `(1)…(4分)` `(2)…(3分)`: a subtotal over points numbered under it (`3(1)`).
            open_l2, parent, sub_section = None, line.number, subtotal[0]
            headed.add(parent)
            totals.append(subtotal)
            continue
        if line.level in (3, 4):  # `1.` items, and `(1)` items under a `(一)` subtotal
            open_l2 = None
            if line.level == 3:
                parent, sub_section = line.number, ""
                graded = _CELL_POINTS.match(simplified(line.body)) is not None
            elif graded and parent and _EARNS.search(simplified(line.body)):
                continue  # `12、应急指挥中心情况 3分` / `(1)…的,得1分`: a grade of the item's points, not an item
            elif parent:  # `(1)` under `1、`: the number is the parent's and its own (`1(1)`)
                under_parent.append((parent, line.number))
            drafts.append([line.seq, section or sub_section, kind, line.body, parent if line.level == 4 else ""])
        elif drafts and _POINTS_ONLY.match(clean(text)):
            drafts[-1][3] += clean(text)  # `(3分)` printed on a line of its own
        elif line.level == 0 and drafts:
            drafts.append(["", "", "", "", ""])  # unnumbered text ends the item
    _close_l2(open_l2, drafts, totals, section, kind)
    while len(starts) < len(drafts):
        starts.append(section_at)
    scores = []
    first: int | None = None
    # `(1)` numbered again under a second `1、` point: each carries its parent's number.
    restarts = len({p for p, n in under_parent if number_value(n) == 1}) >= 2
    for (seq, sec, knd, body, above), at in zip(drafts, starts, strict=True):
        if not seq:
            continue
        seq = above + seq if (restarts or above in headed) and above else "" if seq == _UNNUMBERED else seq
        if knd == "item":
            plain = simplified(body)  # `…，計4分` in a traditional-character repost
            found = (
                # `…得分(0.3分),满分1.2分。`: what the item is worth in all, else its points in brackets
                list(FULL_MARKS.finditer(plain))[-1:]
                or list(_POINTS.finditer(plain))
                # `应急指挥中心情况 3分(1)…得1分`: the points printed after the item's name, before its grades
                or list(_CELL_POINTS.finditer(plain))[:1]
                or list(_EARNS.finditer(plain))[:1]
                or list(_STARRED.finditer(plain))[:1]
            )
            deducts = _DEDUCTS.search(plain)
            bonus = BONUS.search(plain) if not found and not deducts else None
            if bonus is not None:  # a bonus rule among them, no 加分 heading above: `…认可推广的，加2分`
                scores.append(Score(seq, sec, body, _number(bonus.group("p")), "bonus"))
                first = at if first is None else min(first, at)
                continue
            if not found and not deducts:  # a rule that deducts keeps its kind whatever closes it
                found = list(_TRAILING.finditer(body))
            if not found and deducts:  # a deduction rule among scored items: `未制定…的，扣1分`
                scores.append(Score(seq, sec, body, _number(deducts.group("p")), "deduction"))
                first = at if first is None else min(first, at)
                continue
            if not found and _DEDUCTS_UNPRICED.search(body):
                scores.append(Score(seq, sec, body, None, "deduction"))
                continue
            if not found:
                continue
            points: float | None = _number(next(v for v in found[-1].groupdict().values() if v))
        else:
            amount = _AMOUNT.search(body)
            points = _number(amount.group("p")) if amount else None
        scores.append(Score(seq, sec, body, points, knd))
        first = at if first is None else min(first, at)
    midline_totals(texts, scores, totals)
    if not scores and not totals:
        return Scheme(article_scores(texts), ())
    return Scheme(tuple(scores), tuple(totals), origin[first] if first is not None else None)


def _close_l2(
    open_l2: tuple[Line, tuple[str, float] | None] | None,
    drafts: list[list[str]],
    totals: list[tuple[str, float]],
    section: str,
    kind: str,
) -> None:
    """A `(一)…(5分)` paragraph with no numbered items under it is a scored item, not a subtotal."""
    if open_l2 is None:
        return
    line, total = open_l2
    if total is not None and _is_sentence(line.body):
        totals.remove(total)
        drafts.append([line.seq, section, kind, line.body, ""])
    elif total is None and kind != "item":
        drafts.append([line.seq, section, kind, line.body, ""])  # a deduction or bonus rule
    elif (
        total is None
        and section
        and _DEDUCTS.search(line.body)
        and (_is_sentence(line.body) or line.body.endswith(("。", "；", ";")))
    ):
        # `(一)认真落实…，未做到的扣2分。` under `一、工作目标（30分）`: a rule that deducts, not a heading.
        drafts.append([line.seq, section, kind, line.body, ""])


def _is_sentence(body: str) -> bool:
    """A paragraph that states something (long, or more than one sentence), not a heading's name."""
    return len(body) > 40 or "。" in body.rstrip("。")


def is_scheme(scheme: Scheme) -> bool:
    """Whether a run of paragraphs is a scored scheme rather than prose that mentions points."""
    return sum(1 for s in scheme.scores if s.kind == "item") >= 2 or (
        bool(scheme.totals) and len(scheme.scores) >= 1
    )


# `应得分` (the points due) beside `实得分` (the points given), which is not the item's value.
_POINT_HEADER = re.compile(r"分值|分数|标准分|标准得分|基准分|满分|权重|应得分|^分$")
_TEXT_HEADER = re.compile(r"内容|要点|标准|指标|事项|要求|任务")
_SECTION_HEADER = re.compile(r"项目|专案|类别|类型|一级|考核项")  # 專案: 项目 in a Taiwan-style repost
_RULE_HEADER = re.compile(r"^(?:评分|考核|考评|扣分)(?:标准|细则|办法)$")


def _content_merged(rows: tuple[tuple[str, ...], ...], text_col: int, rule_col: int, points_col: int) -> bool:
    """Whether some row has its own points and rule but no content: the content cell spans several rows."""
    width = max(text_col, rule_col, points_col) + 1
    for row in rows:
        cells = [clean(c) for c in row] + [""] * width
        if not cells[text_col] and cells[rule_col] and re.search(r"\d", cells[points_col]):
            return True
    return False


# A criterion's own points at its end: `…做到制度上墙。(2.5)`, `…(2分)`.
_OWN_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*[。.；;]?\s*$")


def _names_with_totals(rows: tuple[tuple[str, ...], ...], column: int) -> bool:
    """Whether a points column holds names with their totals (`责任意识(10分)`), not bare values."""
    cells = [
        re.sub(r"\s", "", clean(row[column])) for row in rows if column < len(row) and clean(row[column])
    ]
    named = [
        c for c in cells if re.search(r"[\u4e00-\u9fa5]{2}.*\d", c) and not re.fullmatch(r"[\d.]+分?", c)
    ]
    return bool(cells) and len(named) * 2 > len(cells)


_SUBSECTION_HEADER = re.compile(r"二级")
# A rule's deduction, also when a cut page stops right after its amount (`…专项资金的，扣10`).
# A scrambled page may print the decimal point as a full stop: `每有 1 人扣 0。5 分`.
_RULE_DEDUCTS = re.compile(r"扣(?:分)?\s*(?P<p>\d+(?:[.。]\d+)?)\s*(?:分|$)")


def _unmarked(name: str) -> str:
    """A section's name without the number marker printed before it (`1、安全目标` → 安全目标)."""
    line = parse_line(name)
    return line.body.strip() if line.level and line.body.strip() else name


def _amount(text: str) -> float:
    """A printed amount as a number, a full stop taken for the decimal point (`0。5`)."""
    return _number(text.replace("。", "."))


# A label waiting for its value: `被考核人:`, `考核日期：`.
_FILL_IN = re.compile(r"[^，,。；;：:]{1,12}[:：]")
# A column of kinds beside the criteria (`减分项` / `加分项` merged down their rows): the rows' kind, not items.
_KIND_CELL = re.compile(r"^(?:减分|扣分|加分|奖励|否决|一票否决)(?:项|项目)?$")


def _sub_header(heads: list[str], row: tuple[str, ...]) -> list[str]:
    """A second header row of short names under the first (`一级要素 | 二级要素`), or []."""
    if any(h.endswith((":", "：")) for h in heads):
        return []  # the first row is a form's fill-in line (`被考核单位:`), not a header over this one
    cells = [re.sub(r"\s", "", simplified(clean(c))) for c in row]
    filled = [c for c in cells if c]
    if len(filled) < 2 or any(re.search(r"\d|[，,。；;：:]", c) or len(c) > 8 for c in filled):
        return []
    return cells if _SECTION_HEADER.search("".join(filled)) or re.search(r"[一二]级", "".join(filled)) else []


def _own_item(cells: list[str], sec_col: int | None, text_col: int, points_col: int) -> bool:
    """Whether a numbered `1、…` cell in the section column is a scored item of its own: it prints no total,
    its row has its points, and its content is one criterion (the rows of a table cut from its `二、` rows)."""
    if sec_col is None or _TOTAL.search(cells[sec_col]) or not re.search(r"\d", cells[points_col]):
        return False
    return sum(1 for n, _ in _criteria(cells[text_col]) if n) < 2


_CJK = re.compile(r"[\u4e00-\u9fa5]")


def _columns_by_content(
    rows: tuple[tuple[str, ...], ...], heads: list[str], points_col: int | None, text_col: int | None
) -> tuple[int | None, int | None]:
    """The points and text columns of a table whose header does not name them (a garbled `m` over the 分值 cells,
    `着重方面` over the criteria): the points column is one with no Chinese header whose cells are nearly all small
    bare numbers; the text column the one with the longest texts, besides the numbering and the sections."""
    width = len(heads)
    if (
        len(rows) < 3
        or any(BARE_POINTS.match(h) for h in heads)
        or sum(bool(_CJK.search(h)) for h in heads) < 2
    ):
        return points_col, text_col  # not a header row: a data row, or no header at all
    columns = [[clean(row[i]) for row in rows if i < len(row) and clean(row[i])] for i in range(width)]
    texty = [bool(cells) and sum(map(len, cells)) / len(cells) >= 8 for cells in columns]
    if points_col is None:
        for index, cells in enumerate(columns):
            # `-2` beside a deduction, `+1` beside a bonus: a signed value is still the row's points.
            numbers = [
                _amount(re.sub(r"\s|分", "", c.lstrip("-－+＋"))) for c in cells if BARE_POINTS.match(c.lstrip("-－+＋"))
            ]
            # A 序号 column without its header word (`01`, `02` …) or a sub-numbering (`1.1`, `1.2`): no points.
            numbered = bool(numbers) and numbers == list(
                range(int(numbers[0]), int(numbers[0]) + len(numbers))
            )
            dotted = any(not float(n).is_integer() for n in numbers) and sorted(numbers) == numbers
            if (
                not _CJK.search(heads[index])
                and any(texty[:index])  # the points follow what they are for
                and not numbered
                and not dotted
                and len(numbers) >= 3
                and all(n <= 100 for n in numbers)
                and len(numbers) * 5 >= len(cells) * 4
            ):
                points_col = index
                break
    if text_col is None and points_col is not None:
        ruled_out = {points_col} | {
            i for i, h in enumerate(heads) if h in ("序号", "编号") or _SECTION_HEADER.search(h)
        }
        lengths = {
            i: sum(map(len, cells)) / len(cells)
            for i, cells in enumerate(columns)
            if cells and i not in ruled_out and not any(BARE_POINTS.match(c) for c in cells[:3])
        }
        best = max(lengths, key=lambda i: lengths[i], default=None)
        text_col = best if best is not None and lengths[best] >= 8 else None
    return points_col, text_col


# Points printed as a loss: `-5`, `每次-5分`, `－2分/处`.
_MINUS = re.compile(r"(?<![\d.％%])[-－–—]\s*\d")


def _graded_rules(cell: str, seq: str, section: str) -> list[Score]:
    """The numbered rules of a 评分标准 cell that each name the points they are worth (`(1)…,满分2.5分。`), numbered
    under their row (`1(1)`)."""
    out = []
    for number, text in _criteria(cell):
        point = parse_line(text) if not number else None
        if point is not None and point.level == 4:
            number, text = point.number, point.body
        score = score_of_criterion(number, section, text) if number else None
        if score is not None and score.kind == "item":
            out.append(Score(f"{seq}({number})" if seq else number, section, text, score.points, "item"))
    return out


def _named_column(rows: tuple[tuple[str, ...], ...], text_col: int, seq_col: int | None) -> int | None:
    """The column next left of the criteria (past the 序号) when its cells, where printed, are short names
    (`机构建设`), not numbers."""
    index = next((i for i in range(text_col - 1, -1, -1) if i != seq_col), None)
    if index is None:
        return None
    cells = [clean(row[index]) for row in rows if index < len(row) and clean(row[index])]
    named = len(cells) >= 2 and all(len(c) <= 12 and not re.search(r"\d|[，,。；;]", c) for c in cells)
    return index if named else None


def _priced_column(rows: tuple[tuple[str, ...], ...], heads: list[str]) -> int | None:
    """A column without a header word the table names points by whose cells are nearly all `N分`, on most rows."""
    for index, head in enumerate(heads):
        if index == 0 or _TEXT_HEADER.search(head) or _SECTION_HEADER.search(head) or head in ("序号", "编号"):
            continue
        cells = [clean(row[index]) for row in rows if index < len(row) and clean(row[index])]
        priced = [c for c in cells if re.fullmatch(r"\d{1,3}(?:\.\d+)?\s*分", c)]
        if len(priced) >= 3 and len(priced) * 5 >= len(cells) * 4 and len(cells) * 3 >= len(rows) * 2:
            return index
    return None


def _deduction_column(heads: list[str], rows: tuple[tuple[str, ...], ...]) -> int | None:
    """A `扣分` column whose cells print the amounts a rule deducts (`15`, `10-20`), not a blank for the inspector."""
    for index, head in enumerate(heads):
        if head not in ("扣分", "扣分值", "扣分分值", "应扣分"):
            continue
        cells = [clean(row[index]) for row in rows if index < len(row) and clean(row[index])]
        amounts = [c for c in cells if re.fullmatch(r"\d+(?:\.\d+)?(?:\s*[-－~～至]\s*\d+(?:\.\d+)?)?\s*分?", c)]
        if len(amounts) >= 3 and len(amounts) * 4 >= len(cells) * 3:
            return index
    return None


def _realigned(
    rows: tuple[tuple[str, ...], ...], seq_col: int | None, text_col: int
) -> tuple[tuple[str, ...], ...]:
    """Rows a flattened page printed without their empty first cell (`1 | 制定…标准。 | 15 | 5 | |` under
    `类别 | 序号 | 评分指标 | 扣分 | 调整分`): each moved back under its header, a blank first."""
    if not seq_col or text_col != seq_col + 1:
        return rows
    def short_of_one(row: tuple[str, ...]) -> bool:  # `1 | …` with an empty last cell to spare
        return len(row) > text_col and bool(re.fullmatch(r"\d{1,3}", clean(row[0]))) and not clean(row[-1])

    numbered = sum(1 for row in rows if row and re.fullmatch(r"\d{1,3}", clean(row[0])))
    long = sum(1 for row in rows if short_of_one(row) and len(clean(row[seq_col])) > 8)
    if long < 3 or long * 3 < numbered * 2:
        return rows
    return tuple(("", *row[:-1]) if short_of_one(row) else row for row in rows)


def _merged_totals(
    rows: tuple[tuple[str, ...], ...], name_col: int, points_col: int, rule_col: int
) -> Scheme | None:
    """`三级指标 | 分值 | 评分标准` with the name and 分值 merged down a group of rows (`防震减灾 | 10`) and each
    评分标准 opening with its own name and points (`落实领导责任(1分)。…`): the 分值 totals the group, each rule
    is a scored item. None when the table is not laid out so."""
    width = max(name_col, points_col, rule_col) + 1
    filled = [[clean(c) for c in row] + [""] * width for row in rows]
    ruled = [cells for cells in filled if cells[rule_col]]
    valued = [cells for cells in ruled if cells[points_col]]
    named = [cells for cells in ruled if NAMED_POINTS.match(simplified(cells[rule_col]))]
    if len(ruled) < 3 or len(valued) * 2 > len(ruled) or len(named) * 3 < len(ruled) * 2:
        return None
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    section = ""
    for cells in filled:
        if cells[name_col]:
            section = re.sub(r"\s", "", cells[name_col])
            value = re.fullmatch(r"\d+(?:\.\d+)?", cells[points_col])
            if value and section not in dict(totals):
                totals.append((section, _number(value.group())))
        found = NAMED_POINTS.match(simplified(cells[rule_col]))
        if found:
            scores.append(Score("", section, cells[rule_col], _number(found.group("p")), "item"))
    return Scheme(tuple(scores), tuple(totals))


def table_scheme(rows: tuple[tuple[str, ...], ...]) -> Scheme:
    """Scores of a scoring table with a points column (分值)."""
    for start, header in enumerate(rows[:5]):
        # `应得(扣)分`: a bracketed aside inside a header word is no part of it.
        heads = [
            re.sub(r"[（(][^（）()]{1,3}[)）](?=.)", "", re.sub(r"\s", "", simplified(clean(c))))
            for c in header
        ]
        sub_head = _sub_header(heads, rows[start + 1] if start + 1 < len(rows) else ())
        # `考评要素` over `一级要素 | 二级要素`: the second row names the merged first cell's columns.
        if sub_head:
            heads = [h + s for h, s in zip(heads, sub_head + [""] * len(heads), strict=False)]
        valued = [i for i, h in enumerate(heads) if _POINT_HEADER.search(h)]
        # `扣分` over amounts (`15`, `10-20`): a deduction standard's points; over blanks, the inspector's column.
        deducting = None if valued else _deduction_column(heads, rows[start + 1 :])
        if deducting is not None:
            valued = [deducting]
        # `总分` merged down a section beside a column of `8分`, `4分` whose header a scan garbled (`考核俪W`).
        priced = _priced_column(rows[start + 1 :], heads) if not valued else None
        if priced is not None:
            valued = [*(i for i, h in enumerate(heads) if h == "总分" and i > priced), priced]
        points_col = valued[0] if valued else None
        # `分值` merged over a section's rows beside `单项分值` on every row: the first totals the section.
        total_col = None
        if len(valued) >= 2:
            counts = {
                i: sum(1 for row in rows[start + 1 :] if i < len(row) and clean(row[i])) for i in valued
            }
            best = max(valued, key=lambda i: (counts[i], i))
            if counts[best] > counts[valued[0]]:
                points_col, total_col = best, valued[0]
        # The criteria's column: `评定内容` rather than the `一级指标`/`二级指标` columns that name their sections.
        texts = [i for i, h in enumerate(heads) if _TEXT_HEADER.search(h) and i != points_col]
        text_col = next(
            (
                i
                for i in texts
                if not (_SECTION_HEADER.search(heads[i]) or _SUBSECTION_HEADER.search(heads[i]))
            ),
            texts[0] if texts else None,
        )
        rule_col = next((i for i, h in enumerate(heads) if _RULE_HEADER.search(h) and i != points_col), None)
        if (
            points_col is not None
            and text_col is not None
            and rule_col is not None
            and _content_merged(rows[start + 1 :], text_col, rule_col, points_col)
        ):
            # A 考评内容 merged down rows that each have their own 分值 and 评分标准: each row is its rule.
            text_col = rule_col
        if points_col is not None and text_col is not None and rule_col is not None:
            merged = _merged_totals(rows[start + 1 :], text_col, points_col, rule_col)
            if merged is not None:
                return merged
        if points_col is None or text_col is None:
            points_col, text_col = _columns_by_content(rows[start + 1 :], heads, points_col, text_col)
        if points_col is None or text_col is None:
            continue
        seq_col = next((i for i, h in enumerate(heads) if h in ("序号", "编号")), None)
        data_rows = _realigned(rows[start + 1 :], seq_col, text_col)
        deduction_text = "扣分" in heads[text_col]  # the criteria are deduction rules (扣分标准)
        named_points = _names_with_totals(rows[start + 1 :], points_col) and bool(
            _SECTION_HEADER.search(heads[points_col])
        )
        sec_col = next((i for i, h in enumerate(heads) if _SECTION_HEADER.search(h) and i != text_col), None)
        if sec_col is None and total_col is not None:
            # `序号 | 考核内容 | 考核标准 | 分值 | 总分`: the short names beside the criteria head the sections 总分 totals.
            sec_col = _named_column(data_rows, text_col, seq_col)
        scores: list[Score] = []
        totals: list[tuple[str, float]] = []
        section = ""
        carried = ""
        spanning = False  # a section row spanning the table was seen
        subsection = ""
        sub_col = next(
            (i for i, h in enumerate(heads) if _SUBSECTION_HEADER.search(h) and i not in (sec_col, text_col)),
            None,
        )
        # A section header over two columns whose second has no header of its own names each row's item.
        item_col = (
            sec_col + 1
            if sec_col is not None
            and sec_col + 1 < len(heads)
            and not heads[sec_col + 1]
            and sec_col + 1 not in (text_col, points_col)
            else None
        )
        data = data_rows[bool(sub_head) :]
        kind_col = None
        if item_col is not None:
            kinds = [
                re.sub(r"\s", "", clean(r[item_col]))
                for r in data
                if item_col < len(r) and clean(r[item_col])
            ]
            if kinds and all(_KIND_CELL.match(k) for k in kinds):
                kind_col, item_col = item_col, None  # `减分项` / `加分项`: the kind of the rows beside
        row_kind = ""
        per_row_sections = (
            sec_col is not None
            and len(data) >= 2
            and all(
                sec_col < len(row) and clean(row[sec_col])
                for row in data
                if points_col < len(row) and clean(row[points_col])
            )
        )
        # `序号 | 项目 | 标准分 | 考核内容` with a 项目 of its own on every row, none merged, none totalled: the
        # 项目 names the row's item (`安全组织机构`), it heads no section.
        row_names = [clean(row[sec_col]) for row in data if sec_col is not None and sec_col < len(row)]
        named_rows = (
            sec_col is not None
            and sec_col < text_col
            and len(data) >= 3
            and all(row_names)
            and len(set(row_names)) == len(row_names)
            and not any(_TOTAL.search(n) or parse_line(n).level for n in row_names)
            # a 项目 whose cell lists several numbered criteria heads them: a section with its total
            and not any(
                sum(1 for n, _ in _criteria(clean(row[text_col]))) >= 2 for row in data if text_col < len(row)
            )
        )
        for index, row in enumerate(data, start=1):
            cells = [clean(c) for c in row] + [""] * len(heads)
            filled = [c for c in cells if c]
            heading = parse_line(filled[0]) if len(filled) == 1 else None
            if heading is not None and heading.level in (1, 2):
                # A section row spanning the table: `一、安全责任（30分）`.
                m = _TOTAL.search(heading.body) or GLUED_TOTAL.search(heading.body)  # `二、驾驶员考评30分`
                section = (heading.body[: m.start()] if m else heading.body).strip().rstrip("。.：:")
                spanning = True
                if m:
                    totals.append((section, _number(next(v for v in m.groups() if v and v[0].isdigit()))))
                continue
            sub = parse_line(cells[sec_col]) if sec_col is not None and cells[sec_col] else None
            lead = item_col if item_col is not None and item_col < text_col else text_col
            if named_rows and sec_col is not None:
                lead, sub = sec_col, None  # the row's own name opens its item; no section
            elif sub is not None and sub.level == 2 and spanning:
                # `(一)落实…责任制` under a spanning `一、综合考核` row: a subsection, the section stays.
                subsection = re.sub(r"[（(]?\s*\d+(\.\d+)?\s*分\s*[)）]?", "", sub.body).strip()
            elif (
                sub is not None
                and sec_col is not None
                and (
                    sub.level == 3
                    and (spanning or _own_item(cells, sec_col, text_col, points_col))
                    # `一、预防森林火灾发生 | 40 | 标准…` on every row, none spanning: each row is its own item
                    or sub.level == 1
                    and not spanning
                    and per_row_sections
                    and _own_item(cells, sec_col, text_col, points_col)
                )
            ):
                lead = sec_col  # `1、…` under a spanning `二、…` row: the column names the row's item
            elif sec_col is not None and cells[sec_col]:
                subsection = ""
                named = re.sub(r"[（(]?\s*\d+(\.\d+)?\s*分\s*[)）]?", "", cells[sec_col]).strip()
                # `1、安全目标（50分）`: a section's name is printed after its marker
                section = _unmarked(named)
                m = _TOTAL.search(cells[sec_col])
                if m and section and section not in dict(totals):  # `安全责任（20分）` in the item column
                    totals.append((section, _number(m.group("p") or m.group("q") or m.group("r"))))
                glued = None if m else GLUED_TOTAL.search(cells[sec_col])
                if glued and section and section not in dict(totals):  # `安全目标50分` in a narrow column
                    totals.append((section, _number(glued.group("p"))))
                value = re.fullmatch(r"(\d+(?:\.\d+)?)\s*分?", cells[total_col]) if total_col is not None else None
                if value and section and section not in dict(totals):
                    totals.append((section, _number(value.group(1))))
            if sub_col is not None and cells[sub_col]:  # `工作方案 (10分)` in a 二级 column: a subtotal
                m = _TOTAL.search(cells[sub_col])
                name = re.sub(r"\s", "", cells[sub_col][: m.start()] if m else "").strip("。.：:")
                if m and name and name not in dict(totals):
                    totals.append((name, _number(m.group("p") or m.group("q") or m.group("r"))))
            text = cells[text_col]
            if not text or SUM_ROW.fullmatch(re.sub(r"\s", "", simplified(text))):
                continue  # the 合计 row sums the table: not an item
            if BARE_POINTS.match(text) and lead == text_col:
                continue  # a row whose criterion the page lost, its points left in its place
            if _KIND_CELL.match(re.sub(r"\s", "", text)) and not cells[points_col]:
                row_kind = section_kind(text)  # `减分项` / `加分项` on a row of its own: the kind of the rows below
                continue
            if _FILL_IN.fullmatch(text.strip()):
                continue  # the form's signature line (`被考核人:`), not an item
            numbered = [(n, t) for n, t in _criteria(text) if n]
            # Criteria that carry their own points (`…，计3分`) are the items; the rule column only explains them.
            own_points = any(
                (own := score_of_criterion(n, section, t)) is not None and own.kind == "item"
                for n, t in numbered
            )
            row_seq = cells[seq_col] if seq_col is not None and cells[seq_col] else ""
            graded = (
                _graded_rules(cells[rule_col], row_seq, section)
                if rule_col is not None and rule_col != text_col
                else []
            )
            if len(graded) >= 2:
                # `地震监测方面情况 | 4分 | (1)…满分2.5分。(2)…满分1分。`: the rules are the items, the 分值 totals them.
                value = re.search(r"\d+(?:\.\d+)?", cells[points_col])
                if value and len(text) <= 20 and text not in dict(totals):
                    totals.append((text, _number(value.group())))
                scores += graded
                continue
            if rule_col is not None and rule_col != text_col and not own_points:
                # The 评分标准 beside a criterion: its numbered `…的，扣10分` are the deduction rules.
                rules = [
                    Score(n, section, t, _amount(d.group("p")), "deduction")
                    for n, t in _criteria(cells[rule_col])
                    if n and (d := _RULE_DEDUCTS.search(t)) is not None
                ]
                value = re.search(r"\d+(?:\.\d+)?", cells[points_col])
                name = re.sub(r"\s", "", cells[item_col]) if item_col is not None else ""
                if rules and value and 2 <= len(name) <= 20 and name not in dict(totals):
                    # `考核项目` over two columns (安全生产管理情况 | 安全责任制): the row's 应得分 totals its item.
                    totals.append((name, _number(value.group())))
                    scores += rules
                    continue  # the row is its rules and its total, not a scored item besides
                scores += rules
            if deduction_text and numbered and any(_RULE_DEDUCTS.search(t) for _, t in numbered):
                # `项目 | 分值 | 扣分标准`: the 扣分标准 cell's numbered rules deduct, the 分值 totals the item.
                value = re.search(r"\d+(?:\.\d+)?", cells[points_col])
                if value and section and section not in dict(totals):
                    totals.append((section, _number(value.group())))
                scores += [
                    Score(n, section, t, _amount(d.group("p")), "deduction")
                    for n, t in numbered
                    if (d := _RULE_DEDUCTS.search(t)) is not None
                ]
                continue
            if len(numbered) >= 2:
                # Several numbered rules in one cell: each is an entry, the row's 分值 totals its item.
                value = re.search(r"\d+(?:\.\d+)?", cells[points_col])
                # Its item is the subsection, else the section named in this row's own cell (`组织领导 | 5分`).
                owner = subsection or (section if sec_col is not None and cells[sec_col] else "")
                if value and owner and owner not in dict(totals):
                    totals.append((owner, _number(value.group())))
                scores += [s for n, t in numbered if (s := score_of_criterion(n, section, t)) is not None]
                continue
            if kind_col is not None and cells[kind_col]:
                row_kind = section_kind(re.sub(r"\s", "", cells[kind_col]))
            kind = row_kind or section_kind(section + text[:6])
            if deducting is not None or _MINUS.search(cells[points_col]):
                kind = "deduction"  # a 扣分 column, or points printed as a loss: `每次-5分`
            amount = re.search(r"\d+(?:\.\d+)?", cells[points_col])
            if named_points:  # `责任意识(10分)` in a 项目分值 column: the criterion prints its own `(2.5)`
                amount = _OWN_POINTS.search(text)
            points = _number(amount.group(1) if named_points else amount.group()) if amount else None
            if points is None and kind != "item":
                found = _AMOUNT.search(" ".join(cells))  # the rule column says 每起扣10分
                points = _number(found.group("p")) if found else None
            elif points is None and _DEDUCTS.search(text):  # a row without points that deducts: a rule
                kind, points = "deduction", _number(_DEDUCTS.search(text).group("p"))  # type: ignore[union-attr]
            if seq_col is not None and cells[seq_col]:
                carried = cells[seq_col]
            # A 序号 merged down a group's rows numbers each of them; without a 序号 column, the row's place.
            seq = carried if seq_col is not None and carried else str(index)
            if lead == sec_col and sub is not None:
                seq, cells[lead] = sub.number, sub.body  # the item's number is its seq, not its text
            # The row is read from its item's cell on (`安全台帐 | 5 | 基础资料齐全…`), as it is printed.
            row_text = " ".join(c for c in cells[lead : len(heads)] if c) if lead != text_col else text
            criterion = parse_line(row_text) if lead == text_col and total_col is not None else None
            if criterion is not None and criterion.level in (3, 4):  # `1.按要求…`, `(1)…` under row 1: `1、1`
                seq, row_text = (f"{seq}、{criterion.number}" if seq else criterion.number), criterion.body
            marked = (
                parse_line(row_text) if lead == text_col and seq_col is None and total_col is None else None
            )
            # No 序号 column: the criterion's own number is its seq.
            if marked is not None and marked.level == 3:
                seq, row_text = marked.number, marked.body
            if lead == text_col:  # `交通责任事故率 | 30分 | 每增0.01次/车,扣5分`: the rule beside the item is read with it
                rest = (c for at, c in enumerate(cells[: len(heads)]) if at > text_col and at != points_col)
                row_text = " ".join(c for c in (row_text, *rest) if c)
            # `基 础 分 项`: a narrow cell spaces its characters out
            section = re.sub(r"(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])", "", section)
            scores.append(Score(seq, section, row_text, points, kind))
        return Scheme(tuple(scores), tuple(totals))
    return Scheme((), ())
