"""Numbered tasks and problems written as paragraphs: the outline, field labels and inline lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from anjian.ingest.deadline import Deadline, resolve_deadline
from anjian.ingest.parsers.faults import states_fault
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.layout import (
    NUMBERED_TITLE,
    SIGNATURE,
    UNIT_LABEL,
    UNIT_LABEL_LINE,
    WORD_POINT,
    Line,
    is_date_line,
    number_value,
    parse_line,
    per_document,
    zero_group,
)
from anjian.ingest.parsers.units import ORG_END, heading_owners, merge_units, owner_bracket, split_units
from anjian.ingest.records import Item

# Sections whose numbered paragraphs are principles, not tasks (SCHEMA: 工作目标, 工作要求 are not items).
_PRINCIPLE_SECTION = re.compile(
    r"^(?:总体|工作|主要|基本|有关|相关|组织|整改|报送|上报|信息报送)?(?:目标|要求|原则|指导思想|保障|保障措施|保障机制|领导|意义|背景|依据|"
    r"适用范围|基本情况|总体情况|工作成效|主要做法|做法成效|取得成效|开展情况)$"
    # 实施范围, 专项整治范围, 整治目标: what a plan covers and aims at, not a task.
    r"|^.{0,6}(?:范围|目标)$"
    # 整治目标及原则: two such words joined.
    r"|^.{0,6}(?:目标|原则|要求)(?:及|和|与|、)(?:目标|原则|要求)$"
    # 督查时间及方法, 督查方式, 督查人员分组安排, 督查组分工和时间安排: how an inspection is organised, not what it
    # checks (督查内容) or asks.
    r"|^(?:督查|督导|检查|巡查|暗访|考核|核查|验收)(?:组|人员)?.{0,8}(?:时间|方式|方法|分工|分组|安排)$"
)
_PROBLEM_CONTEXT = re.compile(
    r"存在(?:的)?问题|存在(?:如下|以下|下列)(?:问题|隐患)|发现了?(?:一些|部分|不少|诸多)(?:问题|隐患)|发现(?:的|以下|如下)?问题|问题清单|主要问题|突出问题|反馈(?:的)?问题|问题隐患|不足|短板|差距"
)
_FIELD_LABELS: dict[str, str] = {
    "存在问题": "problem",
    "具体问题": "problem",
    "问题描述": "problem",
    "问题表现": "problem",
    "主要问题": "problem",
    "问题": "problem",
    "整改措施": "measures",
    "整改要求": "measures",
    "具体措施": "measures",
    "工作措施": "measures",
    "整改目标": "measures",
    "措施": "measures",
    "整改时限": "deadline",
    "整改完成时限": "deadline",
    "整改完成时间": "deadline",
    "完成期限": "deadline",
    "完成时限": "deadline",
    "整改期限": "deadline",
    "完成时间": "deadline",
    "时间节点": "deadline",
    "时限要求": "deadline",
    "办结时限": "deadline",
    "时限": "deadline",
    "责任单位": "units",
    "牵头单位": "units",
    "配合单位": "units",
    "责任部门": "units",
    "牵头部门": "units",
    "配合部门": "units",
    "主责单位": "units",
    "协办单位": "units",
    "协同单位": "units",
    "参与单位": "units",
    "实施单位": "units",
    "责任领导": "person",
    "牵头领导": "person",
    "分管领导": "person",
    "包保领导": "person",
    # Progress notes of a report-back copy say what was done, not what is to be done.
    "整改情况": "progress",
    "完成情况": "progress",
    "进展情况": "progress",
    "整改进展": "progress",
    "责任人": "person",
    "督办领导": "person",
    "整改责任人": "person",
}
_LABEL_NAMES = "|".join(sorted(_FIELD_LABELS, key=len, reverse=True))
_LABEL_RE = re.compile(
    rf"(?:^|(?<=[。；;\s]))[（(]?(?P<label>{_LABEL_NAMES})[)）]?\s*[:：]|【(?P<bracketed>{_LABEL_NAMES})】\s*[:：]?"
)
_LABELLED_BRACKET = re.compile(rf"[（(]\s*(?P<f>(?:{_LABEL_NAMES})\s*[:：][^（）()]*)[）)]")


def _several_labels(text: str) -> bool:
    return len(re.findall(rf"(?:^|[；;，,。]\s*)(?:{_LABEL_NAMES})\s*[:：]", text)) >= 2


# `…落实情况。（具体内容见附件2）`: a pointer after the point's full stop, not part of it.
_ATTACHMENT_POINTER = re.compile(r"(?<=。)\s*[（(][^（）()]{0,20}见附件\s*\d*[）)]\s*$")
_NEXT_LABEL = re.compile(rf"[；;，,。]\s*(?:{_LABEL_NAMES})\s*[:：]")
_INLINE_OWNER = re.compile(r"[（(]\s*(?:责任单位|牵头单位|责任部门|牵头部门)\s*[:：](?P<u>[^）)]+)[）)]")
_REQUEST = re.compile(
    r"(?:^|(?<=[。；;，,]))请(?P<u>[^，,。；;：:]{2,40}?)(?=牵头|负责|安排|指派|明确|按照|于|要|抓紧|认真|切实|进一步|结合|做好|加强|组织|对|督促|会同|指导)"
)
# `由县消防救援大队牵头明确整改责任`, `各行业领域责任部门牵头，制定…`: a clause naming who leads (or assists)
# makes that organisation responsible, as a 牵头单位 label does.
_LEAD_ROLE = re.compile(r"(?:^|(?<=[。；;，,：:]))\s*(?:由|请)?(?P<u>[^，,。；;：:（）()“”《》\s由要将]{2,40}?)(?:牵头|配合)")
# `以上问题`, `以上治理工作`: what was listed above, named back (各项/全部 only right before the noun).
_GOVERNING = re.compile(
    r"(?:(?:以上|上述|所列|前述)[^，,。；;]{0,6}?|各项|全部)(?:问题|隐患|任务|整改|措施|工作)"
)
# A closing request to finish the rectification by a date (`请各责任单位于9月20日前完成整改，并将整改情况
# 报送…`): it governs listed problems, which are what is rectified; a list of tasks keeps its own dates.
_RECTIFY_BY = re.compile(
    r"(?:请|务必|必须|须|应当?|要求|限)[^。；;]{0,40}?(?:于|在)[^。；;]{2,24}?(?:前|之前|以前)[^。；;]{0,30}?整改"
    r"|(?:请|务必|必须|须|应当?|要求|限)[^。；;]{0,40}?整改[^。；;]{0,30}?(?:于|在)[^。；;]{2,24}?(?:前|之前|以前)"
)
# A closing request to rectify the listed problems at once (`督导组…要求企业立即进行整改`).
_RECTIFY_AT_ONCE = re.compile(
    r"(?:请|务必|必须|须|应当?|要求|责令)[^。；;，,]{0,20}?立即[^。；;，,]{0,20}?整改"
)
# A lead-in that orders the listed checks done at once (`…要立即组织…排查，重点排查以下几方面：`).
_IMMEDIATE_LEAD = re.compile(r"立行立改|立即")
# A lead-in announcing found problems (`发现以下单位存在重大火灾隐患，现予挂牌督办。`): the list under it
# names problems, not measures.
_PROBLEM_LEAD = re.compile(
    r"(?:发现|存在|排查出|检查出|查出|暴露出?)[^。；;]{0,30}?(?:问题|隐患)|以下(?:问题|隐患)|(?:问题|隐患)如下"
)
_INLINE_ITEM = re.compile(
    r"(?:(?<=[：:；;。])|^)\s*(?P<n>\d{1,2})\s*(?:[.．、](?!\d)|[.．、](?=(?:19|20)\d{2}\s*年))"
)

# `…提出如下要求: 一、…。 二、…。`: requirements numbered 一、二、 run into one paragraph after a lead-in.
_INLINE_CN_ITEM = re.compile(r"(?:(?<=[：:；;。])|(?<=\s))\s*(?P<n>[一二三四五六七八九十]{1,3})、")


@dataclass
class _Entry:
    """An outline entry while the outline is being built."""

    line: Line
    l1: Line | None
    l2: Line | None
    labelled: list[str] = field(default_factory=list)
    children: int = 0
    problem_lead: bool = False  # the list opens under a paragraph announcing found problems
    lead_deadline: Deadline | None = None  # `…要立即组织…，重点排查以下几方面：` over the list
    l3: Line | None = None  # the point (`1.…包括：`) whose bracketed points (`(1)…`) this entry is one of


# A point that announces bracketed points under it: `1. 立即…进行整改，包括：`, or a heading without a stop
# (`2. 消防安全管理制度`); its points are the items, itself their category.
_ANNOUNCING_END = re.compile(r"[，,]?\s*(?:包括|如下|具体如下|主要有|主要是)?\s*[：:]$")


def _heads_points(line: Line) -> bool:
    body = line.body.strip()
    return bool(_ANNOUNCING_END.search(body)) or (len(body) <= 20 and not re.search(r"[。，,；;]", body))


def _fields(text: str) -> dict[str, list[str]]:
    """Split an item's text at field labels (整改措施：, 整改时限：, 责任单位：…)."""
    out: dict[str, list[str]] = {"lead": []}
    matches = list(_LABEL_RE.finditer(text))
    lead = text[: matches[0].start()] if matches else text
    out["lead"].append(lead.strip())
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip()
        name = _FIELD_LABELS[m.group("label") or m.group("bracketed")]
        if name in ("units", "deadline"):  # a short value ends where a paragraph of another label begins
            value = _OTHER_LABEL.split(value, maxsplit=1)[0].strip()
        out.setdefault(name, []).append(value)
    return out


