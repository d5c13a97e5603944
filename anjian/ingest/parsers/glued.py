"""Scoring tables a document-sharing site's preview glued into one run of text, cells and rows without a break.

`项目考核内容标准分自评分审核得分一、有领导负责(15分)1.成立…工作方案。52.乡镇…` is a table 项目 | 考核内容 | 标准分
| 自评分 | 审核得分 whose rows lost every separator: a section prints its total (`(15分)`) and is followed by its
first row's number, each row's text runs into its 标准分 (`。5`) and the next row's number (`2.`). Without a
points column (`项目序号评分内容评分标准得分`), each row's rule prices it (`…的扣2分2确定…`). The preview is cut into
numbered chunks (`1、…`, `2、…`) at arbitrary places: they are joined back first. Rows are found by counting:
only the next number in order opens a row, so a figure inside a rule (`不少于2次`) does not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace

from anjian.ingest.numerals import points_value as _number
from anjian.ingest.parsers.assessment import section_kind
from anjian.ingest.parsers.criteria import score_of_criterion
from anjian.ingest.parsers.hanzi import printed_form, simplified
from anjian.ingest.records import Score

# Header words of a scoring table, two or more glued together (`项目考核内容标准分自评分审核得分`).
_HEADER_WORD = (
    r"标准分|分值|自评得分|自评分|审核得分|考核得分|实得分|得分|扣分情况|扣分|备注"
    r"|(?:考核|考评|评分|赋分|工作|检查|验收|基本)?(?:项目|序号|内容|标准|细则|办法|方法|指标|要求|要点|原则)|类别"
)
_HEADER = re.compile(rf"(?:{_HEADER_WORD}){{3,}}")
_POINTS_WORD = re.compile(r"(?<!评分)标准得?分|分值")
# A header whose points column stands between text columns (`序号项目标准分考核内容…`, `序号检查内容分值评分标准`):
# each row prints its points after its first text cell, not at its end.
_POINTS_INSIDE = re.compile(r"(?:(?<!评分)标准得?分|分值|应得分)(?=.*?(?:内容|标准|细则|办法|方法|要求|原则))")
# A preview chunk's number at the start of a paragraph (`2、全制度和…`).
_CHUNK = re.compile(r"^\s*(?P<n>\d{1,2})\s*、")
# A section's total followed by its first row: `有领导负责(15分)1.成立`.
_SECTION_TOTAL = re.compile(
    r"[（(]\s*(?P<p>\d{1,3}(?:\.\d+)?)\s*分\s*[)）](?=\s*1(?:[.．、]|[\u4e00-\u9fa5]))"
)
# Characters that end what comes before a section's name (the previous row's rule or points).
_BEFORE_NAME = re.compile(r"[。；;，,：:!！?？)）\]】\d分]")
_LEVEL_ONE = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
# A figure, not a row number: `2分`, `4次`, `30%`.
_MEASURE_AFTER = "分个次人年月日项条处家名%％份天周季度元万倍"
_MIN_BODY = 60
_PREVIEW = re.compile(r"文档编号|由会员分享|资源描述|免费在线阅读|上传人[:：]")
_PAGE_MARK = re.compile(r"[-—－]\d{1,3}[-—－]")
_POINTS = r"\d{1,2}(?:\.\d)?"


def _joined(texts: list[str]) -> tuple[str, int, int, bool] | None:
    """The glued run of text from the paragraph that opens a glued scoring table (its header words glued, or a
    preview's first chunk holding sections numbered like their rows), with the preview's numbered chunks after it
    joined back; the index of that paragraph, where the rows may start, and whether a points column is named.
    None when there is none."""
    # A reader may have joined the chunks as lines of one paragraph: each line is looked at on its own.
    lines = [(index, line) for index, text in enumerate(texts) for line in text.split("\n") if line.strip()]
    for at, (index, text) in enumerate(lines):
        compact = re.sub(r"\s", "", simplified(text))
        chunk = _CHUNK.match(compact)
        header = _HEADER.search(compact)
        if header is None and chunk is None:
            continue
        pieces = [compact]
        expected = int(chunk.group("n")) + 1 if chunk else None
        for _, following in lines[at + 1 :]:
            found = _CHUNK.match(following)
            if expected is None or found is None or int(found.group("n")) != expected:
                break
            pieces.append(re.sub(r"\s", "", simplified(following[found.end() :])))
            expected += 1
        if chunk is None and header is not None and header.end() + _MIN_BODY > len(compact):
            # The glued header on a line of its own, a glued row a line (`1消防规划编制10所有的…`): rows 1, 2, 3…
            # in order are joined to it.
            for row, (_, following) in enumerate(lines[at + 1 :], start=1):
                line = re.sub(r"\s", "", simplified(following))
                if not re.match(rf"{row}(?=[{_HAN}])", line):
                    break
                pieces.append(line)
        run = _PAGE_MARK.sub("", "".join(pieces))  # `…实地检查系统-3-2、…`: the page's number, not text
        if header is not None and len(run) - header.end() >= _MIN_BODY:
            return run, index, header.end(), bool(_POINTS_WORD.search(header.group()))
        if len(_numbered_sections(run, 0)) >= 2:
            return run, index, 0, True
        if chunk is not None and len(_SECTION_TOTAL.findall(run)) >= 2 and _TOP_HEADING.search(run):
            # `一、组织领导(14分)组织机构(5分)1、…(2分)`: headed sections, no header
            return run, index, 0, False
    # A preview page whose chunks the reader already cut at their headings: the page's text after the site's
    # notice, run together again, when it holds headed sections.
    # Without the notice (a rendering that left the site's lines out), from the paragraph that opens with the first
    # chunk's number and the scheme's title (`1、 平安校园建设考核评估细则`), the first chunk cut from the rest.
    notice = next((i for i, text in enumerate(texts) if _PREVIEW.search(text)), None)
    if notice is None and texts:
        notice = next((i - 1 for i, text in enumerate(texts[1:], 1) if _titled_chunk(text, texts[0])), None)
    if notice is not None:
        pieces, expected = [], 1
        for line in (line for text in texts[notice + 1 :] for line in text.split("\n") if line.strip()):
            found = _CHUNK.match(line)
            if found and int(found.group("n")) == expected:  # the preview's chunk numbers, in order
                line, expected = line[found.end() :], expected + 1
            pieces.append(line)
        run = _PAGE_MARK.sub("", re.sub(r"\s", "", simplified("".join(pieces))))
        if len(_SECTION_TOTAL.findall(run)) >= 2 and _TOP_HEADING.search(run):
            return run, notice + 1, 0, False
    return None


def _titled_chunk(text: str, title: str) -> bool:
    """Whether a paragraph is a preview's first chunk number before the document's title (`1、 平安校园…细则`)."""
    found = _CHUNK.match(text)
    compact = re.sub(r"\s", "", text[found.end() :]) if found else ""
    return found is not None and found.group("n") == "1" and len(title) >= 4 and compact.startswith(
        re.sub(r"\s", "", title)
    )


def _name_before(run: str, at: int, floor: int) -> tuple[str, int]:
    """A section's name ending at `at` (its total's bracket), and where it starts: back to the previous row's
    last punctuation, figure or 分 (at most 24 characters), its level-one marker (`二、`) dropped."""
    start = at
    while start > floor and not _BEFORE_NAME.match(run[start - 1]) and at - start < 24:
        start -= 1
    # The previous row's rule ends `扣完为止`: its last words are not the name.
    return re.sub(r"^为止", "", _LEVEL_ONE.sub("", run[start:at])).strip(), start


def _row_starts(body: str, points: bool, prefix: str = "") -> list[tuple[int, int, str]]:
    """(start of the number, end of the number, the points printed before it) of rows 1, 2, 3… of a section, or
    of rows `prefix`1, `prefix`2 … (`2.1`, `2.2`) when its rows carry the section's number."""
    opening = re.escape(prefix) + (r"1(?!\d)" if prefix else r"1(?:[.．、](?!\d)|(?=[\u4e00-\u9fa5]))")
    first = re.match(opening, body)
    if first is None:
        return []
    starts = [(0, first.end(), "")]
    expected = 2
    while True:
        # With a points column the previous row's points stand right before the number (`。52.`, `101.2`).
        number = re.escape(prefix) + str(expected)
        pattern = re.compile(
            rf"(?<!\d)(?<!\d\.)(?P<pts>{_POINTS if points else ''})?{number}"
            + (r"(?![\d.．])" if prefix else r"(?:[.．、](?!\d)|(?=[\u4e00-\u9fa5]))")
        )
        found = None
        for candidate in pattern.finditer(body, starts[-1][1]):
            after = body[candidate.end() : candidate.end() + 1]
            before = body[candidate.start() - 1] if candidate.start() else ""
            if after in _MEASURE_AFTER and after and candidate.group()[-1] not in ".．、":
                continue  # `2分`, `4次`: a figure of the rule (`2.人员配备` is a row)
            if before and before not in "。.；;)）分" and not "\u4e00" <= before <= "\u9fa5":
                continue
            if points and not prefix and not candidate.group("pts") and before not in "。；;)）":
                continue  # with a points column a row's text runs into its points
            found = candidate
            break
        if found is None:
            return starts
        pts = found.group("pts") or ""
        starts.append((found.start() + len(pts), found.end(), pts))
        expected += 1


