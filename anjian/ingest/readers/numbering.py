"""Word automatic list numbering (numbering.xml) rendered as the text a reader sees: 1. / （一）."""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")


def _format(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "taiwaneseCounting",
        "chineseLegalSimplified",
        "ideographDigital",
    ):
        return _chinese(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class ListNumbering:
    """Counters per list and level, advanced as numbered paragraphs are read in order."""

    def __init__(
        self,
        levels: dict[tuple[str, int], tuple[str, str, int]],
        styles: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        self.levels = levels  # (numId, ilvl) → (numFmt, lvlText, start)
        self.styles = styles or {}  # paragraph style id → (numId, ilvl), for styles such as List Number
        self.counters: dict[str, list[int]] = {}

    @classmethod
    def from_document(cls, document: Any) -> ListNumbering:
        """The list definitions of a python-docx Document (none if it has no numbering part)."""
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls({})
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iterchildren(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "",
                    int(start.get(f"{W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        out: dict[tuple[str, int], tuple[str, str, int]] = {}
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{W}val", ""), {}).items():
                out[(num.get(f"{W}numId", ""), ilvl)] = spec
        return cls(out, _style_numbering(document))

    def prefix(self, p: Any) -> str:
        """The rendered list number of paragraph element `p`, or '' if it is not numbered."""
        if not self.levels:
            return ""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        style = p.find(f"{W}pPr/{W}pStyle")
        if num_pr is not None:
            num_id, ilvl = _num_pr(num_pr)
        elif style is not None and style.get(f"{W}val", "") in self.styles:
            num_id, ilvl = self.styles[style.get(f"{W}val", "")]
        else:
            return ""
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else spec[2]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        text = spec[1]
        for level in range(ilvl + 1):
            level_spec = self.levels.get((num_id, level), spec)
            text = text.replace(f"%{level + 1}", _format(counters[level] or level_spec[2], level_spec[0]))
        return text


def _num_pr(num_pr: Any) -> tuple[str, int]:
    num_id_node, ilvl_node = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
    num_id = num_id_node.get(f"{W}val", "") if num_id_node is not None else ""
    ilvl = int(ilvl_node.get(f"{W}val", "0")) if ilvl_node is not None else 0
    return num_id, ilvl


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    """Numbering that paragraph styles carry (List Number, 标题 styles with outline numbers)."""
    try:
        root = document.styles.element
    except AttributeError:
        return {}
    out: dict[str, tuple[str, int]] = {}
    for style in root.iterchildren(f"{W}style"):
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            out[style.get(f"{W}styleId", "")] = _num_pr(num_pr)
    return out
