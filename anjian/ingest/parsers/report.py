"""Figures stated in a narrative report: what was counted, the absolute value, the measure word."""

from __future__ import annotations

import re

from anjian.ingest.numerals import chinese_to_int, fold_width
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.records import Stat

# Measure words of activity and outcome counts, longest first so 家次 wins over 家.
_UNITS = sorted(
    [
        "个方面",
        "家次",
        "项次",
        "起次",
        "人次",
        "批次",
        "场次",
        "车次",
        "架次",
        "台次",
        "台套",
        "公里",
        "亿元",
        "万元",
        "元",
        "家",
        "个",
        "项",
        "次",
        "处",
        "条",
        "件",
        "起",
        "名",
        "人",
        "部",
        "台",
        "辆",
        "套",
        "份",
        "篇",
        "期",
        "幅",
        "块",
        "场",
        "所",
        "座",
        "艘",
        "栋",
        "间",
        "户",
        "宗",
        "批",
        "轮",
        "支",
        "本",
        "张",
        "册",
        "吨",
        "箱",
        "盘",
        "年",
        "万人",
        # Areas of a disaster or a clean-up (受灾面积30692.13公顷, 清理500平方米).
        "公顷",
        "亩",
        "平方米",
        "立方米",
    ],
    key=len,
    reverse=True,
)
_CN = "零一二两三四五六七八九十百千"
# A traditional-character repost prints the measure words in their traditional forms, some with a pinyin gloss
# after the character (`34項(xiàng)`, `45處`): the figure is read all the same, its unit kept as printed (the gloss
# dropped: it is no part of the measure word).
_TRADITIONAL = dict(
    zip("处项条个辆场台间户张万亿车册块栋轮吨亩顷", "處項條個輛場臺間戶張萬億車冊塊棟輪噸畝頃", strict=True)
)
_SIMPLE = str.maketrans("".join(_TRADITIONAL.values()), "".join(_TRADITIONAL))
_GLOSS = re.compile(r"[（(](?P<g>[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8})[)）]")
_OPEN, _CLOSE = "⁅", "⁆"  # a gloss's brackets while a text is read, so that they break no clause
_GLOSSED = rf"(?:{_OPEN}[^{_OPEN}{_CLOSE}]{{1,8}}{_CLOSE})?"


def _either(word: str) -> str:
    """A measure word in its simplified or traditional form, a gloss allowed after each character."""
    return "".join(
        (f"[{c}{_TRADITIONAL[c]}]" if c in _TRADITIONAL else re.escape(c)) + _GLOSSED for c in word
    )


_QUANTITY = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?|[{_CN}]+)(?P<approx>余|多)?(?P<mag>{_either('万')}|{_either('亿')})?(?P<approx2>余|多)?"
    rf"(?P<unit>{'|'.join(_either(u) for u in _UNITS)})"
)


def _plain(word: str | None) -> str:
    """A matched measure word in simplified characters without its glosses."""
    return re.sub(rf"{_OPEN}[^{_CLOSE}]*{_CLOSE}", "", word or "").translate(_SIMPLE)


def _printed(text: str) -> str:
    """A text read with its glosses marked, as printed again."""
    return text.replace(_OPEN, "(").replace(_CLOSE, ")")