def _numbered_sections(run: str, floor: int) -> list[re.Match[str]]:
    """Sections 1, 2, 3… numbered like their rows, their totals glued after their names (`2全础理安基管15分2.1层层
    签订…`), found by counting: only the next number opens a section, and the previous row's points may stand
    right before it (`…指标52全础…`)."""
    return _counted(lambda k: rf"(?P<k>{k})(?P<name>[^\d。；;，,]{{2,20}}?)(?P<p>\d{{1,3}})分(?={k}\.1(?!\d))", run, floor)


def _counted(pattern: Callable[[int], str], text: str, at: int = 0) -> list[re.Match[str]]:
    """The matches of `pattern(1)`, `pattern(2)` … in order, each after the one before: numbering found by counting,
    so that a figure inside a row's text does not open a row."""
    out: list[re.Match[str]] = []
    while (found := re.compile(pattern(len(out) + 1)).search(text, at)) is not None:
        out.append(found)
        at = found.end()
    return out


def _sections(run: str, floor: int) -> list[tuple[str, float, int, int, str]]:
    """(name, total, start of the name, start of the rows, the rows' number prefix) of each section: a name with
    its total in brackets followed by row 1, or a numbered name with its total followed by row K.1."""
    numbered = _numbered_sections(run, floor)
    if len(numbered) >= 2:
        return [
            (m.group("name"), _number(m.group("p")), m.start(), m.end(), m.group("k") + ".") for m in numbered
        ]
    out = []
    for found in _SECTION_TOTAL.finditer(run, floor):
        name, start = _name_before(run, found.start(), floor)
        out.append((name, _number(found.group("p")), start, found.end(), ""))
        floor = found.end()
    return out


