"""Rectification tables: columns found from the header row, rows read into items.

Tables that went through PDF or HTML extraction arrive with shifted or merged cells (seed 001), so
cells are also read by content: a `(一)` heading is a category, a cell that starts with a deadline is
the deadline, an owner text is units, duplicated problem/measure text is dropped.
"""

from __future__ import annotations

import re

from anjian.ingest.deadline import resolve_deadline
from anjian.ingest.parsers.columns import find_header, group_text
from anjian.ingest.parsers.layout import clean, number_value, parse_line, zero_group
from anjian.ingest.parsers.units import (
    is_owner_label,
    looks_like_units,
    merge_units,
    owner_bracket,
    split_units,
)
from anjian.ingest.records import Item

_ASCII_PARENS = str.maketrans("（）", "()")  # `（一）1` printed as the prose outline prints it: `(一)1`
_SHARED = frozenset({"category", "units", "deadline", "measures"})  # fields a merged cell gives every row it spans
_FRAGMENT_SPLIT = re.compile(
    r"</p>\s*<p>|\s+(?=\d{1,2}\s*[.．、](?!\d))|(?<=[。；;])\s*(?=\d{1,2}\s*[.．、](?!\d))|(?<=[。；;])\s+(?=\S)"
)
_OWNER_TAIL = re.compile(r"[。；;]([^。；;]{2,60})$")
_PROBLEM_CUES = re.compile(
    r"不够|不足|不强|不到位|不严|不高|不清|不力|不深入|不全面|不健全|不规范|薄弱|滞后|缺乏|欠缺|缺失|没有|未能|"
    r"未按|未落实|存在|问题|风险大|递减|衰减|盲区|短板|突出|隐患多"
)
_MEASURE_START = re.compile(
    r"^(?:加强|加快|加大|建立|健全|推进|推动|督促|制定|开展|严格|落实|完善|组织|强化|深化|提升|提高|实施|持续|坚持|"
    r"把|将|按照|结合|综合|全面|深入|进一步|积极|认真|定期|聚焦|压实|规范|明确|指导|及时)"
)


def header_roles(row: tuple[str, ...]) -> list[str] | None:
    """The role of each column when `row` alone is a header row, else None."""
    found = find_header((row,), scan=1)
    return list(found.roles) if found is not None and found.end == 1 else None


def _fragments(cell: str) -> list[str]:
    """A cell's separate pieces: HTML paragraphs, numbered points, an owner text after a sentence."""
    cell = cell.replace("\r", "")
    parts: list[str] = []
    for piece in _FRAGMENT_SPLIT.split(cell):
        piece = clean(piece)
        tail = _OWNER_TAIL.search(piece)
        # An owner text glued to the sentence before it (`…体系。各行业领域专业委员会办公室`).
        if tail and looks_like_units(tail.group(1)):
            parts += [piece[: tail.start(1)], tail.group(1)]
        elif piece:
            parts.append(piece)
    return [p for p in parts if p]


def _number(fragment: str) -> str:
    line = parse_line(fragment)
    return line.number if line.level == 3 else ""


def _body(fragment: str) -> str:
    line = parse_line(fragment)
    return line.body if line.level == 3 else fragment


def _join(fragments: list[str]) -> str | None:
    """One fragment without its marker; several joined with their markers kept."""
    if not fragments:
        return None
    if len(fragments) == 1:
        return _body(fragments[0])
    return " ".join(fragments)


def _looks_like_measure(fragment: str) -> bool:
    body = _body(fragment)
    return bool(_MEASURE_START.match(body)) and len(_PROBLEM_CUES.findall(body)) < 2


def _norm(text: str) -> str:
    return re.sub(r"\s", "", _body(text))


class _Row:
    """The fields gathered from one table row."""

    def __init__(self) -> None:
        self.category: str | None = None
        self.category_seq = ""
        self.seq = ""
        self.problem: list[str] = []
        self.measures: list[str] = []
        self.units: list[list[str]] = []
        self.deadline_text: str | None = None


def _read_row(cells: list[str], roles: list[str]) -> _Row:
    row = _Row()
    first = clean(cells[0]) if cells else ""
    # A continuation row whose merged first (category) column was dropped: shift it right by one.
    if roles and roles[0] == "category" and first and parse_line(first).level == 3:
        cells = ["", *cells]
    elif (
        roles[:2] == ["category", "problem"]
        and len(_fragments(cells[0])) > 1
        and parse_line(first).level == 2
    ):
        # The category cell swallowed the problem cell (`(三)类别 1. 问题`): realign the rest.
        cells = [cells[0], "", *cells[1:]]
    for role, cell in zip(roles + ["units"] * max(0, len(cells) - len(roles)), cells, strict=False):
        for fragment in _fragments(cell):
            _place(row, role, fragment)
    return row


