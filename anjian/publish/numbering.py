"""发文字号: one sequence per committee office per year, allocated under a row lock."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from anjian.audit.services import record
from anjian.org.models import Committee, Region
from anjian.publish.errors import NoCommittee
from anjian.publish.gbt9704 import format_doc_number
from anjian.publish.models import DocumentNumber


def committee_for(region: Region) -> Committee:
    """The committee of the region, else of its nearest ancestor that has one."""
    codes = [c for c in region.path.strip("/").split("/") if c]
    committee = Committee.objects.filter(region__code__in=codes).order_by("-region__path").first()
    if committee is None:
        raise NoCommittee(f"{region.name}及其上级均未设立安委会，无法编发文字号")
    return committee


def allocate_doc_number(*, actor: Any, committee: Committee, year: int) -> str:
    """Take the next number of the office's year (e.g. 龙安生委〔2024〕3号); two callers never get the same."""
    try:
        with transaction.atomic():
            DocumentNumber.objects.get_or_create(committee=committee, year=year)
    except IntegrityError:
        pass  # another transaction created the counter first; lock it below
    with transaction.atomic():
        counter = DocumentNumber.objects.select_for_update().get(committee=committee, year=year)
        counter.last_seq += 1
        counter.save(update_fields=["last_seq"])
        number = format_doc_number(committee.doc_prefix, year, counter.last_seq)
        record(actor=actor, action="document.number", object_type="committee", object_id=committee.pk,
               after={"year": year, "seq": counter.last_seq, "number": number})
        return number