# A paragraph opening with a label of its own (`检查范围：…`) after a field's value.
_OTHER_LABEL = re.compile(r"\n\s*\n(?=[^\n:：，,。]{2,8}[:：])")


def _strip_end(text: str) -> str:
    return text.strip().rstrip("。.；;：:").strip()


def heading_text(line: Line | None) -> str | None:
    """A heading's text without its marker, owner brackets or final 。, as used for `category`."""
    if line is None:
        return None
    return _strip_end(heading_owners(line.body)[0]) or None


def _group_line(text: str) -> Line | None:
    """`万达广场（责任单位：某区，市消防支队）` over numbered problems: an unnumbered group heading."""
    name, units = owner_bracket(text)
    if not units or not name or len(name) > 40 or re.search(r"[。；;]", name):
        return None
    return Line(text, 2, "", text)


# `隐患:` / `存在问题：` on a line of its own between a site's name and its numbered problems.
_PROBLEM_LABEL = re.compile(r"^(?:存在|发现|主要)?的?(?:问题|隐患|问题隐患|隐患问题)(?:如下)?\s*[:：]$")
_NAME_LINE = re.compile(r"^[^，。；：:,;！!？?、]{2,30}$")


def _site_groups(texts: list[str]) -> tuple[set[int], set[int]]:
    """Unnumbered name lines each over its own list counted from 1 (`泰山慈恩老年颐养中心` / `隐患:` / `1、…`):
    the sites of an exposure or an inspection, each heading its problems. Two such groups at least, so a
    title over a single list is not taken for one. Returns the name lines and the label lines between."""
    names: set[int] = set()
    labels: set[int] = set()
    for index, text in enumerate(texts[:-1]):
        stripped = text.strip()
        if parse_line(stripped).level or not _NAME_LINE.match(stripped) or is_date_line(stripped):
            continue
        after = index + 1
        label = _PROBLEM_LABEL.match(texts[after].strip()) is not None
        if label:
            after += 1
        if after < len(texts):
            first = parse_line(texts[after])
            if first.level == 3 and number_value(first.number) == 1:
                names.add(index)
                labels |= {index + 1} if label else set()
    return (names, labels) if len(names) >= 2 else (set(), set())


_DIVISION_SECTION = re.compile(r"分工|职责|责任主体|任务分解")
_OWNER_NOUN = re.compile(r"(?:用户|业主|单位|企业|部门|机构|经营者|管理者)$")


def _owner_heading(l1: Line | None, l2: Line | None) -> list[str]:
    """Under a 责任分工 section, a `（二）燃气经营企业` heading names who carries out the points under it."""
    if l1 is None or l2 is None or not _DIVISION_SECTION.search(l1.body[:12]):
        return []
    name = l2.body.strip().rstrip("。")
    if len(name) > 16 or re.search(r"[，,。；;：:、（(]", name):
        return []
    return [name] if _OWNER_NOUN.search(name) or ORG_END.search(name) else []


def _heading_units(*headings: Line | None) -> list[str]:
    """The owners a group or section heading names in brackets; they answer for every item under it."""
    return [u for h in headings if h is not None for u in heading_owners(h.body)[1]]


def build_item(
    seq: str, category: str | None, text: str, doc_year: int | None, *, problem_context: bool
) -> Item:
    """One item from its text: labelled fields if present, else the whole text as problem or measures."""
    # `…开展排查（责任单位：各乡镇；完成时限：3月31日前）。`: a bracket of several labels holds fields.
    text = _LABELLED_BRACKET.sub(
        lambda m: " " + m.group("f") if _several_labels(m.group("f")) else m.group(), text
    )
    text = _ATTACHMENT_POINTER.sub("", text)
    fields = _fields(text)
    lead = fields["lead"][0]
    # The text before a `整改措施：` label is the problem; deadline or owner labels alone (a task with
    # `完成时限：…（责任单位：…）`) leave the lead text where unlabelled text goes.
    if "measures" in fields or "problem" in fields:
        problem_parts = [lead, *fields.get("problem", [])]
        measures_parts = fields.get("measures", [])
    else:
        problem_parts, measures_parts = ([lead], []) if problem_context else ([], [lead])
    problem = "\n".join(p for p in problem_parts if p) or None
    measures = "\n".join(p for p in measures_parts if p) or None
    deadline: Deadline | None = None
    if fields.get("deadline"):
        deadline = resolve_deadline(" ".join(fields["deadline"]), doc_year, field=True)
    elif measures:
        deadline = resolve_deadline(measures, doc_year)
    units = [split_units(v) for v in fields.get("units", [])]
    body = measures or problem or ""
    # `（责任单位：各乡镇；完成时限：3月31日前）`: the owners end where the bracket's next label starts.
    units += [split_units(_NEXT_LABEL.split(m.group("u"))[0]) for m in _INLINE_OWNER.finditer(body)]
    for request in _REQUEST.finditer(body):
        units.append([u for u in split_units(request.group("u")) if len(u) >= 2 and ORG_END.search(u)])
    for role in _LEAD_ROLE.finditer(body):
        names = split_units(role.group("u"))
        units.append(names if names and all(ORG_END.search(u) for u in names) else [])
    return Item(seq, category, problem, measures, deadline, merge_units(*units))


_INLINE_WORD_ITEM = re.compile(
    # `会议要求，一要…；二要…`, `他强调，一是…`: a news report's requirements follow the verb and a comma.
    r"(?:(?<=[。；;：:！!])|(?<=(?:要求|强调|強調|指出|提出|明确|明確)[，,])|^)\s*(?P<q>其)?(?P<n>[一二三四五六七八九十]{1,2})"
    # `发现以下两处问题:其一,…;其二,…`: 其一/其二 count the same way, the comma after them.
    r"(?P<w>(?<!其[一二三四五六七八九十])(?:是|要)(?![否])|(?<=其[一二三四五六七八九十])(?=[，,、]))"
)


