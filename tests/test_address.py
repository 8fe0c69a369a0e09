"""Addresses: a place plus block numbers, in the forms municipalities write them."""

from __future__ import annotations

import pytest

from _helpers import texts


@pytest.mark.parametrize(
    "text, value",
    [
        ("住所は横浜市港北区新横浜三丁目12番5号です", "横浜市港北区新横浜三丁目12番5号"),
        ("東京都千代田区霞が関2-1-2", "東京都千代田区霞が関2-1-2"),
        ("札幌市中央区北1条西2丁目1番地", "札幌市中央区北1条西2丁目1番地"),
        ("静岡県焼津市本町2-16-32", "静岡県焼津市本町2-16-32"),
        ("静岡県焼津市中根新田638", "静岡県焼津市中根新田638"),
        ("大阪市北区中之島１－３－２０", "大阪市北区中之島１－３－２０"),
        (
            "長野県下高井郡野沢温泉村大字豊郷五番地の二に住む",
            "長野県下高井郡野沢温泉村大字豊郷五番地の二",
        ),
        ("岩手県岩手郡雫石町長山第3地割24番地", "岩手県岩手郡雫石町長山第3地割24番地"),
        ("京都府京都市左京区吉田本町36番地1", "京都府京都市左京区吉田本町36番地1"),
    ],
)
def test_addresses(text: str, value: str) -> None:
    assert texts(text, "ADDRESS") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "横浜市港北区に住んでいる",  # a place alone is not an address
        "日本2-1ブラジル",  # a score
        "第3条第2項",
        "資料の2-1-2を参照",
        "東京2-1",
    ],
)
def test_not_addresses(text: str) -> None:
    assert texts(text, "ADDRESS") == []
