"""Tables a web page printed one cell per line, with no mark between the cells: a run of short header lines
(`序号` / `目标责任制内容` / `标准分` / `考核细则` / `得分`), then each row from its number on a line of its own
(`1`, `2` …) up to the next number.

The flattening lost where one cell ends and the next begins, and a cell may wrap over several lines (three
deduction rules in one 考核细则 cell), so the lines of a row are placed under the columns by what they look
like: a bare number under a points column (分值, 标准分), a date or 长期 under a deadline column, a short
organisation name under a unit column, columns filled in later (得分, 完成情况, 备注) left empty, the rest of the
text in order under the text columns. The placement is the cheapest monotone one (a small dynamic programme
over the row's lines and the columns), so the time is linear in the lines for a bounded row length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anjian.ingest.numerals import BARE_POINTS, chinese_to_int

_SEQ_HEADER = re.compile(r"^(?:序\s*号|编\s*号)$")
# A header cell: a short label naming what a column holds, no sentence marks, no digits.
_HEADER_WORD = re.compile(
    r"序号|问题|隐患|措施|要求|任务|单位|部门|时限|时间|期限|日期|分|细则|标准|内容|项目|情况|备注|指标|名称|类别|结果|"
    r"依据|方式|方法|责任|牵头|配合|事项|目标|办法|说明|对象|地点|场所|企业"
)
_CONTINUED_HEADER = re.compile(r"^[（(][^（）()]{1,8}[)）]$")  # `(扣 分)` under `完成情况`
_ROW_NUMBER = re.compile(r"^(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})[.．、]?$")
_END = re.compile(
    r"^(?:合\s*计|总\s*计|小\s*计|总\s*分|注\s*[:：]|说明\s*[:：]|备注\s*[:：]|附\s*件|填表人|审核人)"
)
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])")

_DATE_LINE = re.compile(
    r"\d{1,4}\s*年|\d{1,2}\s*月|\d{4}[.\-/]\d{1,2}|长期|持续|立即|立行立改|即查即改|每(?:月|季度|年|周)|年底|月底|前$"
)
_UNIT_LINE = re.compile(
    r"(?:局|委|办|站|所|院|队|中心|政府|部门|单位|公司|镇|乡|街道|科|处|组|会|部|厅|办公室|管委会|集团)$"
)

NUMBER, DATE, UNIT, FILL, TEXT = "number", "date", "unit", "fill", "text"
_MAX_ROW_LINES = 60  # a row longer than this is not a row of such a table: the lines stay as they are
_MAX_COLUMNS = 16


def _kind(header: str) -> str:
    text = re.sub(r"\s", "", header)
    if re.search(r"得分|扣分|自评|评审|考评分|测评|完成情况|落实情况|整改情况|检查结果|备注|签字|签名", text):
        return FILL
    if re.search(r"分值|标准分|分数|满分|基准分|权重|^分$", text):
        return NUMBER
    if re.search(r"时限|时间|期限|日期", text):
        return DATE
    if re.search(r"单位|部门|牵头|配合|责任人", text):
        return UNIT
    return TEXT


def _is_header_cell(line: str) -> bool:
    text = re.sub(r"\s", "", line)
    return (
        0 < len(text) <= 12
        and not re.search(r"[\d，,。；;：:！!？?]", text)
        and bool(_HEADER_WORD.search(text))
    )


@dataclass(frozen=True)
class _Line:
    text: str
    number: bool
    date: bool
    unit: bool


def _typed(text: str) -> _Line:
    compact = re.sub(r"\s", "", text)
    return _Line(
        text,
        bool(BARE_POINTS.match(compact)),
        len(compact) <= 30 and bool(_DATE_LINE.search(compact)),
        len(compact) <= 40
        and "。" not in compact
        and bool(_UNIT_LINE.search(re.split(r"[、，,\s]", compact)[-1] or "")),
    )


def _cost(kind: str, cell: list[_Line]) -> float:
    if not cell:
        return {TEXT: 1.0, FILL: 0.0}.get(kind, 0.6)
    if kind == NUMBER:
        return 0.0 if len(cell) == 1 and cell[0].number else 3.0 * len(cell)
    if kind == DATE:
        return sum(0.0 if line.date else 2.0 for line in cell) + 0.5 * (len(cell) - 1)
    if kind == UNIT:
        return sum(0.0 if line.unit else 1.5 for line in cell)
    if kind == FILL:
        return sum(0.5 if line.number else 2.0 for line in cell)
    return sum(2.0 if line.number else 0.8 if line.date or line.unit else 0.0 for line in cell) + 0.05 * (
        len(cell) - 1
    )


def _place(kinds: list[str], lines: list[_Line]) -> list[str]:
    """The row's cells: the cheapest placement of its lines, in order, under the columns."""
    count = len(lines)
    inf = float("inf")
    best = [[inf] * (count + 1) for _ in kinds] + [[inf] * (count + 1)]
    back = [[0] * (count + 1) for _ in kinds]
    best[0][0] = 0.0
    for j, kind in enumerate(kinds):
        for i in range(count + 1):
            if best[j][i] == inf:
                continue
            for k in range(i, count + 1):
                value = best[j][i] + _cost(kind, lines[i:k])
                if value < best[j + 1][k]:
                    best[j + 1][k] = value
                    back[j][k] = i
    cells: list[str] = []
    end = count
    for j in range(len(kinds) - 1, -1, -1):
        start = back[j][end]
        cells.append("\n".join(line.text for line in lines[start:end]))
        end = start
    return cells[::-1]


