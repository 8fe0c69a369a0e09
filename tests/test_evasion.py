"""Evasive spellings of personal values are still detected, with exact original offsets.

Issue 10, "What to build" 2: other scripts' digits, kanji digits, separators inside digit
runs, O/l for 0/1, spaced-out kanji names, and encoded tokens (base64, percent, HTML
entities, \\uXXXX). All values are invented.
"""

from __future__ import annotations

import base64
import itertools
import os
from urllib.parse import quote

import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum.jp import in_ as my_number

from hinagata import scan
from hinagata.detect import Finding
from hinagata.text import normalize_for_detection

PHONE = "090-1234-5678"
MY_NUMBER = "123456789018"  # valid check digit
NAME = "佐藤花子"


def _only(text: str, type_: str) -> Finding:
    found = scan(text)
    for f in found:
        assert text[f.start : f.end] == f.text
    hits = [f for f in found if f.type == type_]
    assert len(hits) == 1, (text, found)
    return hits[0]


def _b64(s: str) -> str:
    return base64.b64encode(s.encode("utf-8")).decode("ascii")


def _entities(s: str, *, hexa: bool = False) -> str:
    return "".join(f"&#x{ord(c):X};" if hexa else f"&#{ord(c)};" for c in s)


def _u_escapes(s: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in s)


# ------------------------------------------------------------------ digits of every script


@pytest.mark.parametrize(
    "value",
    [
        "٠٩٠-١٢٣٤-٥٦٧٨",  # Arabic-Indic
        "۰۹۰-۱۲۳۴-۵۶۷۸",  # Extended Arabic-Indic (Persian)
        "०९०-१२३४-५६७८",  # Devanagari
        "০৯০-১২৩৪-৫৬৭৮",  # Bengali
        "๐๙๐-๑๒๓๔-๕๖๗๘",  # Thai
        "０９０－１２３４－５６７８",  # full width
        "𝟎𝟗𝟎-𝟏𝟐𝟑𝟒-𝟓𝟔𝟕𝟖",  # mathematical bold
        "𞥐𞥙𞥐-𞥑𞥒𞥓𞥔-𞥕𞥖𞥗𞥘",  # Adlam (beyond U+FFFF)
    ],
)
def test_phone_in_any_script_digits(value: str) -> None:
    text = f"連絡先は{value}です。"
    f = _only(text, "PHONE_NUMBER")
    assert f.text == value


def test_my_number_in_arabic_indic_digits() -> None:
    value = "١٢٣٤ ٥٦٧٨ ٩٠١٨"
    assert _only(f"個人番号 {value}", "MY_NUMBER").text == value


# ------------------------------------------------------------------ kanji digits


@pytest.mark.parametrize(
    "value",
    [
        "〇九〇-一二三四-五六七八",
        "〇九〇ー一二三四ー五六七八",
        "○九○-一二三四-五六七八",
        "零九零一二三四五六七八",
        "〇九〇_一二三四_五六七八",
        "〇 九 〇 一 二 三 四 五 六 七 八",
    ],
)
def test_phone_in_kanji_digits(value: str) -> None:
    assert _only(f"電話 {value} まで", "PHONE_NUMBER").text == value


@pytest.mark.parametrize("value", ["一二三四五六七八九〇一八", "一二三四 五六七八 九〇一八"])
def test_my_number_in_kanji_digits(value: str) -> None:
    f = _only(f"マイナンバーは{value}です", "MY_NUMBER")
    assert f.text == value
    assert f.score >= 0.99


def test_kanji_my_number_with_a_bad_check_digit_is_not_a_my_number() -> None:
    assert not [f for f in scan("番号は一二三四五六七八九〇一二です") if f.type == "MY_NUMBER"]


def test_kanji_words_are_not_folded() -> None:
    text = "三丁目五番地に一人で来庁、一二三の順、〇〇課、○○○○○○○○、電話 ○○○-○○○○-○○○○"
    assert normalize_for_detection(text).text == text