@per_document
def _word_items(text: str) -> tuple[tuple[str, str], ...]:
    """An inline list counted in words (`一是…。二是…。`, `一要…。二要…。`) as (marker, text) pairs."""
    return tuple(_word_list(text))


def _word_list(text: str) -> list[tuple[str, str]]:
    marks = list(_INLINE_WORD_ITEM.finditer(text))
    if not _counted_marks(marks):
        marks = _addressed_word_marks(text)
        if not _counted_marks(marks):
            return []
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end() : end].strip().lstrip("，,、")
        counted_by_qi = bool(m.groupdict().get("q"))
        if counted_by_qi and i + 1 == len(marks):
            # the story goes on after the last point: it ends at its full stop
            body = body.split("。", 1)[0] + ("。" if "。" in body else "")
        out.append((("其" if counted_by_qi else "") + m.group("n") + m.group("w"), body))
    return out


_NAMED_POINT = re.compile(r"^(?P<name>[^，,。；;：:]{2,12})[:：]\s*(?P<rest>\S.*)$", re.S)


def _named_word_points(line: Line) -> tuple[str, list[tuple[str, str]]] | None:
    """`施工现场：一是…；二是…` as the name and its points counted in words, else None."""
    found = _NAMED_POINT.match(line.body.strip())
    if found is None:
        return None
    points = _word_list(found.group("rest"))
    return (found.group("name"), points) if len(points) >= 2 else None


def _counted_marks(marks: list[re.Match[str]]) -> bool:
    """Two marks or more of one word (是 or 要), counting 1, 2, 3…"""
    return (
        len(marks) >= 2
        and len({m.group("w") for m in marks}) == 1
        and [number_value(m.group("n")) for m in marks] == list(range(1, len(marks) + 1))
    )


# `会议要求，各村(社区)一是要…；二是要…`: the requirement names whom it is for before its first point.
# `…是重中之重。祝楼乡一是要求各村…；二是…`: or the sentence opens with whoever does them.
_ADDRESSED_FIRST = re.compile(
    r"(?:(?:要求|强调|指出|提出|明确)[，,]?|(?:^|(?<=[。；;！!])))[^，,。；;：:]{1,12}?(?=一(?:是|要)(?![否]))"
)
_LATER_WORD_ITEM = re.compile(r"(?<=[。；;，,])\s*(?P<n>[二三四五六七八九十]{1,2})(?P<w>是|要)(?![否])")
_FIRST_WORD_ITEM = re.compile(r"(?P<n>一)(?P<w>是|要)")


def _addressed_word_marks(text: str) -> list[re.Match[str]]:
    """The 一是/二是 marks of a requirement whose first point follows its addressee or its doer (`各村(社区)一是要…`,
    `祝楼乡一是要求…`)."""
    lead = _ADDRESSED_FIRST.search(text)
    if lead is None:
        return []
    first = _FIRST_WORD_ITEM.match(text, lead.end())
    if first is None:
        return []
    return [first, *_LATER_WORD_ITEM.finditer(text, first.end())]


def _word_paragraphs(loose: list[tuple[str, Line | None, Line | None]]) -> dict[int, tuple[str, str]]:
    """Paragraphs that each open with the next count in words (`一是…` / `二是…` / `三是…`) under the same
    heading: a list of points, one per paragraph, as (marker, text) by the paragraph's index."""
    out: dict[int, tuple[str, str]] = {}
    run: list[tuple[int, str, str]] = []

    def close() -> None:
        if len(run) >= 2:
            out.update({index: (marker, body) for index, marker, body in run})
        run.clear()

    for index, (text, l1, l2) in enumerate(loose):
        found = WORD_POINT.match(text)
        if found is None or len(_word_items(text)) >= 2:
            close()
            continue
        value = number_value(found.group("n"))
        previous = loose[run[-1][0]] if run else None
        same_run = (
            previous is not None
            and run[-1][0] == index - 1
            and (previous[1], previous[2]) == (l1, l2)
            and run[-1][1].endswith(found.group("w"))
            and number_value(run[-1][1][:-1]) + 1 == value
        )
        if not same_run:
            close()
            if value != 1:
                continue
        run.append((index, found.group("n") + found.group("w"), text[found.end() :].strip()))
    close()
    return out


_LABELLED_ONE = re.compile(r"^(?:存在|发现|主要)?的?[^\s:：，,。]{0,4}?(?:问题|隐患|问题隐患|隐患问题)\s*[:：]$")


@per_document
def _inline_items(text: str) -> tuple[tuple[str, str], ...]:
    """A numbered list run into one paragraph (`发现以下问题：1.…；2.…`) as (number, text) pairs."""
    return tuple(_inline_list(text))


def _inline_list(text: str) -> list[tuple[str, str]]:
    marks = list(_INLINE_ITEM.finditer(text))
    numbers = [int(m.group("n")) for m in marks]
    # `隐患问题：1、灭火器失效。`: a problem label numbers even a single problem.
    if numbers == [1] and _LABELLED_ONE.match(text[: marks[0].start()].strip()):
        return [(marks[0].group("n"), text[marks[0].end() :].strip().rstrip("；;"))]
    if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)) or marks[0].start() == 0:
        marks = list(_INLINE_CN_ITEM.finditer(text))
        numbers = [number_value(m.group("n")) for m in marks]
        if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)) or marks[0].start() == 0:
            return []
        if not re.search(r"(?:如下|以下|下列)[^。]{0,6}[：:]\s*$", text[: marks[0].start()]):
            return []
    out = _pieces(text, marks)
    # Points of one sentence each, split by `；`: the list ends with the last point's `。`, and what follows
    # (`针对存在的问题，督导组…要求企业立即进行整改`) is the paragraph going on, not that point.
    number, last = out[-1]
    if all("。" not in body.rstrip("。") for _, body in out[:-1]) and "。" in last.rstrip("。"):
        out[-1] = (number, last[: last.index("。") + 1])
    return out


# A record of an exposure: `隐患单位：中环大厦` / `存在隐患：1、…；2、…` (or one problem) / `整改措施：责令限期整改`.
_UNIT_LINE = re.compile(rf"^{UNIT_LABEL}\s*[:：]\s*(?P<name>[^，,。；;：:]{{2,40}})$")
# `存在火灾隐患：` (a kind of hazard between the verb and the noun).
# `存在火灾隐患：`, `隐患情况：`, `问题描述：`, `违法行为：` (the record's problems, whatever the label).
_PROBLEMS_LABEL = (
    r"(?:(?:存在|发现)的?[^\s:：，,。]{0,4}?(?:问题|隐患|问题隐患)|(?:火灾|安全|消防)?隐患(?:情况|内容|描述|问题)"
    r"|问题(?:描述|情况)|违法(?:行为|事实))"
)
_RECORD_PROBLEMS = re.compile(rf"^{_PROBLEMS_LABEL}\s*[:：]\s*(?P<p>\S.*)$", re.S)
# Other fields of a record between the unit's name and its problems: `场所地址：…`, `法定代表人：…`.
_RECORD_OTHER = re.compile(
    r"^(?:场所|单位|企业|建筑|隐患)?(?:地址|地点|位置|所在地|法人|法定代表人|负责人|联系人|联系电话|电话|检查时间|类型|性质|类别)\s*[:：]"
)
# A record's label on a line of its own (`建筑（单位）名称：`, `隐患单位`, `存在火灾隐患：`), its value on the lines below.
_PROBLEMS_LABEL_LINE = re.compile(rf"^{_PROBLEMS_LABEL}\s*[:：]$")


