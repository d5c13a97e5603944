"""Scoring tables flattened to text: a web page or a copied PDF prints the table's cells in one stream.

A header of column words (`一级指标 二级指标 评分标准及验证方式`, `考核要点 评分标准 分值 得分`) marks where
such a table starts; another header starts the next table. What follows is read by meaning, not by cell
boundaries, which the flattening lost:

- a short name followed by its total in brackets (`安全生产(40)`, `安全 生产 事故 情况 (30分)`) is a section
  heading; with two section columns (一级/二级指标) a heading is second-level while the second-level totals
  still fit within the first-level total;
- with a points column (分值), a row ends at the bare number printed in that column (`…的得0.3分. 0.3`); the
  row is an item worth that number, its numbered sub-criteria are not entries; a row with no value that
  names a deduction (`扣30分`) or bonus is a rule of that kind;
- without a points column, each numbered criterion is an entry: `(4分)` makes it an item, `扣3分` a
  deduction (`扣完为止` with no amount: points unknown), `加1分` a bonus.
"""

from __future__ import annotations

import re

from anjian.ingest.numerals import points_value as _number
from anjian.ingest.parsers.criteria import BONUS, DEDUCT_AMOUNT, SUM_ROW, score_of_criterion
from anjian.ingest.records import Score

_HEAD_WORD = (
    r"(?:序号|[一二三]级指标|考核(?:项目|内容|要点|指标|类别|事项)|考评(?:项目|内容)|检查(?:项目|内容)|工作(?:内容|任务)|项目|内容|指标|"
    r"评分标准(?:及验证方式)?|考核标准|评分细则|评分办法|评分方法|计分方法|扣分标准|考评标准|评分依据|"
    # `应得分数 扣减 分数 实得 分数`: a form's columns for the points due, taken off and given
    r"分值|分数|标准分|满分|得分|扣分|自评分|应得分数?|扣减|实得|备注|验证方式|考核方式|考核办法|考核方法)"
)
_HEADER = re.compile(rf"{_HEAD_WORD}(?:\s+{_HEAD_WORD}){{2,}}(?=\s|$)")
_CRITERIA_WORD = re.compile(
    r"评分标准|考核标准|评分细则|评分办法|评分方法|计分方法|扣分标准|考评标准|考核要点"
)
_POINTS_WORD = re.compile(r"分值|^分数|标准分|满分|应得分")
_SECTION_WORD = re.compile(r"[一二三]级指标|考核项目|考核要点|考核内容|考核指标|考评项目|项目|指标|考核类别")
# A heading: a short name (spaces inside from a narrow cell) and its total in brackets.
_HEADING = re.compile(
    r"(?P<name>[^；;：:！!？?（）()]{2,80}?)\s*[（(]\s*(?:满分|共|计|分值)?\s*(?P<p>\d+(?:\.\d+)?)\s*分?\s*[)）]"
)
# The bare number of a points column: a token of its own, not `2分`, not a marker `2、`.
_VALUE = re.compile(r"(?<=\s)(?P<v>\d{1,3}(?:\.\d+)?)分?(?=\s|$)")
# A numbered criterion starts after whitespace or a sentence end: `; 2、…`, `。 3.…`.
_MARKER = re.compile(r"(?:(?<=\s)|(?<=[。；;])|^)(?P<n>\d{1,2})\s*[、.．](?!\d)")
_SENTENCE = re.compile(r"(?:[^。；;.]|\.(?=\d))+(?:[。；;.]|$)")
# A section heading printed just before a table header, on the same line: `一、综合考核(20分)`.
_OPENING = re.compile(
    r"(?:^|\s)[一二三四五六七八九十]{1,3}[、.．]\s*(?P<name>[^\s；;：:（）()]{2,30})\s*[（(]\s*(?P<p>\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$"
)
# A row that opens with a subsection's name (`(一)落实…责任制`) and then its first numbered rule.
_SUB_ROW = re.compile(
    r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]\s*(?P<name>[^。；;，,\d]{2,40}?)\s*(?=\d{1,2}\s*[、.．](?!\d))"
)
# A value printed with its unit in a points column: `3分` between cells.
_PRICED = re.compile(r"(?<=\s)(?P<v>\d{1,3}(?:\.\d+)?)分(?=\s|$)")
_SPACED_OUT = re.compile(r"(?<![\u4e00-\u9fa5])[\u4e00-\u9fa5](?: [\u4e00-\u9fa5]){2,}(?![\u4e00-\u9fa5])")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def flat_scheme(texts: list[str]) -> tuple[list[Score], list[tuple[str, float]], int]:
    """Scores and section totals of scoring tables flattened into `texts`, and the index of the text where
    the first table starts (len(texts) when there is none)."""
    starts = []
    pieces: list[str] = []  # joined once: adding to a growing string is quadratic on a long document
    length = 0
    for text in texts:
        starts.append(length)
        # A narrow cell spaces its characters out (`评 分 标 准`): such a run reads as one word.
        # Some pages show each space of a narrow cell as `??` (`扣??分??标??准`).
        text = re.sub(r"(?<=[\u4e00-\u9fa5])(?:\?\?)+(?=[\u4e00-\u9fa5])", " ", text)
        spaced = _SPACED_OUT.sub(lambda m: m.group().replace(" ", ""), re.sub(r"\s+", " ", text)) + " "
        pieces.append(spaced)
        length += len(spaced)
    stream = "".join(pieces)
    headers = [m for m in _HEADER.finditer(stream) if _CRITERIA_WORD.search(m.group())]
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    first = len(texts)
    if headers:
        first = max(i for i, at in enumerate(starts) if at <= headers[0].start())
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(stream)
        body = stream[header.end() : end]
        words = header.group().split()
        points_at = next((i for i, w in enumerate(words) if _POINTS_WORD.search(w)), None)
        rule_at = next((i for i, w in enumerate(words) if _CRITERIA_WORD.search(w)), len(words))
        if points_at is not None and points_at < rule_at:
            _value_first_rows(body, scores)  # 分值 | 评分标准: each value opens the rule it prices
            if points_at == 1 and _SECTION_WORD.fullmatch(words[0]):
                _named_values(body, totals)  # 项目 | 分值 | 扣分标准: `加强 领导 落实 责任 20 1、…`
        elif points_at is not None:
            # `一、综合考核(20分) 考核项目 评分标准 分值`: the section printed before the header opens it.
            opening = _OPENING.search(stream[max(0, header.start() - 60) : header.start()])
            _valued_rows(body, scores, totals, opening)
        else:
            levels = sum(1 for w in words if _SECTION_WORD.search(w) and not _CRITERIA_WORD.search(w))
            _numbered_criteria(body, levels, scores, totals)
    return scores, totals, first