# ------------------------------------------------------------------ separators


@pytest.mark.parametrize(
    "value",
    [
        "090 1234 5678",
        "0 9 0 1 2 3 4 5 6 7 8",
        "090\n1234\n5678",
        "090\r\n1234\r\n5678",
        "090\t1234\t5678",
        "090.1234.5678",
        "090/1234/5678",
        "090・1234・5678",
        "090･1234･5678",
        "090　1234　5678",
        "090 - 1234 - 5678",
        "03.5253.5111",
    ],
)
def test_phone_with_separators(value: str) -> None:
    f = _only(f"連絡は{value}まで", "PHONE_NUMBER")
    assert f.text == value


@pytest.mark.parametrize(
    "value",
    [
        "1234 5678 9018",
        "1234\n5678\n9018",
        "1234.5678.9018",
        "1234/5678/9018",
        "1 2 3 4 5 6 7 8 9 0 1 8",
        "1234・5678・9018",
    ],
)
def test_my_number_with_separators(value: str) -> None:
    assert _only(f"番号：{value}", "MY_NUMBER").text == value


def test_separated_twelve_digits_need_a_valid_check_digit() -> None:
    for value in ("1234 5678 9012", "1234.5678.9012", "1 2 3 4 5 6 7 8 9 0 1 2"):
        assert not [f for f in scan(f"番号：{value}") if f.type == "MY_NUMBER"], value


def test_dates_stay_dates() -> None:
    found = scan("生年月日 1988/11/2、会議は2024/5/3と2024.5.3に開催")
    assert [(f.type, f.text) for f in found] == [("BIRTH_DATE", "1988/11/2")]


def test_a_phone_after_a_date_in_one_digit_run() -> None:
    text = "2024.5.3 090.1234.5678"
    f = _only(text, "PHONE_NUMBER")
    assert f.text == "090.1234.5678"


def test_a_phone_set_apart_in_a_longer_run() -> None:
    assert _only("TEL\n090\n1234\n5678\n2024年", "PHONE_NUMBER").text == "090\n1234\n5678"
    text = "番号1 2 3. 0 9 0 1 2 3 4 5 6 7 8"
    assert _only(text, "PHONE_NUMBER").text == "0 9 0 1 2 3 4 5 6 7 8"


def test_a_window_of_a_digit_list_is_not_a_phone() -> None:
    for text in (
        "[1 6 7 4 6 6 7 5 6 0 0 7 3 4 5 7 5 0 3 4 0 6 1 6 7 5 4 3 4 2]",
        "12 05 43 21 09 87 65 43 21 11",
    ):
        assert scan(text) == [], text


def test_tables_of_numbers_are_not_joined() -> None:
    n = normalize_for_detection("100 200 300 400\n2019\n2020\n2021\n10 20 30 40 50 60")
    assert n.text == "100 200 300 400\n2019\n2020\n2021\n10 20 30 40 50 60"


def test_card_with_dots() -> None:
    assert _only("カード 4111.1111.1111.1111", "CREDIT_CARD").text == "4111.1111.1111.1111"


# ------------------------------------------------------------------ letters for digits


@pytest.mark.parametrize(
    "value", ["O9O-l234-5678", "o9o-I234-5678", "O9O l234 5678", "O9O.l234.5678"]
)
def test_letters_for_zero_and_one(value: str) -> None:
    assert _only(f"電話：{value}", "PHONE_NUMBER").text == value


def test_letters_in_words_stay_letters() -> None:
    n = normalize_for_detection("ISO 9001 と Office 2019、IoT 2024、Google 10")
    assert n.text == "ISO 9001 と Office 2019、IoT 2024、Google 10"


# ------------------------------------------------------------------ spaced-out names