def _joined_records(texts: list[str]) -> list[str]:
    """Records whose labels stand on lines of their own (a news page breaks every field): each label joined with
    its value, the unit's name on the next line and the problems on the lines up to the next label."""
    out: list[str] = []
    index = 0
    while index < len(texts):
        text = texts[index].strip()
        if UNIT_LABEL_LINE.match(text) and index + 1 < len(texts) and _NAME_LINE.match(texts[index + 1].strip()):
            label = text if text.endswith((":", "：")) else text + "："
            out.append(label + texts[index + 1].strip())
            index += 2
            continue
        if _PROBLEMS_LABEL_LINE.match(text) and out and _UNIT_LINE.match(out[-1]):
            end = index + 1
            while end < len(texts) and not (
                UNIT_LABEL_LINE.match(texts[end].strip()) or _RECORD_MEASURES.match(texts[end].strip())
            ):
                end += 1
            if end > index + 1:
                out.append(text + "".join(t.strip() for t in texts[index + 1 : end]))
                index = end
                continue
        if (
            _LABEL_ONLY.match(text)
            and index + 1 < len(texts)
            and not _LABEL_RE.match(texts[index + 1].strip())
            and not parse_line(texts[index + 1]).level
        ):
            out.append(text + texts[index + 1].strip())  # `存在问题：` over its value: one labelled paragraph
            index += 2
            continue
        out.append(texts[index])
        index += 1
    return out


_LABEL_ONLY = re.compile(rf"^[（(]?(?:{_LABEL_NAMES})[)）]?\s*[:：]$")
_RECORD_MEASURES = re.compile(r"^整改(?:措施|要求|意见)\s*[:：]\s*(?P<m>\S.*)$", re.S)


_SPACED_POINT = re.compile(r"(?:^|\s)(?P<n>\d{1,2})[.．、](?!\d)")


def _spaced_points(text: str) -> tuple[tuple[str, str], ...]:
    """A record's problems numbered on one line with blanks between (`1.堵塞安全出口 2.杂物遮挡消火栓`)."""
    marks = list(_SPACED_POINT.finditer(text))
    if len(marks) < 2 or [int(m.group("n")) for m in marks] != list(range(1, len(marks) + 1)) or marks[0].start():
        return ()
    return tuple(_pieces(text, marks))


def _pieces(text: str, marks: list[re.Match[str]]) -> list[tuple[str, str]]:
    """(number, text) of each numbered point of a paragraph, from the marks numbering it 1, 2, 3…"""
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [(m.group("n"), text[m.end() : end].strip().rstrip("；;")) for m, end in zip(marks, ends, strict=True)]


def _record_items(texts: list[str], doc_year: int | None) -> tuple[list[Item], set[int]]:
    """Items of `隐患单位：` records (the unit's name, its problems, their shared measure), and the lines used."""
    items: list[Item] = []
    used: set[int] = set()
    for index, text in enumerate(texts):
        unit = _UNIT_LINE.match(text.strip())
        if unit is None or index + 1 >= len(texts):
            continue
        at = index + 1
        while at < min(index + 3, len(texts) - 1) and _RECORD_OTHER.match(texts[at].strip()):
            at += 1  # the address or owner printed between the name and the problems
        found = _RECORD_PROBLEMS.match(texts[at].strip())
        if found is None:
            continue
        after = texts[at + 1].strip() if at + 1 < len(texts) else ""
        measure = _RECORD_MEASURES.match(after)
        name, problems = unit.group("name").strip(), found.group("p").strip()
        points = _inline_items(texts[at].strip()) or _spaced_points(problems) or (("", problems),)
        opening = parse_line(problems)
        if len(points) == 1 and opening.level == 3 and number_value(opening.number) == 1:
            # `存在的火灾隐患：1、…；` with `2、…` on the next line: the problems go on counting below
            points = ((opening.number, opening.body.rstrip("；;")),)
            while at + 1 < len(texts):
                following = parse_line(texts[at + 1])
                if following.level != 3 or number_value(following.number) != len(points) + 1:
                    break
                points += ((following.number, following.body.rstrip("；;")),)
                at += 1
        # `火灾隐患曝光2` over the record: its number numbers a record of one problem.
        counted = NUMBERED_TITLE.match(texts[index - 1].strip()) if index and len(points) == 1 else None
        if counted and index - 1 not in used:
            points = ((counted.group("n"), points[0][1]),)
            used.add(index - 1)
        for number, body in points:
            item = build_item(number, name, body, doc_year, problem_context=True)
            items.append(replace(item, measures=item.measures or (measure.group("m").strip() if measure else None)))
        used |= set(range(index, at + 1)) | ({at + 1} if measure else set())
    return items, used


def _zero_groups(texts: list[str]) -> list[int]:
    """Positions of the group lines `01`, `02`, … counted in order from 01; none unless two at least."""
    found: list[int] = []
    for index, text in enumerate(texts):
        group = zero_group(text)
        if group is not None and int(group.group("n")) == len(found) + 1:
            found.append(index)
    return found if len(found) >= 2 else []


def _grouped_items(texts: list[str], starts: list[int], doc_year: int | None, problem_list: bool) -> list[Item]:
    """Items of each leading-zero group, their numbers behind the group's (`01、一、1`): numbering restarts in every
    group. A group holding one unnumbered item is numbered by the group itself; its title is the category of
    items under no heading of their own."""
    items = prose_items(texts[: starts[0]], doc_year, problem_list=problem_list) if starts[0] else []
    for start, end in zip(starts, [*starts[1:], len(texts)], strict=False):
        group = zero_group(texts[start])
        assert group is not None
        number, title = group.group("n"), group.group("title")
        found = prose_items(texts[start + 1 : end], doc_year, problem_list=problem_list)
        lone = len(found) == 1 and not found[0].seq
        items += [
            replace(
                item,
                seq=number if lone else (f"{number}、{item.seq}" if item.seq else item.seq),
                category=item.category or (title.strip() if title else None),
            )
            for item in found
        ]
    return items


def _site_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """A news page's exposure printed as pairs of lines, a site's name over what is wrong there (`淇县妇幼保健院的
    门诊楼` / `未经消防验收就擅自投入使用、室内消火栓内无水。`), unnumbered: the (name, faults) line indexes of
    the longest run of three pairs or more, else none."""
    best: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    index = 0
    while index + 1 < len(texts):
        name, faults = texts[index].strip(), texts[index + 1].strip()
        if (
            _NAME_LINE.match(name)
            and not parse_line(name).level
            and not parse_line(faults).level
            and faults.endswith(("。", "；", ";"))
            and states_fault(faults)
        ):
            run.append((index, index + 1))
            index += 2
            continue
        best = max(best, run, key=len)
        run = []
        index += 1
    best = max(best, run, key=len)
    return best if len(best) >= 3 else []


# What an inspection found, run on after the lead that announces it on the same line: one line per site
# (`知新路二期项目存在问题如下:道路上脏乱差,…`), or once in a page that numbers nothing (`…检查,主要存在以下问题:
# 基坑临边防护损坏;钢筋切割机未做防护棚;…`).
_SITE_PROBLEMS = re.compile(
    r"^(?P<site>[^，,。；;：:]{2,40}?)存在(?:以下|如下|下列)?[^，,。；;：:]{0,4}?的?(?:问题|隐患)(?:如下)?[:：]\s*(?P<p>\S.{3,})$"
)
_FOUND_PROBLEMS = re.compile(
    r"(?:^|[，,。])(?:(?:主要|还|仍)?存在(?:以下|如下|下列)[^，,。；;：:]{0,4}?的?(?:问题|隐患)"
    # `但还是存在一定的安全隐患,主要表现在:部分单位灭火器失效;…`
    r"|[^，,。；;：:]{0,6}?存在[^，,。；;：:]{0,8}?(?:问题|隐患)[，,]\s*主要表现(?:在|为))[:：]\s*(?P<p>[^。]{4,}[；;][^。]{4,}。?)"
)
_NUMBERED_INSIDE = re.compile(r"(?:^|[；;。：:])\s*(?:[1-9一二三四五六七八九十][、.．]|[（(][1-9一二三四五六七八九十][)）])")


