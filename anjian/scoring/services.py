"""Changes to assessment schemes and their inputs; `score` and `ranking` live in evaluation.py.

Every function takes keyword-only arguments and an explicit actor, runs in one transaction and
writes an audit entry.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from anjian.audit.services import record
from anjian.errors import PermissionDenied
from anjian.ledger import evidence as evidence_files
from anjian.ledger.models import Evidence
from anjian.org.models import Region
from anjian.scoring.choices import Evaluation, ItemKind, SchemeSource
from anjian.scoring.errors import SchemeInvalid, SchemeNotFound, ScoreOutOfRange
from anjian.scoring.evaluation import RankRow, ScoreResult, ranking, score
from anjian.scoring.models import (
    AssessmentItem,
    AssessmentScheme,
    ManualScore,
    MaterialLink,
    RequiredMaterial,
    Section,
)

_SECTION_POINTS = re.compile(r"[（(]\s*(?:共\s*)?\d+(?:\.\d+)?\s*分\s*[）)]\s*$")


def _check(actor: Any, region: Region | None = None) -> None:
    """The policy's ("assessment", "edit") decides, inside the region when one is given."""
    from anjian.accounts.policy import Where, allowed

    if actor is None:
        return  # a loader or a migration acting for the installation
    if not allowed(actor, "edit", Where("assessment", region.path if region is not None else None)):
        raise PermissionDenied("无权修改考核数据")


def _decimal(value: Any, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise SchemeInvalid(f"{what}不是数字：{value!r}") from exc


def scheme_from_extraction(*, actor: Any, name: str, year: int, extraction: dict[str, Any]) -> AssessmentScheme:
    """Turn the extractor's `scores` and `section_totals` into an editable scheme (items judged manually)."""
    _check(actor)
    scores = extraction.get("scores") or []
    if not scores:
        raise SchemeInvalid("提取结果中没有考核项（scores 为空）")
    totals = {(_SECTION_POINTS.sub("", k)).strip(): v for k, v in (extraction.get("section_totals") or {}).items()}
    with transaction.atomic():
        if AssessmentScheme.objects.filter(name=name).exists():
            raise SchemeInvalid(f"已有同名考核方案：{name}")
        scheme = AssessmentScheme.objects.create(name=name, year=year, source=SchemeSource.IMPORTED,
                                                 source_ref=str(extraction.get("source", ""))[:200], created_by=actor)
        sections: dict[str, Section] = {}
        for order, entry in enumerate(scores, start=1):
            title = _SECTION_POINTS.sub("", str(entry.get("section") or "")).strip()
            kind = entry.get("kind") or ItemKind.ITEM
            if kind not in ItemKind.values:
                raise SchemeInvalid(f"未知考核项类型：{kind}")
            section = None
            if title and kind == ItemKind.ITEM:
                if title not in sections:
                    sections[title] = Section.objects.create(
                        scheme=scheme, order=len(sections) + 1, title=title[:300],
                        points=_decimal(totals.get(title), "部分分值"))
                section = sections[title]
            points = _decimal(entry.get("points"), f"第{entry.get('seq')}项分值")
            text = str(entry.get("text_head") or entry.get("text") or "")
            AssessmentItem.objects.create(
                scheme=scheme, section=section, order=order, seq=str(entry.get("seq") or order)[:20], kind=kind,
                title=text[:300], text=text, points=points if kind != ItemKind.DEDUCTION else None,
                evaluation=Evaluation.OCCURRENCES if kind == ItemKind.DEDUCTION else Evaluation.MANUAL,
                per_occurrence=points if kind == ItemKind.DEDUCTION else None,
            )
        record(actor=actor, action="scheme.import", object_type="assessmentscheme", object_id=scheme.pk,
               after={"name": name, "year": year, "items": len(scores), "sections": len(sections)})
        return scheme


def current_scheme(name: str | None = None) -> AssessmentScheme:
    """The scheme with this name, else the one marked current, else the newest (a pure read: the 2024 scheme is
    seeded by migration scoring 0002; an installation that deleted every scheme gets SchemeNotFound)."""
    if name:
        scheme = AssessmentScheme.objects.filter(name=name).first()
        if scheme is None:
            raise SchemeNotFound(f"未找到考核方案：{name}")
        return scheme
    scheme = AssessmentScheme.objects.filter(is_current=True).first() or AssessmentScheme.objects.first()
    if scheme is None:
        raise SchemeNotFound("尚未载入考核方案 / no assessment scheme is loaded")
    return scheme


def set_current(*, actor: Any, scheme: AssessmentScheme) -> AssessmentScheme:
    """Make this scheme the one scored by default."""
    _check(actor)
    with transaction.atomic():
        AssessmentScheme.objects.filter(is_current=True).exclude(pk=scheme.pk).update(is_current=False)
        AssessmentScheme.objects.filter(pk=scheme.pk).update(is_current=True)
        record(actor=actor, action="scheme.current", object_type="assessmentscheme", object_id=scheme.pk,
               after={"name": scheme.name})
    scheme.refresh_from_db()
    return scheme


def enter_manual_score(
    *, actor: Any, item: AssessmentItem, region: Region, year: int, score: Decimal | None = None,
    occurrences: int | None = None, comment: str = "",
) -> ManualScore:
    """Enter or change an assessor's score (or counted occurrences) of an item, with a comment."""
    _check(actor, region)
    if score is not None and (score < 0 or (item.points is not None and score > item.points)):
        raise ScoreOutOfRange(f"分数应在 0 至 {item.points} 之间")
    with transaction.atomic():
        entry, _ = ManualScore.objects.select_for_update().get_or_create(item=item, region=region, year=year)
        before = {"score": str(entry.score), "occurrences": entry.occurrences, "comment": entry.comment}
        entry.score, entry.occurrences, entry.comment, entry.scored_by = score, occurrences, comment, actor
        entry.save()
        record(actor=actor, action="assessment.score", object_type="assessmentitem", object_id=item.pk,
               before=before, after={"score": str(score), "occurrences": occurrences, "comment": comment,
                                     "region": region.code, "year": year})
        return entry


def link_material(
    *, actor: Any, material: RequiredMaterial, region: Region, year: int, evidence: Evidence | None = None,
    name: str = "", content: bytes | None = None,
) -> MaterialLink:
    """Attach a collected file to a required material: an existing ledger Evidence, or a new upload."""
    _check(actor, region)
    if (evidence is None) == (content is None):
        raise SchemeInvalid("请选择已有证明材料或上传一个文件（二选一）")
    stored = evidence_files.store(content, name, folder="assessment") if content is not None else None
    try:
        with transaction.atomic():
            link = MaterialLink.objects.create(
                material=material, region=region, year=year, evidence=evidence,
                file=stored.name if stored else "", sha256=stored.sha256 if stored else evidence.sha256,  # type: ignore[union-attr]
                original_name=(stored.original_name if stored else evidence.original_name)[:200],  # type: ignore[union-attr]
                linked_by=actor,
            )
            record(actor=actor, action="assessment.material", object_type="requiredmaterial", object_id=material.pk,
                   after={"link": link.pk, "region": region.code, "year": year, "sha256": link.sha256})
            return link
    except Exception:
        if stored is not None:
            evidence_files.discard(stored)
        raise


__all__ = [
    "RankRow",
    "ScoreResult",
    "current_scheme",
    "enter_manual_score",
    "link_material",
    "ranking",
    "scheme_from_extraction",
    "score",
    "set_current",
]
