"""Phone numbers, e-mail addresses and postal codes."""

from __future__ import annotations

import pytest

from _helpers import found, texts


@pytest.mark.parametrize(
    "value",
    [
        "03-5253-5111",  # Tokyo, fixed line
        "06(6208)8181",  # parentheses around the local exchange
        "(054)626-1139",  # parentheses around the area code
        "０９０－１２３４－５６７８",  # full width
        "090ー1234ー5678",  # IME long-vowel mark as dash
        "09012345678",
        "050-1234-5678",  # IP phone
        "0120-123-456",  # toll free
        "0800-123-4567",
        "0570-000-123",  # navi dial
        "+81 3-5253-5111",
        "054 626 1139",
    ],
)
def test_phone_numbers(value: str) -> None:
    assert texts(f"電話は{value}まで", "PHONE_NUMBER") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "03-1234-567 は桁が足りない",
        "2024-1234-5678",
        "金額は0123456円",
        "郵便番号 100-8926",
        "令和7年4月1日（03-31締切）",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert texts(text, "PHONE_NUMBER") == []


def test_office_extension_is_institutional() -> None:
    [f] = found("担当：総務課 情報政策係 山口（内線2345）", "PHONE_NUMBER")
    assert f.text == "2345" and f.personal is False


def test_city_hall_switchboard_is_institutional() -> None:
    [f] = found("市役所代表電話 03-5253-5111 までお問い合わせください", "PHONE_NUMBER")
    assert f.personal is False


def test_facility_number_is_institutional() -> None:
    [f] = found("焼津市立大富幼稚園 電話 (054)624-3668", "PHONE_NUMBER")
    assert f.personal is False


def test_person_mobile_is_personal() -> None:
    [f] = found("相談者の佐藤さんの携帯 090-1234-5678 に連絡した", "PHONE_NUMBER")
    assert f.personal is True


def test_unlabelled_number_is_personal_by_default() -> None:
    [f] = found("折り返しは 045-123-4567 へ", "PHONE_NUMBER")
    assert f.personal is True


def test_email() -> None:
    [f] = found("連絡先はtaro.yamada@example.co.jpまで", "EMAIL")
    assert f.text == "taro.yamada@example.co.jp" and f.personal is True
    assert texts("メール：ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ", "EMAIL") == [
        "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ"
    ]
    [g] = found("お問い合わせ info@city.example.lg.jp", "EMAIL")
    assert g.personal is False
    assert texts("a@b は不完全", "EMAIL") == []


def test_postal_code_needs_mark_or_context() -> None:
    assert texts("〒100-8926 東京都千代田区霞が関2-1-2", "POSTAL_CODE") == ["100-8926"]
    assert texts("郵便番号：1008926", "POSTAL_CODE") == ["1008926"]
    assert texts("100-8926 東京都千代田区", "POSTAL_CODE") == ["100-8926"]
    assert texts("品番 100-8926 の部品", "POSTAL_CODE") == []


# ------------------------------------------------------------------ labels glued to numbers
# Security probe L1: letters or symbols directly before the digits hid the number.


@pytest.mark.parametrize(
    "text, value",
    [
        ("連絡先 TEL090-1234-5678 を要約", "090-1234-5678"),
        ("Tel090-1234-5678", "090-1234-5678"),
        ("TEL.090-1234-5678", "090-1234-5678"),
        ("TEL09012345678", "09012345678"),
        ("FAX045-123-4567", "045-123-4567"),
        ("℡090-1234-5678", "090-1234-5678"),
        ("mobile090-1234-5678", "090-1234-5678"),
        ("A090-1234-5678", "090-1234-5678"),
        ("x090-1234-5678y", "090-1234-5678"),
        ("1.090-1234-5678", "090-1234-5678"),  # a list number
        ("1.09012345678", "09012345678"),
        ("①090-1234-5678", "090-1234-5678"),
        ("1090-1234-5678", "090-1234-5678"),
        ("=81090-1234-5678=E3", "090-1234-5678"),  # quoted-printable text
        ("内線81 090-1234-5678", "090-1234-5678"),
        ("内線81、090-1234-5678", "090-1234-5678"),
        ("横浜市港北区新横浜三丁目12番5号TEL090-1234-5678", "090-1234-5678"),
    ],
)
def test_phone_glued_to_a_label(text: str, value: str) -> None:
    got = [f for f in found(text, "PHONE_NUMBER") if f.text != "81"]
    assert [f.text for f in got] == [value]
    f = got[0]
    assert text[f.start : f.end] == value


def test_two_phones_glued_to_their_labels() -> None:
    text = "TEL03-5253-5111FAX03-5253-5112"
    assert texts(text, "PHONE_NUMBER") == ["03-5253-5111", "03-5253-5112"]


@pytest.mark.parametrize(
    "text",
    [
        "型番 ABC1234567 の部品",
        "部品A1B0312345678",  # the digits continue a code
        "commit a1b2c30312345678",
        "sha256: 3f0312345678ab09012345678cd",
        "abc09012345678",  # hex letters only
        "0312345678abc123",
        "v1.0312345678",  # a version
        "0.09012345678",  # a decimal
        "3.14.09012345678",
        "SKU_09012345678",
        "注文番号 AB-0312345678",
        "https://example.jp/item/0312345678",
        "file-0312345678.pdf",
        "2090-1234-567",
    ],
)
def test_codes_with_letters_are_not_phones(text: str) -> None:
    assert texts(text, "PHONE_NUMBER") == []