def _problems_after_their_lead(texts: list[str], doc_year: int | None) -> tuple[list[Item], set[int]]:
    """Problems run on after their lead: an item per site line when two unnumbered lines or more name a site and
    its problems, else one item of the one line running them on `；` apart when nothing in the text is numbered;
    each with the deadline a closing order sets for them all. Also the line indexes used."""
    found = {i: m for i, t in enumerate(texts) if not parse_line(t).level and (m := _SITE_PROBLEMS.match(t.strip()))}
    if len(found) < 2:
        found = {}
        if not any(parse_line(t).level for t in texts):
            runs = {i: m for i, t in enumerate(texts) if (m := _FOUND_PROBLEMS.search(t.strip()))}
            if len(runs) == 1 and not _NUMBERED_INSIDE.search(next(iter(runs.values())).group("p")):
                found = runs
    if not found:
        return [], set()
    items = [build_item("", None, m.group("p"), doc_year, problem_context=True) for m in found.values()]
    rest = [t for i, t in enumerate(texts) if i not in found]
    return apply_governing(items, rest, doc_year), set(found)


# A story of inspections telling, a paragraph each, what was found at one named place: `瓦房店大队在对…加气站进行
# 消防监督检查时发现,该单位…`, `消防稽查人员在检查金元大厦时,发现楼内…`, `消防救援部门对海口友谊国贸城开展检查时发现,
# 该场所存在…`. Places told in one paragraph `;` apart each state what exists there (`儋州市那大镇敬老院存在…等火灾隐患`).
_CHECKED_AND_FOUND = re.compile(r"(?:检查|稽查|督查|暗访|抽查|巡查)[^。；;!！?？]{0,24}?时\s*[，,]?\s*发现")
_EXISTS_AT = re.compile(r"^[^，,。；;]{2,30}?存在[^。；;]{2,}?(?:隐患|问题)。?$")
_MIN_FINDINGS = 3


def _findings_at_places(texts: list[str]) -> list[tuple[int, str]]:
    """(line index, text) of each finding at a place, when a story tells three or more, unnumbered; else none."""
    found: list[tuple[int, str]] = []
    for index, text in enumerate(texts):
        plain = simplified(text)
        if parse_line(text).level or not _CHECKED_AND_FOUND.search(plain):
            continue
        pieces = re.split(r"(?<=[；;])", text.strip())
        rest = [simplified(piece).rstrip("；;") for piece in pieces[1:]]
        if len(pieces) >= 2 and all(_EXISTS_AT.match(piece) for piece in rest):
            found += [(index, piece.strip().rstrip("；;")) for piece in pieces]
        else:
            found.append((index, text.strip()))
    return found if len(found) >= _MIN_FINDINGS else []


def _the_rest(texts: list[str], used: set[int], doc_year: int | None, problem_list: bool) -> list[Item]:
    """The items of the lines a special reading did not use, read as any text is."""
    rest = [text for index, text in enumerate(texts) if index not in used]
    return prose_items(rest, doc_year, problem_list=problem_list) if rest else []


def prose_items(texts: list[str], doc_year: int | None, *, problem_list: bool = False) -> list[Item]:
    """Items of numbered paragraphs under numbered headings, in order."""
    starts = _zero_groups(texts)
    if starts:
        return _grouped_items(texts, starts, doc_year, problem_list)
    sited, used = _problems_after_their_lead(texts, doc_year)
    if sited:
        return sited + _the_rest(texts, used, doc_year, problem_list)
    findings = _findings_at_places(texts)
    if findings:
        items = [build_item("", None, text, doc_year, problem_context=True) for _, text in findings]
        return items + _the_rest(texts, {index for index, _ in findings}, doc_year, problem_list)
    pairs = _site_pairs(texts)
    if pairs:
        items = [build_item("", texts[name].strip(), texts[faults], doc_year, problem_context=True) for name, faults in pairs]
        return items + _the_rest(texts, {i for pair in pairs for i in pair}, doc_year, problem_list)
    texts = _joined_records(texts)
    records, used = _record_items(texts, doc_year)
    if records:
        return records + _the_rest(texts, used, doc_year, problem_list)
    entries: list[_Entry] = []
    loose: list[tuple[str, Line | None, Line | None]] = []
    l1: Line | None = None
    l2: Line | None = None
    sub_list: int | None = None  # the last number of a list under an empty label (`整改措施：` then 1. 2.)
    l3: Line | None = None  # the latest point heading bracketed points
    problem_lead = False
    heading_level = 0  # the level of the latest heading
    lead: tuple[int, Deadline] | None = None  # an immediacy lead-in and the heading level it sits under
    sites, site_labels = _site_groups(texts)
    for index, text in enumerate(texts):
        if index in site_labels:
            problem_lead = True  # `隐患:` over a site's list: its points are problems
            continue
        line = Line(text, 2, "", text.strip()) if index in sites else parse_line(text)
        if index in sites:
            problem_lead = bool(site_labels) or problem_lead
        current = entries[-1] if entries else None
        if current is not None and line.level == 4 and current.line.level == 3 and not _heads_points(current.line):
            current.labelled.append(line.text)  # a sub-point of the current item
            continue
        if line.level == 4 and l3 is not None:
            entries.append(_Entry(line, l1, l2, problem_lead=problem_lead, l3=l3))
            continue
        if line.level:
            l3 = line if line.level == 3 and _heads_points(line) else None
        in_sub_list = sub_list is not None and line.level == 3 and number_value(line.number) == sub_list + 1
        if current is not None and sub_list is not None and in_sub_list:
            current.labelled.append(line.text)
            sub_list += 1
            continue
        sub_list = None
        if line.level == 0:
            line = _group_line(line.text) or line
        if line.level == 1:
            l1, l2 = line, None
        elif line.level == 2:
            l2 = line
        if line.level:
            if lead is not None and line.level <= lead[0]:
                lead = None  # a heading of the lead's own rank or above ends its list
            entries.append(
                _Entry(line, l1, l2, problem_lead=problem_lead, lead_deadline=lead[1] if lead else None)
            )
            if line.level in (1, 2):
                heading_level = line.level
            continue
        problem_lead = _announces_problems(line.text) or _problem_title(line.text)
        if _IMMEDIATE_LEAD.search(line.text) and line.text.rstrip().endswith(("：", ":")):
            found = resolve_deadline(_IMMEDIATE_LEAD.search(line.text).group(), doc_year, field=True)  # type: ignore[union-attr]
            lead = (heading_level, found) if found is not None else None
        if current is not None and _LABEL_RE.match(line.text) and current.line.level >= 2:
            current.labelled.append(line.text)
            sub_list = 0 if line.text.rstrip().endswith(("：", ":")) else None
        elif current is None:
            loose.append((line.text, l1, l2))
        else:
            entries.append(_Entry(Line(line.text), l1, l2))  # a break: the next text may not be the item's
    entries = _absorb_heading_paragraphs(_absorb_sandwiched(entries))
    loose += [(e.line.text, e.l1, e.l2) for e in entries if e.line.level == 0]
    # Each item's parent: the nearest earlier item of a level it may sit under (a level-2 item only
    # under level 1). The last entry of each level is kept, so this is one pass, not a scan back per item.
    last: dict[int, tuple[int, _Entry]] = {}  # level → (position, entry) of its latest entry
    for position, entry in enumerate(entries):
        level = entry.line.level
        if level in (2, 3, 4):
            allowed = (1,) if level == 2 else range(1, level)
            candidates = [last[k] for k in allowed if k in last]
            if candidates:
                max(candidates, key=lambda found: found[0])[1].children += 1
        if level > 0:
            last[level] = (position, entry)
    items = _items_from(entries, loose, doc_year, problem_list)
    return apply_governing(items, [text for text, _, _ in loose], doc_year)


