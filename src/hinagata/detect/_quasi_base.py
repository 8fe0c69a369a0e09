"""What every quasi-identifier kind shares: the finding's type and score, numbers, kanji."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hinagata.detect._context import is_publication
from hinagata.detect._types import Candidate

TYPE = "QUASI_IDENTIFIER"
SCORE = 0.6
PLACE_ENDS = "町村市郡区"
KANJI = "一-龥々〆ヶ"


def alt(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


DIGITS_BEFORE = frozenset("0123456789〇一二三四五六七八九十")
NOT_BEFORE_SHORT_DAY = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz./")


def digit_before(text: str, at: int) -> bool:
    """Whether a number runs into ``at`` from the left (112月 is no 12月)."""
    return at > 0 and text[at - 1] in DIGITS_BEFORE




def is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ"


def cand(m: re.Match[str], kind: str) -> Candidate:
    return Candidate(TYPE, m.start(), m.end(), SCORE, kind, False)


class Publication:
    """Whether a text is meant for publication (detect._context), read once, when asked."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._value: bool | None = None

    def value(self) -> bool:
        if self._value is None:
            self._value = is_publication(self._text)
        return self._value


def each(pattern: re.Pattern[str], text: str, kind: str) -> Iterator[Candidate]:
    for m in pattern.finditer(text):
        if m.end() > m.start():
            yield cand(m, kind)
