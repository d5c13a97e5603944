"""Working-day arithmetic with real holidays, make-up days and administrator overrides."""

from __future__ import annotations

from datetime import date

import pytest

from anjian.workdays.calendar import add_workdays, is_workday, month_end, next_period_end, period_end
from anjian.workdays.models import WorkCalendarDay

pytestmark = pytest.mark.django_db


def test_national_day_week_is_skipped() -> None:
    # 2024-09-30 is a Monday; 10-01..10-07 is the National Day holiday, 10-12 a make-up Saturday
    assert add_workdays(date(2024, 9, 30), 1) == (date(2024, 10, 8), False)


def test_make_up_saturday_counts_as_workday() -> None:
    assert is_workday(date(2024, 10, 12)).is_workday
    assert not is_workday(date(2024, 10, 13)).is_workday


def test_year_without_data_is_estimated_until_admin_enters_it() -> None:
    answer = is_workday(date(2027, 2, 8))
    assert answer.estimated
    WorkCalendarDay.objects.create(date=date(2027, 2, 8), is_workday=False, note="春节")
    answer = is_workday(date(2027, 2, 8))
    assert not answer.is_workday and not answer.estimated


def test_add_workdays_uses_overrides_past_the_builtin_years() -> None:
    # Friday 2027-02-05 + 1 working day: Monday 02-08 declared a holiday → Tuesday 02-09
    WorkCalendarDay.objects.create(date=date(2027, 2, 8), is_workday=False)
    day, estimated = add_workdays(date(2027, 2, 5), 1)
    assert day == date(2027, 2, 9)
    assert estimated


@pytest.mark.parametrize(
    ("day", "months", "end"),
    [
        (date(2024, 2, 10), 1, date(2024, 2, 29)),
        (date(2024, 5, 1), 3, date(2024, 6, 30)),
        (date(2024, 12, 31), 3, date(2024, 12, 31)),
        (date(2024, 7, 1), 6, date(2024, 12, 31)),
        (date(2024, 3, 3), 12, date(2024, 12, 31)),
    ],
)
def test_period_end(day: date, months: int, end: date) -> None:
    assert period_end(day, months) == end


def test_next_period_end_rolls_over_the_year() -> None:
    assert next_period_end(date(2024, 11, 5), 3) == date(2025, 3, 31)
    assert month_end(date(2023, 2, 1)) == date(2023, 2, 28)
