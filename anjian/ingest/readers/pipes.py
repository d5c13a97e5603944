"""Tables that a web page or a copy from Word flattened into text lines with `|` between the cells.

`| 序号 | 项目 | 标准 | 备注 |` over `| 1 | 责任意识(10分) | 建立…(2.5) | … |` and `| 制定…(2.5) |`: the
rows of a merged cell print only the cells that are not merged, so a row shorter than the table is placed
under the columns that carry the most text (the criteria, the problems), and the others continue the
merge from the row above (`Table.continued`), as a Word table's merged cells arrive. A second header row
of short words under the first cell (`考评要素` over `一级要素 | 二级要素`) widens that cell to the columns
it names, as the merge did in the original table.
"""

from __future__ import annotations

import re

from anjian.ingest.document import Table
from anjian.ingest.numerals import BARE_POINTS

# Short rows are placed and padded only in tables up to this width (a Word gridSpan is capped at 64 too),
# so that a line of thousands of marks over one-cell rows cannot grow into rows × width cells.
MAX_COLUMNS = 64
_HEADER_WORD = re.compile(r"^[^\d，,。；;：:（）()]{2,8}$")


def pipe_cells(line: str) -> list[str]:
    """A line's cells between `|` marks (border marks at both ends dropped, trailing empty cells too)."""
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") else text
    cells = [c.strip() for c in text.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def is_pipe_row(line: str, *, in_table: bool) -> bool:
    """A line that opens a pipe table (two marks or more) or, inside one, continues it (one mark)."""
    return line.count("|") >= (1 if in_table else 2) and len(pipe_cells(line)) >= 2 - int(in_table)


def _sub_header(header: list[str], row: list[str]) -> bool:
    """`一级要素 | 二级要素` under `考评要素 | 标准分值 | …`: short words naming the first cell's parts."""
    return 2 <= len(row) < len(header) and all(_HEADER_WORD.match(re.sub(r"\s", "", c)) for c in row)


def _heaviest(widths: list[float], count: int) -> int:
    """The first of `count` adjacent columns that hold the most text on the full rows."""
    span = sum(widths[:count])
    best, best_at = span, 0
    for at in range(1, len(widths) - count + 1):  # a sliding window: linear in the width
        span += widths[at + count - 1] - widths[at - 1]
        if span > best:
            best, best_at = span, at
    return best_at


def _numeric_columns(rows: list[list[str]], width: int) -> list[bool]:
    """Which columns hold bare numbers (a 分值 column) on the longest data rows."""
    longest = max((len(r) for r in rows), default=0)
    fullest = [r for r in rows if len(r) == longest]
    if longest < 3 or not fullest:
        return [False] * width
    return [
        c < longest and sum(bool(BARE_POINTS.match(r[c])) for r in fullest) * 2 > len(fullest) for c in range(width)
    ]


def _aligned(row: list[str], numeric: list[bool]) -> int:
    """Where a row that prints fewer cells than the table starts when its numbers say so: the offset that puts
    its bare numbers under the number columns (0 when nothing tells)."""
    marks = [bool(BARE_POINTS.match(c)) for c in row]
    if not any(marks) or not any(numeric):
        return 0
    best, best_at = -1, 0
    for at in range(len(numeric) - len(row) + 1):
        agree = sum(mark == numeric[at + i] for i, mark in enumerate(marks) if mark or numeric[at + i])
        if agree > best:
            best, best_at = agree, at
    return best_at


# What a cell opens with: a section `一、`, a subsection `（一）`, an item `1.`, a point `(1)`; else nothing.
_OPENINGS = (
    re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]"),
    re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]"),
    re.compile(r"^\d{1,2}[.．、](?!\d)"),
    re.compile(r"^[（(]\d{1,2}[)）]"),
)


def _opening(cell: str) -> int:
    return next((level for level, pattern in enumerate(_OPENINGS, start=1) if pattern.match(cell)), 0)


def _by_openings(row: list[str], columns: list[dict[int, int]], rows: int) -> int | None:
    """Where a short row starts when its cells' list markers say so: the offset that puts each marked cell under
    the column whose full rows open with the same marker (`2.保障… | (1)将… | 查看…` under `一、… | 1.… | (1)… |
    …`); None when no offset agrees better than the others."""
    if not any(_opening(c) for c in row):
        return None
    agreement = [
        sum(columns[at + i].get(_opening(c), 0) for i, c in enumerate(row) if _opening(c))
        for at in range(len(columns) - len(row) + 1)
    ]
    best = max(agreement)
    if best * 2 <= rows or agreement.count(best) > 1:
        return None
    return agreement.index(best)