_AFTER_MARKER = re.compile(r"^.*?[一二三四五六七八九十]{1,3}、(?=[^、\s]{2})")


class _Sections:
    """The current section and the totals seen, with first/second level told apart by the sums."""

    def __init__(self, levels: int, totals: list[tuple[str, float]]) -> None:
        self.levels = levels
        self.totals = totals
        self.section = ""
        self.top_total: float | None = None
        self.used = 0.0

    def heading(self, name: str, total: float) -> None:
        # `查阅文件二、规章制度`: the previous row's last cell runs into the section's marker, which starts the name.
        name = _AFTER_MARKER.sub("", _squash(name)).strip("。.，,、 ")
        if not name:
            return
        if name not in dict(self.totals):
            self.totals.append((name, total))
        nested = self.levels >= 2 and self.top_total is not None and self.used + total <= self.top_total
        if nested:
            self.used += total
            return
        self.section, self.top_total, self.used = name, total, 0.0


def _leading_headings(text: str, sections: _Sections) -> str:
    """Read the headings that open `text` (each a name and its bracketed total); the rest of the text."""
    while True:
        found = _HEADING.match(text.strip())
        if not found:
            return text.strip()
        sections.heading(found.group("name"), _number(found.group("p")))
        text = text.strip()[found.end() :]


def _valued_rows(
    body: str, scores: list[Score], totals: list[tuple[str, float]], opening: re.Match[str] | None = None
) -> None:
    sections = _Sections(1, totals)
    if opening is not None:
        sections.heading(opening.group("name"), _number(opening.group("p")))
    at = 0
    for value in _VALUE.finditer(body):
        row = _leading_headings(body[at : value.start()], sections)
        at = value.end()
        if SUM_ROW.fullmatch(_squash(row)):
            continue  # `小计 30`: the table's sum, not an item
        if row and not _subsection_row(row, _number(value.group("v")), sections, scores):
            scores.append(Score("", sections.section, row, _number(value.group("v")), "item"))
    rest = _leading_headings(body[at:], sections)
    for sentence in _SENTENCE.findall(rest):
        sentence = sentence.strip()
        deduct, bonus = DEDUCT_AMOUNT.search(sentence), BONUS.search(sentence)
        if deduct:
            scores.append(Score("", sections.section, sentence, _number(deduct.group("p")), "deduction"))
        elif bonus:
            scores.append(Score("", sections.section, sentence, _number(bonus.group("p")), "bonus"))