@pytest.mark.parametrize(
    "text,value",
    [
        ("佐 藤 花 子", "佐 藤 花 子"),
        ("佐　藤　花　子", "佐　藤　花　子"),
        ("申請者は佐 藤 花 子さんです", "佐 藤 花 子"),
        ("氏名：佐  藤  花  子", "佐  藤  花  子"),
    ],
)
def test_spaced_out_kanji_name(text: str, value: str) -> None:
    f = _only(text, "PERSON_NAME")
    assert f.text == value
    assert f.detail == "full"


@pytest.mark.parametrize(
    "text,value",
    [
        ("福祉部長 原 美香", "原 美香"),
        ("担当課長 森 一郎", "森 一郎"),
    ],
)
def test_a_title_before_a_spaced_name_stays_out_of_it(text: str, value: str) -> None:
    # A title glued to a one-letter surname written with spaces (部長 原 美香) is no
    # spaced-out name: only 原, between two spaces, stands alone.
    assert _only(text, "PERSON_NAME").text == value


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    "encoded",
    [
        _b64(NAME),
        quote(NAME),
        quote(NAME).lower(),
        _entities(NAME),
        _entities(NAME, hexa=True),
        _u_escapes(NAME),
    ],
)
def test_encoded_name_is_found_as_the_whole_token(encoded: str) -> None:
    text = f"相談者 {encoded} の件"
    f = _only(text, "PERSON_NAME")
    assert (f.start, f.end) == (text.index(encoded), text.index(encoded) + len(encoded))
    assert f.personal


@pytest.mark.parametrize(
    "encoded,type_",
    [
        (_b64(PHONE), "PHONE_NUMBER"),
        (_b64(MY_NUMBER), "MY_NUMBER"),
        (quote(PHONE, safe=""), "PHONE_NUMBER"),
        ("".join(f"%{b:02X}" for b in MY_NUMBER.encode()), "MY_NUMBER"),
        (_entities(PHONE), "PHONE_NUMBER"),
        (_u_escapes(MY_NUMBER), "MY_NUMBER"),
    ],
)
def test_encoded_numbers(encoded: str, type_: str) -> None:
    text = f"値：{encoded}"
    f = _only(text, type_)
    assert f.text == encoded
    assert f.personal


def test_entity_partly_encoded_value_covers_the_entities() -> None:
    text = "電話 090&#45;1234&#45;5678、A&amp;B社"
    f = _only(text, "PHONE_NUMBER")
    assert f.text == "090&#45;1234&#45;5678"
    text = "佐&#34276;花子様"
    assert _only(text, "PERSON_NAME").text == "佐&#34276;花子"


def test_a_token_with_two_values_is_reported_for_both() -> None:
    token = _b64(f"{NAME} {PHONE}")
    found = scan(f"メモ {token}")
    assert {f.type for f in found} >= {"PERSON_NAME", "PHONE_NUMBER"}
    assert all(f.text == token for f in found)


def test_harmless_encodings_find_nothing() -> None:
    text = "検索 https://example.jp/?q=%E5%B8%82%E5%BD%B9%E6%89%80 と A&amp;B と SGVsbG8gV29ybGQh"
    assert scan(text) == []


def test_base64_look_alikes_are_left_alone() -> None:
    # A card number, an e-mail local part, codes and words are not decoded.
    text = "カード番号 4111111111111111、連絡 yamadataro1234@example.jp"
    types = [f.type for f in scan(text)]
    assert types == ["CREDIT_CARD", "EMAIL"]
    for text in (
        "在留カード AB12345678CD",
        "T7000012050002",
        "internationalization",
        "deadbeefcafe0123",
    ):
        assert normalize_for_detection(text).text == text, text


def test_base64_of_digits_only_in_upper_case_is_decoded() -> None:
    token = _b64("004004004006")
    assert token.upper() == token
    assert normalize_for_detection(f"値 {token}").text == "値 004004004006"


def test_admin_prose_has_no_personal_findings() -> None:
    from pathlib import Path

    prose = (Path(__file__).parent / "data" / "admin_prose_ja.txt").read_text("utf-8")
    assert [f for f in scan(prose) if f.personal] == []


