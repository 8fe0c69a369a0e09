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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from hinagata.detect._document import Document
from hinagata.detect._types import Candidate

try:  # the parser behind re.compile (CPython); without it no pattern is gated
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    _sre_parse = None

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
    #: How many digits in a row every match of ``pattern`` has (read from the pattern).
    _digit_run: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_digit_run", digit_run_of(self.pattern))

    @property
    def types(self) -> tuple[str, ...]:
        return (self.type,)

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        # A text without as many digits in a row as every match has cannot match: one look
        # shared by all the number patterns instead of each scanning the text (most short
        # texts have no four digits in a row).
        if self._digit_run > doc.longest_digit_run:
            return
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


# -- what every match of a pattern contains --------------------------------------------------

_DIGIT_CODES = range(0x30, 0x3A)


def _is_digit_class(op: Any, av: Any) -> bool:
    """A single-character item of the parsed pattern that matches digits only (\\d, [0-9], 7)."""
    if op is _sre_parse.LITERAL:
        return av in _DIGIT_CODES
    if op is not _sre_parse.IN:
        return False
    for iop, iav in av:
        if iop is _sre_parse.CATEGORY and iav is _sre_parse.CATEGORY_DIGIT:
            continue
        if iop is _sre_parse.RANGE and iav[0] in _DIGIT_CODES and iav[1] in _DIGIT_CODES:
            continue
        if iop is _sre_parse.LITERAL and iav in _DIGIT_CODES:
            continue
        return False  # (NEGATE, other categories, other characters)
    return bool(av)


_ZERO_WIDTH = (
    (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT, _sre_parse.AT) if _sre_parse is not None else ()
)


def _run_of_digits(items: Any) -> int:
    """A lower bound of the longest run of digits in every match of the parsed ``items``.

    Digits in a row: single digit items, repeats of one (at least their minimum), groups
    read in line; zero-width assertions consume nothing and keep the run; an alternation
    counts what all its branches have, and anything else (a letter, a back-reference, an
    optional separator) ends the run.
    """
    best = 0
    cur = 0
    for op, av in items:
        if _is_digit_class(op, av):
            cur += 1
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT):
            lo, _hi, sub = av
            if len(sub) == 1 and _is_digit_class(*sub[0]):
                cur += lo  # whatever it repeats is digits: the run goes on through it
            else:
                best = max(best, cur, _run_of_digits(sub) if lo >= 1 else 0)
                cur = 0
        elif op is _sre_parse.SUBPATTERN:
            # A group is part of the sequence; its own run may join the one before it only
            # when the group is plain digits, so it is read as a sequence of its own.
            inner = av[-1]
            if all(_is_digit_class(o, a) for o, a in inner):
                cur += len(inner)
            else:
                best = max(best, cur, _run_of_digits(inner))
                cur = 0
        elif op is _sre_parse.BRANCH:
            best = max(best, cur, min(_run_of_digits(b) for b in av[1]))
            cur = 0
        elif op in _ZERO_WIDTH:
            continue
        else:
            best = max(best, cur)
            cur = 0
        best = max(best, cur)
    return best


@lru_cache(maxsize=256)
def digit_run_of(pattern: re.Pattern[str]) -> int:
    """How many digits in a row every match of ``pattern`` contains (0: none sure).

    >>> digit_run_of(re.compile(r"(?<![0-9])(\\d{4}([ -]?)\\d{4}\\2\\d{4})"))
    4
    >>> digit_run_of(re.compile(r"T?(\\d{13}|\\d-\\d{4})")), digit_run_of(re.compile("[a-z]+@"))
    (4, 0)
    """
    if _sre_parse is None:  # pragma: no cover
        return 0
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern that compiled parses again
        return 0
    return _run_of_digits(parsed.data)


def _leading_literal(items: Any) -> str:
    """The literal characters every match of the parsed sequence ``items`` starts with."""
    out: list[str] = []
    for op, av in items:
        if op is not _sre_parse.LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


@lru_cache(maxsize=256)
def required_words(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern of words one of which is in every match of ``pattern`` (None: none sure).

    Read from an alternation of words in the pattern's own sequence (病|症候群|炎 after a
    class of kanji): a text with none of them cannot match, and one search for them (the
    engine skips to their first characters) is cheaper than the pattern tried at every
    character.

    >>> required_words(re.compile("[一-龥]{1,8}(?:症|病|症候群)(?![一-龥])")).pattern
    '症候群|病|症'
    >>> required_words(re.compile("[一-龥]+(?:症|)")) is None
    True
    """
    if _sre_parse is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern that compiled parses again
        return None
    for op, av in parsed.data:
        if op is _sre_parse.BRANCH:
            words = [_leading_literal(b) for b in av[1]]
            if words and all(words):
                alts = sorted(set(words), key=lambda w: (-len(w), w))
                return re.compile("|".join(re.escape(w) for w in alts))
    return None
