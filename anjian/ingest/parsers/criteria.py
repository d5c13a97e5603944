"""Scoring tables without a points column: 一级指标 | 二级指标 | 评分标准, the points written in the text.

A scheme laid out as 考核项目 | 考核内容 | 评分标准 prints its section totals in the section cells
(`安全生产(40)`, `危险化学品(10分)`) and each criterion's points in its own text: `…调整领导分工(4分)` is a
scored item, `每次扣3分，扣完为止` a deduction rule, `加1分` a bonus. A criteria cell may hold several
numbered criteria. Merged section cells arrive once (Word) or repeated on every row (Excel).
"""

from __future__ import annotations

import re

from anjian.ingest.numerals import points_value as _number
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.layout import clean, parse_line
from anjian.ingest.records import Score

_CRITERIA_HEADER = re.compile(
    r"评分标准|考核标准|评分细则|评分办法|评分方法|计分方法|扣分标准|评分依据|考评标准|验收标准|评定标准|检查标准"
)
_SECTION_HEADER = re.compile(r"一级指标|考核项目|考核项|考评项目|项目|类别|考核类别|考核内容|工作内容|验收内容|指标|工作标准")
_POINTS_HEADER = re.compile(r"分值|分数|标准分|标准得分|基准分|满分|权重|^分$")
_CELL_TOTAL = re.compile(
    r"[（(]\s*(?:满分|共|计|分值)?\s*[:：]?\s*(?P<p>\d+(?:\.\d+)?)\s*分?\s*[)）]\s*[。.]?\s*$"
)
_ITEM_POINTS = re.compile(
    r"[（(]\s*(?:本项|满分|计|共|分值)?\s*[:：]?\s*(?P<p>\d+(?:\.\d+)?)\s*分\s*(?:[，,；;][^（）()]{0,40})?[)）]"
)
# Points a criterion earns, written in the sentence: `…的得3分`, `完成的计2分` (not `不得`).
_EARNS = re.compile(r"(?<!不)(?:得|计|记)\s*(?P<p>\d+(?:\.\d+)?)\s*分")
# The points a criterion is worth, said in its sentence: `…做好台站日常运维工作,满分2.5分。`.
FULL_MARKS = re.compile(r"满分\s*(?P<p>\d+(?:\.\d+)?)\s*分")
# An amount of points: `2`, `0.5`.
_AMOUNT = r"(?P<p>\d+(?:\.\d+)?)"
# A deduction in a criterion: `扣3分`, also `扣分`/`扣完为止` without an amount (points unknown).
_DEDUCT = re.compile(rf"扣\s*{_AMOUNT}?\s*(?:分)?")
# A deduction that names its amount (`扣 3 分`), for text where a bare 扣 is not a rule (flat.py).
DEDUCT_AMOUNT = re.compile(rf"扣\s*{_AMOUNT}\s*分")
BONUS = re.compile(rf"加\s*{_AMOUNT}\s*分")
_MARKED = re.compile(r"(?:^|\n|(?<=[。；;]))\s*(?=\d{1,2}\s*[、.．](?!\d)|[（(]\d{1,2}[)）])")


# A criterion that opens with its short name and points: `落实领导责任(1分)。各县(区)均印发…得1分`.
NAMED_POINTS = re.compile(r"^[^，,。；;：:（()）\d]{2,20}?\s*[（(]\s*(?P<p>\d+(?:\.\d+)?)\s*分\s*[)）]")


def _heads(row: tuple[str, ...]) -> list[str]:
    return [re.sub(r"\s", "", simplified(clean(c))) for c in row]


def _columns(rows: tuple[tuple[str, ...], ...]) -> tuple[int, int, list[int]] | None:
    """(header row, criteria column, section columns left of it) of a criteria table, or None."""
    for start, row in enumerate(rows[:5]):
        heads = _heads(row)
        if any(_POINTS_HEADER.search(h) for h in heads):
            return None  # a points column: `assessment.table_scheme` reads it
        criteria = next(
            (i for i, h in enumerate(heads) if h and len(h) <= 20 and _CRITERIA_HEADER.search(h)), None
        )
        if criteria is None:
            criteria = _pointed_column(rows[start + 1 :])
            if criteria is None or not any(_SECTION_HEADER.search(h) for h in heads[:criteria]):
                continue
            # Found by its cells (`考评项目 | 考评内容 | 考评方法`, the criteria under a merged 考评内容): every
            # column left of it that prints something names the row's section or subsection.
            filled = [i for i in range(criteria) if heads[i] or any(i < len(r) and clean(r[i]) for r in rows)]
            return start, criteria, filled
        sections = [
            i for i, h in enumerate(heads[:criteria]) if h and len(h) <= 12 and _SECTION_HEADER.search(h)
        ]
        if sections:
            return start, criteria, sections
    return None


