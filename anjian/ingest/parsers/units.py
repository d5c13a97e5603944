"""Responsible units: recognise an owner text and split it into organisation names."""

from __future__ import annotations

import re

from anjian.ingest.parsers.layout import clean

_SPLIT = re.compile(r"[、，,;；/]|及(?!其)|(?=及其)")


def _split_outside_brackets(text: str) -> list[str]:
    """`text` split at the separators that stand outside brackets: `各县(市、区)人民政府` is one name."""
    parts: list[str] = []
    depth = 0
    start = 0
    matches = {m.start(): m.end() for m in _SPLIT.finditer(text)}
    for index, char in enumerate(text):
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(depth - 1, 0)
        if depth == 0 and index in matches and index >= start:
            parts.append(text[start:index])
            start = matches[index]
    parts.append(text[start:])
    return parts
_ROLE = re.compile(r"[（(]?\s*(?:牵头|配合|协助|参与|主责|协办)\s*(?:单位|部门)?\s*[)）]?\s*[:：]?")
_LABEL = re.compile(
    r"^(?:责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|主责单位|协办单位|协同单位|参与单位|实施单位)\s*[:：]"
)
# A person qualifier after an organisation: 及其主要负责人, 其实质负责人, 主要负责同志.
_PERSON = re.compile(r"^(?:及)?其.*$|^(?:主要|分管|实质)?负责(?:人|同志)$|^责任人$")
ORG_END = re.compile(
    r"(?:负责人|负责同志|单位|部门|(?<!全)部|政府|党委|党组|局|委|厅|办|会|队|院|中心|公司|组|室|所|站|镇|乡|街道|处|科|"
    r"办事处|总队|支队|大队|集团|企业|管委会|机关|法院|检察院|银行)$"
)


def looks_like_units(text: str) -> bool:
    """A short owner text (`区政府，区城管局及其主要负责人`), not a sentence."""
    text = _ROLE.sub("", _LABEL.sub("", clean(text))).strip().rstrip("。；;.")
    if not text or len(text) > 90 or "。" in text or re.match(r"^\d+\s*[.．、]", text):
        return False
    # Every name of an owner list is an organisation (or a person qualifier); a measure that merely
    # ends in 处/站 (`…依法查处`) has a clause before it that names nothing.
    names = split_units(text)
    return bool(names) and all(ORG_END.search(name) for name in names)


def is_owner_label(text: str) -> bool:
    """Text that opens with an owner label (`责任单位：`, `牵头单位：`) and is not a sentence."""
    text = clean(text)
    return bool(_LABEL.match(text)) and "。" not in text.rstrip("。") and len(text) <= 200


def split_units(text: str | None) -> list[str]:
    """Organisation names of an owner text, split on 、，, 及; role words and person qualifiers dropped."""
    if not text:
        return []
    text = _LABEL.sub("", clean(text)).strip().rstrip("。；;.")
    out: list[str] = []
    for part in _split_outside_brackets(text):
        name = _ROLE.sub("", part).strip(" \t\n（）()：:")
        if not name or _PERSON.match(name) or name in ("等", "等部门"):
            continue
        # A table cell lists its owners by spaces or lines (`安监站 安监所`): split when every piece is one.
        pieces = name.split()
        named = len(pieces) > 1 and all(len(p) >= 2 and ORG_END.search(p) for p in pieces)
        for piece in pieces if named else [name]:
            if piece not in out:
                out.append(piece)
    return out


def merge_units(*groups: list[str]) -> tuple[str, ...]:
    """Several unit lists as one, in first-seen order without repeats."""
    out: list[str] = []
    for group in groups:
        for name in group:
            if name not in out:
                out.append(name)
    return tuple(out)


# `某某广场（责任单位：某区，市消防支队）`: the owners of a task, a site or a group, in brackets.
_OWNER_BRACKET = re.compile(
    r"[（(]\s*(?:(?:责任|牵头|配合|主责|协办|实施|包保)(?:单位|部门|处室)|责任主体|整改主体)\s*[:：](?P<u>[^（）()]+)[）)]"
)


# `（一）某某化工有限公司。责任单位：甲县应急管理局`: a short heading whose owners follow it unbracketed.
_OWNER_TAIL = re.compile(
    r"[。.，,；;\s]\s*(?:(?:责任|牵头|主责|实施|包保)(?:单位|部门)|责任主体|整改主体)\s*[:：](?P<u>[^。；;（）()]+)[。]?$"
)


def owner_bracket(text: str) -> tuple[str, list[str]]:
    """A text without its owner brackets, and the units they name (`配合单位：` ones included)."""
    units: list[str] = []
    for m in _OWNER_BRACKET.finditer(text):
        units += split_units(re.sub(r"[；;]\s*(?:配合|协办)(?:单位|部门)\s*[:：]", "、", m.group("u")))
    return _OWNER_BRACKET.sub("", text).strip(), units


def heading_owners(heading: str) -> tuple[str, list[str]]:
    """A numbered heading's name and its owners, in brackets or after it (`某某化工有限公司。责任单位：…`).
    Only for numbered headings: a line of a wrapped paragraph may end the same way."""
    rest, units = owner_bracket(heading)
    tail = _OWNER_TAIL.search(rest)
    if tail is not None and 2 <= tail.start() <= 40 and looks_like_units(tail.group("u")):
        units += split_units(tail.group("u"))
        rest = rest[: tail.start()].strip()
    return rest, units
