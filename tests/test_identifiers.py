"""Identifier codes (個人識別符号) and structured numbers: positive and negative cases."""

from __future__ import annotations

import pytest

from _helpers import texts
from hinagata import scan


@pytest.mark.parametrize(
    "text, value",
    [
        ("個人番号 123456789018 の方", "123456789018"),
        ("マイナンバー：１２３４ ５６７８ ９０１８", "１２３４ ５６７８ ９０１８"),
        ("マイナンバーは1234-5678-9018です", "1234-5678-9018"),
        ("番号 1234－5678－9018（個人番号）", "1234－5678－9018"),
        ("my number: 1234 5678 9018", "1234 5678 9018"),
        ("本人の番号は123456789018", "123456789018"),  # valid check digit, no label
    ],
)
def test_my_number_found(text: str, value: str) -> None:
    assert texts(text, "MY_NUMBER") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "受付番号 123456789012",  # wrong check digit
        "個人番号 123456789012",  # wrong check digit even with the label
        "受付番号 123456789018",  # valid digit but labelled as something else
        "注文番号：1234-5678-9018",
        "1234567890181 件",  # thirteen digits
        "電話 0123456789018",
    ],
)
def test_my_number_not_found(text: str) -> None:
    assert texts(text, "MY_NUMBER") == []


def test_my_number_wrong_check_digit_never_reported() -> None:
    # Every wrong check digit of one base, in several layouts.
    base = "12345678901"
    good = "8"
    for d in "0123456789":
        if d == good:
            continue
        n = base + d
        for layout in (n, f"{n[:4]} {n[4:8]} {n[8:]}", f"{n[:4]}-{n[4:8]}-{n[8:]}"):
            assert texts(f"個人番号 {layout}", "MY_NUMBER") == [], layout


def test_corporate_number_is_reported_but_not_personal() -> None:
    [f] = [f for f in scan("法人番号 7000012050002 の会社") if f.type == "CORPORATE_NUMBER"]
    assert f.text == "7000012050002" and f.personal is False
    assert texts("登録番号 T7000012050002", "CORPORATE_NUMBER") == ["7000012050002"]
    assert texts("法人番号 7000012050003", "CORPORATE_NUMBER") == []


def test_credit_card() -> None:
    assert texts("カード番号 4111 1111 1111 1111", "CREDIT_CARD") == ["4111 1111 1111 1111"]
    assert texts("JCB 3530-1113-3330-0000 で支払い", "CREDIT_CARD") == ["3530-1113-3330-0000"]
    assert texts("カード番号 4111 1111 1111 1112", "CREDIT_CARD") == []  # Luhn fails
    assert texts("管理コード 1234567890123456", "CREDIT_CARD") == []


def test_bank_account_needs_context() -> None:
    assert texts("普通預金 口座番号 1234567", "BANK_ACCOUNT") == ["1234567"]
    assert texts("振込先：○○銀行 本店 普通 7654321", "BANK_ACCOUNT") == ["7654321"]
    assert texts("ゆうちょ銀行 記号番号 10110-12345671", "BANK_ACCOUNT") == ["10110-12345671"]
    assert texts("来場者数は1234567人でした", "BANK_ACCOUNT") == []


def test_passport_needs_context() -> None:
    assert texts("旅券番号 TK1234567", "PASSPORT_NUMBER") == ["TK1234567"]
    assert texts("パスポート：ＴＲ７６５４３２１", "PASSPORT_NUMBER") == ["ＴＲ７６５４３２１"]
    assert texts("型番 TK1234567 の部品", "PASSPORT_NUMBER") == []


def test_driver_license_with_context_only() -> None:
    assert texts("運転免許証番号 第123456789012号", "DRIVER_LICENSE_NUMBER") == ["123456789012"]
    assert texts("免許証 1234 5678 9012", "DRIVER_LICENSE_NUMBER") == ["1234 5678 9012"]
    assert texts("受付番号 123456789012", "DRIVER_LICENSE_NUMBER") == []


def test_driver_license_label_wins_over_my_number_checksum() -> None:
    # 123456789018 has a valid My Number check digit, but the label says licence.
    found = [(f.type, f.text) for f in scan("運転免許証の番号 123456789018")]
    assert found == [("DRIVER_LICENSE_NUMBER", "123456789018")]


def test_basic_pension_number() -> None:
    assert texts("基礎年金番号 1234-567890", "BASIC_PENSION_NUMBER") == ["1234-567890"]
    assert texts("年金手帳の番号は１２３４５６７８９０です", "BASIC_PENSION_NUMBER") == [
        "１２３４５６７８９０"
    ]
    assert texts("整理番号 1234-567890", "BASIC_PENSION_NUMBER") == []


def test_health_insurance_symbol_and_number() -> None:
    got = texts("被保険者証 記号 1234 番号 567 枝番 01", "HEALTH_INSURANCE_NUMBER")
    assert got == ["1234", "567", "01"]
    assert texts("保険証の記号・番号 12-34・5678", "HEALTH_INSURANCE_NUMBER") == ["12-34", "5678"]
    assert texts("記号 1234 番号 567 の保険証", "HEALTH_INSURANCE_NUMBER") == ["1234", "567"]