def _pointed_column(rows: tuple[tuple[str, ...], ...]) -> int | None:
    """The column whose cells print their own points (`…目标明确。(1分)`) most often, on most of the rows that print
    one (the subsections beside them print their totals the same way, on fewer rows)."""
    width = max((len(row) for row in rows), default=0)
    best, best_count = None, 1
    for column in range(1, width):
        cells = [clean(row[column]) for row in rows if column < len(row) and clean(row[column])]
        pointed = sum(1 for c in cells if _ITEM_POINTS.search(simplified(c)) and not _DEDUCT.search(c))
        if pointed > best_count and pointed * 3 >= len(cells) * 2:
            best, best_count = column, pointed
    return best


# A section cell's total glued to its name in a narrow column: `消防安全责任12分`, `安全目标50分`.
GLUED_TOTAL = re.compile(r"(?<=[\u4e00-\u9fa5])\s*(?P<p>\d{1,3}(?:\.\d+)?)\s*分$")
# A row that sums the table or a part of it (`合计`, `小计`, `实得分`): not an item.
SUM_ROW = re.compile(r"合计|总计|总分|小计|合计得分|满分|实际得分|实得分|综合得分|最终得分")
# A criterion's own points closing its cell: `…消防安全职责(4分)。`.
_OWN_POINTS = re.compile(r"[（(]\s*(?P<p>\d+(?:\.\d+)?)\s*分\s*[)）]\s*[。.；;]?$")


def _named_total(cell: str) -> tuple[str, float | None]:
    """A section cell's name without its printed total, and the total (`安全生产(40)` → 安全生产, 40)."""
    text = re.sub(r"\s", "", clean(cell))
    found = _CELL_TOTAL.search(text) or GLUED_TOTAL.search(text)
    if not found:
        return text.rstrip("。."), None
    return text[: found.start()].rstrip("。.，,"), _number(found.group("p"))


def _item_column(rows: tuple[tuple[str, ...], ...], heads: list[str], criteria: int, sections: list[int]) -> int | None:
    """A 评分内容 column left of the criteria whose cells close with their own points (`…职责(4分)。`): the
    scored items, the 评分标准 beside them only saying how an item loses its points."""
    for column in range(criteria):
        if column in sections or not heads[column] or heads[column] in ("序号", "编号"):
            continue  # a column without a header (under a merged 考核内容) is read with the criteria
        cells = [clean(row[column]) for row in rows if column < len(row) and clean(row[column])]
        pointed = [c for c in cells if _OWN_POINTS.search(simplified(c))]
        if len(pointed) >= 2 and len(pointed) * 3 >= len(cells) * 2:
            return column
    return None


def _criteria(cell: str) -> list[tuple[str, str]]:
    """The numbered criteria of one cell as (number, text); an unnumbered cell is one criterion."""
    pieces = [p.strip() for p in _MARKED.split(clean(cell)) if p.strip()]
    out = []
    for piece in pieces:
        line = parse_line(piece)
        out.append((line.number, line.body) if line.level == 3 else ("", piece))
    return out


def criteria_cells(cell: str) -> list[tuple[str, str]]:
    """The numbered criteria of one cell as (number, text) (public for the tables with a points column)."""
    return _criteria(cell)


