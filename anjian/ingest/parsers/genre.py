"""Which genre a document is, from its title first and its structure second."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from anjian.ingest.parsers.faults import TASK_OPENING, states_fault
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.layout import parse_line
from anjian.ingest.parsers.outline import Outline, schemes, task_items
from anjian.ingest.parsers.report import stats_of
from anjian.ingest.parsers.title import is_chrome
from anjian.ingest.records import Item

# Title keywords per genre (SCHEMA.md). A report about rectification progress is a report.
_REPORT_ON_RECTIFICATION = re.compile(r"整改(?:工作)?(?:落实)?(?:情况|进展)的?(?:报告|汇报|通报)")
_PROBLEM_BULLETIN = re.compile(r"(?:发现|存在|反馈)(?:的)?(?:问题|隐患)(?:情况)?的?通报")
TITLE_KEYWORDS: dict[str, re.Pattern[str]] = {
    "rectification": re.compile(
        r"整改(?:工作|实施)?方案|问题清单|发现问题|整改措施|整改清单|整改台账|问题台账|督导发现|发现的问题|反馈问题|问题整改|整改任务|整改意见|"
        # 排查整治, 专项整治, 综合治理 plans and notices set out what is to be fixed (SCHEMA genre notes).
        r"整治|综合治理"
    ),
    # A plan of work sent down (行动计划, 实施方案, 工作意见) divides tasks among its recipients.
    "reminder": re.compile(
        r"提醒函|提示函|提醒|督办通知|督办函|督办单|挂牌督办|督办[^，,。]{0,8}的通知|任务分工|分工方案|工作提示|任务清单|责任分工|"
        # `关于报送…总结的通知` asks for something: the request, not what is asked for, is its genre.
        r"报送[^，,。]{0,40}的通知|"
        # A bulletin or report passed on (`关于转发《…情况的通报》的通知`): the notice's requirements, not the bulletin.
        r"转发[^，,。]{0,60}?(?:通报|报告)[》〉」”]?的(?:紧急)?通知|"
        # A notice asking for rectification work (`关于抓好…问题整改工作的通知`) sends requirements, not a list.
        r"整改工作的(?:紧急)?通知|"
        # A notice announcing an inspection (`关于开展…整治行动督查工作的通知`) says what will be checked: tasks.
        # A notice cited in 《》 is not the document's own title.
        r"(?:督查|督导|检查|巡查|暗访)(?:工作)?的(?:紧急)?通知(?![》〉」”])|"
        r"行动计划|行动方案|实施方案|工作方案|工作意见|[“”\"]?行动[“”\"]?工作方案|"
        # `…巩固提升工作要点`: the year's work points sent down are tasks, not a 考核要点.
        r"工作要点"
    ),
    "assessment": re.compile(
        r"考核要点|考核(?:实施)?细则|考评|评分办法|评分标准|考评细则|考核(?:管理)?办法|考核标准|评分细则|考核评分|赋分|评分表|"
        # A scoring form or a scheme named otherwise: 考核表, 考核方案, 量化考核, 评比办法, 计分办法, 评价标准.
        r"考核表|考评表|考核方案|量化考核|评比办法|计分办法|评价标准|评价细则|得分表|验收细则|验收标准|"
        # `安全检查评分汇总表`, `安全生产等级评定标准`: a form of marks or a grading standard.
        r"评分(?:汇总|统计|记录|计算)表|评定标准|评级标准|定级标准|扣分(?:标准|细则|办法)|评估(?:扣分)?(?:标准|细则|办法)"
    ),
    # A speech (讲话, 发言) reviews the year with figures: a narrative report.
    # A reply to a deputy's proposal (提案/建议 答复, 办理意见, 会办意见) reports what has been done about it;
    # a notice about handling proposals (`…提案办理工作的通知`) is sent down.
    "report": re.compile(
        r"情况通报|工作总结|总结|答复|汇报|情况报告|情况的报告|工作报告|通报|报告|讲话|发言|"
        r"(?:提案|议案|建议)[^，,。；;]{0,8}?(?:办理|会办)(?:工作)?(?:的?(?:意见|情况))?(?![^，,。；;]{0,4}的?通知)"
    ),
}
# The word that says what kind of document a title heads (…的通知, …方案, …清单).
_DOCUMENT_WORD = re.compile(
    r"方案|通知|意见|清单|台账|函|计划|[表单]$|办法|决定|要点|细则|标准|规定|通报|报告|纪要|公告|通告|安排|措施|任务"
)


# A news lead telling of a document sent (`…发出《安全生产提示函》`) is about that document, however long.
_SENT_DOCUMENT = re.compile(rf"《[^》]{{0,40}}(?:{_DOCUMENT_WORD.pattern})》")


def _names_activity(doc_outline: Outline) -> bool:
    """A news report headed by the campaign it reports (`东风街道开展消防安全大排查大整治`): the title names
    an activity but no document type, and the text lists no tasks."""
    title = simplified(doc_outline.title)[:80]  # a repost's pinyin glosses lengthen the title it prints
    sent = _SENT_DOCUMENT.search(simplified(doc_outline.title))
    return bool(title) and not _DOCUMENT_WORD.search(title) and sent is None and not task_items(doc_outline)


# The sentence before a story's first point counted in words (`…规建局开展了…专项检查。一是周密部署…`).
_LEAD_OF_POINTS = re.compile(r"(?:^|[。\n])(?P<lead>[^。\n]*)。?\s*一是")
# What was done (`开展了…检查`), not what is asked (`提出要求:`, `制定相应整改措施。`).
_DONE = re.compile(r"(?:开展|组织|进行)了")
_ASKS = re.compile(r"要求|意见|措施|强调|提出|建议|部署|如下|[:：]")


def _tells_activity(doc_outline: Outline, texts: list[str]) -> bool:
    """A news story headed by the activity it reports (a short title naming no document type, `开展…检查`) whose
    points counted in words follow a sentence telling what was done: they say how it went, not what is to be done."""
    title = simplified(doc_outline.title)
    if not title or len(title) > 40 or _DOCUMENT_WORD.search(title) or _SENT_DOCUMENT.search(title):
        return False
    leads = [found.group("lead") for t in texts[:6] if (found := _LEAD_OF_POINTS.search(t)) is not None]
    return bool(leads) and _DONE.search(leads[0]) is not None and _ASKS.search(leads[0]) is None


# `专项整治三年行动计划实施方案`, `排查整治工作方案`: a plan of 整治 is a rectification plan.
_RECTIFICATION_PLAN = re.compile(
    r"(?:专项|集中|排查|综合)整治[^，,。]{0,20}(?:行动计划|实施方案|工作方案|行动方案|方案)"
    # `…整治提升专项行动工作方案`: a campaign of 整治 planned in its own name.
    r"|整治[^，,。《》]{0,12}专项行动(?:工作|实施)?方案"
)


# A page with no title line starts with its news lead (`5月28日至6月4日,全区各级消防…`); a lead that exposes
# what was found (`…问题曝光如下`, `督查中发现了一些问题:一是…`) and goes on to list it is a problem list.
_EXPOSES = re.compile(
    r"曝光|(?:发现|存在)[^。；;]{0,40}?(?:如下|以下|一些|下列)[^。；;，,：:]{0,4}?的?(?:问题|隐患)[^。；;]{0,6}?[:：]"
    r"|存在的?(?:问题|隐患)如下[:：]"
)


# An exposure of what an inspection found, list or no list (`发现以下场所存在重大火灾隐患`, `因存在事故隐患被曝光`).
_EXPOSURE = re.compile(
    r"发现以下[^。；;，,]{0,10}存在[^。；;]{0,10}(?:问题|隐患)|(?:主要|还|仍)存在(?:以下|如下|下列)的?(?:问题|隐患)[:：]|发现[^。；;]{0,30}?存在(?:诸多|諸多|多处|不少|大量|严重|嚴重)[^。；;]{0,4}(?:问题|隐患)|(?:问题|隐患)[^。；;]{0,6}曝光如下|"
    # `对检查中发现的火灾隐患进行集中曝光`, `存在…隐患被曝光` (not `加大隐患曝光力度`, a task)
    r"(?:问题|隐患)[^。；;，,]{0,8}?(?:被|进行|予以|集中)曝光|"
    # `检查时发现,甲、乙、丙存在消防安全隐患,被责令限期整改`: places named as found at fault
    r"发现[^。；;]{0,120}?存在[^。；;，,]{0,12}(?:问题|隐患)[,，]?被?责令(?:其)?(?:限期)?(?:整改|改正)|"
    # `…开展暗访,发现部分地区仍存在安全生产和市场秩序问题,现将有关情况予以通报`
    r"发现[^。；;]{0,40}?存在[^。；;]{0,30}?问题[,，]\s*现将[^。；;]{0,10}(?:情况|问题)[^。；;]{0,4}通报"
)


def _lead_sentence(title: str) -> bool:
    """A "title" that is the opening sentence of a news story, not a document's title."""
    return len(title) >= 30 and not re.match(r"^关\s*[于於]", title) and bool(re.search(r"[，,]", title[:60]))


