"""Person names: morphology plus honorific and label cues; organisations and places are not names."""

from __future__ import annotations

import pytest

from _helpers import texts


@pytest.mark.parametrize(
    "text, names",
    [
        ("申請者の高橋健一さんが来庁した", ["高橋健一"]),
        ("氏名：高橋 健一", ["高橋 健一"]),
        ("氏名 高橋　健一", ["高橋　健一"]),  # full-width space
        ("ふりがな：たかはし けんいち", ["たかはし けんいち"]),
        ("タカハシ ケンイチ様", ["タカハシ ケンイチ"]),
        ("マイケル・ジャクソンはアメリカの歌手。", ["マイケル・ジャクソン"]),
        ("千葉さんは千葉県に住んでいる", ["千葉"]),
        ("須藤先生に相談した", ["須藤"]),
        ("世帯主 佐藤花子", ["佐藤花子"]),
        ("担当 山口", ["山口"]),
        ("役員の伊藤穣一が出席した", ["伊藤穣一"]),  # given name split into 穣|一
        ("バラク・オバマ上院議員の顧問", ["バラク・オバマ"]),  # glued to a compound title
        ("エッケナー博士は", ["エッケナー"]),  # unknown katakana word + title
        ("ハヤシ ヨウイチ様", ["ハヤシ ヨウイチ"]),
    ],
)
def test_names_found(text: str, names: list[str]) -> None:
    assert texts(text, "PERSON_NAME") == names


@pytest.mark.parametrize(
    "text",
    [
        "株式会社田中工務店に発注した",
        "千葉県の人口は増えている",
        "千葉駅から徒歩5分",
        "市長の年頭挨拶の原稿を作って",
        "皆さん、おはようございます",
        "お客様各位",
        "令和7年度の予算について説明します",
        "シェフィールド・ユナイテッドへ移籍",  # a katakana chain ending in an organisation word
        "ケネディ宇宙センターで試験",
        "焼津市立和田中学校 静岡県焼津市田尻1984",
        "ラグビー選手の育成",  # a known katakana word before a title is not a name
        "本屋さんとお地蔵さん",
    ],
)
def test_not_names(text: str) -> None:
    assert texts(text, "PERSON_NAME") == []


def test_surname_not_glued_to_a_dictionary_word() -> None:
    assert texts("小野出身の野口", "PERSON_NAME") == ["小野", "野口"]
