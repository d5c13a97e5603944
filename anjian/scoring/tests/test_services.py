"""Schemes from the extractor's JSON, manual scores and materials: validation and permissions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from anjian.errors import PermissionDenied
from anjian.fixtures import World
from anjian.scoring.errors import SchemeInvalid, ScoreOutOfRange
from anjian.scoring.models import AssessmentScheme
from anjian.scoring.services import (
    current_scheme,
    enter_manual_score,
    scheme_from_extraction,
    score,
    set_current,
)

pytestmark = pytest.mark.django_db

EXTRACTION = {
    "genre": "assessment",
    "scores": [
        {"seq": "1", "section": "落实属地领导责任情况", "text_head": "深入贯彻落实重要指示批示精神", "points": 6,
         "kind": "item"},
        {"seq": "2", "section": "落实属地领导责任情况", "text_head": "落实地方党委和政府领导责任", "points": 14,
         "kind": "item"},
        {"seq": "3", "section": "其他方面", "text_head": "强化投入", "points": 80, "kind": "item"},
        {"seq": "4", "section": "减分项", "text_head": "形式主义被通报的，每次扣2分", "points": 2, "kind": "deduction"},
        {"seq": "5", "section": "加分项", "text_head": "成效明显的", "points": None, "kind": "bonus"},
    ],
    "section_totals": {"落实属地领导责任情况": 20, "其他方面（80分）": 80},
}


def test_scheme_from_extraction_is_editable_data(world: World) -> None:
    scheme = scheme_from_extraction(actor=world.clerk, name="2025年度考核细则", year=2025, extraction=EXTRACTION)
    assert [(s.title, s.points) for s in scheme.sections.all()] == [("落实属地领导责任情况", 20), ("其他方面", 80)]
    items = list(scheme.items.all())
    assert [(i.seq, i.kind, i.evaluation) for i in items][3:] == [
        ("4", "deduction", "occurrences"), ("5", "bonus", "manual")]
    assert items[3].per_occurrence == 2
    enter_manual_score(actor=world.clerk, item=items[3], region=world.county, year=2025, occurrences=2)
    enter_manual_score(actor=world.clerk, item=items[0], region=world.county, year=2025, score=Decimal(5))
    result = score(scheme=scheme, region=world.county, year=2025)
    assert (result.base, result.deductions, result.total, result.max_points) == (5, 4, 1, 100)


def test_extraction_without_scores_or_with_a_taken_name_is_refused(world: World) -> None:
    with pytest.raises(SchemeInvalid):
        scheme_from_extraction(actor=world.clerk, name="空", year=2025, extraction={"scores": []})
    scheme_from_extraction(actor=world.clerk, name="A", year=2025, extraction=EXTRACTION)
    with pytest.raises(SchemeInvalid):
        scheme_from_extraction(actor=world.clerk, name="A", year=2025, extraction=EXTRACTION)


def test_only_the_office_edits_and_scores_stay_in_range(world: World) -> None:
    with pytest.raises(PermissionDenied):
        scheme_from_extraction(actor=world.officer, name="B", year=2025, extraction=EXTRACTION)
    scheme = scheme_from_extraction(actor=world.clerk, name="B", year=2025, extraction=EXTRACTION)
    item = scheme.items.get(seq="1")
    with pytest.raises(ScoreOutOfRange):
        enter_manual_score(actor=world.clerk, item=item, region=world.county, year=2025, score=Decimal(7))
    with pytest.raises(PermissionDenied):
        enter_manual_score(actor=world.outsider, item=item, region=world.county, year=2025, score=Decimal(1))


def test_current_scheme_defaults_to_the_2024_one_and_can_be_switched(world: World) -> None:
    builtin = current_scheme()
    assert builtin.year == 2024 and builtin.is_current
    other = scheme_from_extraction(actor=world.clerk, name="C", year=2025, extraction=EXTRACTION)
    set_current(actor=world.clerk, scheme=other)
    assert current_scheme() == other
    assert AssessmentScheme.objects.filter(is_current=True).count() == 1


def test_a_migrated_database_has_the_2024_scheme_as_current(db: None) -> None:
    from anjian.scoring.schemes import gov2024

    seeded = AssessmentScheme.objects.get(name=gov2024.NAME)
    assert seeded.is_current and seeded.items.count() == len(gov2024.SECTIONS[0][2]) + sum(
        len(items) for _, _, items in gov2024.SECTIONS[1:]) + len(gov2024.ADJUSTMENTS)


def test_reading_the_current_scheme_writes_nothing(db: None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anjian.scoring.errors import SchemeNotFound

    with CaptureQueriesContext(connection) as queries:
        current_scheme()
    assert {q["sql"].split()[0].upper() for q in queries.captured_queries} == {"SELECT"}
    # an installation whose schemes were all deleted is told so; nothing is recreated behind its back
    AssessmentScheme.objects.all().delete()
    with CaptureQueriesContext(connection) as queries, pytest.raises(SchemeNotFound):
        current_scheme()
    assert {q["sql"].split()[0].upper() for q in queries.captured_queries} == {"SELECT"}
    assert not AssessmentScheme.objects.exists()