def score_of_criterion(seq: str, section: str, text: str) -> Score | None:
    """The score of one criterion's text, its amounts read also when printed in traditional characters."""
    printed, text = text, simplified(text)
    named = NAMED_POINTS.match(text)
    if named:  # `应急预案演练 (3分) 创新演练形式…(3分) …(2分)`: the item's name and points, then its grades
        return Score(seq, section, printed, _number(named.group("p")), "item")
    points = list(_ITEM_POINTS.finditer(text)) or list(FULL_MARKS.finditer(text))[-1:] or list(_EARNS.finditer(text))[:1]
    if points:
        return Score(seq, section, printed, _number(points[-1].group("p")), "item")
    deduct = _DEDUCT.search(text)
    if deduct:
        return Score(
            seq, section, printed, _number(deduct.group("p")) if deduct.group("p") else None, "deduction"
        )
    bonus = BONUS.search(text)
    if bonus:
        return Score(seq, section, printed, _number(bonus.group("p")), "bonus")
    return None


def criteria_scheme(rows: tuple[tuple[str, ...], ...]) -> tuple[list[Score], list[tuple[str, float]]]:
    """Scores and section totals of a criteria table; nothing when `rows` is not one."""
    found = _columns(rows)
    if found is None:
        return [], []
    start, criteria_col, section_cols = found
    heads = _heads(rows[start])
    width = max(len(row) for row in rows[start:])
    # Criteria sit in the 评分标准 column and in columns without a header of their own: a 考核内容 header
    # merged over the subsection and its criteria, or a header row printed one cell short.
    scored = [
        c
        for c in range(max(section_cols) + 1, width)
        if c == criteria_col or (c >= len(heads) or not heads[c])
    ]
    scores: list[Score] = []
    totals: list[tuple[str, float]] = []
    section = ""
    sub_number = ""  # the number of the subsection whose criteria are numbered (1)(2): `1(1)`
    item_col = _item_column(rows[start + 1 :], heads, criteria_col, section_cols)
    seq_col = next((i for i, h in enumerate(heads) if h in ("序号", "编号")), None)
    for index, row in enumerate(rows[start + 1 :], start=1):
        cells = [clean(c) for c in row] + [""] * (width + 1)
        own_points = False
        # Criteria printing their own points (`(1)成立…(1分)`) make a numbered cell beside them a subtotal.
        pointed = any(_ITEM_POINTS.search(simplified(cells[c])) for c in scored)
        for level, column in enumerate(section_cols):
            if not cells[column]:
                continue
            name, total = _named_total(cells[column])
            line = parse_line(cells[column])
            if level and total is not None and line.level in (3, 4) and not pointed:
                # `(1)企业建立…机构(2分)` under a section: a numbered criterion with its own points is a
                # scored item, and the 评分标准 beside it only explains how it loses them.
                scores.append(Score(line.number, section, _named_total(line.body)[0], total, "item"))
                own_points = True
                continue
            if line.level in (1, 2, 3) and line.body:
                name = _named_total(line.body)[0]  # `1、安全责任(12分)`: the name is printed after its marker
                if level:
                    sub_number = line.number if line.level == 3 else ""
            if level == 0:
                if line.level != 3:
                    sub_number = ""
                section = name  # the top-level section names the scores; lower ones only total
            if total is not None and name and name not in dict(totals):
                totals.append((name, total))
        if item_col is not None and cells[item_col]:
            own = _OWN_POINTS.search(simplified(cells[item_col]))
            item = parse_line(cells[item_col])
            seq, text = (item.number, item.body) if item.level == 3 else (str(index), cells[item_col])
            if seq_col is not None and cells[seq_col]:
                seq = cells[seq_col]
            scores.append(Score(seq, section, text, _number(own.group("p")) if own else None, "item"))
            continue
        for column in scored:
            for number, text in _criteria(cells[column]):
                point = parse_line(text) if not number else None
                if point is not None and point.level == 4 and sub_number:
                    number, text = f"{sub_number}({point.number})", point.body  # `(2)…` under `1.…`: 1(2)
                elif point is not None and point.level == 4:
                    number, text = point.seq, point.body  # `(3)居民防火公约未制定的，扣2分。`: numbered on
                score = score_of_criterion(number, section, text)
                # Beside an item that prints its own points, the rules say how it loses them: a numbered rule
                # (`(1)…扣2分`) is a score of its own (SCHEMA: one per numbered item carrying points), an
                # unnumbered one (`未制定的扣4分`) only explains the item, and an amount it earns is no second item.
                if score is not None and not (own_points and (score.kind == "item" or not number)):
                    scores.append(score)
    return scores, totals