def _announces_problems(text: str) -> bool:
    """A paragraph whose last sentence announces the problems found (and asks for nothing else)."""
    last = [s for s in re.split(r"[。；;！!]", text) if s.strip()]
    tail = "".join(last[-2:]) if last else ""
    announces = bool(re.search(r"以下|如下|下列", tail)) or text.rstrip().endswith(("：", ":"))
    return announces and bool(_PROBLEM_LEAD.search(tail)) and not re.search(r"要求|措施|意见|任务", tail)


def _problem_title(text: str) -> bool:
    """A title line over a list of problems (`督查发现的问题和隐患`, an attachment's heading)."""
    return len(text) <= 60 and not re.search(r"[。；;：:，,]", text) and bool(_PROBLEM_CONTEXT.search(text))


def apply_governing(items: list[Item], texts: list[str], doc_year: int | None) -> list[Item]:
    """Items without a deadline take the one stated for all of them: `以上问题须于…前整改到位` governs every
    listed item; a closing `请于…前完成整改` governs the listed problems."""
    governing = governing_deadline(texts, doc_year)
    if governing is not None:
        # The latest deadline of an item is its own (SCHEMA): a `立即` in a task's text starts it at once, the
        # date set for all of them is when it is due.
        return [
            i if i.deadline and i.deadline.kind != "immediate" else replace(i, deadline=governing) for i in items
        ]
    rectify_by = _rectify_deadline(texts, doc_year)
    if rectify_by is not None:
        return [i if i.deadline or not i.problem else replace(i, deadline=rectify_by) for i in items]
    return items


_LETTER_ASKS = re.compile(r"(?:问题|隐患).{0,40}(?:整改|落实)|(?:整改|落实).{0,40}(?:问题|隐患)")


def letter_deadline(texts: list[str], doc_year: int | None) -> Deadline | None:
    """The date a covering letter sets for the problems it sends in an attachment: `请你们针对…发现的问题和
    隐患（具体见附件）…进行整改…于9月20日前…报送` governs every attached problem that prints no deadline."""
    for text in texts:
        if not _LETTER_ASKS.search(text) or not re.search(r"附件|如下|以下|清单", text):
            continue
        found = resolve_deadline(text, doc_year)
        if found is not None and found.kind == "date" and "前" in found.raw:
            return found
    return None


def _rectify_deadline(texts: list[str], doc_year: int | None) -> Deadline | None:
    """The date a closing request sets for rectifying the listed problems, else its `立即`."""
    for text in texts:
        for request in _RECTIFY_BY.finditer(text):
            found = resolve_deadline(request.group(), doc_year)
            if found is not None and found.kind == "date":
                return found
    for text in texts:
        at_once = _RECTIFY_AT_ONCE.search(text)
        if at_once is not None:
            return resolve_deadline(at_once.group(), doc_year, field=True)
    return None


def _absorb_sandwiched(entries: list[_Entry]) -> list[_Entry]:
    """Unnumbered paragraphs between two items of the same level continue the first item."""
    # The next numbered entry after each position, found in one backward pass (a scan forward from
    # every paragraph made a 100,000-paragraph document take minutes).
    following: list[_Entry | None] = [None] * len(entries)
    upcoming: _Entry | None = None
    for index in range(len(entries) - 1, -1, -1):
        following[index] = upcoming
        if entries[index].line.level:
            upcoming = entries[index]
    out: list[_Entry] = []
    item: _Entry | None = None  # the last numbered entry kept
    for index, entry in enumerate(entries):
        if entry.line.level == 0:
            after = following[index]
            # A paragraph that is itself a list (`主要做好以下几方面工作：一是…二是…`) holds the heading's points.
            listed = _inline_items(entry.line.text) or _word_items(entry.line.text)
            if (
                item is not None
                and after is not None
                and after.line.level == item.line.level >= 2
                and not listed
            ):
                item.labelled.append(entry.line.text)
                continue
            # The last point of a section: its paragraph runs up to the next higher heading (`五、工作要求`).
            if (
                item is not None
                and after is not None
                and 1 <= after.line.level < item.line.level
                and item.line.level >= 2
                and out[-1] is item
                and _own_paragraph(entry.line.text)
            ):
                item.labelled.append(entry.line.text)
                continue
        out.append(entry)
        if entry.line.level:
            item = entry
    return out


@per_document
def _own_paragraph(text: str) -> bool:
    """A body paragraph that belongs to the heading above it (not a list, a closing line or a signature)."""
    if _inline_items(text) or _word_items(text) or _CLOSING.search(text) or is_date_line(text):
        return False
    if _LABEL_RE.match(text):
        return True  # `存在问题：…`, `整改措施：…` under a heading: that heading's fields
    if len(text) <= 150 and _REPORT_BACK.search(text):
        return False  # `各单位要于4月20日前将…情况报市政府`: the closing request for a report, not the task

    return len(text) >= 20 and not SIGNATURE.match(text)


# `以上问题须于…前整改到位` closes a list; `确保各项问题隐患尽快完成整改` inside a task's paragraph does not.
_CLOSING = re.compile(r"(?:以上|上述|所列|前述)(?:问题|隐患|任务|整改|措施|工作)")
# `…要于4月20日前将落实情况以书面形式报市政府`: a request to report back by a date.
_REPORT_BACK = re.compile(
    # The report follows the date in the same clause; `于5月20日前完成自查，并将报告报县应急局` is a task.
    r"(?:于|在)[^。；;，,]{2,20}?(?:前|之前)[^。；;，,]{0,40}?(?:报送|上报|报告|报(?:市|县|区|省|镇|乡|街道|州)|反馈)"
)

# `一、提高政治站位，高度重视…` over a paragraph states an attitude, not a task.
_ATTITUDE_HEADING = re.compile(
    r"^(?:提高(?:政治站位|思想认识|认识)|高度重视|统一思想|加强(?:组织)?领导|强化组织领导|严明纪律)"
)

# `二、主要任务` names the section its tasks are listed in; its lead paragraph is not a task of its own.
_SECTION_NAME = re.compile(
    r"^(?:主要|重点|工作|具体|专项|整治|整改|治理|重点工作)(?:任务|工作|内容|措施|举措)$"
)


def _absorb_heading_paragraphs(entries: list[_Entry]) -> list[_Entry]:
    """`一、落实工作职责` followed by its own paragraphs and no numbered points is one item: heading + text."""
    # `一、压紧压实安全生产责任。` is a heading over its paragraph when the document's level-1 lines head
    # paragraphs; where one is followed straight by the next (`一、开展隐患排查。` `二、…`) they are one-line tasks.
    one_liners = any(
        entry.line.level == 1 and following.line.level == 1 for entry, following in zip(entries, entries[1:], strict=False)
    )
    out: list[_Entry] = []
    index = 0
    most = 0  # the most paragraphs an earlier heading took
    while index < len(entries):
        entry = entries[index]
        out.append(entry)
        index += 1
        if entry.line.level != 1 or entry.labelled:
            continue
        if _sentence_like(entry.line if one_liners else _unstopped(entry.line)):
            continue
        if _ATTITUDE_HEADING.match(entry.line.body) or _SECTION_NAME.match(_unstopped(entry.line).body):
            continue
        end = index
        while end < len(entries) and entries[end].line.level == 0 and _own_paragraph(entries[end].line.text):
            end += 1
        if end == index or (end < len(entries) and entries[end].line.level > 1):
            continue  # numbered points follow: the heading heads a section
        if most and not any(e.line.level for e in entries[end:]):
            end = min(end, index + most)  # the last heading's text, not the closing lines after it
        most = max(most, end - index)
        entry.labelled += [e.line.text for e in entries[index:end]]
        index = end
    return out


