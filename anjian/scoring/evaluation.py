"""The live score of a region under a scheme: every item with the data behind its figure (metrics.md §9)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.org.models import Region
from anjian.scoring import indicators
from anjian.scoring.choices import Evaluation, ItemKind
from anjian.scoring.models import AssessmentItem, AssessmentScheme, IndicatorRule, ManualScore, MaterialLink

ZERO = Decimal(0)


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator reading and the points it earned."""

    indicator: str
    label: str
    display: str
    value: float | None
    numerator: int | None
    denominator: int | None
    points: Decimal
    max_points: Decimal
    rule: str


@dataclass(frozen=True)
class MaterialLine:
    """A required material and the files collected for it."""

    name: str
    files: int
    material_id: int = 0


@dataclass
class ItemScore:
    """The score of one item with everything that produced it."""

    seq: str
    title: str
    kind: str
    evaluation: str
    max_points: Decimal | None
    score: Decimal = ZERO
    pending: bool = False  # a manual judgement has not been entered yet
    indicators: list[IndicatorLine] = field(default_factory=list)
    materials: list[MaterialLine] = field(default_factory=list)
    detail: str = ""
    comment: str = ""
    item_id: int = 0

    @property
    def evaluation_label(self) -> str:
        """How the item is judged, as the page says it (not the stored code)."""
        return str(Evaluation(self.evaluation).label) if self.evaluation in Evaluation.values else self.evaluation

    @property
    def missing(self) -> list[str]:
        return [m.name for m in self.materials if m.files == 0]


@dataclass
class SectionScore:
    """A part of the scheme: its full points and the sum of its items."""

    title: str
    max_points: Decimal | None
    score: Decimal = ZERO