_INSPECTION_BULLETIN = re.compile(
    r"现将[^。；;]{0,20}(?:检查|督查|督导|排查|暗访|巡查|抽查)[^。；;]{0,10}(?:情况|结果)[^。；;]{0,6}(?:通报|反馈)"
    r"[^。]{0,40}整改"
)


def _bulletin_to_rectify(doc_outline: Outline) -> bool:
    """An inspection's findings passed on to be fixed (`现将检查情况予以通报，请各单位认真整改`) in its opening."""
    texts = [doc_outline.title, *(doc_outline.parts[0].texts[:4] if doc_outline.parts else ())]
    return any(_INSPECTION_BULLETIN.search(simplified(t)) for t in texts if t)


def _exposes_problems(doc_outline: Outline) -> bool:
    opening = [text for text in (doc_outline.parts[0].texts[:16] if doc_outline.parts else ()) if not is_chrome(text)]
    texts = [simplified(text) for text in opening[:8]]
    if any(_EXPOSURE.search(text) for text in texts):
        return True
    return any(_EXPOSES.search(text) for text in texts) and bool(task_items(doc_outline))


_SENDS = re.compile(r"现将[《〈](?P<t>.{4,120}?)[》〉]+(?:[（(][^）)]{0,30}[）)])?(?:印发|转发)")