def _short_names(text: str) -> bool:
    """A responsibility cell's short text (`各镇街`, `各县区`): its names, whatever they end in."""
    compact = re.sub(r"\s", "", text).rstrip("。")
    return 2 <= len(compact) <= 40 and not re.search(r"[。；;：:]|\d", compact)


def _place(row: _Row, role: str, fragment: str) -> None:
    if role == "seq" and not row.seq:
        # `（一）1` in a 序号 column is the item's number under its category, not a heading.
        row.seq = re.sub(r"\s", "", fragment).rstrip(".、").translate(_ASCII_PARENS)
        return
    line = parse_line(fragment)
    heading = line.level == 2 or (line.level == 1 and len(line.body) <= 40)
    if heading or (role == "category" and line.level != 3):
        row.category = line.body.rstrip("。.") if heading else fragment.rstrip("。.")
        row.category_seq = line.seq if heading else ""
        return
    if role == "seq":
        row.seq = fragment.strip().rstrip(".、")
        return
    if role in ("units", "deadline", "ignore"):
        deadline = resolve_deadline(fragment, None, field=True)
        if deadline and re.sub(r"\s", "", fragment).startswith(re.sub(r"\s", "", deadline.raw)):
            if row.deadline_text is None:
                row.deadline_text = deadline.raw
            fragment = fragment.replace(deadline.raw, "", 1).strip()
        if not fragment:
            return
        # A responsibility column's labelled text (`责任单位：…、区委党校`) is an owner list whatever its names end in.
        if looks_like_units(fragment) or (role == "units" and (is_owner_label(fragment) or _short_names(fragment))):
            if role != "ignore":
                row.units.append(split_units(fragment))
            return
        if line.level == 3 and role != "ignore":
            row.measures.append(fragment)  # a measure that slid into an owner column
        return
    if role in ("problem", "measures", "category"):
        if looks_like_units(fragment) and line.level != 3:
            row.units.append(split_units(fragment))
            return
        (row.problem if role in ("problem", "category") else row.measures).append(fragment)


def _settle(row: _Row) -> tuple[str | None, str | None, str]:
    """Problem, measures and the item number once duplicated and misplaced pieces are sorted out."""
    measures_norm = {_norm(m) for m in row.measures}
    problem = [p for p in row.problem if _norm(p) not in measures_norm]
    if len(problem) > 1:
        moved = [p for p in problem if _looks_like_measure(p)]
        if len(moved) < len(problem):
            problem = [p for p in problem if p not in moved]
            row.measures = sorted(moved + row.measures, key=lambda f: number_value(_number(f) or "0"))
    if row.problem and not problem and len(row.problem) == len(row.measures):
        problem = []  # the problem column only repeated the measures
    number = next((_number(p) for p in problem if _number(p)), "") or next(
        (_number(m) for m in row.measures if _number(m)), ""
    )
    return _join(problem), _join(row.measures), number


# A check record's finding that found nothing.
_NOTHING_FOUND = re.compile(r"(?:正常|良好|完好|合格|符合要求|无|无问题|未发现问题|未发现隐患|已整改|/|—|-)[。.]?")


