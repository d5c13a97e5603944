"""Schemes printed as running text: a 考核办法's articles (第十六条…), and headings with their totals inside a
flattened table's line (`…评分细则(一)安全生产工作目标(60分)考核项目…`). Used by `assessment.scored_scheme`."""

from __future__ import annotations

import itertools
import re

from anjian.ingest.numerals import points_value as _number
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.layout import parse_line
from anjian.ingest.records import Score

# A rule that deducts: `扣1分`, `每少1项扣0.5分`, `扣10分/户`; its first amount is the points.
DEDUCTS = re.compile(r"扣(?:分)?\s*(?P<p>\d+(?:\.\d+)?)\s*(?:[—\-－~～至到]\s*\d+(?:\.\d+)?\s*)?分")
# A heading with its total inside a flattened line, after a page's header words or a page number:
# `…评分细则(一)安全生产工作目标(60分)考核项目…`, `…扣分理由第一项完善责任体系10分乡、镇…未召开…的扣1分`.
_MIDLINE_TOTAL = re.compile(
    r"(?P<m>[（(][一二三四五六七八九十]{1,3}[)）]|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十]{1,3}[项項])"
    r"(?P<name>[\u4e00-\u9fff]{2,15}?)\s*(?:[（(]\s*(?P<p>\d+(?:\.\d+)?)\s*分\s*[)）]|(?P<q>\d+(?:\.\d+)?)\s*分)"
    # A 序号 cell glued to its row without a mark (`…实得分一事故预防25分1、发生…`): its rules follow numbered.
    r"|(?<=[\u4e00-\u9fff])(?P<m2>[一二三四五六七八九十])(?P<name2>[\u4e00-\u9fff]{2,15}?)(?P<r>\d+)分(?=1[、.．])"
)
# A rule's first clause that deducts: `乡、镇年初未召开…的扣1分，`.
_FIRST_CLAUSE_DEDUCTS = re.compile(r"^[^。；;]{0,80}?扣\s*(?P<p>\d+(?:\.\d+)?)\s*分")


_ARTICLE = re.compile(r"第[一二三四五六七八九十百零]{1,5}[条條]")
_CHAPTER = re.compile(
    r"第[一二三四五六七八九十]{1,3}章[\s。.、：:]*(?P<name>[\u4e00-\u9fff]{2,12}?)(?=第[一二三四五六七八九十百零]{1,5}[条條]|\s|$)"
)
# An article that prices each piece of work: `每项工作分值为5分`, `赋5分`.
_ARTICLE_PRICES = re.compile(r"(?:分[值値][为為]|[赋賦])\s*(?P<p>\d+(?:\.\d+)?)\s*分")
_ARTICLE_ADDS = re.compile(r"加\s*(?P<p>\d+(?:\.\d+)?)\s*分")
# A penalty per occurrence whose amount is not printed (or was cut off): `每通报一次对…`.
# (`每季度召开一次` is a frequency, not a penalty.)
_PER_OCCURRENCE = re.compile(r"每(?:通报|发生|出现|被|受到|查出|发现)[^。；;，,]{0,4}一次")


def article_scores(texts: list[str]) -> tuple[Score, ...]:
    """A 考核办法 written in articles (`第十六条…`): an article pricing its work (`分值为5分`) is a scored item, one
    adding points (`加2分`) a bonus, one deducting (`扣3分`, or per occurrence without an amount) a deduction;
    articles grading the total (`90分以上为优秀`) are not scored. A scheme when two articles are scored."""
    text = "\n".join(texts)
    cuts = list(_ARTICLE.finditer(text))
    scores = []
    for at, found in enumerate(cuts):
        end = cuts[at + 1].start() if at + 1 < len(cuts) else len(text)
        body = text[found.end() : end].lstrip("，,。.、：: ")
        chapters = [c.group("name") for c in _CHAPTER.finditer(text[: found.start()])]
        section = chapters[-1] if chapters else ""
        adds, deducts, prices = (
            _ARTICLE_ADDS.search(body),
            DEDUCTS.search(body),
            _ARTICLE_PRICES.search(body),
        )
        first = min(
            (m for m in (adds, deducts, prices) if m is not None), key=lambda m: m.start(), default=None
        )
        if first is None:
            if _PER_OCCURRENCE.search(simplified(body)):
                scores.append(Score(found.group(), section, body, None, "deduction"))
            continue
        kind = "bonus" if first is adds else "deduction" if first is deducts else "item"
        scores.append(Score(found.group(), section, body, _number(first.group("p")), kind))
    return tuple(scores) if len(scores) >= 2 else ()


def midline_totals(texts: list[str], scores: list[Score], totals: list[tuple[str, float]]) -> None:
    """Headings with their totals inside a flattened line (not at its start, where the outline reads them):
    each is a section total; a score read from that line took the heading's points or the page's first
    number, so it gives way; a rule whose first clause deducts is the heading's deduction."""
    for index, text in enumerate(texts):
        if len(text) < 60:
            continue
        heads = [f for f in _MIDLINE_TOTAL.finditer(text) if f.start() > 0]
        for at, found in enumerate(heads):
            nxt = heads[at + 1] if at + 1 < len(heads) else None
            name = found.group("name") or found.group("name2")
            if name in dict(totals):
                continue
            totals.append((name, _number(found.group("p") or found.group("q") or found.group("r"))))
            scores[:] = [s for s in scores if found.group(0) not in s.text]
            rule = text[found.end() : nxt.start() if nxt else len(text)].lstrip("，,：: ")
            if found.group("m2") and "扣分" in simplified(text[: found.start()]):
                # Under a 扣分 header, the glued row's numbered rules (this one and the paragraphs numbered on
                # after it) deduct, by the first amount each prints, if any.
                rules = [rule, *itertools.takewhile(lambda t: parse_line(t).level == 3, texts[index + 1 :])]
                bodies = {parse_line(piece).body for piece in rules}
                scores[:] = [
                    s for s in scores if s.text not in bodies
                ]  # read before as rules without a section
                for piece in rules:
                    line = parse_line(piece)
                    amount = DEDUCTS.search(line.body)
                    points = _number(amount.group("p")) if amount else None
                    scores.append(Score(line.number, name, line.body, points, "deduction"))
                continue
            deducts = _FIRST_CLAUSE_DEDUCTS.match(rule)
            if deducts is not None and not parse_line(rule).level:
                scores.append(
                    Score(
                        found.group("m") or found.group("m2"),
                        name,
                        rule,
                        _number(deducts.group("p")),
                        "deduction",
                    )
                )
