"""Identifier codes (個人識別符号) and other numbers with a structure.

Check digits come from python-stdnum (``stdnum.jp.in_`` for My Number, ``stdnum.jp.cn``
for corporate numbers, ``stdnum.luhn`` for payment cards). Numbers without a check digit
(driver's licence, pension, insurance, 住民票コード) are only reported next to a label
that names them: twelve bare digits are far more often a 受付番号 than a licence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from stdnum import luhn
from stdnum.jp import cn as corporate_number
from stdnum.jp import in_ as my_number

from hinagata.detect._document import Document
from hinagata.detect._glued import NUMBER_AFTER, NUMBER_BEFORE, glued_ok
from hinagata.detect._recognizer import (
    NUM_AFTER,
    NUM_BEFORE,
    Context,
    PatternRecognizer,
    Recognizer,
    digits_only,
    words,
)
from hinagata.detect._types import Candidate

__all__ = ["HealthInsuranceRecognizer", "identifier_recognizers"]

# Labels of *other* numbers: when one of these is the nearest label, twelve digits with a
# valid check digit are still not a My Number (受付番号 123456789018).
_OTHER_NUMBER_LABELS = words(
    "受付番号|管理番号|整理番号|注文番号|伝票番号|会員番号|口座番号|口座|法人番号|登録番号|電話|TEL|FAX|携帯|免許|年金|住民票コード|被保険者|保険者番号|"
    "カード番号|お客様番号|顧客番号|契約番号|証券番号|品番|型番|問い合わせ番号|問合せ番号|追跡番号|事業者番号|許可番号|文書番号|番号札|JAN|記号|旅券|"
    # A bare "ID" names nothing: ID123456789018 with a valid check digit is masked; the IDs
    # of a service are another number.
    "会員ID|ユーザーID|ユーザID|ログインID|利用者ID|顧客ID|お客様ID|注文ID|商品ID|社員ID|職員ID|"
    "パスポート|在留カード"
)


def _valid_my_number(digits: str) -> bool:
    """Twelve digits with a valid My Number check digit.

    >>> _valid_my_number('123456789018'), _valid_my_number('123456789012')
    (True, False)
    """
    return len(digits) == 12 and bool(my_number.is_valid(digits))


def _valid_corporate_number(digits: str) -> bool:
    """Thirteen digits with a valid corporate-number check digit (the first digit).

    >>> _valid_corporate_number('7000012050002')
    True
    """
    return len(digits) == 13 and bool(corporate_number.is_valid(digits))


# Issuer prefixes of the card brands used in Japan (JCB, Visa, Mastercard, Amex, Diners,
# Discover/UnionPay); a Luhn-valid number outside them is almost surely something else.
_CARD_PREFIX = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|35|30|36|38|39|6)")


def _valid_card(digits: str) -> bool:
    """A payment-card number: known issuer prefix, 13–19 digits, Luhn check.

    >>> _valid_card('4111111111111111'), _valid_card('4111111111111112')
    (True, False)
    """
    return (
        13 <= len(digits) <= 19
        and _CARD_PREFIX.match(digits) is not None
        and bool(luhn.is_valid(digits))
    )


@dataclass(frozen=True)
class _GluedRecognizer(PatternRecognizer):
    """A number that may be glued to a label (MyNo.123456789018, ID123456789018)."""

    def validate(self, cand: Candidate, doc: Document) -> bool:
        return glued_ok(doc.text, cand.start, cand.end) and super().validate(cand, doc)


@dataclass(frozen=True)
class _CardRecognizer(_GluedRecognizer):
    def score(self, cand: Candidate, doc: Document) -> float:
        digits = digits_only(doc.text[cand.start : cand.end])
        verdict = self.context.judge(doc, cand.start, cand.end) if self.context else 0
        if verdict > 0:
            return self.score_context
        # Thirteen digits are more often a corporate number: only with a card label.
        if len(digits) < 14 or verdict < 0:
            return 0.0
        return self.score_plain


_MY_NUMBER = _GluedRecognizer(
    type="MY_NUMBER",
    pattern=re.compile(
        NUMBER_BEFORE + r"(?<![0-9][ -])(\d{4}([ -]?)\d{4}\2\d{4})(?![ -]\d)" + NUMBER_AFTER
    ),
    group=1,
    validator=_valid_my_number,
    context=Context(
        positive=words("個人番号|マイナンバー|my number|mynumber|myno|my no|通知カード"),
        negative=_OTHER_NUMBER_LABELS,
        before=30,
        after=10,
    ),
    score_plain=0.75,
    score_context=0.99,
)

_CORPORATE_NUMBER = PatternRecognizer(
    type="CORPORATE_NUMBER",
    pattern=re.compile(
        r"(?=[0-9T])(?<![0-9A-Za-z_.\-/])T?(\d{13}|\d-\d{4}-\d{4}-\d{4})" + NUM_AFTER
    ),
    group=1,
    validator=_valid_corporate_number,
    context=Context(positive=words("法人番号|登録番号|インボイス|適格請求書"), before=24),
    score_plain=0.7,
    score_context=0.95,
    personal=False,
)

_CREDIT_CARD = _CardRecognizer(
    type="CREDIT_CARD",
    pattern=re.compile(
        NUMBER_BEFORE
        + r"(\d{4}([ -]?)\d{4}\2\d{4}\2\d{1,4}(?:\2\d{1,3})?|\d{4}[ -]?\d{6}[ -]?\d{4,5}|\d{13,19})"
        + NUMBER_AFTER
    ),
    group=1,
    validator=_valid_card,
    context=Context(
        positive=words("カード番号|クレジット|card|カード|VISA|JCB|Master|AMEX"),
        negative=words("法人番号|登録番号|口座|電話"),
        before=30,
    ),
    score_plain=0.85,
    score_context=0.97,
)

#: An amount or a count is no account number (1234567円, 1234567人).
_NOT_A_QUANTITY = r"(?!\s*(?:円|万円|千円|人(?![名格])|件|世帯|枚|%|％|kg|km|㎡))"

#: Before an account number: nothing glued, or No. (普通預金 No.1234567; № reads No).
_ACCOUNT_BEFORE = r"(?=[0-9N])(?:(?<![0-9A-Za-z])No\.?\s?|(?<![0-9A-Za-z_.\-/]))(?=[0-9])"

_BANK_ACCOUNT = PatternRecognizer(
    type="BANK_ACCOUNT",
    pattern=re.compile(
        _ACCOUNT_BEFORE + r"(\d{7}|\d{5}-\d{1,8}|\d{5}-\d-\d{1,8})" + NUM_AFTER + _NOT_A_QUANTITY
    ),
    group=1,
    context=Context(
        positive=words("口座番号|口座|普通|当座|貯蓄|預金|振込先|振替|ゆうちょ|総合|(普)|(当)"),
        negative=words("電話|TEL|郵便番号|〒|受付番号|管理番号"),
        before=24,
    ),
    require_context=True,
    score_context=0.9,
)

# Eight digits: the ゆうちょ 番号 and some banks' numbers, only after an account label
# (not 普通 alone: an eight-digit 被保険者番号 is more common).
_BANK_ACCOUNT_8 = PatternRecognizer(
    type="BANK_ACCOUNT",
    pattern=re.compile(_ACCOUNT_BEFORE + r"(\d{8})" + NUM_AFTER + _NOT_A_QUANTITY),
    group=1,
    context=Context(
        positive=words("口座番号|口座|ゆうちょ|貯金|通帳|振込先|振替|当座|普通預金"),
        negative=words("電話|TEL|郵便番号|〒|受付番号|管理番号|被保険者|保険|受給者|介護|年金"),
        before=24,
    ),
    require_context=True,
    score_context=0.88,
)


class PostalSavingsRecognizer(Recognizer):
    """ゆうちょ銀行の記号・番号 (記号12345 番号12345671, 記号番号 12345-12345671).

    Each value is its own ``BANK_ACCOUNT`` finding, as for insurance 記号・番号; a 記号・番号
    pair near an insurance word is left to the insurance recognizer.
    """

    TYPES = ("BANK_ACCOUNT",)

    _PAIR = re.compile(
        r"記号\s*[:：]?\s*(?P<sym>[0-9]{5})(?![0-9])[\s、,・/-]*"
        r"番号\s*[:：]?\s*(?P<num>[0-9]{1,8})(?![0-9])"
    )
    _CONTEXT = words("ゆうちょ|郵便貯金|貯金|通帳|振替口座|口座|振込先|振込|引落|引き落とし")
    _INSURANCE = words("被保険者|保険証|保険者|健康保険|国保|後期高齢者|共済|介護保険")

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        if "記号" not in text:
            return
        for m in self._PAIR.finditer(text):
            lo = max(0, m.start() - 40)
            if not self._CONTEXT.search(text, lo, m.end() + 12):
                continue
            if self._INSURANCE.search(text, lo, m.end() + 12):
                continue
            for group in ("sym", "num"):
                s, e = m.span(group)
                yield Candidate("BANK_ACCOUNT", s, e, 0.9)


_PASSPORT = PatternRecognizer(
    type="PASSPORT_NUMBER",
    pattern=re.compile(r"(?=[A-Z])(?<![0-9A-Za-z])([A-Z]{2} ?\d{7})(?![0-9A-Za-z])"),
    group=1,
    context=Context(positive=words("旅券|パスポート|passport"), before=30),
    require_context=True,
    score_context=0.95,
)

_DRIVER_LICENSE = PatternRecognizer(
    type="DRIVER_LICENSE_NUMBER",
    pattern=re.compile(
        NUM_BEFORE + r"(?<![0-9][ -])(\d{4}([ -]?)\d{4}\2\d{4})(?![ -]\d)" + NUM_AFTER
    ),
    group=1,
    context=Context(
        positive=words("運転免許証|運転免許|免許証|免許番号|免許|driver's license|driving licence"),
        negative=words("個人番号|マイナンバー|受付番号|電話"),
        before=30,
    ),
    require_context=True,
    score_context=0.95,
)

_BASIC_PENSION = PatternRecognizer(
    type="BASIC_PENSION_NUMBER",
    pattern=re.compile(NUM_BEFORE + r"(\d{4}[ -]?\d{6})" + NUM_AFTER),
    group=1,
    context=Context(
        positive=words("基礎年金番号|年金番号|年金手帳|基礎年金|年金"),
        negative=words("電話|TEL|受付番号|口座"),
        before=30,
    ),
    require_context=True,
    score_context=0.95,
)

_CARE_INSURANCE = PatternRecognizer(
    type="CARE_INSURANCE_NUMBER",
    pattern=re.compile(NUM_BEFORE + r"(\d{10})" + NUM_AFTER),
    group=1,
    context=Context(
        positive=words("介護保険被保険者番号|介護保険証|介護保険|介護被保険者|被保険者番号|要介護"),
        negative=words("電話|TEL|基礎年金|年金|受付番号|口座"),
        before=30,
    ),
    require_context=True,
    score_context=0.93,
)

# 後期高齢者医療 and other insurers give an eight-digit 被保険者番号 without 記号.
_ELDERLY_MEDICAL = PatternRecognizer(
    type="HEALTH_INSURANCE_NUMBER",
    pattern=re.compile(NUM_BEFORE + r"(\d{8})" + NUM_AFTER),
    group=1,
    context=Context(
        positive=words("後期高齢者医療被保険者番号|後期高齢者|被保険者番号"),
        negative=words("保険者番号|電話|TEL|受付番号|口座|介護"),
        before=30,
    ),
    require_context=True,
    score_context=0.9,
)

# 国保 and others number their insured with six to eight digits: right after the label.
_INSURED_NUMBER = PatternRecognizer(
    type="HEALTH_INSURANCE_NUMBER",
    pattern=re.compile(r"(?<!介護保険)(?<!介護)被保険者番号[ \u3000]*[:：]?[ \u3000]*(\d{6,8})(?!\d)"),
    group=1,
    score_plain=0.9,
)

# A foreign passport after its label (旅券番号 C4471925): one or two letters, seven or
# eight digits.
_PASSPORT_LABELLED = PatternRecognizer(
    type="PASSPORT_NUMBER",
    pattern=re.compile(
        r"(?:旅券番号|パスポート番号|Passport No\.?|passport number)[ \u3000]*[:：]?[ \u3000]*"
        r"([A-Z]{1,2}[0-9]{7,8})(?![0-9A-Za-z])"
    ),
    group=1,
    score_plain=0.92,
)

_RESIDENT_RECORD = PatternRecognizer(
    type="RESIDENT_RECORD_CODE",
    pattern=re.compile(NUM_BEFORE + r"(\d{11}|\d{4}-\d{4}-\d{3}|\d{3}-\d{4}-\d{4})" + NUM_AFTER),
    group=1,
    context=Context(positive=words("住民票コード|住基コード|住民票番号"), before=30),
    require_context=True,
    score_context=0.95,
)

_RESIDENCE_CARD = PatternRecognizer(
    type="RESIDENCE_CARD_NUMBER",
    pattern=re.compile(r"(?=[A-Z])(?<![0-9A-Za-z])([A-Z]{2}\d{8}[A-Z]{2})(?![0-9A-Za-z])"),
    group=1,
    context=Context(positive=words("在留カード|在留|特別永住者証明書|residence card"), before=30),
    score_plain=0.85,
    score_context=0.98,
)


class HealthInsuranceRecognizer(Recognizer):
    """健康保険 被保険者証の記号・番号 (and 枝番).

    The 保険者番号 alone names the insurer, not a person, so it is not reported; the 記号
    and 番号 values are, each as its own finding so masking keeps the labels readable.
    """

    TYPES = ("HEALTH_INSURANCE_NUMBER",)

    _VALUE = r"[0-9A-Za-z][0-9A-Za-z\-]{0,11}"
    _PAIR = re.compile(
        r"記号\s*[:：]?\s*(?P<sym>" + _VALUE + r")[\s、,・/]*"
        r"番号\s*[:：]?\s*(?P<num>[0-9][0-9\-]{0,11})"
        r"(?:[\s、,・/]*枝番\s*[:：]?\s*(?P<branch>\d{1,3}))?"
    )
    _JOINED = re.compile(
        r"記号[・･]?番号\s*[:：]?\s*(?P<sym>" + _VALUE + r")\s*[・･/\s]\s*(?P<num>[0-9]{1,12})"
        r"(?:\s*[(（]?枝番\s*[:：]?\s*(?P<branch>\d{1,3})[)）]?)?"
    )
    _CONTEXT = words(
        "被保険者証|保険証|被保険者|健康保険|国民健康保険|国保|保険者番号|資格確認書|後期高齢者|共済組合|協会けんぽ|組合員証|加入者証"
    )

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        for pattern in (self._PAIR, self._JOINED):
            for m in pattern.finditer(doc.text):
                if not self._CONTEXT.search(doc.text, max(0, m.start() - 40), m.end() + 12):
                    continue
                for group in ("sym", "num", "branch"):
                    if m.group(group):
                        s, e = m.span(group)
                        yield Candidate("HEALTH_INSURANCE_NUMBER", s, e, 0.92)


def identifier_recognizers() -> list[Recognizer]:
    """The identifier-code and structured-number recognizers, in reporting order."""
    return [
        _MY_NUMBER,
        _CORPORATE_NUMBER,
        _CREDIT_CARD,
        _BANK_ACCOUNT,
        _BANK_ACCOUNT_8,
        _INSURED_NUMBER,
        _PASSPORT_LABELLED,
        PostalSavingsRecognizer(),
        _PASSPORT,
        _DRIVER_LICENSE,
        _BASIC_PENSION,
        _CARE_INSURANCE,
        _ELDERLY_MEDICAL,
        HealthInsuranceRecognizer(),
        _RESIDENT_RECORD,
        _RESIDENCE_CARD,
    ]