def _sent_genre(sent: str) -> str | None:
    """The genre of a notice that sends the document titled `sent`: a plan or scheme sent down is what the notice
    carries; a bulletin or report passed on (`现将《…情况的通报》转发给你们`) carries the notice's own requirements."""
    named = title_genre(sent)
    return "reminder" if named == "report" else named


# A news story's dateline (`本网讯 为进一步加强…`, `本报讯(记者 …)`): what follows is its first sentence, not a title.
_WIRE_LEAD = re.compile(r"^\s*本[网網报報站台臺][讯訊]")
# What a visit heard or read (`听取了…的汇报`, `查阅了…的报告`): the activity of a story, not the document's kind.
_HEARD = re.compile(r"(?:听取|聽取|查阅|查閱)了?[^。；;]{0,80}?(?:汇报|彙報|匯報|报告|報告)")
# A page without a title opens with its news story's first sentence: `12月10日至11日,县教体局…`.
_NEWS_LEAD = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[至到—\-~～](?:\d{1,2}月)?\d{1,2}日)?[，,]")
# A title that closes as a notice (通知) and names no genre of its own.
_NOTICE = re.compile(r"通知[》」”\"]?$")
_PRIORITY = {"rectification": 0.95, "reminder": 0.9, "assessment": 0.85, "report": 0.8}


