"""Table columns recognised by what their header means, not by their position or exact words.

A problem list arrives as 序号 | 存在问题 | 整改措施 | 责任单位 | 完成时限 in any order and in many
wordings, with a header over two rows (整改内容 above 问题描述 | 整改要求), the header repeated on every
page, and group rows (one per enterprise or sector) between the item rows. This module finds the header
and says which field each column feeds; `tables.py` reads the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.layout import clean, parse_line

# The synonyms of each field, tried in this order: the first field whose words a header cell contains
# wins. Person columns come before units (牵头领导 names a person, not a 牵头单位), the inspected site
# (检查单位, 企业名称) before units (where a problem was found is not who answers for it), progress
# columns before measures (整改情况 reports, 整改要求 asks), and 问题类别 is a category, not a problem.
FIELD_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("seq", r"^(?:序\s*号|编\s*号|序|号)$"),
    ("ignore", r"责任人|领导|联系人|联络员|经办人|负责人|电话"),
    ("category", r"类别|类型|问题分类|分类|领域|方面|板块|行业|专项|项目名称|^(?:检查|排查)(?:项目|部位|对象类别)$"),
    # What a check found (`检查结果`, `检查发现`) is the problem, though 结果 also names outcomes.
    ("problem", r"^(?:检查|排查|巡查|督查)(?:结果|发现|发现问题)$"),
    ("deadline", r"时限|期限|完成时间|时间节点|时间安排|截止|完成日期|办结时间|整改时间|时间要求|进度安排"),
    # The inspected site or enterprise (单位名称 beside 存在隐患) groups its problems, as a site heading does.
    # `建筑（单位）名称`: the kind of site in front, its name word in brackets.
    (
        "category",
        r"^(?:被)?检查(?:单位|对象|企业|场所)$|^(?:建筑|场所)?[（(]?(?:企业|单位|场所|项目|点位)[)）]?名称$"
        r"|^隐患(?:单位|场所)(?:名称)?$",
    ),
    ("ignore", r"所在单位|所属单位|地点|位置|地址"),
    # `隐患情况`, `问题描述` name the problems found, though progress columns say 情况 too (整改情况).
    ("problem", r"^(?:火灾|安全|消防|存在|主要)?(?:隐患|问题)(?:情况|内容|描述|表现)$"),
    # A header is named by its last word: `单位主要隐患`, `检查发现问题` are problems, whoever has them.
    ("problem", r"(?:隐患|问题)$"),
    ("units", r"单位|部门|牵头|配合|协办|整改主体|责任主体|实施主体|责任方|负责处室|处室|科室"),
    ("ignore", r"情况|进展|备注|事项|结果|进度|佐证|材料|依据|来源|等级|级别|是否|销号|验收"),
    (
        "measures",
        r"措施|整改要求|整改内容|整改任务|任务|工作要求|整改目标|整改方向|具体要求|工作内容|对策|做法"
        r"|^(?:检查|排查|整治|治理|督查|督导|巡查)(?:内容|重点)$|^要求$",
    ),
    ("problem", r"问题|隐患|描述|表现|发现|不足|存在|短板"),
)
_SYNONYMS = tuple((name, re.compile(words)) for name, words in FIELD_SYNONYMS)
_ITEM_FIELDS = frozenset({"problem", "measures"})


def _compact(cell: str) -> str:
    """A header cell's words: blanks, a repost's pinyin glosses and traditional characters (`問題隱患`) undone."""
    return simplified(re.sub(r"\s", "", clean(cell)))


def cell_field(cell: str) -> str:
    """The field a header cell names, or "" when it names none (an empty cell, a data value)."""
    text = _compact(cell)
    if not text or len(text) > 20 or parse_line(text).level:
        return ""
    return next((name for name, pattern in _SYNONYMS if pattern.search(text)), "")


def _named(roles: list[str]) -> set[str]:
    return {r for r in roles if r}


def _is_header(roles: list[str]) -> bool:
    found = _named(roles)
    return bool(found & _ITEM_FIELDS) and len(found) >= 2


def _scheduled_tasks(roles: list[str], heads: list[str]) -> list[str]:
    """A schedule (`专项整治行业名称 | 时间安排 | 责任单位`) names no problem or measure column, yet each row is a
    task with its time and owners: its first named text column is what is to be done."""
    found = _named(roles)
    if found & _ITEM_FIELDS or not {"deadline", "units"} <= found:
        return roles
    for index, (role, head) in enumerate(zip(roles, heads, strict=False)):
        if role in ("category", "") and head:
            return roles[:index] + ["measures"] + roles[index + 1 :]
    return roles


def _headerish(row: tuple[str, ...]) -> bool:
    """A row of short labels only, each naming a field or empty (the lower row of a two-row header)."""
    filled = [c for c in row if _compact(c)]
    return bool(filled) and all(cell_field(c) for c in filled)


def _one_checklist(roles: list[str], heads: list[str]) -> list[str]:
    """`检查内容` beside `整改措施`: the checklist's question is no measure when the table prints its measures."""
    measures = [i for i, r in enumerate(roles) if r == "measures"]
    if len(measures) >= 2:
        for index in measures:
            if re.fullmatch(r"(?:检查|排查|整治|治理)内容", heads[index] if index < len(heads) else ""):
                roles[index] = ""
    return roles


