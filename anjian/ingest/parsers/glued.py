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

from anjian.ingest.numerals import points_value as _number
from anjian.ingest.parsers.assessment import section_kind
from anjian.ingest.parsers.criteria import score_of_criterion
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.records import Score

# Header words of a scoring table, two or more glued together (`项目考核内容标准分自评分审核得分`).
_HEADER_WORD = (
    r"标准分|分值|自评得分|自评分|审核得分|考核得分|实得分|得分|扣分情况|扣分|备注"
    r"|(?:考核|考评|评分|工作|检查|验收)?(?:项目|序号|内容|标准|细则|办法|方法)"
)
_HEADER = re.compile(rf"(?:{_HEADER_WORD}){{3,}}")
_POINTS_WORD = re.compile(r"标准分|分值")
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
    notice = next((i for i, text in enumerate(texts) if _PREVIEW.search(text)), None)
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
            if after in _MEASURE_AFTER and after:
                continue  # `2分`, `4次`: a figure of the rule
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
    out: list[re.Match[str]] = []
    at = floor
    while True:
        k = len(out) + 1
        found = re.compile(
            rf"(?P<k>{k})(?P<name>[^\d。；;，,]{{2,20}}?)(?P<p>\d{{1,3}})分(?={k}\.1(?!\d))"
        ).search(run, at)
        if found is None:
            return out
        out.append(found)
        at = found.end()


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


def glued_scheme(texts: list[str]) -> tuple[list[Score], list[tuple[str, float]], int]:
    """Scores and section totals of a scoring table glued into one run of text, and the index of the paragraph
    it starts in (len(texts) when there is none)."""
    joined = _joined(texts)
    if joined is None:
        return [], [], len(texts)
    run, first, floor, points = joined
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    bounds = _sections(run, floor)
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
            if priced and not following:  # the section's last row: its points close the section's text
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