# A section over subsections (`一、工作保障(20分)(一)网格化办公室(10分)1、…`): its total is not followed by a row.
_TOP_HEADING = re.compile(
    r"(?P<m>[一二三四五六七八九十]{1,3})、(?P<name>[^\d。；;，,()（）]{2,20}?)[（(]\s*(?P<p>\d{1,3}(?:\.\d+)?)\s*分\s*[)）]"
)
_SUB_MARKER = re.compile(r"[（(](?P<m>[一二三四五六七八九十]{1,3})[)）]$")


def _above(
    run: str, floor: int, bounds: list[tuple[str, float, int, int, str]]
) -> list[tuple[str, str, str]]:
    """For each section: the name of the section heading it (`工作保障`, or its own name), and the seq prefix of its
    rows (`一、(一)` under `一、…` and `(一)…`, else none)."""
    rows_at = {b[3] for b in bounds}
    tops = [m for m in _TOP_HEADING.finditer(run, floor) if m.end() not in rows_at]
    ends = [m.end() for m in tops]
    out = []
    for name, _, start, _, _ in bounds:
        before = bisect_right(ends, start)  # the last section heading ending before this one starts
        top = tops[before - 1] if before else None
        sub = _SUB_MARKER.search(run[max(floor, start - 5) : start])
        if top is None:
            out.append((name, "", ""))
        else:
            # `一、组织领导(14分)组织机构(5分)1、…`: rows numbered under both (`一、1`), or under `(一)` too
            marker = f"{top.group('m')}、" + (f"({sub.group('m')})" if sub else "")
            out.append((top.group("name"), marker, top.group("p")))
    return out


