"""Query parameters read into values the database and Python can hold, or None (then the page ignores them).

A page's filters come from the address bar, where anything can be typed: an id past the 64-bit range
overflows SQLite's binding and PostgreSQL's bigint, a year past 9999 overflows `date`, a day count past
what `date` can add to today overflows `timedelta`. Every page reads its integers, dates and years
through these functions, so such a value is treated like any other unknown one: ignored.
"""

from __future__ import annotations

from datetime import date

DB_INT_MAX = 2**63 - 1  # SQLite INTEGER and PostgreSQL bigint
DB_INT_MIN = -(2**63)
# The assessment and statistics count whole years; outside this range there is nothing to count.
MIN_YEAR, MAX_YEAR = 1900, 2999
_MAX_DIGITS = 19


def bounded_int(text: object, *, low: int = DB_INT_MIN, high: int = DB_INT_MAX) -> int | None:
    """The integer written in ASCII digits (an optional leading minus) if it lies in [low, high], else None.

    `str.isdigit` and `int` accept more than that (superscripts, other scripts' digits, underscores,
    spaces), so the digits are checked here rather than trusted to them.
    """
    if not isinstance(text, str):
        return None
    digits = text[1:] if text.startswith("-") else text
    if not digits or len(digits) > _MAX_DIGITS or not (digits.isascii() and digits.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def bounded_id(value: object) -> int | None:
    """A primary key as the database stores it (1 … 2⁶³−1), from text or a decoded JSON number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= DB_INT_MAX else None
    return bounded_int(value, low=1)


def day(text: object) -> date | None:
    """An ISO date (YYYY-MM-DD) or None."""
    if not isinstance(text, str) or len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def year(text: object) -> int | None:
    """A year between MIN_YEAR and MAX_YEAR, or None."""
    return bounded_int(text, low=MIN_YEAR, high=MAX_YEAR)