# ------------------------------------------------------------------ more forms


@pytest.mark.parametrize(
    "value,type_",
    [
        ("〇三(一二三四)五六七八", "PHONE_NUMBER"),
        ("+81.90.1234.5678", "PHONE_NUMBER"),
        ("090_1234_5678", "PHONE_NUMBER"),
        ("090\u20281234\u20285678", "PHONE_NUMBER"),
        ("0\ufe0f9\u034f0-1234-5678", "PHONE_NUMBER"),
        ("О9О-І234-5678", "PHONE_NUMBER"),  # Cyrillic О and І
        ("1234 5678-9018", "MY_NUMBER"),  # mixed separators
        ("〇九〇の一二三四の五六七八", "PHONE_NUMBER"),  # read aloud
        ("090の1234の5678", "PHONE_NUMBER"),
        ("⓿❾⓿-➀➁➂➃-➄➅➆➇", "PHONE_NUMBER"),  # dingbat digits NFKC leaves alone
        ("090一1234一5678", "PHONE_NUMBER"),  # 一 typed for ー
    ],
)
def test_more_evasive_numbers(value: str, type_: str) -> None:
    assert _only(f"連絡 {value} まで", type_).text == value


def test_url_safe_and_nested_encodings() -> None:
    token = base64.urlsafe_b64encode(f"{NAME}さん ~~?? {PHONE}".encode()).decode()
    assert "-" in token or "_" in token
    found = scan(f"メモ {token}")
    assert {f.type for f in found} >= {"PERSON_NAME", "PHONE_NUMBER"}
    nested = _b64(quote(NAME))
    assert _only(f"メモ {nested}", "PERSON_NAME").text == nested
    braced = "".join(f"\\u{{{ord(c):x}}}" for c in NAME)
    assert _only(f"メモ {braced}", "PERSON_NAME").text == braced


def test_lists_and_foreign_names_are_not_joined() -> None:
    for text in (
        "番号は5718、5717、5716、5715",
        "5718,5717,5716",
        "5718\n5717\n5716\n5715",
        "ミゲル・デ・セルバンテス",
        "金・元・清が続く",
    ):
        assert normalize_for_detection(text).text == text, text
    found = scan("作家ミゲル・デ・セルバンテスの小説")
    assert [f.text for f in found if f.type == "PERSON_NAME"] == ["ミゲル・デ・セルバンテス"]


# ------------------------------------------------------------------ security probe L6


@pytest.mark.parametrize(
    "value,type_",
    [
        ("〇玖〇-壱弐参肆-伍陸漆捌", "PHONE_NUMBER"),  # 大字
        ("壱弐参肆伍陸漆捌玖〇壱捌", "MY_NUMBER"),
        ("〇九〇-壹貳參四-五六七八", "PHONE_NUMBER"),  # the older 大字
        ("".join(c + "\u0301" for c in "09012345678"), "PHONE_NUMBER"),  # combining marks
        ("".join(c + "\u20d2" for c in MY_NUMBER), "MY_NUMBER"),
        ("".join(c + "\ufe0f\u20e3" for c in "09012345678"), "PHONE_NUMBER"),  # keycaps
        ("〇\u0301九\u0301〇-一二三四-五六七八", "PHONE_NUMBER"),
        ("09\u115f0-1234\u1160-5678", "PHONE_NUMBER"),  # Hangul fillers
        ("09\U0001d1730-1234-5678", "PHONE_NUMBER"),  # musical symbol begin beam
        ("09\U0001d17a0-1234-5678", "PHONE_NUMBER"),
        ("09\u06dd0-1234-5678", "PHONE_NUMBER"),  # Arabic end of ayah
        ("09\u180e0-1234-5678", "PHONE_NUMBER"),
        ("090,1234,5678", "PHONE_NUMBER"),
        ("1234,5678,9018", "MY_NUMBER"),
        ("090:1234:5678", "PHONE_NUMBER"),
        ("1234:5678:9018", "MY_NUMBER"),
        ("090~1234~5678", "PHONE_NUMBER"),
        ("090〜1234〜5678", "PHONE_NUMBER"),
        ("090～1234～5678", "PHONE_NUMBER"),
        ("1234，5678，9018", "MY_NUMBER"),
        ("090•1234•5678", "PHONE_NUMBER"),
        ("090|1234|5678", "PHONE_NUMBER"),
        ("090⁄1234⁄5678", "PHONE_NUMBER"),
        ("090「1234」5678", "PHONE_NUMBER"),
        ("090 - 1234 - 5678", "PHONE_NUMBER"),
        ("090  -  1234  -  5678", "PHONE_NUMBER"),
        ("〇九〇~一二三四~五六七八", "PHONE_NUMBER"),
        ("03-1234-5678, 090-1234-5678", "PHONE_NUMBER"),
    ],
)
def test_probe_l6_numbers(value: str, type_: str) -> None:
    hits = [f for f in scan(f"連絡 {value} まで") if f.type == type_]
    assert hits and value.endswith(hits[-1].text), (value, hits)