# A count followed by one of these names a document or a rule (`50 条实施意见`, `十五条硬措施`).
_DOC_AFTER = re.compile(r"^(?:实施意见|意见|措施|硬措施|规定|办法|要求|举措|细则|规范|会议|全会|届)")
# `这58处隐患中`, `上述5家企业`: a figure stated again, referred back to (also in traditional characters).
_RULE_BEFORE = re.compile(
    r"(?:超过|不少于|不低于|不超过|不得超过|至少|低于|高于|以内|每|第|前|约占|占|这|這|上述)$"
)
# A threshold stated earlier in the same clause: 每季度至少检查1次, 不得超过25人.
_RULE_CLAUSE = re.compile(r"(?:至少|不少于|不低于|不超过|不得超过|不得少于|每)[^，,。；;：:]{0,8}$")
_RULE_AFTER = re.compile(r"^(?:以上|以下|以内|内(?![容部涵])|左右|之内)")
_SLOGAN_AFTER = re.compile(r"^(?:意识|自信|维护|确立|至上|必须|务必|代表|全面|一律|到位|不放过|最严|敬畏)")
_CLAUSE_BREAKS = frozenset("，,。；;：:、（）()！？!?“”\"")
# A count stated as a change against a comparison period (`同比减少8起`, `同比分别减少4起、66人`) is a
# difference between two figures, not a figure of activity or outcome.
_CHANGE_BEFORE = re.compile(
    r"(?:同比|环比|比上年|较上年|比去年|较去年)[^，,。；;：:]{0,8}?(?:减少|增加|下降|上升|增长|降低|增多|减|增|多|少)了?"
    r"(?:约|近)?(?:\d+(?:\.\d+)?(?:余|多)?[^\d，,。；;、]{1,4}、)*$"
)
_AFTER_BREAK = re.compile(r"[，,。；;：:、！？!?]")
# Scope words at the start of a clause say where, not what was counted.
_SCOPE = re.compile(r"^(?:全市|全县|全区|全省|全国|我市|我县|我区|其中|共|累计)+")
_SKIP_LINE = re.compile(r"^(?:抄送|抄报|印发|共印|联系人|联系电话|电话|邮箱|附件)")
_QUOTED = re.compile(r"“[^”]{0,30}”|《[^》]*》|\"[^\"]{0,30}\"")


def _compact(text: str) -> str:
    text = re.sub(r"\s+", "", fold_width(text).replace("**", ""))
    return re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", text)  # 4,562 家


def _value(m: re.Match[str]) -> float | None:
    num = m.group("num")
    if num[0].isdigit():
        value = float(num)
    else:
        cn = chinese_to_int(num)
        # 一个/一次 read as "a", not as a count worth reporting.
        if cn is None or cn < 2:
            return None
        value = float(cn)
    if _plain(m.group("mag")) == "万":
        value *= 10_000
    elif _plain(m.group("mag")) == "亿":
        value *= 100_000_000
    unit = _plain(m.group("unit"))
    if unit == "万元":
        value *= 10_000
    elif unit == "亿元":
        value *= 100_000_000
    return round(value, 2)


def _unit(m: re.Match[str]) -> str:
    unit = _plain(m.group("unit"))
    # The measure word as printed (`項`), without a repost's pinyin gloss after it (`項(xiàng)`).
    printed = re.sub(rf"{_OPEN}[^{_CLOSE}]*{_CLOSE}", "", m.group("unit"))
    return "元" if unit.endswith("元") else ("人" if unit == "万人" else printed)


_OUTCOMES = frozenset({"死亡", "受伤", "重伤", "轻伤", "失踪", "受灾"})


def stats_of(texts: list[str]) -> list[Stat]:
    """Every activity or outcome quantity stated in the paragraphs, in order."""
    out: list[Stat] = []
    for raw in texts:
        if _SKIP_LINE.match(raw.strip()):
            continue
        text = _QUOTED.sub(lambda q: "#" * len(q.group()), _compact(raw))
        text = _GLOSS.sub(lambda g: f"{_OPEN}{g.group('g')}{_CLOSE}", text)
        previous_end = -1
        previous_before = ""
        previous_figure = ""  # the last stat's clause as printed: `道路运输事故2起`
        for m in _QUANTITY.finditer(text):
            stat = _stat(text, m, previous_end, previous_before)
            if stat is None:
                previous_end, previous_figure = m.end(), ""
                continue
            found, before = stat
            # `道路运输事故2起、死亡4人`: a bare outcome after 、 counts within the figure before it.
            if previous_figure and text[previous_end : previous_end + 1] == "、" and found.what in _OUTCOMES:
                found = Stat(f"{previous_figure}、{found.what}{m.group()}", found.value, found.unit)
                previous_figure = ""
            else:
                previous_figure = f"{found.what}{m.group()}" if before else ""
            previous_end = m.end()
            previous_before = before
            out.append(found)
    return out


