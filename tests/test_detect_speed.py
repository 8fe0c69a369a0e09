"""The shortcuts taken for speed change no finding.

A number pattern is not run over a text without as many digits in a row as every one of
its matches has (``digit_run_of``), nor a lexicon pattern over a text without one of the
words each of its matches contains (``required_words``); normalisation reads a text
without astral characters with the BMP part of its pattern. Each must give exactly what
the full work gives.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hinagata.detect import default_detector
from hinagata.detect._document import Document
from hinagata.detect._recognizer import PatternRecognizer, digit_run_of, required_words
from hinagata.detect.contact import _GLUED_RUN, _PATTERN_RUN, PhoneRecognizer
from hinagata.detect.sensitive import SensitiveRecognizer
from hinagata.text import normalize, normalize_for_detection

_PIECES = [
    *"0123456789",
    " ",
    "-",
    ".",
    "/",
    "、",
    "\u3000",
    "No",
    "T",
    "AB",
    "〒",
    "@",
    "a",
    "口座",
    "個人番号",
    "被保険者番号",
    "旅券番号",
    "電話",
    "円",
    "年",
    "\n",
]


def _patterns() -> list[PatternRecognizer]:
    return [r for r in default_detector().recognizers if isinstance(r, PatternRecognizer)]


def test_digit_runs_read_from_patterns() -> None:
    assert digit_run_of(re.compile(r"(?<![0-9])(\d{4}([ -]?)\d{4}\2\d{4})")) == 4
    assert digit_run_of(re.compile(r"T?(\d{13}|\d-\d{4}-\d{4}-\d{4})")) == 4
    assert digit_run_of(re.compile(r"(\d)\d\d")) == 3
    assert digit_run_of(re.compile(r"\d?\d{2}")) == 2
    assert digit_run_of(re.compile(r"(?:\d{3}|\d{2}a)")) == 2
    assert digit_run_of(re.compile(r"[^0-9]\d")) == 1
    assert digit_run_of(re.compile(r"(\d{3}|)")) == 0
    assert digit_run_of(re.compile(r"\d{3}(?:x|)\d{3}")) == 3
    assert digit_run_of(re.compile(r"[a-z]+@")) == 0
    # Every bundled number pattern is gated (e-mail has no digits to require).
    gated = {r.type for r in _patterns() if r._digit_run}
    assert {"MY_NUMBER", "CORPORATE_NUMBER", "CREDIT_CARD", "BANK_ACCOUNT", "POSTAL_CODE"} <= gated


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_every_match_has_its_digit_run(text: str) -> None:
    patterns = [(r.type, r.pattern, r._digit_run) for r in _patterns()]
    patterns += [
        ("PHONE_NUMBER", PhoneRecognizer._PATTERN, _PATTERN_RUN),
        ("PHONE_NUMBER", PhoneRecognizer._GLUED_DIGITS, _GLUED_RUN),
    ]
    for name, pattern, n in patterns:
        run = re.compile(rf"\d{{{max(n, 1)}}}")
        for m in pattern.finditer(text):
            if n:
                assert run.search(m.group()), (name, m.group())


_MEDICAL = ["症", "病", "炎", "症候群", "障害", "がん", "心", "不全", "腎", "性", "院", "リ", "ウマチ"]


def test_required_words_of_the_lexicon_patterns() -> None:
    sens = next(r for r in default_detector().recognizers if isinstance(r, SensitiveRecognizer))
    assert any(w is not None for w in sens._pattern_words)
    assert required_words(re.compile("[一-龥]+(?:症|)")) is None
    assert required_words(re.compile("(?i)[a-z]+(?:itis|osis)")) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MEDICAL + _PIECES), max_size=30).map("".join))
def test_every_lexicon_match_has_a_required_word(text: str) -> None:
    sens = next(r for r in default_detector().recognizers if isinstance(r, SensitiveRecognizer))
    for (pattern, _cat), words in zip(sens._patterns, sens._pattern_words, strict=True):
        for m in pattern.finditer(text):
            assert words is None or words.search(m.group()), m.group()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_gated_candidates_are_the_ungated_ones(text: str) -> None:
    doc = Document(normalize_for_detection(text))
    for r in _patterns():
        plain = [m.span(r.group) for m in r.pattern.finditer(doc.text)]
        gated = [(c.start, c.end) for c in r.candidates(doc)]
        assert gated == [s for s in plain if s[0] < s[1]], r.type


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [*"ｶﾞ①㈱－ー12aあ漢\u0301\u3099\u200b", "𝟏", "🄰", "\U000e0041", "０", "（"]
        ),
        max_size=30,
    )
)
def test_normalize_without_astral_characters_is_the_full_reading(text: str) -> None:
    from hinagata.text._normalize import _special_re

    n = normalize(text)
    # The full pattern over the same text: the same segments, so the same result.
    full = [m.span() for m in _special_re(False).finditer(text)]
    if text.isascii() or max(text) < "\U00010000":
        assert [m.span() for m in _special_re(True).finditer(text)] == full
    assert n.original == text