@pytest.mark.parametrize(
    "text",
    [
        "会議は10:30から11:45まで",
        "番号は5718,5717,5716です",  # a list, although a valid check digit
        "5718,5717,5716,5715",
        "受付 1201,1202,1203",
        "開庁 09:00~12:00 13:00~17:00",
        "期間 03,04,05,06,07",
        "金額 1,234,567,890円",
        "2024,2025,2026年",
        "比率 1:2:3:4:5:6:7:8:9:0",
        "03|04|05|06|07|08",
        "12:34:56:78:90:12",
        "陸上競技場と参加者",
    ],
)
def test_probe_l6_lists_and_times_stay_apart(text: str) -> None:
    found = [f for f in scan(text) if f.type in ("PHONE_NUMBER", "MY_NUMBER", "CREDIT_CARD")]
    assert found == [], found


@pytest.mark.parametrize(
    "encoded",
    [
        quote(quote(PHONE)),  # percent-encoded twice
        "".join(f"&amp;#{ord(c)};" for c in PHONE),  # an entity escaped again
        "".join(f"&#{ord(c)}" for c in PHONE),  # no semicolons
        "".join(f"&#x{ord(c):x}" for c in PHONE),
        "".join(f"%u{ord(c):04X}" for c in PHONE),
        "".join(f"\\x{ord(c):02x}" for c in PHONE),
        "".join(f"%5Cu{ord(c):04x}" for c in PHONE),  # \\u escapes percent-encoded
        "\n".join(_b64(PHONE)[i : i + 8] for i in range(0, 20, 8)),  # base64 wrapped
        base64.encodebytes(f"相談者 {NAME} {PHONE} ".encode() * 3).decode().strip(),
    ],
)
def test_probe_l6_encodings(encoded: str) -> None:
    text = f"メモ {encoded} 以上"
    hits = [f for f in scan(text) if f.type == "PHONE_NUMBER"]
    # Inside a decoded token every value covers the whole token.
    assert hits and all((f.start, f.end) == (3, 3 + len(encoded)) for f in hits), hits


def test_probe_l6_truncated_wrapped_base64() -> None:
    """The first 80 characters of a longer token, eight a line: the cut is mid-character."""
    token = _b64(f"高橋 健一、{PHONE}、横浜市港北区新横浜三丁目12番5号")
    wrapped = "\n".join(token[i : i + 8] for i in range(0, 80, 8))
    found = scan(f"メモ {wrapped} です")
    assert {f.type for f in found} >= {"PERSON_NAME", "PHONE_NUMBER"}
    assert all(f.text == wrapped for f in found)