def _with_task_heading(roles: list[str], heads: list[str]) -> list[str]:
    # 重点任务 beside 具体措施: the task name heads its measures, as a category heading would.
    if "category" not in roles and any(
        r == "measures" and "措施" in h for r, h in zip(roles, heads, strict=True)
    ):
        for index, (role, head) in enumerate(zip(roles, heads, strict=True)):
            if role == "measures" and "措施" not in head:
                roles[index] = "category"
                break
    return roles


@dataclass(frozen=True)
class Header:
    """Where a table's header is and which field each column feeds."""

    first: int  # index of the first header row
    end: int  # index of the first row after the header
    roles: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the header rows as printed, to spot them repeated on later pages

    def repeats(self, row: tuple[str, ...]) -> bool:
        """Whether `row` is one of the header rows printed again (a page break, a new sheet part)."""
        compact = tuple(_compact(c) for c in row)
        return any(compact == tuple(_compact(c) for c in h) for h in self.rows) or (
            _headerish(row) and _is_header([cell_field(c) for c in row])
        )


def find_header(rows: tuple[tuple[str, ...], ...], scan: int = 6) -> Header | None:
    """The header of a problem/measure table among its first rows, joined over two rows when it is split."""
    for start, row in enumerate(rows[:scan]):
        roles = [cell_field(c) for c in row]
        end = start + 1
        # 整改内容 over 问题描述 | 整改要求, or 序号 | 问题 | … over a row of sub-labels: the lower label wins.
        if end < len(rows) and _headerish(rows[end]) and len(_named([cell_field(c) for c in rows[end]])) >= 1:
            lower = [cell_field(c) for c in rows[end]]
            merged = [low or up for up, low in zip(roles + [""] * len(lower), lower, strict=False)]
            merged += roles[len(merged) :]
            if _is_header(merged):
                heads = [_compact(c) for c in rows[end]] + [""] * max(0, len(merged) - len(rows[end]))
                heads = [
                    low or _compact(up) for low, up in zip(heads, row + ("",) * len(heads), strict=False)
                ]
                roles_out = _with_task_heading(
                    merged, heads[: len(merged)] + [""] * (len(merged) - len(heads))
                )
                return Header(start, end + 1, tuple(roles_out), (row, rows[end]))
        if not _is_header(roles) and all(cell_field(c) for c in row if _compact(c)):
            roles = _scheduled_tasks(roles, [_compact(c) for c in row])
        if _is_header(roles):
            heads = [_compact(c) for c in row]
            return Header(start, end, tuple(_with_task_heading(_one_checklist(roles, heads), heads)), (row,))
        if _labelled_beside(row, roles):
            return Header(start, end, tuple(roles), (row,))
    return None


def _labelled_beside(row: tuple[str, ...], roles: list[str]) -> bool:
    """`在建项目 | 存在问题`: a short header naming one problem or measure column beside labels of its own (a
    site, a number), two or three columns in all: the named column is the item, the others are not read."""
    named = [r for r in roles if r]
    others = [_compact(c) for c, r in zip(row, roles, strict=False) if not r]
    return (
        2 <= len(row) <= 3
        and len(named) == 1
        and named[0] in _ITEM_FIELDS
        and all(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", o) for o in others)
    )


def _marked_group(cells: tuple[str, ...], roles: tuple[str, ...]) -> str | None:
    """`一、 | 校园周边存在的不安全隐患` among rows numbered 1, 2, 3: a group row whose heading marker stands in the
    序号 column and its name in the next, as the heading `一、校园周边存在的不安全隐患` (a name: no full stop; `(四) | 农村公路…点段。`
    is an item numbered so). The marker is whatever reads as a heading's (level 1 or 2) once the name follows it."""
    if "seq" not in roles:
        return None
    at = roles.index("seq")
    marker = clean(cells[at]) if at < len(cells) else ""
    others = [clean(c) for i, c in enumerate(cells) if i != at and clean(c)]
    if not marker or len(others) != 1 or len(others[0]) > 40 or "。" in others[0]:
        return None
    heading = marker + ("" if marker.endswith(("、", ".", "．", ")", "）")) else "、") + others[0]
    line = parse_line(heading)
    return heading if line.level in (1, 2) and line.body == others[0] else None


def group_text(cells: tuple[str, ...], roles: tuple[str, ...]) -> str | None:
    """The text of a group row (an enterprise, a site, a sector spanning the table), else None.

    One text across the row (a merged cell is printed once or repeated), not a numbered item, in the
    first column or written as a heading (`一、`, `（二）`) or naming its owners in brackets.
    """
    marked = _marked_group(cells, roles)
    if marked is not None:
        return marked
    texts = [clean(c) for c in cells if clean(c)]
    if not texts or len({re.sub(r"\s", "", t) for t in texts}) != 1:
        return None
    text = texts[0]
    line = parse_line(text)
    if line.level in (3, 4):
        return None
    column = next(i for i, c in enumerate(cells) if clean(c))
    role = roles[column] if column < len(roles) else ""
    first = column == 0 or role in ("seq", "category")
    heading = line.level in (1, 2)
    owned = bool(re.search(r"[（(][^（）()]*(?:责任|牵头|配合|包保)[^（）()]*[:：]", text))
    if (first or heading or owned) and "。" not in text.rstrip("。") and len(text) <= 80:
        return text
    return None
