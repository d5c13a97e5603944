"""Risk grading as pure functions: factor values in, score and grade out, no database.

The bands are data with explicit inclusive/exclusive bounds, because the sources print "160~320" and
leave open which band owns an edge (docs/prevention.md says which choice the defaults make and why).
A deployment replaces them with the settings `ANJIAN_PREVENTION_LEC_BANDS` / `ANJIAN_PREVENTION_LS_BANDS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anjian.prevention.choices import (
    GRADE_ORDER,
    ControlLevel,
    Cycle,
    GuarantorRole,
    MajorHazardLevel,
    Method,
)
from anjian.prevention.choices import RiskGrade as G

LEC_L = frozenset(Decimal(v) for v in ("10", "6", "3", "1", "0.5", "0.2", "0.1"))
LEC_E = frozenset(Decimal(v) for v in ("10", "6", "3", "2", "1", "0.5"))
LEC_C = frozenset(Decimal(v) for v in ("100", "40", "15", "7", "3", "1"))
LS_RANGE = frozenset(Decimal(v) for v in range(1, 6))


class InvalidFactor(ValueError):
    """A factor value that the method's table does not have."""


@dataclass(frozen=True)
class Band:
    """Scores from `lower` to `upper` (None: unbounded) give `grade`; each bound says whether it is included."""

    grade: str
    lower: Decimal | None
    upper: Decimal | None
    lower_inclusive: bool = True
    upper_inclusive: bool = False

    def holds(self, score: Decimal) -> bool:
        """Whether the score lies in this band."""
        if self.lower is not None and (score < self.lower or (score == self.lower and not self.lower_inclusive)):
            return False
        return not (self.upper is not None and (score > self.upper or (score == self.upper and not self.upper_inclusive)))