def test_probe_l6_encodings_of_a_name() -> None:
    for encoded in (
        "".join(f"%u{ord(c):04X}" for c in NAME),
        "".join(f"\\x{b:02x}" for b in NAME.encode()),
        "".join(f"&amp;#{ord(c)};" for c in NAME),
    ):
        assert _only(f"相談者 {encoded} さん", "PERSON_NAME").text == encoded


def test_probe_l6_harmless_lines_are_not_base64() -> None:
    for text in (
        "ABCD1234\nEFGH5678\nIJKL",
        "Hello\nWorld\nThis",
        "abcdefgh\nijklmnop\nqrst",
        "お知らせ\nTEST\nDATA",
    ):
        assert normalize_for_detection(text).text == text


# ------------------------------------------------------------------ numerals ending a name
# Security probe L7: 健一 before a number lost its 一 to the number's digits.

_KANJI_TO_ASCII = str.maketrans("〇一二三四五六七八九", "0123456789")
_GIVEN_NAMES = ["健一", "健二", "健三", "四", "吾五", "六", "健七", "八", "吾九", "健十"]


@pytest.mark.parametrize("given_name", _GIVEN_NAMES)
@pytest.mark.parametrize("gap", ["", " ", "　", "、", "（45）"])
@pytest.mark.parametrize(
    "value,type_",
    [
        ("090-1234-5678", "PHONE_NUMBER"),
        ("〇九〇-一二三四-五六七八", "PHONE_NUMBER"),
        ("1234 5678 9018", "MY_NUMBER"),
        ("123456789018", "MY_NUMBER"),
    ],
)
def test_a_numeral_ending_a_name_stays_in_the_name(
    given_name: str, gap: str, value: str, type_: str
) -> None:
    text = f"相談者 高橋 {given_name}{gap}{value} について"
    if type_ == "MY_NUMBER" and gap == "（45）":
        return  # (45)123456789018: another layout, not this case
    glued = given_name[-1].translate(_KANJI_TO_ASCII) + value.translate(_KANJI_TO_ASCII)
    if not gap and my_number.is_valid(glued.replace("-", "")):
        return  # 八〇九〇-一二三四-五六七八 is a My Number's 4-4-4 too: ambiguous, kept whole
    n = normalize_for_detection(text)
    assert f"高橋 {given_name}" in n.text, n.text
    f = _only(text, type_)
    assert f.text == value


@pytest.mark.parametrize("gap", ["", " "])
def test_a_name_before_a_number_is_the_whole_name(gap: str) -> None:
    text = f"相談者 高橋 健一{gap}090-1234-5678 について"
    names = [f.text for f in scan(text) if f.type == "PERSON_NAME"]
    if gap:
        assert names == ["高橋 健一"]
    phone = _only(text, "PHONE_NUMBER")
    assert phone.text == "090-1234-5678"


@pytest.mark.parametrize(
    "value",
    [
        "電話〇九〇-1234-5678",  # a kanji area code after a word still folds
        "電話〇九〇一二三四五六七八",
        "電話〇九〇 一二三四 五六七八",
        "携帯は〇八〇の九八七六の五四三二",
    ],
)
def test_kanji_digits_after_a_word_still_fold(value: str) -> None:
    f = _only(value, "PHONE_NUMBER")
    assert value.endswith(f.text) and f.text[0] == "〇"


# ------------------------------------------------------------------ property