def without_headline(headline: list[Stat], body: list[Stat]) -> list[Stat]:
    """A news headline's figures (`…查出隐患127处`) that its text states again are stated once, in the text."""
    again = {(s.value, s.unit) for s in body}
    return [s for s in headline if (s.value, s.unit) not in again] + body


# How much of the text before and after a figure its tests read: bounded, so that a line of thousands of figures
# is read in time linear in its length (the longest test looks 40 characters back; the words after a figure stop
# at the first break, digit or 20 characters).
_NEAR = 64
_FAR = 400


def _clause_start(text: str, floor: int, at: int) -> int:
    """Where the clause holding `at` starts: after the last clause break in `text[floor:at]`, else `floor`."""
    for i in range(at - 1, floor - 1, -1):
        if text[i] in _CLAUSE_BREAKS:
            return i + 1
    return floor


def _stat(text: str, m: re.Match[str], previous_end: int, previous_before: str) -> tuple[Stat, str] | None:
    start, end = m.start(), m.end()
    before_all, after_all = text[max(0, start - _NEAR) : start], text[end : end + _FAR]
    num = m.group("num")
    if num[0].isdigit() and (len(num.split(".")[0]) > 7 or (start and text[start - 1].isdigit())):
        return None  # phone numbers and digits glued to other digits
    if not num[0].isdigit() and start and text[start - 1] in _CN + "数几":
        return None  # 数十家, 几百人: no stated count
    if _plain(m.group("unit")) == "个" and _SLOGAN_AFTER.match(after_all):
        return None  # 四个意识, 两个维护: political formulas, not counts
    if _plain(m.group("unit")) == "轮" and after_all.startswith("车"):
        return None  # 三轮车: a vehicle, not three rounds
    if _plain(m.group("unit")) == "盘" and after_all.startswith("棋"):
        return None  # 全市一盘棋: a slogan, not one coil of firecrackers
    if _plain(m.group("unit")) == "年" and not before_all.endswith("连续"):
        return None  # years are dates, except `连续N年`
    if _plain(m.group("unit")) == "个" and _plain(after_all[:16]).startswith(
        ("月", "小时", "小時", "工作日", "星期", "百分点")
    ):
        return None  # 3个月, 24个小时, 5个工作日: durations (3个工作组 is a count); 2个百分点: a percentage
    if (
        _RULE_BEFORE.search(before_all[-4:])
        or _RULE_CLAUSE.search(before_all)
        or _RULE_AFTER.match(after_all)
        or _DOC_AFTER.match(after_all)
    ):
        return None
    if after_all.startswith(("%", "％")) or "#" in text[max(0, start - 1) : end + 1]:
        return None
    if _CHANGE_BEFORE.search(simplified(re.sub(rf"{_OPEN}[^{_CLOSE}]*{_CLOSE}", "", before_all[-40:]))):
        return None
    value = _value(m)
    if value is None:
        return None
    floor = max(previous_end, 0)  # the clause starts after the figure before, at the latest
    clause_start = _clause_start(text, floor, start)
    opened = max(text.rfind("(", floor, start), text.rfind("（", floor, start))
    if clause_start == start and before_all[-1:] in (")", "）") and opened > floor:
        # `共检查企业(场所)871家`: a bracketed qualifier belongs to what was counted, it ends no clause
        clause_start = _clause_start(text, floor, opened)
    before = text[max(clause_start, start - 24) : start].strip("#")
    if not before and previous_end == start:
        before = previous_before
    after_end = _AFTER_BREAK.search(after_all)
    after = after_all[: after_end.start() if after_end else len(after_all)]
    if after_all[:1] in ("(", "（", ")", "）"):
        after = ""  # `死亡14人（工程建设领域事故10起、死亡11人）`: brackets around another figure
    after = re.split(r"\d", after)[0].replace("#", "")[:20]
    before = _SCOPE.sub("", before.replace("#", ""))
    before = before.removesuffix("近").removesuffix("约")  # `近200场次`: an approximate count
    what = (before + after) or m.group()
    return Stat(_printed(what), int(value) if float(value).is_integer() else value, _unit(m)), before