_HAN = "\u4e00-\u9fa5"
# A figure of a rule, not a row's points or number: `25米`, `10平方米`, `3人`.
_FIGURE_AFTER = "分个次人年月日项条处家名%％份天倍米平公千吨台辆座户级栋间层课套张期"
# A row's points between its first cell and the next (`安全组织机构2查是否…`, `…实体隔挡。10现场查看`).
_INSIDE_POINTS = re.compile(
    rf"(?<=[{_HAN}。；;)）])(?P<p>\d{{1,2}}(?:\.\d)?)(?=[{_HAN}])(?![{_FIGURE_AFTER}])"
)


# A number run into the text before and after it (`…扣2分。2安全职责`), not a figure (`3人`).
_RUN_IN_NUMBER = re.compile(rf"(?<=[{_HAN}。；;)）])\d+(?=[{_HAN}])(?![{_FIGURE_AFTER}])")


def _row_number(body: str, k: int, at: int) -> re.Match[str] | None:
    """Row `k`'s number run into the text around it, the first at or after `at`. One pattern for every `k`
    (a digit run is whole: its character before is no digit), not one compiled per row."""
    return next((m for m in _RUN_IN_NUMBER.finditer(body, at) if m.group() == str(k)), None)


def _rows_priced_inside(body: str) -> list[Score]:
    """Rows 1, 2, 3… (their first cell as text) whose points stand between their first cell and the rest:
    `1安全组织机构2查是否行文…扣2分。2安全职责3…`. Rows are found by counting: after a row's points, only the next
    number in order, not a figure of its rule (`扣2分`, `3人`), opens the next row."""
    first = re.search(rf"(?<!\d)1(?=[{_HAN}])", body[:24])
    if first is None:
        return []
    rows: list[Score] = []
    at, k = first.end(), 1
    while True:
        points = _INSIDE_POINTS.search(body, at)
        if points is None or points.start() == at:
            if 4 <= len(body) - at <= 200 and rows:  # the preview stops inside the last row: no points printed
                rows.append(Score(str(k), "", body[at:], None, "item"))
            return rows
        rows.append(Score(str(k), "", body[at : points.start()], _number(points.group("p")), "item"))
        k += 1
        following = _row_number(body, k, points.end())
        if following is None:
            return rows
        at = following.end()


# A row's points at its end, the section's total merged down beside the first row after them (`…8分20分`).
_ROW_END_POINTS = re.compile(r"(?:\d{1,3}(?:\.\d)?分){1,3}[。；;]?$")
_FULL_MARKS = re.compile(r"满分(?P<p>\d{1,2}(?:\.\d)?)分")


def _bracketed_sections(body: str) -> list[tuple[str, str, float | None, list[tuple[str, str]]]]:
    """(number, name, total, rows) of sections numbered 1, 2, 3… whose rows are numbered (1), (2)…:
    `1机构建设(1)建立…(2分)8分20分(2)…4分2预案建设(1)…`, or with the total after the name
    (`1地震监测方面情况4分(1)…满分2.5分。(2)…`). Sections and rows are found by counting."""
    sections: list[tuple[str, str, float | None, list[tuple[str, str]]]] = []
    heads = _counted(
        lambda k: rf"(?<![\d.]){k}(?P<name>[{_HAN}][^\d。；;，,()（）]{{1,19}}?)(?:(?P<p>\d{{1,3}})分)?(?=[(（]1[)）])", body
    )
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(body)
        text = body[head.end() : end]
        marks = _counted(lambda k: rf"[(（]{k}[)）]", text)
        rows = [
            (str(n + 1), text[m.end() : marks[n + 1].start() if n + 1 < len(marks) else len(text)])
            for n, m in enumerate(marks)
        ]
        total = _number(head.group("p")) if head.group("p") else None
        sections.append((str(index + 1), head.group("name"), total, rows))
    return sections