_SCRIPTS = {
    "ascii": "0123456789",
    "fullwidth": "０１２３４５６７８９",
    "arabic": "٠١٢٣٤٥٦٧٨٩",
    "devanagari": "०१२३४५६७८९",
    "kanji": "〇一二三四五六七八九",
    "daiji": "〇壱弐参肆伍陸漆捌玖",
    "math": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
}
_SEPARATORS = ["", "-", " ", "\n", "\t", ".", "/", "・", "　", "－", "ー"]
# Security probe L6: separators of lists and times, joined only into a valid number.
_SEPARATORS += [",", ":", "~", "〜", "～", "，", "•", "|", "⁄", "「", " - ", "  -  "]
_COMMAS = {",", "，"}
_WEAK = {",", ":", "~", "〜", "～", "，", "•", "|", "「"}
# Marks that compose with nothing, and invisible characters, put inside the digits.
_MARKS = ["\u0301", "\u0308", "\u20d2", "\u20dd", "\ufe0f\u20e3"]
_INVISIBLES = ["\u115f", "\u1160", "\u3164", "\uffa0", "\U0001d173", "\u06dd", "\u180e"]
# Security probe L1: labels and list numbers glued in front of the value.
_GLUED = {
    "PHONE_NUMBER": ["", "TEL", "Tel.", "FAX", "mobile", "No", "1."],
    "MY_NUMBER": ["", "ID", "No", "MyNo.", "1."],  # TEL or FAX names another number
}
# Surrounding text: no digits, no Latin letters, no kanji digits, no labels of other numbers.
_FILLER = st.text(
    alphabet=st.sampled_from(list("あいうえおかきくけこさしすせそ役所会議資料案内。、「」（） \n")),
    max_size=30,
)


@st.composite
def _mobile(draw: st.DrawFn) -> tuple[str, list[int]]:
    digits = "0" + draw(st.sampled_from("789")) + "0" + draw(st.sampled_from("123456789"))
    digits += "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=7, max_size=7)))
    assume(phonenumbers.is_valid_number(phonenumbers.parse(digits, "JP")))
    groups = draw(st.sampled_from([[3, 4, 4], [11], [1] * 11]))
    return digits, groups


@st.composite
def _my_number(draw: st.DrawFn) -> tuple[str, list[int]]:
    base = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=11, max_size=11)))
    groups = draw(st.sampled_from([[4, 4, 4], [12], [1] * 12]))
    return base + my_number.calc_check_digit(base), groups


