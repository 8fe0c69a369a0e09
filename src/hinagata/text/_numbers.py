"""Numbers written in kanji numerals (四十五, 百二, 二〇二四): one reader for the detector."""

from __future__ import annotations

__all__ = ["KANJI_DIGITS", "kanji_number"]

#: The kanji digits, 〇/零 to 九.
KANJI_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def kanji_number(s: str) -> int | None:
    """Read a number written in digits or kanji numerals (up to the thousands); None when
    ``s`` is neither.

    >>> kanji_number("四十五"), kanji_number("十二"), kanji_number("二〇二四"), kanji_number("元")
    (45, 12, 2024, 1)
    >>> kanji_number("百五"), kanji_number("八十七"), kanji_number("年")
    (105, 87, None)
    """
    if s.isdigit():
        return int(s)
    if s == "元":
        return 1
    if s and all(c in KANJI_DIGITS for c in s):
        return int("".join(str(KANJI_DIGITS[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in KANJI_DIGITS:
            current = KANJI_DIGITS[c]
        elif c in _UNITS:
            total += (current or 1) * _UNITS[c]
            current = 0
        else:
            return None
    return total + current