@dataclass
class ScoreResult:
    """The score of one region and year under one scheme."""

    scheme: str
    region_code: str
    region_name: str
    year: int
    as_of: date
    items: list[ItemScore]
    sections: list[SectionScore]
    base: Decimal
    deductions: Decimal
    bonuses: Decimal
    max_points: Decimal

    @property
    def total(self) -> Decimal:
        return max(ZERO, self.base - self.deductions + self.bonuses)

    @property
    def missing_materials(self) -> list[tuple[str, str]]:
        return [(i.seq, name) for i in self.items for name in i.missing]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (decimals as numbers)."""
        def clean(value: Any) -> Any:
            if isinstance(value, Decimal):
                return float(value)
            if isinstance(value, dict):
                return {k: clean(v) for k, v in value.items()}
            if isinstance(value, list):
                return [clean(v) for v in value]
            if isinstance(value, date):
                return value.isoformat()
            return value

        items = [clean(asdict(i)) | {"missing": i.missing} for i in self.items]
        return {
            "scheme": self.scheme, "region": {"code": self.region_code, "name": self.region_name},
            "year": self.year, "as_of": self.as_of.isoformat(), "total": float(self.total),
            "max_points": float(self.max_points), "base": float(self.base), "deductions": float(self.deductions),
            "bonuses": float(self.bonuses), "sections": [clean(asdict(s)) for s in self.sections], "items": items,
            "missing_materials": [{"seq": s, "name": n} for s, n in self.missing_materials],
        }


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _cap(value: Decimal, cap: Decimal | None) -> Decimal:
    return min(value, cap) if cap is not None else value


def _rule_points(rule: IndicatorRule, value: float | None) -> tuple[Decimal, Decimal]:
    """(points earned, best points) of one rule for one reading."""
    steps = sorted(((float(t), _d(p)) for t, p in rule.thresholds), reverse=rule.higher_is_better)
    best = max((p for _, p in steps), default=ZERO)
    if value is None:
        return (best if rule.pass_when_empty else ZERO), best
    for threshold, points in steps:
        if (value >= threshold - 1e-9) if rule.higher_is_better else (value <= threshold + 1e-9):
            return points, best
    return ZERO, best


def _describe(rule: IndicatorRule) -> str:
    op = "≥" if rule.higher_is_better else "≤"
    parts = [f"{op}{_fmt_threshold(rule.indicator, t)} 得{p}分" for t, p in rule.thresholds]
    return "；".join(parts) + (f"（{rule.note}）" if rule.note else "")


def _fmt_threshold(indicator: str, value: float) -> str:
    reading = indicators.INDICATORS.get(indicator)
    percent = reading is not None and indicator.endswith("rate")
    return f"{value * 100:g}%" if percent else f"{value:g}"


def _accident_counts(region: Region, year: int) -> dict[str, int]:
    rows = Accident.objects.filter(region__path__startswith=region.path, occurred_at__year=year)
    return dict(rows.values("grade").annotate(n=Count("pk")).values_list("grade", "n"))


def _accident_deduction(item: AssessmentItem, counts: dict[str, int]) -> tuple[Decimal, str]:
    total, parts = ZERO, []
    for grade, rule in item.accident_rules.items():
        n = counts.get(grade, 0)
        if not n:
            continue
        if "per" in rule:
            points = _d(rule["per"]) * n
        else:
            reached = [_d(p) for at_least, p in rule.get("tiers", []) if n >= at_least]
            points = max(reached, default=ZERO)
        total += points
        parts.append(f"{grade} {n} 起扣 {points:g} 分")
    return total, "；".join(parts) or "无相关事故"


class _Scorer:
    """Scores every item of a scheme for one region and year with a handful of queries."""

    def __init__(self, scheme: AssessmentScheme, region: Region, year: int, as_of: date) -> None:
        self.scheme, self.region, self.year, self.as_of = scheme, region, year, as_of
        self.manual = {m.item_id: m for m in ManualScore.objects.filter(item__scheme=scheme, region=region, year=year)}
        self.files = dict(
            MaterialLink.objects.filter(material__item__scheme=scheme, region=region, year=year)
            .values("material").annotate(n=Count("pk")).values_list("material", "n")
        )
        self.readings: dict[str, indicators.Reading] = {}
        self.accidents: dict[str, int] | None = None

    def reading(self, name: str) -> indicators.Reading:
        if name not in self.readings:
            self.readings[name] = indicators.read(name, self.region, self.year, self.as_of)
        return self.readings[name]

    def item(self, item: AssessmentItem) -> ItemScore:
        result = ItemScore(seq=item.seq, title=item.title, kind=item.kind, evaluation=item.evaluation,
                           max_points=item.points, item_id=item.pk)
        manual = self.manual.get(item.pk)
        result.comment = manual.comment if manual else ""
        for material in item.materials.all():
            result.materials.append(MaterialLine(material.name, self.files.get(material.pk, 0), material.pk))
        evaluation = item.evaluation
        if evaluation == Evaluation.INDICATOR:
            total = ZERO
            for rule in item.indicator_rules.all():
                r = self.reading(rule.indicator)
                points, best = _rule_points(rule, r.value)
                total += points
                label = indicators.INDICATORS[rule.indicator].label if rule.indicator in indicators.INDICATORS \
                    else rule.indicator
                result.indicators.append(IndicatorLine(rule.indicator, label, r.display, r.value, r.numerator,
                                                       r.denominator, points, best, _describe(rule)))
            result.score = _cap(total, item.points)
        elif evaluation == Evaluation.EVIDENCE:
            required = len(result.materials)
            covered = sum(1 for m in result.materials if m.files)
            result.detail = f"材料齐全 {covered}/{required}"
            result.score = (item.points or ZERO) * covered / required if required else ZERO
            result.score = result.score.quantize(Decimal("0.01"))
        elif evaluation == Evaluation.ACCIDENTS:
            if self.accidents is None:
                self.accidents = _accident_counts(self.region, self.year)
            result.score, result.detail = _accident_deduction(item, self.accidents)
            if manual and manual.score is not None:
                result.score += manual.score
                result.detail += f"；另人工扣 {manual.score:g} 分"
            result.score = _cap(result.score, item.points)
        elif evaluation == Evaluation.OCCURRENCES:
            if item.occurrence_indicator:
                value = self.reading(item.occurrence_indicator).value
                n = int(value or 0)
                result.detail = f"{indicators.INDICATORS[item.occurrence_indicator].label} {n} 次"
            else:
                n = (manual.occurrences or 0) if manual else 0
                result.detail = f"人工登记 {n} 次"
            result.score = _cap((item.per_occurrence or ZERO) * n, item.points)
        else:
            result.pending = manual is None or manual.score is None
            result.score = _cap(manual.score or ZERO, item.points) if manual else ZERO
            result.detail = "待评分" if result.pending else "人工评分"
        return result


def score(*, scheme: AssessmentScheme, region: Region, year: int, as_of: date | None = None) -> ScoreResult:
    """The live score of a region under a scheme for a year (as of today, or the year's end if past)."""
    day = as_of or min(timezone.localdate(), date(year, 12, 31))
    scorer = _Scorer(scheme, region, year, day)
    items = list(scheme.items.select_related("section").prefetch_related("indicator_rules", "materials"))
    scored = [scorer.item(i) for i in items]
    sections = {s.pk: SectionScore(s.title, s.points) for s in scheme.sections.all()}
    base = deductions = bonuses = max_points = ZERO
    for item, result in zip(items, scored, strict=True):
        if item.kind == ItemKind.ITEM:
            base += result.score
            max_points += item.points or ZERO
            if item.section_id in sections:
                sections[item.section_id].score += result.score
        elif item.kind == ItemKind.DEDUCTION:
            deductions += result.score
        else:
            bonuses += result.score
    return ScoreResult(scheme=scheme.name, region_code=region.code, region_name=region.name, year=year, as_of=day,
                       items=scored, sections=list(sections.values()), base=base, deductions=deductions,
                       bonuses=bonuses, max_points=max_points)


@dataclass(frozen=True)
class RankRow:
    """One sub-region's place under the same scheme."""

    rank: int
    region_code: str
    region_name: str
    total: Decimal
    deductions: Decimal
    missing_materials: int


def ranking(*, scheme: AssessmentScheme, parent: Region, year: int, as_of: date | None = None) -> list[RankRow]:
    """The children of `parent` (e.g. the townships of a county) scored and ranked, best first."""
    results = [score(scheme=scheme, region=child, year=year, as_of=as_of)
               for child in Region.objects.filter(parent=parent).order_by("path")]
    results.sort(key=lambda r: (-r.total, r.region_code))
    return [RankRow(n, r.region_code, r.region_name, r.total, r.deductions, len(r.missing_materials))
            for n, r in enumerate(results, start=1)]
