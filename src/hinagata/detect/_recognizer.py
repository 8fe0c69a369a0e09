"""One interface for every recognizer: candidate → validate → score.

A recognizer proposes candidates (a regular expression, a dictionary, morphology), rejects
the ones that fail a check (a check digit, a calendar date, a phone-number plan), and
scores the rest (higher with a label such as 個人番号 next to the value). Adding an
identifier is filling in this shape; most are a :class:`PatternRecognizer` table row.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from hinagata.detect._document import Document
from hinagata.detect._types import Candidate

__all__ = ["Context", "PatternRecognizer", "Recognizer", "digits_only", "words"]

# After normalisation digits and Latin letters are ASCII; a number must not continue into
# another number or code on either side (``\b`` is useless next to kana and kanji).
# The leading (?=[0-9]) lets the regex engine skip quickly to digits before it evaluates the
# lookbehind; about twice as fast on prose.
NUM_BEFORE = r"(?=[0-9])(?<![0-9A-Za-z_.\-/])"
NUM_AFTER = r"(?![0-9A-Za-z_\-/]|\.[0-9])"

_NON_DIGIT = re.compile(r"[^0-9]")


def digits_only(value: str) -> str:
    """The digits of ``value``.

    >>> digits_only('1234-5678 9018')
    '123456789018'
    """
    return _NON_DIGIT.sub("", value)


def words(spec: str) -> re.Pattern[str]:
    """A case-insensitive pattern for literal alternatives written ``"個人番号|マイナンバー"``.

    Longest alternatives are tried first, so 個人番号 wins over 番号.

    >>> words("番号|個人番号").pattern
    '個人番号|番号'
    """
    alts = sorted(set(spec.split("|")), key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in alts), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Context:
    """Label words near a value: the nearest label before it decides.

    ``positive`` labels name the thing we look for (個人番号); ``negative`` labels name
    something else that looks the same (受付番号 before twelve digits). ``after`` lets a
    positive label follow the value closely, as in ``123456789018（個人番号）``.
    """

    positive: re.Pattern[str]
    negative: re.Pattern[str] | None = None
    before: int = 24
    after: int = 0

    def judge(self, doc: Document, start: int, end: int) -> int:
        """+1 when a positive label is nearest, -1 when a negative one is, 0 when none."""
        lo = max(0, start - self.before)
        text = doc.text
        pos_end = max((m.end() for m in self.positive.finditer(text, lo, start)), default=-1)
        neg_end = -1
        if self.negative is not None:
            neg_end = max((m.end() for m in self.negative.finditer(text, lo, start)), default=-1)
        if pos_end < 0 and neg_end < 0:
            if self.after and self.positive.search(text, end, end + self.after):
                return 1
            return 0
        # A tie means the labels end together (個人番号 vs 番号): the positive one is longer.
        return 1 if pos_end >= neg_end else -1


class Recognizer(ABC):
    """Finds one family of personal information in a :class:`Document`."""

    #: Finding types this recognizer can report.
    TYPES: ClassVar[tuple[str, ...]] = ()

    @property
    def types(self) -> tuple[str, ...]:
        return self.TYPES

    @abstractmethod
    def candidates(self, doc: Document) -> Iterable[Candidate]:
        """Propose spans that may be a finding (normalised-text offsets)."""

    def validate(self, cand: Candidate, doc: Document) -> bool:
        """Reject candidates that fail a check (check digit, calendar, numbering plan)."""
        return True

    def score(self, cand: Candidate, doc: Document) -> float:
        """Confidence in ``[0, 1]``; 0 drops the candidate."""
        return cand.score

    def find(self, doc: Document) -> Iterator[Candidate]:
        for cand in self.candidates(doc):
            if not self.validate(cand, doc):
                continue
            s = self.score(cand, doc)
            if s > 0:
                yield cand if s == cand.score else cand.rescored(s)


@dataclass(frozen=True)
class PatternRecognizer(Recognizer):
    """A regular expression, an optional validator on the value, and label context.

    ``group`` selects the value inside the match (the pattern may consume a label).
    ``validator`` receives the value with every non-digit removed unless ``raw`` is set.
    """

    type: str
    pattern: re.Pattern[str]
    context: Context | None = None
    validator: Callable[[str], bool] | None = None
    require_context: bool = False
    score_plain: float = 0.6
    score_context: float = 0.95
    personal: bool = True
    group: int | str = 0
    raw: bool = False

    @property
    def types(self) -> tuple[str, ...]:
        return (self.type,)

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        for m in self.pattern.finditer(doc.text):
            s, e = m.span(self.group)
            if s < e:
                yield Candidate(self.type, s, e, self.score_plain, personal=self.personal)

    def validate(self, cand: Candidate, doc: Document) -> bool:
        if self.validator is None:
            return True
        value = doc.text[cand.start : cand.end]
        return self.validator(value if self.raw else digits_only(value))

    def score(self, cand: Candidate, doc: Document) -> float:
        if self.context is None:
            return 0.0 if self.require_context else self.score_plain
        verdict = self.context.judge(doc, cand.start, cand.end)
        if verdict > 0:
            return self.score_context
        if verdict < 0 or self.require_context:
            return 0.0
        return self.score_plain
