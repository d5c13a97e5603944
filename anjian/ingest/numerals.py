"""Chinese numerals and full-width digits to Arabic numbers."""

from __future__ import annotations

import re

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "万亿"
# A cell or line that is only a number of points ("5", "0.5", "10分"): a scoring table's value column.
BARE_POINTS = re.compile(r"^\d{1,3}(?:\.\d+)?\s*分?$")


def points_value(text: str) -> float:
    """An amount of points as printed (`5`, `0.5`, `5.0`): an int when it is whole."""
    value = float(text)
    return int(value) if value.is_integer() else value


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 二十三, 一百零五, 二〇二二 (digit by digit); None if not one."""
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if not any(ch in SMALL_UNITS or ch in "万亿" for ch in text):
        # A run of plain digits is read positionally, as in years: 二〇二二 → 2022.
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = section = 0
    number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            # A bare 十 at the start means ten (十一 = 11).
            section += (number or 1) * SMALL_UNITS[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10_000
            section = number = 0
        elif ch == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
    return total + section + number


_WIDTH_TABLE = {
    code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_WIDTH_TABLE[ord("．")] = ord(".")


def fold_width(text: str) -> str:
    """Full-width digits, letters and the full stop of numbers to ASCII; other characters unchanged."""
    return text.translate(_WIDTH_TABLE)
