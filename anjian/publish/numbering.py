"""发文字号: who issues (IssuingBody) and one sequence per 机关代字 and year, allocated under a row lock."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from anjian.audit.services import record
from anjian.org.models import Committee, Region
from anjian.publish.choices import IssuerRole
from anjian.publish.errors import NoCommittee
from anjian.publish.gbt9704 import format_doc_number
from anjian.publish.models import DocumentNumber, IssuingBody


def committee_for(region: Region) -> Committee:
    """The committee of the region, else of its nearest ancestor that has one."""
    codes = [c for c in region.path.strip("/").split("/") if c]
    committee = Committee.objects.filter(region__code__in=codes).order_by("-region__path").first()
    if committee is None:
        raise NoCommittee(f"{region.name}及其上级均未设立安委会，无法编发文字号")
    return committee


def default_body(committee: Committee, role: str) -> IssuingBody:
    """The body as the committee's record names it, until an administrator configures it.

    The committee signs with its name and its 机关代字 (龙安生委); its office with the office's name and the
    committee's 代字 followed by 办 (龙安生委办), the usual form, so masthead and number name the same body.
    """
    if role == IssuerRole.COMMITTEE:
        return IssuingBody(committee=committee, role=role, name=committee.name, doc_prefix=committee.doc_prefix)
    return IssuingBody(committee=committee, role=role, name=committee.office_name,
                       doc_prefix=committee.doc_prefix + "办")


def issuing_body(committee: Committee, role: str) -> IssuingBody:
    """The configured body of this role, created from the committee's record on first use."""
    body = IssuingBody.objects.filter(committee=committee, role=role).first()
    if body is not None:
        return body
    template = default_body(committee, role)
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:  # created meanwhile by another request
        return IssuingBody.objects.get(committee=committee, role=role)
    return template


def allocate_doc_number(*, actor: Any, body: IssuingBody, year: int) -> str:
    """Take the next number of the body's year (e.g. 龙安生委〔2024〕3号); two callers never get the same."""
    committee, prefix = body.committee, body.doc_prefix
    try:
        with transaction.atomic():
            DocumentNumber.objects.get_or_create(committee=committee, prefix=prefix, year=year)
    except IntegrityError:
        pass  # another transaction created the counter first; lock it below
    with transaction.atomic():
        counter = DocumentNumber.objects.select_for_update().get(committee=committee, prefix=prefix, year=year)
        counter.last_seq += 1
        counter.save(update_fields=["last_seq"])
        number = format_doc_number(prefix, year, counter.last_seq)
        record(actor=actor, action="document.number", object_type="committee", object_id=committee.pk,
               after={"year": year, "seq": counter.last_seq, "number": number})
        return number