@st.composite
def _evasive(draw: st.DrawFn) -> tuple[str, str, str]:
    """(expected type, a label glued in front, the value written evasively)."""
    type_, (digits, groups) = draw(
        st.one_of(
            _mobile().map(lambda v: ("PHONE_NUMBER", v)),
            _my_number().map(lambda v: ("MY_NUMBER", v)),
        )
    )
    form = draw(st.sampled_from(["plain", "script", "letters", *_ENCODINGS]))
    sep = draw(st.sampled_from(_SEPARATORS))
    if len(groups) > 1 and sep == "":
        sep = " "
    parts, k = [], 0
    for g in groups:
        parts.append(digits[k : k + g])
        k += g
    if form in _ENCODINGS:
        plain = "-".join(parts) if len(parts) > 1 else digits
        return type_, "", _encode(draw, form, plain)
    if sep in _WEAK and groups == [4, 4, 4]:
        # Three groups that read as a list (5718,5717,5716) stay apart: not this case.
        assume(len({p[:2] for p in parts}) > 1)
        assume(len({int(b) - int(a) for a, b in itertools.pairwise(parts)}) > 1)
    script_name = "ascii"
    if form == "script":
        script_name = draw(st.sampled_from(sorted(_SCRIPTS)))
        script = _SCRIPTS[script_name]
        parts = ["".join(script[int(c)] for c in p) for p in parts]
    elif form == "letters":
        sub = {"0": draw(st.sampled_from("Oo")), "1": draw(st.sampled_from("lI"))}
        parts = ["".join(sub.get(c, c) if draw(st.booleans()) else c for c in p) for p in parts]
        # A value of only letters is not in digit context.
        assume(sum(c.isdigit() for p in parts for c in p) > len(digits) // 2)
    if sep in _COMMAS and script_name in ("kanji", "daiji"):
        sep = "・"  # 一、二、三 and 一,二,三 are lists: kanji digits never join across a comma
    if sep == "「":
        written = parts[0] + "".join(
            ("「" if i % 2 else "」") + p for i, p in enumerate(parts[1:], start=1)
        )
    else:
        written = sep.join(parts)
    extra = draw(st.sampled_from(["", "", "marks", "invisible"]))
    if extra == "marks" and form != "letters":
        mark = draw(st.sampled_from(_MARKS))
        digit_chars = _SCRIPTS[script_name]
        written = "".join(c + mark if c in digit_chars else c for c in written)
    elif extra == "invisible":
        cut = draw(st.integers(1, len(written) - 1))
        written = written[:cut] + draw(st.sampled_from(_INVISIBLES)) + written[cut:]
    label = "" if form == "letters" else draw(st.sampled_from(_GLUED[type_]))
    return type_, label, written


_ENCODINGS = [
    "base64",
    "base64 lines",
    "percent",
    "percent twice",
    "percent u",
    "entity",
    "entity no semicolon",
    "entity escaped",
    "escape",
    "hex escape",
]


def _encode(draw: st.DrawFn, form: str, plain: str) -> str:
    if form == "base64":
        return _b64(plain)
    if form == "base64 lines":
        token = _b64(plain)
        width = draw(st.sampled_from([4, 8, 12]))
        return "\n".join(token[i : i + width] for i in range(0, len(token), width))
    if form == "percent":
        return "".join(f"%{b:02X}" for b in plain.encode())
    if form == "percent twice":
        return "".join(f"%25{b:02X}" for b in plain.encode())
    if form == "percent u":
        return "".join(f"%u{ord(c):04X}" for c in plain)
    if form == "entity":
        return _entities(plain, hexa=draw(st.booleans()))
    if form == "entity no semicolon":
        return _entities(plain, hexa=draw(st.booleans())).replace(";", "")
    if form == "entity escaped":
        return _entities(plain, hexa=draw(st.booleans())).replace("&", "&amp;")
    if form == "hex escape":
        return "".join(f"\\x{b:02x}" for b in plain.encode())
    return _u_escapes(plain)


@settings(max_examples=int(os.environ.get("HINAGATA_EVASION_EXAMPLES", "150")), deadline=None)
@given(_FILLER, _evasive(), _FILLER)
def test_evasive_values_are_found_with_exact_offsets(
    before: str, value: tuple[str, str, str], after: str
) -> None:
    type_, label, written = value
    text = f"{before} {label}{written} {after}"
    start = len(before) + 1 + len(label)
    end = start + len(written)
    found = scan(text)
    for f in found:
        assert text[f.start : f.end] == f.text
        assert 0 <= f.start <= f.end <= len(text)
    assert any(f.type == type_ and f.start <= start and end <= f.end for f in found), (
        text,
        found,
    )
    # The finding does not swallow the filler around the value, nor a glued label.
    hit = next(f for f in found if f.type == type_ and f.start <= start and end <= f.end)
    assert text[hit.start : hit.end].strip(" \n") == written.strip(" \n"), (text, hit)


@pytest.mark.parametrize(
    "value", ["090-12345678", "0901234-5678", "03-52535111", "09\u115f0-1234\u115f5678"]
)
def test_a_phone_in_two_groups(value: str) -> None:
    assert _only(f"電話 {value} まで", "PHONE_NUMBER").text == value


def test_dates_side_by_side_are_not_a_phone() -> None:
    """03,2024/05/03 is the end of one date and another date (one kind of gap inside a
    number found in a longer run)."""
    for text in (
        "佐藤花子,1975/05/03,2024/05/03\n",
        "1975/05/03 2024/05/03",
        "1975.05.03,2024.05.03",
    ):
        assert normalize_for_detection(text).text == text, text


def test_a_tab_between_table_cells_does_not_join_them_into_a_name() -> None:
    """「山下　零<TAB>女」 is a name cell and a sex cell, not the name 山下零女."""
    from hinagata import scan

    assert all("女" not in f.text for f in scan("山下　零\t女") if f.type == "PERSON_NAME")