def table_items(
    rows: tuple[tuple[str, ...], ...],
    doc_year: int | None,
    heading: str | None = None,
    continued: frozenset[tuple[int, int]] = frozenset(),
) -> list[Item]:
    """Items of a problem/measure table; `heading` (the text's last heading) is the default category.

    `continued` cells (the lower part of a vertical merge) take the value above in the columns whose
    value is shared by the rows it spans: category, units and deadline.
    """
    header = find_header(rows)
    if header is None:
        return []
    roles = list(header.roles)
    drafts: list[tuple[_Row, str | None, str, str | None, str | None, str, list[str]]] = []
    prefixes: list[str] = []  # per draft: the numbers its own number sits under (`01、`, `01、一、`)
    category: str | None = heading
    category_seq = ""
    zero_prefix = ""  # the leading-zero group a group row opened (`01生产企业` → `01、`)
    row_prefix = ""  # the 序号 of the row whose numbered points continue on the rows below
    last_point = 0
    group_units: list[str] = []
    previous: list[str] = []
    for index in range(header.end, len(rows)):
        cells = list(rows[index])
        if header.repeats(rows[index]):
            continue  # the header printed again on the next page
        spanned = [column for row_index, column in continued if row_index == index]
        cells += [""] * (max(spanned, default=-1) + 1 - len(cells))  # a merge reaching past the row's last cell
        for column, role in enumerate(roles):
            if (
                (index, column) in continued
                and role in _SHARED
                and column < len(previous)
                and column < len(cells)
            ):
                cells[column] = cells[column] or previous[column]
        previous = cells
        group = group_text(tuple(cells), header.roles)
        zero = zero_group(group) if group is not None else None
        if zero is not None:
            zero_prefix, row_prefix, last_point = zero.group("n") + "、", "", 0
            category = (zero.group("title") or "").strip() or category
            continue
        if group is not None:
            line = parse_line(group)
            name, group_units = owner_bracket(line.body if line.level in (1, 2) else group)
            category, category_seq = name.rstrip("。.") or None, line.seq if line.level in (1, 2) else ""
            continue
        row = _read_row(cells, roles)
        if row.category:
            category, category_seq = row.category, row.category_seq
            group_units = []
        problem, measures, number = _settle(row)
        if not problem and not measures:
            continue
        if measures is None and problem and _NOTHING_FOUND.fullmatch(problem.strip()):
            continue  # a check record's `正常。`: nothing was found on that line
        points = _points(row.problem) if measures is None else []
        if row.seq and (points or (number == "1" and problem and measures is None)):
            # A problem cell listing its numbered problems (`1.…；2.…`), or the first of them with the rest on
            # the rows below: each problem is an item numbered under its row's 序号 (`01、1`).
            row_prefix = zero_prefix + row.seq + "、"
            for point, body in points or [(number, problem or "")]:
                drafts.append((row, category, category_seq, body, None, point, group_units))
                prefixes.append(row_prefix)
                last_point = number_value(point)
            continue
        if points and "seq" not in roles:
            # No 序号 column: a site's cell of numbered problems (`1.堵塞安全出口 2.杂物遮挡消火栓`) is one item each.
            row_prefix, last_point = "", 0
            for point, body in points:
                drafts.append((row, category, category_seq, body, None, point, group_units))
                prefixes.append(zero_prefix)
            continue
        if not row.seq and row_prefix and number and number_value(number) == last_point + 1 and measures is None:
            drafts.append((row, category, category_seq, problem, None, number, group_units))
            prefixes.append(row_prefix)
            last_point += 1
            continue
        row_prefix, last_point = "", 0
        drafts.append((row, category, category_seq, problem, measures, row.seq or number, group_units))
        prefixes.append(zero_prefix)
    restart = _restarts([(c, n) for _, _, c, _, _, n, _ in drafts])
    items = []
    for index, (row, cat, cat_seq, problem, measures, number, owners) in enumerate(drafts, start=1):
        # A row left unnumbered in a 序号 column is unnumbered (`seq` null), not the row's position.
        seq = number or ("" if "seq" not in roles or index > 1 and drafts[index - 2][5] else str(index))
        if restart and cat_seq:  # a 序号 column that restarts per category is prefixed too
            seq = cat_seq + ("" if cat_seq.startswith("(") else "、") + number  # `(一)1`, `一、1` as in prose
        seq = prefixes[index - 1] + seq if seq and index - 1 < len(prefixes) else seq
        deadline = resolve_deadline(row.deadline_text, doc_year, field=True) if row.deadline_text else None
        if deadline is None and measures:
            deadline = resolve_deadline(
                measures, doc_year
            )  # as in prose: `每年…` or `9月底前…` in the task text
        items.append(Item(seq, cat, problem, measures, deadline, merge_units(*row.units, owners)))
    return items


def _points(fragments: list[str]) -> list[tuple[str, str]]:
    """A cell's numbered points counted from 1 (two at least) as (number, text) pairs, else none."""
    numbers = [_number(f) for f in fragments]
    if len(fragments) < 2 or numbers != [str(n) for n in range(1, len(fragments) + 1)]:
        return []
    return [(number, _body(f)) for number, f in zip(numbers, fragments, strict=True)]


def _restarts(pairs: list[tuple[str, str]]) -> bool:
    """Whether numbers start again at 1 under a later category."""
    seen: list[str] = []
    for category_seq, number in pairs:
        if category_seq and category_seq not in seen:
            if seen and number and number_value(number) == 1:
                return True
            seen.append(category_seq)
    return False
