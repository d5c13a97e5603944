"""Traditional-character reposts read as simplified text, for keyword and header matching only.

Many sites repost government documents in traditional characters, some with pinyin glosses after a
character (`細(xì)則`). Genre cues and table headers are matched on the simplified form; the text that
is extracted stays as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The traditional forms of the characters the genre cues and scoring-table headers use (kept as a fallback).
_PAIRS = (
    "細细則则評评標标準准規规範范項项條条辦办關关於于報报總总結结發发現现問问題题隱隐"
    "患患專专彙汇會会導导檢检查查責责單单務务醫医險险災灾衛卫際际時时間间論论與与"
    "內内實实施施計计劃划通通進进達达體体處处應应屬属為为來来於于動动們们價价種种"
    # Section titles of principle (組織領導, 適用範圍, 基本情況): `prose._PRINCIPLE_SECTION`.
    "組组織织領领圍围據据義义況况績绩適适"
    # Scoring-table headers (應得分數, 扣減分數, 考核內容 | 扣分標準) and point phrases (每項扣2分).
    "數数減减"
)
_GLOSS = re.compile(r"[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")


def _character_table() -> dict[int, str]:
    """Every traditional character's simplified form, from OpenCC's character table (`TSCharacters.txt`, Apache
    2.0, shipped by the opencc-python-reimplemented package), the first form where it lists several; the
    characters above alone when the package is not installed."""
    table = dict(zip(_PAIRS[0::2], _PAIRS[1::2], strict=True))
    try:
        from importlib.resources import files

        listed = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return str.maketrans(table)
    for line in listed.splitlines():
        traditional, _, forms = line.partition("\t")
        if len(traditional) == 1 and forms:
            table.setdefault(traditional, forms.split()[0])
    return str.maketrans(table)


_TABLE = _character_table()


def simplified(text: str) -> str:
    """`text` with pinyin glosses dropped and traditional characters simplified (one to one, character by
    character: enough to match keywords and headers)."""
    return _GLOSS.sub("", text).translate(_TABLE)



def printed_form(original: str) -> Callable[[str], str]:
    """A reader of texts found in `simplified(original)` with blanks dropped: each as `original` prints it
    (traditional characters and their glosses, `管理權(quán)限`), or itself when it cannot be found there. The
    correspondence is built once, for any number of texts."""
    simple: list[str] = []
    at: list[int] = []  # for each character of `simple`, where it stands in `original`
    i = 0
    while i < len(original):
        gloss = _GLOSS.match(original, i)
        if gloss is not None:
            i = gloss.end()
            continue
        if not original[i].isspace():
            simple.append(original[i].translate(_TABLE))
            at.append(i)
        i += 1
    joined = "".join(simple)

    def printed(text: str) -> str:
        start = joined.find(text) if text else -1
        if start < 0:
            return text
        end = at[start + len(text) - 1] + 1
        gloss = _GLOSS.match(original, end)  # a gloss closing the text belongs to its last character
        return re.sub(r"\s", "", original[at[start] : gloss.end() if gloss else end])

    return printed