def _value_first_rows(body: str, scores: list[Score]) -> None:
    """`序号 考评内容 分值 评分标准 …` printed one cell after another: a value (`3分`) opens the rule it prices,
    up to the rule's `。`, an item worth that value; a rule in the criteria column without a value of its own
    (`未组织…的扣3分。`) is a deduction of its amount; a bare number (`5`) is the next row's 序号."""
    seq = ""
    at = 0
    for value in list(_PRICED.finditer(body)) + [None]:
        end = value.start() if value is not None else len(body)
        for sentence in _SENTENCE.findall(body[at:end]):
            numbered = re.findall(r"(?:^|\s)(\d{1,3})(?=\s)", " " + sentence + " ")
            seq = numbered[-1] if numbered else seq
            rule = sentence.strip().split(" ")[-1]  # the criteria cell: the last cell the sentence spans
            deduct = DEDUCT_AMOUNT.search(rule)
            if deduct and not rule[: deduct.start()].endswith("得"):
                scores.append(Score(seq, "", rule, _number(deduct.group("p")), "deduction"))
        if value is None:
            break
        rest = body[value.end() :]
        stop = re.search(r"[。；;]|(?=\s\d{1,3}分?(?:\s|$))", rest)
        rule = rest[: stop.end() if stop else len(rest)].strip()
        at = value.end() + (stop.end() if stop else len(rest))
        if rule:
            scores.append(Score(seq, "", rule, _number(value.group("v")), "item"))


# A row opening with its item's name (spaced out by a narrow cell) and the bare value of the 分值 column, then
# its first numbered rule: `加强 领导 落实 责任 20 1、不认真落实…`.
_NAMED_VALUE = re.compile(
    r"(?:^|(?<=[。；;\s]))(?P<name>[\u4e00-\u9fa5](?:\s?[\u4e00-\u9fa5]){1,15})\s+(?P<v>\d{1,3})\s+(?=\d{1,2}\s*[、.．](?!\d))"
)


def _named_values(body: str, totals: list[tuple[str, float]]) -> None:
    """The totals of rows that open with their item's name and value (`项目 | 分值 | 扣分标准` flattened)."""
    for found in _NAMED_VALUE.finditer(body):
        name = _squash(found.group("name"))
        if name not in dict(totals):
            totals.append((name, _number(found.group("v"))))


def _subsection_row(row: str, value: float, sections: _Sections, scores: list[Score]) -> bool:
    """`(一)落实领导责任 1.…扣0.5分. 2.…扣1分. 8分`: a row naming a subsection before its numbered rules;
    the value in the points column is the subsection's total, each rule scores on its own."""
    named = _SUB_ROW.match(row)
    if named is None:
        return False
    body = row[named.end() :]
    markers = list(_MARKER.finditer(" " + body))
    found = []
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body) + 1
        score = score_of_criterion(
            marker.group("n"), sections.section, (" " + body)[marker.end() : end].strip()
        )
        if score is not None:
            found.append(score)
    if not found:
        return False
    name = _squash(named.group("name")).strip("。.，,、 ")
    if name not in dict(sections.totals):
        sections.totals.append((name, value))
    scores.extend(found)
    return True


def _numbered_criteria(body: str, levels: int, scores: list[Score], totals: list[tuple[str, float]]) -> None:
    sections = _Sections(levels, totals)
    markers = list(_MARKER.finditer(body))
    _leading_headings(body[: markers[0].start()] if markers else body, sections)
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        text, heading = _trailing_heading(body[marker.end() : end].strip(), marker.group("n"))
        score = score_of_criterion(marker.group("n"), sections.section, text)
        if score is not None:
            scores.append(score)
        if heading:
            sections.heading(heading.group("name"), _number(heading.group("p")))


def _trailing_heading(text: str, number: str) -> tuple[str, re.Match[str] | None]:
    """A criterion and the heading of the next row glued after it: `…人员情况(4分); 危险化学品(10分)`, or
    `…每少一次扣 宣传培训(20)` (a cell boundary is a space); the criterion must still score without the tail."""
    for cut in re.finditer(r"[。；;]\s*|\s+", text):
        rest = text[cut.end() :].strip()
        heading = _HEADING.fullmatch(rest) if rest else None
        if heading is None:
            continue
        head = text[: cut.end()].strip()
        if score_of_criterion(number, "", head) is not None:
            return head, heading
    return text, None
