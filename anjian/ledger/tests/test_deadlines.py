"""Typed deadlines with a pinned clock: dates, 长期, 立行立改 and recurring obligations."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anjian.fixtures import World
from anjian.ledger.choices import DeadlineKind, Recurrence
from anjian.ledger.deadlines import DeadlineSpec, due_after_progress, first_due
from anjian.ledger.services import is_overdue, submit_progress

pytestmark = pytest.mark.django_db


def test_dated_deadline_is_the_date() -> None:
    spec = DeadlineSpec.from_schema("2022-12-14", "2022年12月14日前")
    assert first_due(spec, start=date(2022, 11, 8), immediate_workdays=1).due_date == date(2022, 12, 14)


def test_immediate_is_next_working_day_per_policy() -> None:
    spec = DeadlineSpec.from_schema("immediate", "立行立改")
    # Friday 2024-09-27 + 1 working day → Sunday 09-29 (a National Day make-up workday);
    # + 3 → 09-29, 09-30, then 10-08 after the holiday week
    assert first_due(spec, start=date(2024, 9, 27), immediate_workdays=1).due_date == date(2024, 9, 29)
    assert first_due(spec, start=date(2024, 9, 27), immediate_workdays=3).due_date == date(2024, 10, 8)


def test_long_term_reports_monthly() -> None:
    spec = DeadlineSpec.from_schema("long-term", "长期")
    assert spec.kind == DeadlineKind.LONG_TERM
    assert first_due(spec, start=date(2022, 11, 8), immediate_workdays=1).due_date == date(2022, 11, 30)
    assert due_after_progress(DeadlineKind.LONG_TERM, "", date(2022, 11, 1)) == date(2022, 12, 31)


def test_quarterly_obligation_due_at_quarter_end() -> None:
    spec = DeadlineSpec.from_schema("recurring:每季度", "每季度")
    assert spec.recurrence == Recurrence.QUARTERLY
    assert first_due(spec, start=date(2024, 8, 15), immediate_workdays=1).due_date == date(2024, 9, 30)


def test_unknown_recurrence_and_null_have_no_due_date() -> None:
    assert DeadlineSpec.from_schema("recurring:每旬").kind == DeadlineKind.NONE
    assert first_due(DeadlineSpec.from_schema(None), start=date(2024, 1, 1), immediate_workdays=1).due_date is None


@given(st.sampled_from(["2022-12-14", "long-term", "immediate", "recurring:每月", "recurring:每季度",
                        "recurring:每年", None]))
def test_schema_round_trip(value: str | None) -> None:
    assert DeadlineSpec.from_schema(value).to_schema() == value


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2040, 12, 1)),
       st.sampled_from(list(Recurrence)))
def test_next_due_is_always_after_the_reported_period(day: date, recurrence: Recurrence) -> None:
    nxt = due_after_progress(DeadlineKind.RECURRING, recurrence, day)
    assert nxt is not None and nxt > day


def test_progress_report_moves_a_long_term_item_forward(world: World, tmp_path: object, settings: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    with mock.patch("django.utils.timezone.localdate", return_value=date(2022, 11, 8)):
        task = world.task(deadline=DeadlineSpec.from_schema("long-term", "长期"))
    assert task.due_date == date(2022, 11, 30)
    assert is_overdue(task, today=date(2022, 12, 1))
    submit_progress(actor=world.officer, item=task, text="11月已组织专题学习", period=date(2022, 11, 20))
    task.refresh_from_db()
    assert task.due_date == date(2022, 12, 31)
    assert not is_overdue(task, today=date(2022, 12, 1))
