"""Birth dates: only where the text says they are birth dates."""

from __future__ import annotations

import pytest

from _helpers import texts


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
    ],
)
def test_not_birth_dates(text: str) -> None:
    assert texts(text, "BIRTH_DATE") == []