def _bracketed_scheme(body: str) -> tuple[list[Score], list[tuple[str, float]]]:
    """Scores and totals of `_bracketed_sections`: a row's points at its end or as its `满分X分`."""
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    for number, name, total, rows in _bracketed_sections(body):
        for n, text in rows:
            end = _ROW_END_POINTS.search(text)
            amounts = re.findall(r"\d{1,3}(?:\.\d)?(?=分)", end.group()) if end else []
            if n == "1" and total is None and len(amounts) >= 2:  # `…(2分)8分20分`: the row's 8, the section's 20
                total = _number(amounts.pop())
            full = _FULL_MARKS.search(text)
            points = _number(amounts[-1]) if amounts else _number(full.group("p")) if full else None
            scores.append(Score(f"{number}({n})", name, text, points, "item"))
        if total is not None:
            totals.append((name, total))
    return scores, totals


# A section's name with its total, unbracketed, run into its first row: `消防安全责任12分1健全…`.
_NAMED_TOTAL = re.compile(rf"(?P<name>[{_HAN}][^\d。；;，,()（）]{{1,19}}?)(?P<p>\d{{1,3}})分(?=1[{_HAN}])")
_OWN_POINTS = re.compile(r"[(（](?P<p>\d{1,2}(?:\.\d)?)分[)）]")


def _named_total_scheme(body: str) -> tuple[list[Score], list[tuple[str, float]]]:
    """Scores and totals of sections printed `名称12分` and run into their rows 1, 2, 3…, each row's text
    closing with its own points (`…职责(4分)。1.未确定…扣2分。2明确…(2分)。`). A row opens with its number
    and a character (`2明确`); the numbered rules inside a row (`1.未确定`) do not."""
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    first = _NAMED_TOTAL.match(body)
    while first is not None:
        name = first.group("name")
        totals.append((name, _number(first.group("p"))))
        starts, k, at = [first.end()], 2, first.end() + 1
        # The next section is searched once: searching it again from each row would scan the rest of the body
        # once per row (quadratic in a one-section table of thousands of rows).
        following = _NAMED_TOTAL.search(body, at)
        while True:
            row = _row_number(body, k, at)
            if row is None or (following is not None and following.start() < row.start()):
                break
            starts.append(row.start())
            at, k = row.end(), k + 1
        end = following.start() if following is not None else len(body)
        for n, start in enumerate(starts):
            text = body[start + len(str(n + 1)) : starts[n + 1] if n + 1 < len(starts) else end]
            own = _OWN_POINTS.search(text)
            scores.append(Score(str(n + 1), name, text, _number(own.group("p")) if own else None, "item"))
        first = following
    return scores, totals


# A section's name and total in brackets (`运输安全(200分)`), and an unnumbered row's name and points before its rule
# (`交通责任事故率30分每增0.01次/车,扣5分`): a name holds no figure or sentence mark and is no rule's `扣10分`.
_BRACKETED_TOTAL = re.compile(r"(?P<name>[^\d,，。；;:：()（）分]{2,12}?)[（(](?P<p>\d{1,3})分[)）]")
_NAMED_ROW = re.compile(
    r"(?<=[分。；;)）])(?P<name>[^\d,，。；;:：()（）、]{2,16}?)(?<![扣减加每得计记为超于少])(?P<p>\d{1,3})分(?![)）])"
)


def _named_rows_scheme(body: str) -> tuple[list[Score], list[tuple[str, float]]]:
    """Scores and totals of sections `名称(200分)` over unnumbered rows that print their name and points before
    their rule: `运输安全(200分)交通责任事故率30分每增0.01次/车,扣5分交通责任事故死亡率100分…`."""
    heads = list(_BRACKETED_TOTAL.finditer(body))
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(body)
        rows = [m for m in _NAMED_ROW.finditer(body, head.end() - 1, end) if "扣" not in m.group("name")]
        if not rows:
            continue
        totals.append((head.group("name"), _number(head.group("p"))))
        for n, row in enumerate(rows):
            text = body[row.start() : rows[n + 1].start() if n + 1 < len(rows) else end]
            scores.append(Score("", head.group("name"), text, _number(row.group("p")), "item"))
    return scores, totals