# A genre word that qualifies the noun after it names no document: `隐患报告奖励机制`, `通报批评`, `考评组`.
_MODIFIES_A_NOUN = re.compile(
    r"(?<=报告|通报|考评|总结)(?:奖励|獎勵|机制|機制|制度|平台|系统|系統|批评|人员|人員|组(?!织)|組(?!織)|表彰|奖|獎"
    # `…统计通报工作通知`, `做好信息报告工作的通知`: the work of reporting, not a report
    r"|工作(?=的?(?:紧急)?通知))"
    # `按照实施方案要求`, `…通知精神`: what a cited document asks, not this document's kind
    r"|(?<=方案|通知|意见)(?:要求|精神|部署)"
)


# An opening that names the plan it introduces: `…在全省开展化工行业整治提升专项行动,现制定工作方案如下`.
_PLAN_OPENING = re.compile(
    r"[开開]展(?P<t>[^。；;，,]{2,40}?)[,，]\s*(?:特|现)?制定(?:本)?(?P<w>工作方案|实施方案|行动方案|方案)"
)
# A "title" that opens with an enumeration (`一是…`, `二、…`, `3.…`) is the text's first point.
_ENUMERATED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d))"
)
# A meeting that lays down numbered requirements: `会议要求,一要加大…;二要…`.
_MEETING_REQUIRES = re.compile(r"(?:会[议議]|会上)[^。；;，,]{0,10}?(?:要求|强调|強調|部署)[,，:：]?\s*一要")
# A paragraph counting what has been done so far: `截至目前,共检查企业871家,发现隐患问题711处`.
_PROGRESS_SO_FAR = re.compile(
    r"^截至(?:目前|\d{1,2}月(?:\d{1,2}日)?(?:底)?|\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:底)?)[，,]?"
    r"[^。；;]{0,30}?\d+(?:\.\d+)?(?:余|多)?(?:家|处|次|项|人|起|个|条|批)"
)


# A report or bulletin of an inspection (`…安全自查报告`, `…检查情况的通报`, `学校安全整改报告`): with a list in it, the
# list is what was found to be fixed. A report on how the fixing went (`整改情况的报告`) or on progress
# (`检查进展情况的通报`) stays a report.
_INSPECTION_REPORT = re.compile(
    r"(?:自查|整改|检查|督查|督导|暗访|巡查|排查|抽查|核查)(?![^，,。；;]{0,8}?进展)(?!(?:工作)?(?:落实)?(?:情况|进展)的?(?:报告|汇报))"
    r"[^，,。；;]{0,8}?(?:报告|通报)"
    # `安全隐患报告`: the hazards a unit found, listed to be dealt with (not `隐患排查治理情况报告`)
    r"|(?:隐患|问题)(?:清单)?的?报告"
)


# An inspection's account of what it found (`安全检查情况汇报`), not of rectification done (`整改情况报告`).
_INSPECTION_SITUATION = re.compile(r"(?:自查|检查|督查|督导|排查|抽查|巡查)(?:工作)?情况的?(?:报告|汇报)")


_PROBLEM_HEADING = re.compile(r"^(?:存在的?|主要|突出)(?:问题|不足|隐患)")
_MEASURE_HEADING = re.compile(r"(?:整改|改进|整治)(?:措施|意见|建议)")
_SUMMARY = re.compile(r"总结|述职|讲话|发言|答复")


