"""What every report kind receives and returns, and the letterhead they share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from anjian.accounts.policy import scope_q
from anjian.org.models import Committee, Region
from anjian.publish.drafts import unnumbered
from anjian.publish.gbt9704 import Appendix, Block, Masthead, OfficialDocument, format_chinese_date
from anjian.publish.models import IssuingBody
from anjian.publish.numbering import committee_for, issuing_body
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
    as_of: date | None = None  # the day "overdue" is judged on (drafting sets it: today or the period's end)
    issue: bool = False  # 签发 the draft at once (the command line's --issue)

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
    """Who issues a draft: the body's name for masthead and 署名, and the number line left blank until 签发."""

    committee: Committee
    body: IssuingBody

    @property
    def name(self) -> str:
        """The issuing body's name (masthead, 署名)."""
        return self.body.name

    @property
    def office(self) -> str:
        """The committee's office, to which replies and reports are sent."""
        return self.committee.office_name

    @property
    def doc_number(self) -> str:
        return unnumbered(self.body.doc_prefix, timezone.localdate().year)

    @classmethod
    def of(cls, request: ReportRequest) -> Letterhead:
        """The body that issues the request's kind (anjian.publish.kinds: `issuer`) in the region's committee."""
        from anjian.publish.kinds import REPORTS

        committee = committee_for(request.region)
        return cls(committee=committee, body=issuing_body(committee, REPORTS[request.kind].issuer))

    def file_document(self, *, title: str, addressee: str, body: tuple[Block, ...],
                      appendices: tuple[Appendix, ...] = ()) -> OfficialDocument:
        """A document under this body's 文件 masthead, signed by it and printed by the committee's office today."""
        today = timezone.localdate()
        return OfficialDocument(masthead=Masthead.FILE, issuer_mark=self.name + "文件", doc_number=self.doc_number,
                                title=title, addressee=addressee, body=body, signature_org=self.name, date=today,
                                appendices=appendices, printer_org=self.office, print_date=today)


Built = OfficialDocument | list[Sheet]