def test_health_insurance_insurer_number_alone_is_not_personal_data() -> None:
    assert texts("保険者番号 06123456 の国民健康保険", "HEALTH_INSURANCE_NUMBER") == []
    assert texts("保険者番号 138057", "HEALTH_INSURANCE_NUMBER") == []
    assert (
        texts("記号 A 番号 5 の書類を提出", "HEALTH_INSURANCE_NUMBER") == []
    )  # no insurance context


def test_elderly_medical_insured_number() -> None:
    assert texts("後期高齢者医療 被保険者番号 12345678", "HEALTH_INSURANCE_NUMBER") == ["12345678"]


def test_care_insurance_number() -> None:
    assert texts("介護保険被保険者番号 0012345678", "CARE_INSURANCE_NUMBER") == ["0012345678"]
    assert texts("受付番号 0012345678", "CARE_INSURANCE_NUMBER") == []


def test_resident_record_code() -> None:
    assert texts("住民票コード 12345678901", "RESIDENT_RECORD_CODE") == ["12345678901"]
    assert texts("問い合わせ番号 12345678901", "RESIDENT_RECORD_CODE") == []


def test_residence_card_number() -> None:
    assert texts("在留カード番号 AB12345678CD", "RESIDENCE_CARD_NUMBER") == ["AB12345678CD"]
    assert texts("番号ＡＢ１２３４５６７８ＣＤを確認", "RESIDENCE_CARD_NUMBER") == [
        "ＡＢ１２３４５６７８ＣＤ"
    ]
    assert texts("AB1234567CD", "RESIDENCE_CARD_NUMBER") == []


# ------------------------------------------------------------------ labels glued to numbers
# Security probe L1: letters directly before the digits hid the number.


@pytest.mark.parametrize(
    "text, value",
    [
        ("MyNo.123456789018", "123456789018"),
        ("MyNo123456789018です", "123456789018"),
        ("ID123456789018", "123456789018"),
        ("No1234 5678 9018", "1234 5678 9018"),
        ("x123456789018y", "123456789018"),
        ("1.1234-5678-9018", "1234-5678-9018"),
    ],
)
def test_my_number_glued_to_a_label(text: str, value: str) -> None:
    [f] = [f for f in scan(text) if f.type == "MY_NUMBER"]
    assert f.text == value and text[f.start : f.end] == value


@pytest.mark.parametrize(
    "text",
    [
        "A1B123456789018",  # the digits continue a code
        "abc123456789018",  # hex letters only
        "ID_123456789018",
        "会員ID123456789018",  # a service's ID
        "TEL123456789018",
    ],
)
def test_codes_with_letters_are_not_my_numbers(text: str) -> None:
    assert texts(text, "MY_NUMBER") == []


def test_card_glued_to_a_label() -> None:
    assert texts("VISA4111111111111111", "CREDIT_CARD") == ["4111111111111111"]


@pytest.mark.parametrize(
    "text, values",
    [
        ("普通 1234567", ["1234567"]),
        ("（普）1234567", ["1234567"]),
        ("口座番号 12345671", ["12345671"]),
        ("口座番号は 12345678 です", ["12345678"]),
        ("ゆうちょ 記号12345 番号12345671", ["12345", "12345671"]),
        ("ゆうちょ銀行 記号：12345 番号：12345671", ["12345", "12345671"]),
        ("静岡銀行 焼津支店 普通 1234567", ["1234567"]),
        ("〇〇銀行 焼津支店（店番123） 普通 1234567", ["1234567"]),
        ("支店番号 123 口座番号 1234567 名義 ヤマダ タロウ", ["1234567"]),
        ("普通預金 No.1234567", ["1234567"]),
    ],
)
def test_bank_account_forms(text: str, values: list[str]) -> None:
    assert texts(text, "BANK_ACCOUNT") == values


@pytest.mark.parametrize(
    "text",
    [
        "普通 12345678",  # eight digits need an account label
        "被保険者番号 12345678",
        "受付番号 1234567",
        "普通の生活に戻った。1234567円の請求",  # an amount
        "記号12345 番号12345671",  # no account word
        "口座振替のお知らせ 受付番号 12345678",
    ],
)
def test_not_bank_accounts(text: str) -> None:
    assert texts(text, "BANK_ACCOUNT") == []


def test_insurance_symbol_and_number_stay_insurance() -> None:
    found = [(f.type, f.text) for f in scan("保険証 記号 12345 番号 678")]
    assert ("BANK_ACCOUNT", "12345") not in found
    assert ("HEALTH_INSURANCE_NUMBER", "12345") in found


def test_an_insured_number_right_after_its_label() -> None:
    from hinagata import scan

    found = [f.text for f in scan("松岡 直人　　被保険者番号 0041223") if f.type == "HEALTH_INSURANCE_NUMBER"]
    assert found == ["0041223"]


def test_a_foreign_passport_after_its_label() -> None:
    from hinagata import scan

    found = [f.text for f in scan("氏名 NGUYEN Duc Thanh　旅券番号 C4471925") if f.type == "PASSPORT_NUMBER"]
    assert found == ["C4471925"]