def _problems_then_measures(doc_outline: Outline) -> bool:
    """Numbered problems under a `存在问题` heading and numbered measures under an `改进措施` heading, and not a
    story told in figures: a list of problems to fix, whatever the title calls it."""
    if _states_figures(doc_outline):
        return False
    categories = [simplified(i.category or "") for i in task_items(doc_outline)]
    problems = sum(1 for c in categories if _PROBLEM_HEADING.match(c))
    measures = sum(1 for c in categories if _MEASURE_HEADING.search(c))
    return problems >= 2 and measures >= 2


def _lists_problems(doc_outline: Outline) -> bool:
    """The text lists two or more points (under an inspection's title: what it found)."""
    return len(task_items(doc_outline)) >= 2


def _title_after_notes(doc_outline: Outline) -> str | None:
    """The genre named by a title line printed after a page's notes or a previous table's footnotes
    (`说明:1.…` / `附表2` / `…考评量化标准`): a short unnumbered line without sentence stops, near the top."""
    texts = doc_outline.parts[0].texts[:12] if doc_outline.parts else ()
    for text in texts:
        line = re.sub(r"\s", "", text)
        if is_chrome(line):
            continue  # `文章后点击更新提醒`: the page's buttons name no genre
        if 6 <= len(line) <= 50 and not re.search(r"[，,。；;：:]", line) and not parse_line(line).level:
            named = title_genre(line)
            if named is not None:
                return named
    return None


# A document's own title inside its page's opening lines (`详细信息` / `来源:` chrome first, a title broken over
# lines, a sharing site's `《….doc》由会员分享`): `关于…` up to the first document-type word.
_TITLE_IN_TEXT = re.compile(
    r"关于[^。；;：:!！?？]{2,100}?(?:通知|通报|报告|答复|函|意见|方案|计划|办法|细则|标准|要点|清单|总结)"
)


def _title_in_opening(doc_outline: Outline) -> str | None:
    """The genre named by a `关于…` title found in the first lines when the outline's title is no title of its
    own; a title quoted in 《》 is a document the text cites, not its own."""
    if re.match(r"\s*关\s*[于於]", doc_outline.title):
        return None  # a real title that names no genre: the notice rules decide
    # A title broken over lines is read across them.
    line = re.sub(r"\s", "", simplified("".join(doc_outline.parts[0].texts[:4] if doc_outline.parts else ())))
    for found in _TITLE_IN_TEXT.finditer(line):
        if line.rfind("《", 0, found.start()) > line.rfind("》", 0, found.start()):
            continue
        if _MODIFIES_A_NOUN.match(line, found.end()):
            continue
        named = title_genre(found.group())
        return named or ("reminder" if found.group().endswith("通知") else None)
    return None


_OVERLAPPING = {genre: re.compile(f"(?=({pattern.pattern}))") for genre, pattern in TITLE_KEYWORDS.items()}


def title_genre(title: str) -> str | None:
    """The genre named by the title, if any."""
    title = simplified(title)  # a traditional-character repost names its genre the same way
    if _REPORT_ON_RECTIFICATION.search(title):
        return "report"
    if _PROBLEM_BULLETIN.search(title):
        return "rectification"  # a 通报 of the problems an inspection found is a problem list
    if _RECTIFICATION_PLAN.search(title):
        return "rectification"  # a 专项整治 plan sets out what is to be fixed, whatever it calls itself
    # The document-type word closes a Chinese title (…问题整改工作的提醒函), so the last keyword wins;
    # on a tie the earlier genre in TITLE_KEYWORDS does.
    best: tuple[int, int, str] | None = None
    for rank, (genre, pattern) in enumerate(_OVERLAPPING.items()):
        # Keywords may overlap (`问题整改` inside `问题整改工作方案`): each is looked for at every position.
        ends = [
            m.start() + len(m.group(1))
            for m in pattern.finditer(title)
            if not _MODIFIES_A_NOUN.match(title, m.start() + len(m.group(1)))
        ]
        if ends and (best is None or (max(ends), -rank) > best[:2]):
            best = (max(ends), -rank, genre)
    return best[2] if best else None


