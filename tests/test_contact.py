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