def _value(number: re.Match[str] | None) -> int:
    if number is None:
        return 0
    text = number.group("n")
    return int(text) if text.isdigit() else chinese_to_int(text) or 0


def _sub_rows(kinds: list[str], lines: list[_Line]) -> list[list[str]] | None:
    """A row whose first cell is merged over several sub-rows (`一` / `组织体系建设情况(20分)` / then `应急管理机构`
    `10` `未明确…扣2分` and `落实…责任制情况` `10` `…扣3分`): its sub-rows, the merged cell in the first only.
    None unless the table has one value column after two text columns and the row more values than one."""
    values = [i for i, kind in enumerate(kinds) if kind == NUMBER]
    at = [i for i, line in enumerate(lines) if line.number]
    if len(values) == 2 and len(at) >= 3:
        return _valued_sub_rows(kinds, lines, values, at)
    if len(values) != 1 or len(at) < 2 or kinds[: values[0]] != [TEXT] * values[0] or values[0] < 2:
        return None
    if at[0] < 2 or any(b - a < 2 for a, b in zip(at, at[1:], strict=False)):
        return None  # each value needs its item's name before it, and the first its merged cell before that
    rows = []
    for j, where in enumerate(at):
        end = at[j + 1] - 1 if j + 1 < len(at) else len(lines)
        merged = "\n".join(line.text for line in lines[: at[0] - 1]) if j == 0 else ""
        head = [""] * (values[0] - 2) + [merged, lines[where - 1].text, lines[where].text]
        rest = _place(kinds[values[0] + 1 :], lines[where + 1 : end]) if values[0] + 1 < len(kinds) else []
        rows.append(head + rest)
    return rows


def _valued_sub_rows(kinds: list[str], lines: list[_Line], values: list[int], at: list[int]) -> list[list[str]] | None:
    """`项目 | 分值 | 考核标准 | 单项分值`, the first value merged over the sub-rows (`水旱灾害防御工作` / `20` / then
    `1.按要求…` `未建立的…扣1分` `4`, `2.…` `…` `4`): the merged cells up to the first value in the first
    sub-row, then each sub-row's cells up to its own value. None when the lines do not fall so."""
    first, second = values
    if at[0] < first or any(b - a < 2 for a, b in zip(at[1:], at[2:], strict=False)) or at[1] - at[0] < 2:
        return None  # every sub-row needs its text before its value
    merged = _place(kinds[: first + 1], lines[: at[0] + 1])
    tail = [""] * (len(kinds) - second - 1)
    rows = []
    for j in range(1, len(at)):
        cells = _place(kinds[first + 1 : second + 1], lines[at[j - 1] + 1 : at[j] + 1])
        rows.append((merged if j == 1 else [""] * (first + 1)) + cells + tail)
    return rows