@lru_cache(maxsize=4)
def named_genre(doc_outline: Outline) -> str | None:
    """The genre the document names or shows by its cues (title, what a notice sends, opening, exposure, news
    lead, meeting requirements), or None when only its structure can tell. Computed once per document: each of
    the four parsers asks."""
    # A page stored from its first numbered paragraph has no title: that paragraph names no genre.
    # A "title" running past a full stop is a paragraph stored as one line: only its first sentence can be a
    # title, the rest is text (`考核基本分为100分。…事后有总结` names no 总结).
    heading = doc_outline.title.split("。", 1)[0]
    # A news story's dated first sentence (`5月18日—5月20日,…排查整治工作第九督导组…开展督导检查。`) names the
    # campaign it reports on, not a genre.
    dated_lead = bool(_NEWS_LEAD.match(heading)) and _lead_sentence(heading)
    dated_lead = dated_lead or bool(_WIRE_LEAD.match(simplified(heading)))  # `本网讯 为进一步加强…`
    # `调研组仔细听取了…的汇报。`: a story's opening sentence telling of a report heard names no genre of its own.
    heading = _HEARD.sub("", heading) if len(heading) >= 30 and not re.match(r"^关\s*[于於]", heading) else heading
    named = None if _ENUMERATED.match(heading) or dated_lead else title_genre(heading)
    if named is None:  # no title line: `现将《…分工方案》印发给你们` names what the notice sends
        sent = (
            _SENDS.search(simplified(t))
            for t in (doc_outline.parts[0].texts[:4] if doc_outline.parts else ())
        )
        named = next((_sent_genre(m.group("t")) for m in sent if m is not None), None)
    if named is None:
        named = _title_after_notes(doc_outline)
    if named is None:
        named = _title_in_opening(doc_outline)
    if named is None or _lead_sentence(doc_outline.title):
        # No title, or the opening sentence taken for one: `开展…专项行动,现制定工作方案如下` names the plan.
        opening_texts = [doc_outline.title, *(doc_outline.parts[0].texts[:3] if doc_outline.parts else ())]
        plan = (_PLAN_OPENING.search(simplified(t)) for t in opening_texts)
        named = next((title_genre(m.group("t") + m.group("w")) for m in plan if m is not None), named)
    opening = doc_outline.title or next((t for part in doc_outline.parts for t in part.texts), "")
    texts = [simplified(t) for part in doc_outline.parts for t in part.texts]
    if named is None and not _exposes_problems(doc_outline) and any(_PROGRESS_SO_FAR.match(t) for t in texts):
        named = "report"  # no title, and the text closes with what has been done so far: a progress report
    if (named is None or _lead_sentence(doc_outline.title)) and (
        _exposes_problems(doc_outline) or _bulletin_to_rectify(doc_outline)
    ):
        # news of an inspection or an exposure listing what it found; `现将检查情况予以通报，请各单位认真整改`
        named = "rectification"
    elif _NEWS_LEAD.match(opening) and len(task_items(doc_outline)) < 2:
        named = "report"  # no title but a news story's first sentence, and no list of tasks or problems
    elif named in ("rectification", "reminder") and _names_activity(doc_outline):
        named = "report"
    elif named is None and _tells_activity(doc_outline, texts):
        named = "report"  # `开展岁末年初建筑工地安全专项检查` over `…开展了…检查。一是周密部署,下发了…`: what was done
    elif (
        named == "rectification"
        and _lead_sentence(doc_outline.title)
        and _figures_listed(task_items(doc_outline))
        and _states_figures(doc_outline)
    ):
        # `一季度,…开展隐患排查整治工作。` then points each telling what was counted: news of the campaign it names
        named = "report"
    if named == "report" and _INSPECTION_REPORT.search(simplified(heading)) and _lists_problems(doc_outline):
        named = "rectification"  # what an inspection or a self-inspection found, listed to be fixed
    if named == "report" and _problems_then_measures(doc_outline) and not _SUMMARY.search(simplified(heading)):
        named = "rectification"  # `消防安全报告`: 二、存在问题 1.…2.… 三、改进措施 1.…2.…, no story in figures
    if (
        named == "report"
        and _INSPECTION_SITUATION.search(simplified(heading))
        and sum(1 for i in task_items(doc_outline) if i.problem or states_fault(i.measures or "")) >= 2
    ):
        named = "rectification"  # `安全检查情况汇报` listing the problems it found, to be fixed
    if named is None and any(_MEETING_REQUIRES.search(t) for t in texts):
        named = "reminder"  # a meeting's requirements, numbered 一要/二要, are tasks sent down
    # A page stored from a later heading (`(二)组织实施…`) has no title of its own either.
    untitled = not doc_outline.title or re.match(r"[（(][一二三四五六七八九十]{1,3}[)）]", doc_outline.title)
    if named is None and untitled and sum(t.count("整治") for t in texts) >= 3:
        named = "rectification"  # an untitled page of a 整治 plan: what is to be fixed is its subject
    if named is None and _NOTICE.search(simplified(doc_outline.title)):
        named = "reminder"  # a notice (…的紧急通知, 转发…的通知) sends its requirements down
    if (
        named is None
        and _addressed_down(doc_outline)
        and _structural_genre(doc_outline) == "report"
        and not _states_figures(doc_outline)
    ):
        # `各镇人民政府，市各办局：` … `特此通知。`: an untitled notice sent down; one telling figures is a bulletin.
        named = "reminder"
    return named