def pipe_table(lines: list[str]) -> Table:
    """The table of consecutive pipe lines, short rows placed under their columns."""
    rows = [pipe_cells(line) for line in lines]
    header_rows = 1
    if len(rows) >= 2 and _sub_header(rows[0], rows[1]):
        rows[0] = [rows[0][0], *[""] * (len(rows[1]) - 1), *rows[0][1:]]
        header_rows = 2
    width = max(len(r) for r in rows)
    if width > MAX_COLUMNS:  # no office table is this wide: the rows as printed, nothing placed or padded
        return Table(tuple(tuple(r) for r in rows))
    full = [r for r in rows if len(r) == width]
    # A header printed one cell longer than the rows (`| 自评得分 | 省级考评得分 |` empty on every row): the
    # longest data rows show where the text sits.
    longest = max((len(r) for r in rows[header_rows:]), default=0)
    if len(full) <= header_rows and longest >= 3:
        full = [r + [""] * (width - len(r)) for r in rows[header_rows:] if len(r) == longest]
    widths = [sum(len(r[c]) for r in full) / len(full) for c in range(width)]
    openings: list[dict[int, int]] = [{} for _ in range(width)]
    for r in full:
        for c, cell in enumerate(r):
            if _opening(cell):
                openings[c][_opening(cell)] = openings[c].get(_opening(cell), 0) + 1
    out: list[tuple[str, ...]] = []
    continued: set[tuple[int, int]] = set()
    placed: dict[int, int] = {}  # short-row length → first column: one pass over the width per length
    numeric = _numeric_columns(rows[header_rows:], width)
    for index, row in enumerate(rows):
        at = _aligned(row, numeric) if index >= header_rows and len(row) < width else 0
        marked = _by_openings(row, openings, len(full)) if index >= header_rows and len(row) < width else None
        at = marked if not at and marked else at
        if at:  # `2.设立… | 2 | 未落实的不得分。` under 考核标准 | 分值 | 评分方式: the first cells merged from above
            out.append(tuple([""] * at + row + [""] * (width - at - len(row))))
            continued |= {(index, c) for c in range(at)}
            continue
        if len(row) * 2 > width or index < header_rows:
            out.append(tuple(row + [""] * (width - len(row))))  # a full row, or one cut at its end
            continue
        if len(row) not in placed:
            placed[len(row)] = _heaviest(widths, len(row))
        at = placed[len(row)]
        cells = [""] * at + row + [""] * (width - at - len(row))
        continued |= {(index, c) for c in range(width) if not (at <= c < at + len(row))}
        out.append(tuple(cells))
    return Table(tuple(out), frozenset(continued))


def _is_mark(line: str) -> bool:
    return bool(line) and set(line) == {"|"}


def _rows_of(cells: list[str]) -> list[list[str]]:
    """Rows of a cell stream whose rows each end with an empty cell: the header's first empty cell gives the
    width; rows are taken while each still ends empty."""
    width = cells.index("") + 1 if "" in cells else 0
    if width < 3:
        return []
    rows = []
    for at in range(0, len(cells) - width + 1, width):
        row = cells[at : at + width]
        if row[-1] or not any(row):
            break
        rows.append(row[:-1])
    return rows if len(rows) >= 2 else []


def cells_per_line(lines: list[str]) -> list[str]:
    """A table a web page printed one cell per line with a `|` line after each cell (`序號` / `|` / `考核內容` /
    `|` …, each row closed by an empty cell, a cell's text wrapping over lines), as `| a | b |` pipe lines;
    other lines as they are. Linear in the lines."""
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at].strip()
        if not line or _is_mark(line) or at + 1 >= len(lines) or not _is_mark(lines[at + 1].strip()):
            out.append(lines[at])
            at += 1
            continue
        cells: list[str] = []
        current: list[str] = []
        end = at
        while end < len(lines):
            text = lines[end].strip()
            if not text or (len(current) >= 3 and not _is_mark(text)):
                break
            if _is_mark(text):
                for _ in text:  # `||`: a cell closed, then an empty one
                    cells.append("".join(current))
                    current = []
            else:
                current.append(text)
            end += 1
        rows = _rows_of(cells)
        if not rows:  # not such a table: its lines as they are, each scanned once
            out += lines[at : max(end, at + 1)]
            at = max(end, at + 1)
            continue
        out += ["| " + " | ".join(cell.replace("|", "") for cell in row) + " |" for row in rows]
        used = sum(len(row) + 1 for row in rows)
        out += [cell for cell in cells[used:] if cell] + current
        at = end
    return out


def _led_row(lines: list[str], at: int) -> tuple[list[str], int] | None:
    """One row printed as its first cell, then `| cell` lines, then a bare `|`: (cells, index after it)."""
    first = lines[at].strip() if at < len(lines) else ""
    if not first or "|" in first:
        return None
    cells, end = [first], at + 1
    # A led line holds one cell: its one `|` opens it (a line with more is a pipe row of another table).
    while end < len(lines) and (led := lines[end].strip()).startswith("|") and led.count("|") == 1 and led[1:].strip():
        cells.append(led[1:].strip())
        end += 1
    if len(cells) < 2 or end >= len(lines) or lines[end].strip() != "|":
        return None
    return cells, end + 1


def led_cells(lines: list[str]) -> list[str]:
    """A table a web page printed a row at a time, its first cell on a line of its own and each other cell on a
    line led by `|`, the row closed by a bare `|` (`三级指标` / `| 分值` / `| 评分标准` / `|`), as `| a | b |` pipe
    lines; other lines as they are. A row whose first cells are merged above prints fewer. Linear in the lines."""
    out: list[str] = []
    at = 0
    while at < len(lines):
        rows: list[list[str]] = []
        end = at
        while (found := _led_row(lines, end)) is not None:
            rows.append(found[0])
            end = found[1]
        if len(rows) < 2 or len(rows[0]) < 3:
            out.append(lines[at])
            at += 1
            continue
        width = len(rows[0])
        # The cells merged from the rows above are the row's first ones: a shorter row keeps to the right.
        out += [
            "| " + " | ".join([""] * (width - len(row)) + [cell.replace("|", "") for cell in row]) + " |"
            for row in rows
        ]
        at = end
    return out
