"""What every report kind receives and returns, and the letterhead they share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from anjian.accounts.policy import scope_q
from anjian.org.models import Committee, Region
from anjian.publish.gbt9704 import OfficialDocument, format_chinese_date
from anjian.publish.numbering import allocate_doc_number, committee_for
from anjian.publish.xlsx_safe import Sheet
from anjian.stats.metrics import Scope


@dataclass(frozen=True)
class ReportRequest:
    """A request for one document: its kind, region, period and who asks (None: the installation itself)."""

    kind: str
    region: Region
    date_from: date
    date_to: date
    actor: Any = None
    file_format: str = "docx"
    item: str = ""  # supervision: "task:12" or "hazard:3"; empty for every escalated item of the period
    import_run: int | None = None  # rectification report / ledger: the imported plan
    as_of: date | None = None  # the day "overdue" is judged on (default: the end of the period)

    @property
    def day(self) -> date:
        return self.as_of or self.date_to

    def scope(self, **extra: Any) -> Scope:
        """The statistics scope of this request (the actor's visibility applies)."""
        return Scope(region=self.region, date_from=self.date_from, date_to=self.date_to, user=self.actor, **extra)

    def visible(self, kind: str) -> Q:
        return Q() if self.actor is None else scope_q(self.actor, kind)

    @property
    def period_text(self) -> str:
        return f"{format_chinese_date(self.date_from)}至{format_chinese_date(self.date_to)}"


@dataclass(frozen=True)
class Letterhead:
    """The issuing office of a region: names for the masthead and the signature, and a fresh 文号."""

    committee: Committee
    doc_number: str

    @property
    def office(self) -> str:
        return self.committee.office_name

    @classmethod
    def issue(cls, request: ReportRequest) -> Letterhead:
        committee = committee_for(request.region)
        number = allocate_doc_number(actor=request.actor, committee=committee, year=request.day.year)
        return cls(committee=committee, doc_number=number)


Built = OfficialDocument | list[Sheet]
