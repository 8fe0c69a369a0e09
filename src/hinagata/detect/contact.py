"""Contact details: phone numbers, e-mail addresses, postal codes.

Phone numbers are validated against Japan's numbering plan with ``phonenumbers`` (fixed
lines, mobiles, IP phones 050, toll-free 0120/0800, ナビダイヤル 0570). Whether a number is
an office's or a person's is decided later from context (see ``_context.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers
from stdnum.jp import in_ as my_number

from hinagata.detect._document import Document
from hinagata.detect._glued import NUMBER_AFTER, NUMBER_BEFORE, glued_ok
from hinagata.detect._recognizer import (
    NUM_AFTER,
    Context,
    PatternRecognizer,
    Recognizer,
    digit_run_of,
    digits_only,
    words,
)
from hinagata.detect._types import Candidate
from hinagata.detect.address import PREFECTURES

__all__ = ["PhoneRecognizer", "contact_recognizers"]


def _is_my_number(value: str) -> bool:
    digits = digits_only(value)
    return len(digits) == 12 and bool(my_number.is_valid(digits))


@lru_cache(maxsize=4096)
def _valid_phone(value: str) -> bool:
    """A number of Japan's numbering plan (cached: texts repeat their numbers)."""
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


_PHONE_LABELS = words(
    "電話番号|電話|TEL|☎|携帯|ケータイ|連絡先|FAX|ファックス|ファクス|phone|mobile|自宅|代表"
)


class PhoneRecognizer(Recognizer):
    """Japanese phone numbers in the forms people write them.

    >>> from hinagata import scan
    >>> [f.text for f in scan("代表 03-5253-5111、大阪は06(6208)8181")]
    ['03-5253-5111', '06(6208)8181']
    """

    TYPES = ("PHONE_NUMBER",)

    # Letters and a dot may touch the number (TEL090-…, ℡ → TEL, 1.090-…): glued_ok
    # decides in validate, so codes such as A1B0312345678 stay codes.
    _PATTERN = re.compile(
        r"(?=[0-9(+])(?<![0-9_\-/+])(?:"
        r"\+81[ -]?\(?0?\)?\d{1,4}[ )\-]{0,2}\d{1,4}[ -]?\d{3,4}"  # +81 3-5253-5111
        r"|\(0\d{1,4}\) ?\d{1,4}[ -]?\d{3,4}"  # (054)626-1139
        r"|0\d{1,4}\(\d{1,4}\)\d{3,4}"  # 06(6208)8181
        r"|0\d{1,4}[ -]\d{1,4}[ -]\d{3,4}"  # 03-5253-5111, 0120-123-456
        r"|0\d{9,10}"  # 0352535111, 09012345678
        r")" + NUMBER_AFTER
    )
    # A list number or a code glued in front of a mobile written with separators:
    # 1090-1234-5678 (①090-…), =81090-1234-5678 (quoted-printable). Mobiles only, and one
    # or two digits: a fixed line inside a longer run is more often another number.
    _GLUED_DIGITS = re.compile(
        NUMBER_BEFORE + r"[0-9]{1,2}(0[5-9]0([ -])[0-9]{4}\2[0-9]{4})" + NUMBER_AFTER
    )
    _EXTENSION = re.compile(r"内線\s*[:：]?\s*(\d{2,5})(?![0-9])")
    _CONTEXT = Context(positive=_PHONE_LABELS, before=16)

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        # (a pattern is not run over a text without as many digits in a row as each of its
        # matches has, nor the extension's without 内線: the same candidates, fewer scans)
        run = doc.longest_digit_run
        if run >= _PATTERN_RUN:
            for m in self._PATTERN.finditer(doc.text):
                yield Candidate("PHONE_NUMBER", m.start(), m.end(), 0.85)
        if run >= _GLUED_RUN:
            for m in self._GLUED_DIGITS.finditer(doc.text):
                if _is_my_number(m.group()):
                    continue  # 0050-1000-0000 is a My Number's 4-4-4 layout
                yield Candidate("PHONE_NUMBER", m.start(1), m.end(1), 0.85)
        if "内線" not in doc.text:
            return
        # A section's extension is a contact of the office, reported but not personal.
        for m in self._EXTENSION.finditer(doc.text):
            s, e = m.span(1)
            yield Candidate("PHONE_NUMBER", s, e, 0.7, personal=False, meta={"extension": True})

    def validate(self, cand: Candidate, doc: Document) -> bool:
        if cand.meta.get("extension"):
            return True
        value = doc.text[cand.start : cand.end]
        if not glued_ok(doc.text, cand.start, cand.end):
            return False
        if _is_my_number(value):
            # 010 dials abroad, so twelve digits from 010 parse as a foreign number; with a
            # valid My Number check digit they are far more likely a My Number.
            return False
        return _valid_phone(value)

    def score(self, cand: Candidate, doc: Document) -> float:
        if cand.meta.get("extension"):
            return cand.score
        return 0.95 if self._CONTEXT.judge(doc, cand.start, cand.end) > 0 else cand.score


_PATTERN_RUN = digit_run_of(PhoneRecognizer._PATTERN)
_GLUED_RUN = digit_run_of(PhoneRecognizer._GLUED_DIGITS)


_EMAIL = PatternRecognizer(
    type="EMAIL",
    pattern=re.compile(
        r"(?=[A-Za-z0-9])(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
        r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
    ),
    score_plain=0.95,
)

_PREF_AHEAD = "|".join(PREFECTURES)

_POSTAL_MARKED = PatternRecognizer(
    type="POSTAL_CODE",
    pattern=re.compile(r"〒\s*(\d{3}-?\d{4})" + NUM_AFTER),
    group=1,
    score_plain=0.95,
)

_POSTAL_LABELLED = PatternRecognizer(
    type="POSTAL_CODE",
    pattern=re.compile(r"(?=[0-9])(?<![0-9A-Za-z_.\-/〒])(\d{3}-\d{4}|\d{7})" + NUM_AFTER),
    group=1,
    context=Context(positive=words("郵便番号|〒|ZIP|postal code|post code"), before=12),
    require_context=True,
    score_context=0.9,
)

# 123-4567 directly followed by a prefecture is how addresses are written on envelopes.
_POSTAL_BEFORE_ADDRESS = PatternRecognizer(
    type="POSTAL_CODE",
    pattern=re.compile(
        r"(?=[0-9])(?<![0-9A-Za-z_.\-/〒])(\d{3}-\d{4})(?![0-9A-Za-z_\-/])(?=\s{0,2}(?:"
        + _PREF_AHEAD
        + "))"
    ),
    group=1,
    score_plain=0.85,
)


def contact_recognizers() -> list[Recognizer]:
    return [PhoneRecognizer(), _EMAIL, _POSTAL_MARKED, _POSTAL_LABELLED, _POSTAL_BEFORE_ADDRESS]