def governing_deadline(texts: list[str], doc_year: int | None) -> Deadline | None:
    """A deadline stated once for all listed items (`以上问题须于2023年10月31日前整改到位`)."""
    for text in texts:
        if _GOVERNING.search(text):
            found = resolve_deadline(text, doc_year)
            if found is not None and found.kind == "date":
                return found
    return None


def _sentence_like(line: Line) -> bool:
    # Copies that turned the punctuation half-width print `;` where the document printed `；`.
    return "。" in line.body or "；" in line.body or ";" in line.body or len(line.body) > 40


def _unstopped(line: Line) -> Line:
    """A heading without the full stop some offices print after it (`一、压紧压实安全生产责任。`)."""
    return replace(line, body=line.body.rstrip().removesuffix("。"))


def _title_of(line: Line) -> Line:
    """A leaf heading's title part: the words before its first punctuation."""
    return Line(line.text, line.level, line.number, re.split(r"[。，,；;：:]", line.body)[0][:12])


def _allowed(l1: Line | None) -> bool:
    if l1 is None:
        return True
    title = re.split(r"[。，,；;：:（(]", simplified(l1.body))[0].strip()  # 總體要求 as 总体要求
    return not _PRINCIPLE_SECTION.search(title)


def _items_from(
    entries: list[_Entry],
    loose: list[tuple[str, Line | None, Line | None]],
    doc_year: int | None,
    problem_list: bool,
) -> list[Item]:
    restart = _numbering_restarts(entries, loose)
    l2_within = _level_two_within_sections(entries)
    # (一) starting again under two sections: the points under them carry both markers (`三、(二)1`).
    l2_restart = (
        len(
            {
                id(e.l1)
                for e in entries
                if e.line.level == 2 and e.line.number and number_value(e.line.number) == 1
            }
        )
        >= 2
    )
    items: list[Item] = []
    numbered = [e for e in entries if e.line.level in (3, 4)]
    # One numbered line in the whole text, not counted from 1 (`8 n# ]2 G: … 第一集中行动开展以来…`): a stray figure
    # or a forum's junk line, not a list.
    stray = numbered[0] if len(numbered) == 1 and number_value(numbered[0].line.number) != 1 else None
    word_points = _word_paragraphs(loose)
    word_points |= _lone_openers(loose, word_points)
    # A heading whose paragraph is a list (`（二）组织实施` over `…工作：一是…二是…`) heads those points.
    listed_under = {
        id(l2 or l1) for index, (text, l1, l2) in enumerate(loose) if index in word_points or _is_list(text)
    }
    heads = {id(e.l3) for e in entries if e.l3 is not None}
    for entry in entries:
        line = entry.line
        if entry is stray or (line.level in (1, 2) and id(line) in listed_under) or id(line) in heads:
            continue  # a point heading bracketed points is their category, not an item
        if line.level == 0 or not _allowed(entry.l1 if line.level > 1 else _title_of(line)):
            continue
        if line.level == 1 and _APPROVAL.match(line.body):
            continue  # `一、同意对某单位实施挂牌督办。`: a reply's decision, not a task
        parent: Line | None
        if entry.l3 is not None:  # `(2)…` under `1. …包括：`: `1(2)`, the point its category
            parent = Line(entry.l3.text, 3, entry.l3.number, _ANNOUNCING_END.sub("", entry.l3.body.strip()))
            seq = f"{entry.l3.number}({line.number})"
        elif line.level in (3, 4):
            parent = entry.l2 if entry.l2 is not None else entry.l1
            seq = line.seq
            seq = _prefixed(entry.l2 or entry.l1, line.number) if restart else seq
            if restart and entry.l2 is not None and l2_restart:
                seq = _prefixed(entry.l1, seq)  # `三、(二)1` when (一) restarts under 一、二、…
        elif (
            line.level == 2
            and line.number
            and entry.children == 0
            and (entry.l1 is not None or entry.labelled or _sentence_like(line))
        ):
            parent, seq = entry.l1, _prefixed(entry.l1, line.seq) if l2_within else line.seq
        elif line.level == 1 and entry.children == 0 and (entry.labelled or _sentence_like(line)):
            parent, seq = None, line.seq  # a numbered requirement written as one paragraph
        else:
            continue
        category = heading_text(parent)
        context = (
            problem_list
            or entry.problem_lead
            or any(h is not None and _problem_heading(h) for h in (parent, entry.l1))
        )
        text = "\n\n".join([line.body, *entry.labelled])
        heads_labelled = line.body.rstrip().endswith(("：", ":")) and entry.labelled
        if line.level == 1 and heads_labelled and _LABEL_RE.search(entry.labelled[0]):
            # `二、体育设施安全：` over `大榕树下…。整改措施：拆除。`: the heading names the kind of problem it heads.
            category, text = heading_text(line), "\n\n".join(entry.labelled)
        named_points = _named_word_points(line) if line.level == 3 else None
        if named_points is not None:
            # `3.施工现场：一是…；二是…`: the point names a field and counts its findings in words; what follows
            # the point (a line that broke off it) goes on its last finding.
            name, findings = named_points
            findings[-1] = (findings[-1][0], "\n\n".join([findings[-1][1], *entry.labelled]))
            for marker, body in findings:
                items.append(build_item(f"{seq}、{marker}", name, body, doc_year, problem_context=context))
            continue
        item = build_item(seq, category, text, doc_year, problem_context=context)
        owners = _heading_units(entry.l1, entry.l2) if line.level > 1 else []
        owners += _owner_heading(entry.l1, entry.l2 if line.level > 2 else line if line.level == 2 else None)
        if item.deadline is None and entry.lead_deadline is not None:
            item = replace(item, deadline=entry.lead_deadline)
        if item.deadline is None and entry.l3 is not None:  # `1. 立即…整改，包括：` times each of its points
            item = replace(item, deadline=resolve_deadline(entry.l3.body, doc_year))
        if item.deadline is None and line.level > 1:
            item = replace(item, deadline=_stage_period(entry.l2 if line.level > 2 else None, doc_year))
            item = replace(item, deadline=item.deadline or _stage_period(entry.l1, doc_year))
        items.append(replace(item, units=merge_units(list(item.units), owners)) if owners else item)
    for index, (text, l1, l2) in enumerate(loose):
        # A staged step's period in its heading (`（二）组织实施（3月1日至9月30日）`) governs the points under it.
        period = _stage_period(l2, doc_year) or _stage_period(l1, doc_year)
        if not _allowed(l1):
            continue
        if index in word_points:
            marker, body = word_points[index]
            seq = _prefixed(l2 or l1, marker)
            item = build_item(seq, heading_text(l2 or l1), body, doc_year, problem_context=problem_list)
            items.append(_within(item, period))
            continue
        inline = _inline_items(text)
        lead_in = text[: text.find(inline[0][1])] if inline else ""
        context = problem_list or bool(
            _PROBLEM_CONTEXT.search(lead_in) or re.search(r"(?:问题|隐患)(?:情况)?[:：]", lead_in)
        )
        # `临高临城凯旋门酒店位于临城镇新桥南路12号。存在隐患：1、…；2、…`: the site the problems were found at.
        site = _LOCATED_SITE.match(lead_in.strip())
        for number, body in inline:
            seq = _prefixed(l2 or l1, number) if restart else number
            category = site.group("site") if site else heading_text(l2 or l1)
            item = build_item(seq, category, body, doc_year, problem_context=context)
            items.append(_within(item, period))
        if inline:
            continue
        words = _word_items(text)
        runs = [(heading_text(l2 or l1), words)] if words else _site_word_runs(text)
        for category, points in runs:
            first_mark = _INLINE_WORD_ITEM.search(text)
            word_lead = text[: first_mark.start()] if first_mark else ""
            # `对在检查中存在的问题明确作出了要求,一是…`: a lead naming the problems but announcing requirements.
            requires = re.search(r"要求[，,：:]?\s*$", word_lead) is not None
            word_context = context or (bool(_PROBLEM_CONTEXT.search(word_lead)) and not requires)
            for marker, body in points:
                seq = _prefixed(l2 or l1, marker)  # 一是/一要 restart under every heading: `二、一要`
                item = build_item(seq, category, body, doc_year, problem_context=word_context)
                items.append(_within(item, period))
    return items


