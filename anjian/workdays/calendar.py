"""Working-day arithmetic: admin overrides, then chinese-calendar, then Mon–Fri (marked estimated)."""

from __future__ import annotations

import calendar as std_calendar
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from anjian.workdays.models import WorkCalendarDay


@dataclass(frozen=True)
class WorkdayAnswer:
    """Whether a date is a working day, and whether that is only an estimate."""

    is_workday: bool
    estimated: bool


def _overrides(start: date, end: date) -> dict[date, bool]:
    return dict(WorkCalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday"))


def _builtin(day: date) -> WorkdayAnswer:
    try:
        return WorkdayAnswer(bool(chinese_calendar.is_workday(day)), False)
    except NotImplementedError:
        # No published 调休 schedule for this year yet: Monday–Friday until an admin enters it.
        return WorkdayAnswer(day.weekday() < 5, True)


def is_workday(day: date) -> WorkdayAnswer:
    """The working status of one date."""
    override = _overrides(day, day).get(day)
    if override is not None:
        return WorkdayAnswer(override, False)
    return _builtin(day)


def add_workdays(start: date, count: int) -> tuple[date, bool]:
    """The date `count` working days after `start` (count ≥ 1), and whether any step was estimated."""
    if count < 1:
        raise ValueError("count must be at least 1")
    overrides = _overrides(start, start + timedelta(days=count * 3 + 30))
    day, left, estimated = start, count, False
    while left:
        day += timedelta(days=1)
        if day in overrides:
            working = overrides[day]
        else:
            answer = _builtin(day)
            working, estimated = answer.is_workday, estimated or answer.estimated
        if working:
            left -= 1
    return day, estimated


def month_end(day: date) -> date:
    """The last day of the month of `day`."""
    return day.replace(day=std_calendar.monthrange(day.year, day.month)[1])


def period_end(day: date, months: int) -> date:
    """The last day of the calendar period of `months` months (1, 3, 6, 12) containing `day`."""
    first_month = ((day.month - 1) // months) * months + 1
    last_month = first_month + months - 1
    return month_end(date(day.year, last_month, 1))


def next_period_end(day: date, months: int) -> date:
    """The end of the period after the one containing `day`."""
    return period_end(period_end(day, months) + timedelta(days=1), months)
