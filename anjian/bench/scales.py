"""The sizes of the synthetic jurisdictions (research B1 tiers: a 10-year ledger at each level)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """A jurisdiction shape and its ledger volume; every other count is proportional to hazards."""

    name: str
    cities: int
    counties_per_city: int
    townships_per_county: int
    hazards: int
    first_year: int = 2016
    years: int = 10

    @property
    def counties(self) -> int:
        return self.cities * self.counties_per_city

    @property
    def townships(self) -> int:
        return self.counties * self.townships_per_county

    @property
    def units(self) -> int:
        # ≈ 9,800 legal entities per county-level unit (B1) for 50 k hazards: 1 unit per 5 hazards.
        return max(self.townships, self.hazards // 5)

    @property
    def inspections(self) -> int:
        # 鄢陵 1.38 and 漯河 0.64 hazards per inspection: take ≈ 1.4 inspections per 2 hazards.
        return max(1, self.hazards * 7 // 10)

    @property
    def tasks(self) -> int:
        return max(self.counties, self.hazards // 100)


SCALES: dict[str, Scale] = {
    "tiny": Scale("tiny", cities=1, counties_per_city=2, townships_per_county=2, hazards=400),
    "county": Scale("county", cities=1, counties_per_city=1, townships_per_county=12, hazards=50_000),
    "city": Scale("city", cities=1, counties_per_city=10, townships_per_county=12, hazards=1_000_000),
    "province": Scale("province", cities=17, counties_per_city=10, townships_per_county=12, hazards=13_000_000),
}