_APPROVAL = re.compile(r"^同意")
# A period in brackets in a heading: `（2012年3月1日至9月30日）`, `(5月底前)`.
_PERIOD_BRACKET = re.compile(r"[（(](?P<p>[^（）()]*\d{1,2}\s*月[^（）()]*)[）)]")


_LOCATED_SITE = re.compile(r"^(?P<site>[^，,。；;：:\s]{2,30}?)(?:位于|地处|坐落于|地址[:：]?)[^。]{2,60}。")


def _within(item: Item, period: Deadline | None) -> Item:
    """An item without a deadline under a staged step takes the step's period."""
    return item if item.deadline or period is None else replace(item, deadline=period)


def _stage_period(heading: Line | None, doc_year: int | None) -> Deadline | None:
    """The deadline a staged step prints in brackets in its heading, for the points under it."""
    found = _PERIOD_BRACKET.search(heading.body) if heading is not None else None
    if found is None:
        return None
    period = resolve_deadline(found.group("p"), doc_year, field=True)
    return period if period is not None and period.kind == "date" and period.due is not None else None


def _is_list(text: str) -> bool:
    return bool(_inline_items(text) or _word_items(text))


def _lone_openers(
    loose: list[tuple[str, Line | None, Line | None]], word_points: dict[int, tuple[str, str]]
) -> dict[int, tuple[str, str]]:
    """A lone paragraph opening with `一是` (a page cut off after it) is a point where the document counts its
    points in the same word elsewhere."""
    words = {marker[-1] for marker, _ in word_points.values()}
    words |= {marker[-1] for text, _, _ in loose for marker, _ in _word_items(text)}
    out: dict[int, tuple[str, str]] = {}
    for index, (text, _, _) in enumerate(loose):
        found = WORD_POINT.match(text)
        if found is None or index in word_points or _is_list(text) or number_value(found.group("n")) != 1:
            continue
        if found.group("w") in words:
            out[index] = (found.group("n") + found.group("w"), text[found.end() :].strip())
    return out


# `发现某某项目存在如下问题:` before each run of 一是/二是 in one paragraph: the site each run is about.
_SITE_LEAD = re.compile(
    r"(?:发现|检查|督查|督导)(?P<site>[^，,。；;：:]{2,60}?)存在(?:如下|以下|下列)?的?(?:问题|隐患)[:：]\s*$"
)


def _site_word_runs(text: str) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """A paragraph of several sites, each introduced by `发现X存在如下问题:` and its own 一是/二是 run,
    as (site, points) per run; [] unless every run counts from 一 and follows such a lead."""
    marks = list(_INLINE_WORD_ITEM.finditer(text))
    starts = [i for i, m in enumerate(marks) if number_value(m.group("n")) == 1]
    if len(starts) < 2 or starts[0] != 0 or len({m.group("w") for m in marks}) != 1:
        return []
    runs: list[tuple[str | None, list[tuple[str, str]]]] = []
    bounds = [*starts, len(marks)]
    for first, stop in zip(bounds, bounds[1:], strict=False):
        group = marks[first:stop]
        if [number_value(m.group("n")) for m in group] != list(range(1, len(group) + 1)):
            return []
        before = text[marks[first - 1].end() if first else 0 : group[0].start()]
        # The lead sentence starts after the previous point's last full stop.
        lead = re.split(r"[。；;]", before)[-1]
        site = _SITE_LEAD.search(lead)
        if site is None:
            return []
        points = []
        for i, m in enumerate(group):
            if i + 1 < len(group):
                body = text[m.end() : group[i + 1].start()]
            elif stop < len(marks):  # the run's last point ends where the next site's lead sentence starts
                following = text[m.end() : marks[stop].start()]
                body = following[: following.rfind(re.split(r"[。；;]", following)[-1])]
            else:
                body = text[m.end() :]
            points.append((m.group("n") + m.group("w"), body.strip()))
        runs.append((site.group("site").strip(), points))
    return runs


def _problem_heading(heading: Line) -> bool:
    """A heading over found problems (`存在问题`), not one over a task on them (`狠抓问题隐患整治`)."""
    head = heading.body[:30]
    return bool(_PROBLEM_CONTEXT.search(head)) and not re.search(r"(?:问题|隐患)[^，,。；;]{0,3}(?:整治|整改|排查|治理|销号)", head)


def _level_two_within_sections(entries: list[_Entry]) -> bool:
    """Whether `(一)` points are numbered within each `一、` section rather than through the document.

    Numbered through (`(一)`…`(十五)` across sections) they keep the bare marker; numbered within a
    section they carry the section's marker (`四、(一)`), as the corpus labels do.
    """
    sections: list[int] = []
    for entry in entries:
        if entry.line.level != 2 or not entry.line.number or entry.l1 is None or not _allowed(entry.l1):
            continue
        if id(entry.l1) not in sections:
            sections.append(id(entry.l1))
            if len(sections) > 1 and number_value(entry.line.number) != 1:
                return False  # the count goes on from the last section
    return bool(sections)


def _prefixed(heading: Line | None, number: str) -> str:
    """`(一)1` / `一、1`: the number under a heading, for lists whose numbering restarts."""
    if heading is None or not heading.number:  # a group heading has no marker to put in front
        return number
    return heading.seq + ("、" if heading.level == 1 else "") + number


def _numbering_restarts(entries: list[_Entry], loose: list[tuple[str, Line | None, Line | None]]) -> bool:
    """Whether item numbers start again at 1 under a later heading (`(一)` or, without those, `一、`).

    Inline lists (`发现以下问题：1.…；2.…`) always start at 1, so they count once their heading has one
    and another heading also starts a list at 1 (per-site findings, seed-independent).
    """
    starting_at_one = {
        id(e.l2 or e.l1)
        for e in entries
        if e.line.level in (3, 4) and (e.l2 or e.l1) and number_value(e.line.number) == 1
    }
    starting_at_one |= {id(l2 or l1) for text, l1, l2 in loose if (l2 or l1) and _inline_items(text)}
    if len(starting_at_one) >= 2:
        return True
    first_numbers: list[int] = []
    current: Line | None = None
    for entry in entries:
        heading = entry.l2 or entry.l1
        if entry.line.level in (3, 4) and heading is not None and heading is not current:
            current = heading
            first_numbers.append(number_value(entry.line.number))
    return len(first_numbers) >= 2 and 1 in first_numbers[1:]