# A salutation to the units below (`各企业：`, `开发区管委会，各镇人民政府，市各办局：`): a notice sent down. A report
# sent up names one superior (`区教委：`).
# The salutation may run on into the text on its line (`各县(区)安委会,…,各企业: “壮族三月三”将至…`).
_SALUTATION = re.compile(r"^(?P<to>[^。；;！!？?:：]{2,120})[:：]")


def _addressed_down(doc_outline: Outline) -> bool:
    texts = [doc_outline.title, *(doc_outline.parts[0].texts[:4] if doc_outline.parts else ())]
    return any(
        (found := _SALUTATION.match(t.strip())) is not None and "各" in found.group("to") and not parse_line(t).level
        for t in texts
        if t
    )


# Points printed in a text (`扣2分`, `(30分)`, `得5分`): the marks of a scored scheme, whatever its layout.
_POINTS = re.compile(r"(?:扣|减|加|得|计|记)\s*\d+(?:\.\d+)?\s*分|[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def _scored_throughout(doc_outline: Outline, items: int) -> bool:
    """Points printed on at least three lines, and on most numbered lines if there are any: a scheme."""
    texts = [t for part in doc_outline.parts for t in part.texts]
    texts += [
        cell for part in doc_outline.parts for table in part.tables for row in table.rows for cell in row
    ]
    scored = sum(1 for t in texts if _POINTS.search(t))
    return scored >= 3 and scored * 2 >= items


def _lists_faults(items: list[Item]) -> bool:
    """Most numbered lines state faults found rather than tasks: a problem list."""
    faults = 0
    for item in items:
        faults += states_fault(item.problem or item.measures or "")
    return len(items) >= 2 and faults * 3 >= len(items) * 2


def faults_as_problems(items: list[Item]) -> list[Item]:
    """A rectification list whose unlabelled points mostly state faults: those points are its problems. A
    document may list its faults and then its measures, each numbered from 1: a list of three points or more
    all but one of which state faults has every point that does not open with a task as a problem."""
    if not items or any(item.problem for item in items):
        return items
    if _lists_faults(items):
        return [
            replace(item, problem=item.measures, measures=None)
            if item.measures and states_fault(item.measures)
            else item
            for item in items
        ]
    starts = [i for i, item in enumerate(items) if i == 0 or item.seq == "1"]
    out: list[Item] = []
    for start, end in zip(starts, [*starts[1:], len(items)], strict=True):
        run = items[start:end]
        faults = sum(states_fault(item.measures or "") for item in run)
        if len(starts) >= 2 and len(run) >= 3 and faults >= len(run) - 1:
            run = [
                replace(item, problem=item.measures, measures=None)
                if item.measures and not TASK_OPENING.match(simplified(item.measures))
                else item
                for item in run
            ]
        out += run
    return out


def _figures_listed(items: list[Item]) -> bool:
    """Most numbered points state figures (`同比增加3.2%`): an analysis in numbers, not a list of tasks."""
    counted = sum(1 for item in items if stats_of([item.measures or item.problem or ""]))
    return len(items) >= 2 and counted * 3 >= len(items) * 2


def _states_figures(doc_outline: Outline, at_least: int = 6) -> bool:
    """Six figures of activity or more (`抽查企业100余家`, `排查重大隐患3191项`): a narrative in numbers."""
    texts = [t for part in doc_outline.parts for t in part.texts]
    return len(stats_of(texts)) >= at_least


def genre_confidence(doc_outline: Outline, genre: str) -> float:
    """How likely `genre` is for the document: title keywords first, structure as fallback."""
    named = named_genre(doc_outline)
    if named is not None:
        return _PRIORITY[genre] if named == genre else 0.1
    return _STRUCTURE_CONFIDENCE[genre] if genre == _structural_genre(doc_outline) else 0.1


_STRUCTURE_CONFIDENCE = {"rectification": 0.6, "assessment": 0.55, "reminder": 0.5, "report": 0.3}


@lru_cache(maxsize=4)
def _structural_genre(doc_outline: Outline) -> str:
    """The genre an untitled document shows by what it lists: points, faults found, tasks, or none."""
    scheme, _ = schemes(doc_outline)
    items = task_items(doc_outline)
    if (scheme.scores and not items) or _scored_throughout(doc_outline, len(items)):
        return "assessment"
    if len(items) <= 3 and _states_figures(doc_outline):
        return "report"  # an untitled story of what was checked and found, in figures, with a few points
    if _figures_listed(items) and _states_figures(doc_outline, 6 if len(items) > 3 else 4):
        # `1.任务来源。…占92.2%` `2.重点单位。…2806家，同比增加3.2%`: findings in figures, not tasks; also three
        # points of work done told with what they counted (`一是…目前已出动检查组621个…`)
        return "report"
    if any(i.problem for i in items) or _lists_faults(items):
        return "rectification"
    if not items and _found_to_fix(doc_outline):
        return "rectification"
    return "reminder" if items else "report"


# What a check found, told in a sentence (`仍然存在:气瓶未按规定固定;…等安全隐患`, `存在…不规范等问题`), and the fix
# required of those checked (`要求…限期整改`, `提出了整改要求`).
_FOUND = re.compile(r"(?:存在|发现)[^。]{2,300}?等(?:[^。，,；;]{0,8})?(?:问题|隐患)")
_FIX_REQUIRED = re.compile(r"(?:要求|责令|督促|提出)[^。]{0,30}?整改|整改要求|限期整改")
_COUNTED_CHECK = re.compile(r"检查|抽查|督查|督导|排查|巡查|执法|查处|发现|隐患|整改")


def _found_to_fix(doc_outline: Outline) -> bool:
    """A story of a check with no numbered points that tells the faults found and orders them fixed, and counts
    none of what it checked or found (`检查企业20家`, `发现隐患6处` make it a report of the check)."""
    texts = [simplified(t) for part in doc_outline.parts for t in part.texts]
    return (
        any(_FOUND.search(t) for t in texts)
        and any(_FIX_REQUIRED.search(t) for t in texts)
        and not any(_COUNTED_CHECK.search(stat.what) for stat in stats_of(texts))
    )