def _header(lines: list[str], at: int) -> tuple[list[str], int]:
    """The header cells starting at `at` (a 序号 line) and the index after them."""
    cells = [lines[at].strip()]
    index = at + 1
    while index < len(lines) and len(cells) < _MAX_COLUMNS:
        text = lines[index].strip()
        if not text:
            index += 1
            continue
        if _CONTINUED_HEADER.match(text) and len(cells) > 1:
            cells[-1] += text
        elif _is_header_cell(text) and not _ROW_NUMBER.match(text):
            cells.append(text)
        else:
            break
        index += 1
    return cells, index


def _rows(lines: list[str], start: int, kinds: list[str]) -> tuple[list[tuple[str, ...]], int]:
    """The numbered rows from `start` and the index after the last one."""
    rows: list[tuple[str, ...]] = []
    numbers = sum(kind in (NUMBER, FILL) for kind in kinds)
    index = start
    expected = 1
    longest = 0
    while index < len(lines):
        found = _ROW_NUMBER.match(lines[index].strip())
        if found is None or _value(found) != expected:
            break
        body: list[tuple[int, str]] = []  # (line index, text)
        end = index + 1
        while end < len(lines) and len(body) <= _MAX_ROW_LINES:
            text = lines[end].strip()
            number = _ROW_NUMBER.match(text)
            if (
                number
                and _value(number) == expected + 1
                and number.group("n").isdigit() == found.group("n").isdigit()
            ):
                break
            if _END.match(text) or (rows and _HEADING.match(text)) or "\t" in lines[end]:
                break  # a total, the next heading, or a TAB table's row ends the table
            if text:
                body.append((end, text))
            end += 1
        closed = end < len(lines) and bool(_ROW_NUMBER.match(lines[end].strip()))
        if not body or len(body) > _MAX_ROW_LINES:
            return [], start
        typed = [_typed(t) for _, t in body]
        values = sum(kind == NUMBER for kind in kinds)
        sub_rows = _sub_rows(kinds, typed) if sum(line.number for line in typed) > values else None
        if sub_rows is not None:
            if not closed:  # the last row ends with its last value's rule
                last = max(i for i, line in enumerate(typed) if line.number)
                del body[last + 2 :], typed[last + 2 :]
                end = body[-1][0] + 1
                sub_rows = _sub_rows(kinds, typed) or sub_rows
            rows += [(found.group("n") if j == 0 else "", *cells) for j, cells in enumerate(sub_rows)]
        else:
            if not closed and rows:  # the last row takes no more lines than the longest row before it
                del body[longest + 1 :], typed[longest + 1 :]
                end = body[-1][0] + 1
            if sum(line.number for line in typed) > numbers:
                # More values than value columns and no merged first cell: rows merged under one number (`5分`
                # rule, `2分` rule …), which `parsers.flat` reads from the stream; not cells one per line.
                return [], start
            rows.append((found.group("n"), *_place(kinds, typed)))
        longest = max(longest, len(body))
        index = end
        expected += 1
    return rows, index


def stacked_tables(lines: list[str]) -> list[str | tuple[str, ...]]:
    """The lines, with every table printed one cell per line replaced by its rows (header row first) as
    tuples of cells; other lines as they are."""
    out: list[str | tuple[str, ...]] = []
    index = 0
    while index < len(lines):
        if not _SEQ_HEADER.match(lines[index].strip()):
            out.append(lines[index])
            index += 1
            continue
        header, after = _header(lines, index)
        kinds = [_kind(cell) for cell in header[1:]]
        rows, end = _rows(lines, after, kinds) if len(header) >= 3 and TEXT in kinds else ([], after)
        if len(rows) < 2:
            out.append(lines[index])
            index += 1
            continue
        out.append(tuple(header))
        out.extend(rows)
        index = end
    return out
