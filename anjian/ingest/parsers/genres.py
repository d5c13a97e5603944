"""The four genre parsers: rectification, reminder, assessment and report."""

from __future__ import annotations

import re

from anjian.ingest.document import SourceDocument
from anjian.ingest.parsers.genre import faults_as_problems, genre_confidence
from anjian.ingest.parsers.hanzi import simplified
from anjian.ingest.parsers.outline import outline, schemes, task_items
from anjian.ingest.parsers.report import stats_of, without_headline
from anjian.ingest.records import Extraction


def _issued(doc: SourceDocument) -> str | None:
    found = outline(doc).issued
    return found.isoformat() if found else None


class RectificationParser:
    """整改方案, 问题清单, 整改措施表: problems with measures, deadlines and owners."""

    name = "rectification"

    def detect(self, doc: SourceDocument) -> float:
        """Confidence from the title (整改方案 …) or labelled problem items."""
        return genre_confidence(outline(doc), self.name)

    def parse(self, doc: SourceDocument) -> Extraction:
        """Items from prose and tables; scores if a scheme is attached."""
        found = outline(doc)
        scheme, _ = schemes(found)
        items = task_items(found, problem_list=True) if _is_problem_list(found.title) else task_items(found)
        return Extraction(
            self.name, _issued(doc), tuple(faults_as_problems(items)), scheme.scores, scheme.totals
        )


_PROBLEM_LIST_KEYS = re.compile(r"问题清单|发现的问题|发现问题|问题台账|督导发现")
# What a title says of the problems after naming them: a plan, a notice or rectification work to be done.
_NOT_A_BARE_LIST = re.compile(r"措施|方案|计划|通知|函|意见|整改工作")


def _is_problem_list(title: str) -> bool:
    """A bare list of problems (问题清单, 发现的问题) puts unlabelled items in `problem`; a notice or plan about
    rectifying them (`…发现问题整改工作的通知`) lists tasks."""
    title = simplified(title)
    keys = list(_PROBLEM_LIST_KEYS.finditer(title))
    return (
        bool(keys)
        and not _NOT_A_BARE_LIST.search(title, keys[-1].end())
        and not re.search("措施|方案", title)
    )


class ReminderParser:
    """提醒函, 督办通知, 任务分工: numbered tasks, plus the scores of an attached scheme."""

    name = "reminder"

    def detect(self, doc: SourceDocument) -> float:
        """Confidence from the title (提醒函 …) or numbered tasks."""
        return genre_confidence(outline(doc), self.name)

    def parse(self, doc: SourceDocument) -> Extraction:
        """Items of the letter and scores of any attached scheme."""
        found = outline(doc)
        scheme, _ = schemes(found)
        return Extraction(self.name, _issued(doc), tuple(task_items(found)), scheme.scores, scheme.totals)


class AssessmentParser:
    """考核要点, 评分细则: scored items, deductions, bonuses and section totals."""

    name = "assessment"

    def detect(self, doc: SourceDocument) -> float:
        """Confidence from the title (考核要点 …) or scored items without tasks."""
        return genre_confidence(outline(doc), self.name)

    def parse(self, doc: SourceDocument) -> Extraction:
        """Scores and totals only."""
        found = outline(doc)
        scheme, _ = schemes(found)
        return Extraction(self.name, _issued(doc), (), scheme.scores, scheme.totals)


class ReportParser:
    """情况通报, 工作总结, 答复: the figures a narrative states."""

    name = "report"

    def detect(self, doc: SourceDocument) -> float:
        """Confidence from the title (情况通报, 答复 …); the fallback genre."""
        return genre_confidence(outline(doc), self.name)

    def parse(self, doc: SourceDocument) -> Extraction:
        """Stats from every paragraph and table cell."""
        found = outline(doc)
        texts = [t for part in found.parts for t in part.texts]
        texts += [cell for part in found.parts for table in part.tables for row in table.rows for cell in row]
        title = re.sub(r"\s", "", found.title)
        if texts and title and re.sub(r"\s", "", texts[0]) == title:
            return Extraction(
                self.name,
                _issued(doc),
                stats=tuple(without_headline(stats_of(texts[:1]), stats_of(texts[1:]))),
            )
        return Extraction(self.name, _issued(doc), stats=tuple(stats_of(texts)))