def _unsectioned(body: str, header: str) -> tuple[list[Score], list[tuple[str, float]]] | None:
    """Scores and totals of a glued table whose sections (if any) `_sections` does not find, in the first of the
    shapes above that reads enough of it; None when none does."""
    if _POINTS_INSIDE.search(header) and len(inside := _rows_priced_inside(body)) >= 3:
        return inside, []
    scores, totals = _bracketed_scheme(body)
    if len({score.section for score in scores}) >= 2:
        return scores, totals
    scores, totals = _named_total_scheme(body)
    if len(scores) >= 3:
        return scores, totals
    scores, totals = _named_rows_scheme(body)
    return (scores, totals) if len(scores) >= 3 and len(totals) >= 2 else None


def glued_scheme(texts: list[str]) -> tuple[list[Score], list[tuple[str, float]], int]:
    """Scores and section totals of a scoring table glued into one run of text, and the index of the paragraph
    it starts in (len(texts) when there is none); their texts as printed (a traditional-character repost's
    `管理權(quán)限`), though read from the simplified run."""
    scores, totals, first = _glued_scheme(texts)
    original = "\n".join(texts[first:])
    if not scores or simplified(original) == original:
        return scores, totals, first

    as_printed = printed_form(original)

    def printed(text: str) -> str:
        whole = as_printed(text)
        return whole if whole != text else as_printed(text[:30]) + text[30:]

    return (
        [replace(s, section=printed(s.section), text=printed(s.text)) for s in scores],
        [(printed(name), total) for name, total in totals],
        first,
    )


def _glued_scheme(texts: list[str]) -> tuple[list[Score], list[tuple[str, float]], int]:
    joined = _joined(texts)
    if joined is None:
        return [], [], len(texts)
    run, first, floor, points = joined
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    bounds = _sections(run, floor)
    header = _HEADER.search(run[:floor]) if floor else None
    if not bounds and header is not None:
        found = _unsectioned(run[floor:], header.group() + run[floor : floor + 12])
        if found is not None:
            return (*found, first)
    points_inside = header is not None and _POINTS_INSIDE.search(header.group() + run[floor : floor + 12]) is not None
    headed = _above(run, floor, bounds) if bounds and not bounds[0][4] else [(b[0], "", "") for b in bounds]
    tops = [m.start() for m in _TOP_HEADING.finditer(run, floor)]
    totalled: set[str] = set()
    for index, (name, total, _, body_at, prefix) in enumerate(bounds):
        end = bounds[index + 1][2] if index + 1 < len(bounds) else len(run)
        heading = bisect_left(tops, body_at)  # `…扣2分。二、工作运行(50分)`: the next section heading ends it
        end = min(end, tops[heading]) if heading < len(tops) else end
        body = run[body_at:end]
        top, marker, top_total = headed[index]
        if top_total and top not in totalled:
            totals.append((top, _number(top_total)))  # the section over this one, once
            totalled.add(top)
        if name:
            totals.append((name, total))
        name = top
        # Rows numbered K.1, K.2 print their points after their text whatever the header says.
        priced = points or bool(prefix)
        rows = _row_starts(body, priced, prefix)
        for row, (_, text_at, _) in enumerate(rows):
            following = rows[row + 1] if row + 1 < len(rows) else None
            text = body[text_at : following[0] - len(following[2]) if following else len(body)]
            value = following[2] if following else ""
            inside = _INSIDE_POINTS.search(text) if priced and not value and points_inside else None
            if inside is not None:  # `1.管理体制…激励机制。25管理体制不顺畅…扣15分`: the points after the first cell
                value = inside.group("p")
            elif priced and not following:  # the section's last row: its points close the section's text
                tail = re.search(r"(?<=[。；;)）])(\d{1,2}(?:\.\d)?)$" if not prefix else r"(\d{1,2})$", text)
                if tail:
                    value, text = tail.group(1), text[: tail.start()]
            seq = (prefix or marker) + str(row + 1)
            if priced:
                scores.append(
                    Score(seq, name, text, _number(value) if value else None, section_kind(name + text[:6]))
                )
            elif (score := score_of_criterion(seq, name, text)) is not None:
                scores.append(score)
    return scores, totals, first