def _d(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# LEC, after examw [1] and 360docs [6]: >320 重大; 160–320 较大; 70–160 一般; below 70 低 (the 20–70 and
# <20 bands both blue). Edges: a band owns its lower edge (D = 160 较大, D = 70 一般), and 320 stays 较大
# because [1] writes 重大 as "D > 320".
DEFAULT_LEC_BANDS: tuple[Band, ...] = (
    Band(G.MAJOR, Decimal(320), None, lower_inclusive=False),
    Band(G.LARGE, Decimal(160), Decimal(320), upper_inclusive=True),
    Band(G.GENERAL, Decimal(70), Decimal(160)),
    Band(G.LOW, None, Decimal(70)),
)

# LS 5 × 5, scheme B of the research note [4]: 20–25 重大, 9–16 较大, 4–8 一般, 1–3 低. Products are whole
# numbers, so the bands are closed intervals on the products that can occur.
LS_SCHEMES: dict[str, tuple[Band, ...]] = {
    "B": (
        Band(G.MAJOR, Decimal(20), None),
        Band(G.LARGE, Decimal(9), Decimal(20)),
        Band(G.GENERAL, Decimal(4), Decimal(9)),
        Band(G.LOW, None, Decimal(4)),
    ),
    "C": (  # [5]: 20–25, 10–16, 4–9, 1–3
        Band(G.MAJOR, Decimal(20), None),
        Band(G.LARGE, Decimal(10), Decimal(20)),
        Band(G.GENERAL, Decimal(4), Decimal(10)),
        Band(G.LOW, None, Decimal(4)),
    ),
    "A": (  # [2], five bands folded into four: 20–25, 15–16, 9–12, 1–8
        Band(G.MAJOR, Decimal(20), None),
        Band(G.LARGE, Decimal(15), Decimal(20)),
        Band(G.GENERAL, Decimal(9), Decimal(15)),
        Band(G.LOW, None, Decimal(9)),
    ),
}
DEFAULT_LS_BANDS = LS_SCHEMES["B"]


def bands_from_config(rows: Sequence[Mapping[str, Any]]) -> tuple[Band, ...]:
    """Bands from settings rows ({"grade", "lower", "upper", "lower_inclusive", "upper_inclusive"})."""
    bands = tuple(Band(grade=str(r["grade"]), lower=_d(r.get("lower")), upper=_d(r.get("upper")),
                       lower_inclusive=bool(r.get("lower_inclusive", True)),
                       upper_inclusive=bool(r.get("upper_inclusive", False))) for r in rows)
    unknown = {b.grade for b in bands} - set(GRADE_ORDER)
    if unknown:
        raise ValueError(f"unknown risk grades in bands: {sorted(unknown)}")
    return bands


def grade_for(score: Decimal, bands: Sequence[Band]) -> str:
    """The grade of the first band holding the score; a gap in configured bands is an error, not 低."""
    for band in bands:
        if band.holds(score):
            return band.grade
    raise ValueError(f"score {score} lies in no band")


def lec_score(likelihood: Decimal, exposure: Decimal, consequence: Decimal) -> Decimal:
    """D = L × E × C, each factor taken from the LEC tables."""
    if likelihood not in LEC_L or exposure not in LEC_E or consequence not in LEC_C:
        raise InvalidFactor(f"LEC 取值不在分值表内: L={likelihood} E={exposure} C={consequence}")
    return likelihood * exposure * consequence


def ls_score(likelihood: Decimal, severity: Decimal) -> Decimal:
    """R = L × S on the 5 × 5 matrix."""
    if likelihood not in LS_RANGE or severity not in LS_RANGE:
        raise InvalidFactor(f"LS 取值须为 1–5 的整数: L={likelihood} S={severity}")
    return likelihood * severity


@dataclass(frozen=True)
class Outcome:
    """What an evaluation gives: the score (None when graded directly) and the grade."""

    score: Decimal | None
    grade: str


def evaluate(method: str, *, l: Decimal | None = None, e: Decimal | None = None,  # noqa: E741 - the method's own letter
             c: Decimal | None = None, s: Decimal | None = None, direct_grade: str = "",
             lec_bands: Sequence[Band] = DEFAULT_LEC_BANDS, ls_bands: Sequence[Band] = DEFAULT_LS_BANDS) -> Outcome:
    """Score and grade by the method; 直接判定 takes the grade as given (its reason is kept by the service)."""
    if method == Method.LEC:
        if l is None or e is None or c is None:
            raise InvalidFactor("LEC 须填写 L、E、C")
        score = lec_score(l, e, c)
        return Outcome(score, grade_for(score, lec_bands))
    if method == Method.LS:
        if l is None or s is None:
            raise InvalidFactor("LS 须填写 L、S")
        score = ls_score(l, s)
        return Outcome(score, grade_for(score, ls_bands))
    if method == Method.DIRECT:
        if direct_grade not in GRADE_ORDER:
            raise InvalidFactor("直接判定须选择风险等级")
        return Outcome(None, direct_grade)
    raise InvalidFactor(f"unknown method {method!r}")


def highest(grades: Sequence[str]) -> str | None:
    """The highest of these grades (None when there are none)."""
    present = [g for g in GRADE_ORDER if g in grades]
    return present[0] if present else None


# Check cycles by control level and grade. Levels after gzzxedu [15] (岗位/班组 daily, 车间 weekly, 企业
# monthly); the tightening for higher grades follows the example (red: daily at post, weekly at
# company) and is configuration (`ANJIAN_PREVENTION_CHECK_CYCLES`), not a cited rule.
DEFAULT_CHECK_CYCLES: dict[str, dict[str, str]] = {
    ControlLevel.POST: {G.MAJOR: Cycle.DAILY, G.LARGE: Cycle.DAILY, G.GENERAL: Cycle.DAILY, G.LOW: Cycle.DAILY},
    ControlLevel.TEAM: {G.MAJOR: Cycle.DAILY, G.LARGE: Cycle.DAILY, G.GENERAL: Cycle.DAILY, G.LOW: Cycle.WEEKLY},
    ControlLevel.WORKSHOP: {G.MAJOR: Cycle.DAILY, G.LARGE: Cycle.WEEKLY, G.GENERAL: Cycle.WEEKLY,
                            G.LOW: Cycle.MONTHLY},
    ControlLevel.COMPANY: {G.MAJOR: Cycle.WEEKLY, G.LARGE: Cycle.MONTHLY, G.GENERAL: Cycle.MONTHLY,
                           G.LOW: Cycle.QUARTERLY},
}


def check_cycle(level: str, grade: str, table: Mapping[str, Mapping[str, str]] = DEFAULT_CHECK_CYCLES) -> str:
    """How often a plan at this control level checks a risk point of this grade."""
    return table[level][grade]


# 包保 duties (包保责任制办法 2021 [20]): 技术负责人 at least quarterly (Art. 5(5)); 操作负责人 weekly is
# widely stated but unverified; Art. 4 fixes no cadence for 主要负责人 — the quarterly default is a local
# choice. All three are configuration (`ANJIAN_PREVENTION_GUARANTOR_CYCLES`).
DEFAULT_GUARANTOR_CYCLES: dict[str, str] = {
    GuarantorRole.MAIN: Cycle.QUARTERLY,
    GuarantorRole.TECHNICAL: Cycle.QUARTERLY,
    GuarantorRole.OPERATION: Cycle.WEEKLY,
}


def major_hazard_level(r: Decimal) -> str:
    """GB 18218-2018: 一级 R ≥ 100, 二级 50 ≤ R < 100, 三级 10 ≤ R < 50, 四级 R < 10."""
    if r >= 100:
        return MajorHazardLevel.FIRST
    if r >= 50:
        return MajorHazardLevel.SECOND
    if r >= 10:
        return MajorHazardLevel.THIRD
    return MajorHazardLevel.FOURTH
