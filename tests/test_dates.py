"""Birth dates: only where the text says they are birth dates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _helpers import found, texts


@pytest.mark.parametrize(
    "text, value",
    [
        ("生年月日 1988年11月2日", "1988年11月2日"),
        ("生年月日：昭和45年5月3日", "昭和45年5月3日"),
        ("平成元年1月8日生まれ", "平成元年1月8日"),
        ("令和七年一月一日生", "令和七年一月一日"),
        ("誕生日は1990/4/1です", "1990/4/1"),
        ("S45.5.3生", "S45.5.3"),
        ("高橋 健一（1988年11月2日（37歳））", "1988年11月2日"),
        ("1960年生まれの男性", "1960年"),
        ("生年月日 １９８８年１１月２日", "１９８８年１１月２日"),
        # ISO, slash and dotted Western dates with a birth label or 生 after
        ("born 1975-05-03", "1975-05-03"),
        ("Date of birth: 1975-05-03", "1975-05-03"),
        ("DOB 1975/5/3", "1975/5/3"),
        ("生年月日：1975/05/03", "1975/05/03"),
        ("生年月日 1975.5.3", "1975.5.3"),
        ("1975/5/3生まれ", "1975/5/3"),
        # era letters and abbreviated era kanji
        ("(S50.5.3生)", "S50.5.3"),
        ("生年月日 Ｓ５０．５．３", "Ｓ５０．５．３"),
        ("生年月日 昭50.5.3", "昭50.5.3"),
        ("生年月日 昭和50.5.3", "昭和50.5.3"),
        ("生年月日：H7/4/1", "H7/4/1"),
        ("誕生日 R2.1.1", "R2.1.1"),
        ("生年月日 h7.4.1", "h7.4.1"),
        ("生年月日 平元.1.8", "平元.1.8"),
        ("氏名,生年月日\n佐藤花子,1975/05/03", "1975/05/03"),
    ],
)
def test_birth_dates(text: str, value: str) -> None:
    assert texts(text, "BIRTH_DATE") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "会議は令和7年5月3日に開催します",
        "申請期限：2025年3月31日",
        "平成31年4月1日施行",
        "生年月日 1988年13月2日",  # no 13th month
        "生年月日 昭和70年1月1日",  # Shōwa ended in its 64th year
        "2024年度予算",
        "会議は 2025-05-03 に開催",  # an ISO date without birth context
        "R2.1.1 施行",
        "H7/4/1 に開所しました",
        "最大5.5.3の値",
        "2024年5月3日生産開始",  # 生産 is not 生
        "生年月日 S70.1.1",  # Shōwa ended in its 64th year
        "born 1975-13-03",  # no 13th month
    ],
)
def test_not_birth_dates(text: str) -> None:
    assert texts(text, "BIRTH_DATE") == []


def test_birth_date_column_of_a_table() -> None:
    table = "氏名,生年月日,性別,受付日\n佐藤花子,1975/05/03,女,2024/05/03\n鈴木一郎,S50.5.3,男,2024/5/7\n"
    assert texts(table, "BIRTH_DATE") == ["1975/05/03", "S50.5.3"]
    tsv = "氏名\t受付日\n佐藤花子\t2024/05/03\n"
    assert texts(tsv, "BIRTH_DATE") == []
    # the header's label above a row is not a label of the row's first cell
    assert texts("受付日,性別,生年月日\n2024/05/03,女,1975/05/03", "BIRTH_DATE") == ["1975/05/03"]


def test_two_dates_side_by_side_in_a_table() -> None:
    # Separator folding must not join two dates across a comma (1975/05/0320240503).
    table = "氏名,生年月日,受付日\n佐藤花子,1975/05/03,2024/05/03\n鈴木一郎,S50.5.3,2024/5/7\n"
    assert texts(table, "BIRTH_DATE") == ["1975/05/03", "S50.5.3"]


_AROUND = st.text(alphabet=st.sampled_from(list("あの、。 \n:：,（）生年月日born0S.")), max_size=10)
_DATES = st.sampled_from(
    ["1975-05-03", "1975/5/3", "1975.5.3", "S50.5.3", "Ｓ５０．５．３", "昭50.5.3", "H7/4/1"]
)


@settings(max_examples=150, deadline=None)
@given(before=_AROUND, value=_DATES, after=_AROUND)
def test_date_offsets_hold_in_any_surroundings(before: str, value: str, after: str) -> None:
    text = before + "生年月日 " + value + after
    for f in found(text):
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    "text, value",
    [
        ("相談者：山﨑 和子（昭和31年2月11日）。", "昭和31年2月11日"),
        ("Hanako Yoshida（1958-12-01）、横浜市", "1958-12-01"),
        # an honorific between; a given name the dictionary does not know as one
        ("交付窓口：西村 翔太 様（平成9年4月22日）。", "平成9年4月22日"),
        ("対象者：飯塚 颯（R2.3.14）", "R2.3.14"),
        ("No.12 ｲｼｶﾜ ﾘｸ（2016.5.30）継続", "2016.5.30"),
    ],
)
def test_date_in_brackets_after_a_full_name(text: str, value: str) -> None:
    assert texts(text, "BIRTH_DATE") == [value]


@pytest.mark.parametrize("text", ["担当 山口（2024/4/1）", "会議（2025年5月3日）に出席"])
def test_date_in_brackets_after_other_words(text: str) -> None:
    assert texts(text, "BIRTH_DATE") == []


@pytest.mark.parametrize(
    "text, value",
    [
        # the era year in brackets after the Western one, and the reverse
        ("佐藤花子　1965年（昭和40年）9月17日生", "1965年（昭和40年）9月17日"),
        ("生年月日：1965年(昭和40年)9月17日", "1965年(昭和40年)9月17日"),
        ("昭和40年（1965年）9月17日生まれ", "昭和40年（1965年）9月17日"),
        ("1965（昭和40）年9月17日生", "1965（昭和40）年9月17日"),
        # an era letter with 年月日, and うまれ
        ("生年月日：S23年3月22日", "S23年3月22日"),
        ("昭23年3月22日生", "昭23年3月22日"),
        ("昭和23年3月22日うまれ", "昭和23年3月22日"),
        ("S.23.3.22生", "S.23.3.22"),
        ("生年月日 1948年3月22日（76歳）", "1948年3月22日"),
        ("（生年月日）1948年3月22日", "1948年3月22日"),
        ("生年月日 S23. 3.22", "S23. 3.22"),
        ("生年月日：昭和23年（1948年）3月22日（76歳）", "昭和23年（1948年）3月22日"),
    ],
)
def test_more_birth_date_forms(text: str, value: str) -> None:
    assert texts(text, "BIRTH_DATE") == [value]


@pytest.mark.parametrize(
    "text, value",
    [
        ("佐藤花子 1948/03/22 焼津市本町1-2-3", "1948/03/22"),
        ("氏名　佐藤花子　1948/3/22　女", "1948/3/22"),
        ("佐藤 花子（76）1948/03/22", "1948/03/22"),
        ("佐藤花子 女 1948/03/22", "1948/03/22"),
        ("佐藤 花子 様（76歳） 1948年3月22日", "1948年3月22日"),
        ("１．佐藤花子　昭和23年3月22日　焼津市本町", "昭和23年3月22日"),
        ("佐藤花子：1948/03/22", "1948/03/22"),
        ("Hanako Sato 1948-03-22", "1948-03-22"),
    ],
)
def test_date_right_after_a_full_name_in_a_row(text: str, value: str) -> None:
    assert texts(text, "BIRTH_DATE") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "山田太郎 2019/04/01 入所",  # too recent for a birth date
        "山田太郎 2005/04/01 採用",  # an event after it
        "佐藤花子 1998/3/22に転入",
        "担当 山口 2024/05/03",
        "佐藤課長 1990/4/1 着任",
        "佐藤花子 2000/5/3 相談",
        "佐藤花子 2001/5/3 初回面談",
        "田中一郎 1999/04/01〜2003/03/31 在籍",
        "1965年（昭和40年）9月17日に開通した",
        "S23年度の予算",
        "生年月日を確認した。\n2005/05/03 訪問",  # a sentence above, not a label
        "生年月日を確認した。\n2005/05/03 佐藤",
    ],
)
def test_dates_near_names_or_labels_that_are_not_birth_dates(text: str) -> None:
    assert texts(text, "BIRTH_DATE") == []


def test_birth_date_column_of_tables_aligned_with_spaces_or_bars() -> None:
    spaced = "氏名　性別　生年月日\n佐藤花子　女　1948/03/22\n鈴木一郎　男　S23.3.22"
    assert texts(spaced, "BIRTH_DATE") == ["1948/03/22", "S23.3.22"]
    assert texts("氏名 住所 生年月日\n佐藤花子 焼津市本町1-2-3 1948/03/22", "BIRTH_DATE") == [
        "1948/03/22"
    ]
    # the cells line up: only the 生年月日 column
    assert texts("受付日 生年月日\n2024/05/03 1948/03/22", "BIRTH_DATE") == ["1948/03/22"]
    bars = "| 氏名 | 生年月日 | 住所 |\n|---|---|---|\n| 佐藤花子 | 1948/03/22 | 焼津市本町1-2-3 |"
    assert texts(bars, "BIRTH_DATE") == ["1948/03/22"]
    # a table whose header names no birth date
    assert texts("受付日 担当\n2001/05/03 山口", "BIRTH_DATE") == []
