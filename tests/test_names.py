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
        ("ｽｽﾞｷ 様　粗大ごみの収集は申込制です", ["ｽｽﾞｷ"]),  # a space before the honorific
        ("対象者：飯塚 颯（R2.3.14）", ["飯塚 颯"]),  # 颯 is an adverb to the dictionary
        ("No.12 ｲｼｶﾜ ﾘｸ（2016.5.30）", ["ｲｼｶﾜ ﾘｸ"]),
        ("私、上野 ひとみは、長女の母です", ["上野 ひとみ"]),  # 上野 is a place too
        ("大橋 美和さんから電話", ["大橋 美和"]),  # 大橋 is a bridge to the dictionary
        ("生徒 中島 こはる（2年）", ["中島 こはる"]),  # こ|はる: a verb and an auxiliary
        # foreign names in romaji: a relative's label before, a relation in brackets after
        ("母：Nguyen Thi Lan（ベトナム国籍）", ["Nguyen Thi Lan"]),
        # one-kanji surnames where their place says so
        ("森　倉敷市玉島阿賀崎2丁目7番", ["森"]),
        ("茅野市ちの3506番地1に住む原です。", ["原"]),
        ("代理人（森、本人の長男）が委任状を持参", ["森"]),
        ("ケース引継ぎ（渡邉 → 澤田）", ["渡邉", "澤田"]),
        ("名簿更新：髙橋 スミ（97歳）", ["髙橋 スミ"]),
        ("相談受付：Maria Santos（フィリピン国籍）", ["Maria Santos"]),
        # a common surname of foreign residents, in Japanese text
        ("相談者 Nguyen Van An は技能実習生", ["Nguyen Van An"]),
        ("Kim Minji さんから電話", ["Kim Minji"]),
        # more form labels: a relative's field, the reporter, the agent
        ("母：鬼塚 雷蔵", ["鬼塚 雷蔵"]),
        ("通報者：大西 しのぶ（隣人）", ["大西 しのぶ"]),
        # a katakana reading in brackets; hyphenated given names; English cues; a signature
        ("請求者：王 麗華（ワン リーファ）", ["王 麗華", "ワン リーファ"]),
        ("Olga Petrova（ペトロワ オリガ）", ["Olga Petrova", "ペトロワ オリガ"]),
        ("電話メモ：LEE Min-ho様（韓国籍）", ["LEE Min-ho"]),
        ('"My name is Juan Garcia Lopez. I live in Yokohama."', ["Juan Garcia Lopez"]),
        ("どこに相談すればいいですか。堀", ["堀"]),
        ("資料を10部ほしい。（議会事務局 大橋）", ["大橋"]),
        ("> From: Claire Dubois <c.dubois@example.fr>", ["Claire Dubois"]),
        ("連絡先：Andrea Silva（隣人、ポルトガル語可）", ["Andrea Silva"]),
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
        "Google Chrome（ブラウザ）を使う",
        "New York（本社）",
        "これは私の本です",
        "工程：設計 → 施工",
        "村立小学校の行事",  # 立小 is no surname inside 村立小学校
        "See Silva Report for details",
        "The Silva Report",
        "91歳男性（元村議会議長）",  # 元村 is a surname, 元村議会 is not one
    ],
)
def test_not_names(text: str) -> None:
    assert texts(text, "PERSON_NAME") == []


def test_surname_not_glued_to_a_dictionary_word() -> None:
    assert texts("小野出身の野口", "PERSON_NAME") == ["小野", "野口"]


# --- Names in every script (issue 11) -------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from _helpers import found  # noqa: E402


@pytest.mark.parametrize(
    "text, name",
    [
        ("生活保護の相談に来所した Sato Hanako さんの記録", "Sato Hanako"),
        ("SATO Hanako", "SATO Hanako"),
        ("Hanako Sato", "Hanako Sato"),
        ("HANAKO SATO", "HANAKO SATO"),
        ("Satō Hanako", "Satō Hanako"),
        ("Satou Hanako", "Satou Hanako"),
        ("Satoh Hanako", "Satoh Hanako"),
        ("Ōno Ichirō", "Ōno Ichirō"),
        ("Ohno Ichiro", "Ohno Ichiro"),
        ("Oono Ichirou", "Oono Ichirou"),
        ("Shun'ichi Takahashi", "Shun'ichi Takahashi"),
        ("Homma Kenta", "Homma Kenta"),
        ("ＳＡＴＯ　Ｈａｎａｋｏ", "ＳＡＴＯ　Ｈａｎａｋｏ"),  # full-width letters and space
        ("SATO, Hanako", "SATO, Hanako"),  # passport style
        ("Name: Yamada Taro", "Yamada Taro"),
        ('{"name": "Suzuki Ichiro", "phone": "090-1234-5678"}', "Suzuki Ichiro"),
    ],
)
def test_romaji_full_names(text: str, name: str) -> None:
    names = found(text, "PERSON_NAME")
    assert [(f.text, f.detail) for f in names] == [(name, "full")]


@pytest.mark.parametrize(
    "text, name",
    [("Mr. Tanaka called", "Tanaka"), ("Sato-san から電話", "Sato"), ("Suzuki さん", "Suzuki")],
)
def test_romaji_surname_with_honorific(text: str, name: str) -> None:
    assert [(f.text, f.detail) for f in found(text, "PERSON_NAME")] == [(name, "partial")]


@pytest.mark.parametrize(
    "text",
    [
        "Open Data の活用",
        "Tokyo Station で集合",
        "Mark Down で書く",
        "Take Note",  # two English words that also read as romaji names
        "In Tanaka's lab",  # an English function word
        "To Kenta",
        "sato hanako",  # lower case: not written as a name
        "Hello World",
        "Kind regards",
    ],
)
def test_romaji_not_full_names(text: str) -> None:
    assert [f.text for f in found(text, "PERSON_NAME") if f.detail == "full"] == []


@pytest.mark.parametrize(
    "text",
    [
        '{"phone": "090-1234-5678"}',
        '{"name": "x", "email": "a@example.jp", "tel": 1, "fax": 2, "address": 3, "note": 4}',
        '"id": 12, "score": 3',
        "Phone: 090; Email: x@example.jp; Address: Tokyo",
        "氏名 電話 住所 連絡先",
        "名前,電話,住所",
        '{"氏名": "", "電話": "", "連絡先": ""}',
    ],
)
def test_labels_and_keys_are_never_names(text: str) -> None:
    assert texts(text, "PERSON_NAME") == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("ｻﾄｳ ﾊﾅｺ様", "ｻﾄｳ ﾊﾅｺ"),  # half-width katakana
        ("世帯主：ｻﾄｳ ﾀﾛｳ", "ｻﾄｳ ﾀﾛｳ"),
        ("氏名：サトウ ハナコ", "サトウ ハナコ"),
        ("申請者 ﾔﾏﾀﾞ ﾊﾅｺ", "ﾔﾏﾀﾞ ﾊﾅｺ"),
        # old-form kanji, read in their common form, reported as written
        ("髙橋健一さん", "髙橋健一"),
        ("氏名：髙橋 健一", "髙橋 健一"),
        ("山﨑花子さん", "山﨑花子"),
        ("渡邊一郎さん", "渡邊一郎"),
        ("渡邉一郎さん", "渡邉一郎"),
        ("齋藤健一さん", "齋藤健一"),
        ("齊藤健一さん", "齊藤健一"),
        ("濵田花子さん", "濵田花子"),
        ("德永健一さん", "德永健一"),
        # form context without an honorific
        ("申請者：鈴木一郎", "鈴木一郎"),
        ("相談者 田中花子", "田中花子"),
        ("世帯主 山本太郎", "山本太郎"),
        ("名前 佐藤花子", "佐藤花子"),
        ("申請者：鬼塚 雷蔵", "鬼塚 雷蔵"),
        ("氏名,佐藤花子", "佐藤花子"),
        ('{"氏名": "佐藤花子"}', "佐藤花子"),
        ("氏名\t年齢\n佐藤花子\t45", "佐藤花子"),
    ],
)
def test_full_names_in_forms_and_scripts(text: str, name: str) -> None:
    assert [(f.text, f.detail) for f in found(text, "PERSON_NAME")] == [(name, "full")]


def test_csv_name_column() -> None:
    text = "氏名,電話\n轟 真白,090-1234-5678\n鬼塚 雷蔵,03-1234-5678\n"
    assert [(f.text, f.detail) for f in found(text, "PERSON_NAME")] == [
        ("轟 真白", "full"),
        ("鬼塚 雷蔵", "full"),
    ]


@pytest.mark.parametrize(
    "text, surname",
    [
        ("佐藤主事に連絡した", "佐藤"),
        ("田中係長から報告があった", "田中"),
        ("鈴木校長が出席", "鈴木"),
        ("高橋ケースワーカーが訪問", "高橋"),
        ("佐藤課長補佐が説明", "佐藤"),
        ("担当 山口", "山口"),
        ("担当：総務課 情報政策係 山口（内線2345）", "山口"),
        ("担当：総務課 山口", "山口"),  # the section is not part of the name
        ("報告者：佐藤保健師", "佐藤"),  # the dictionary splits 佐|藤保|健師
        ("本件は林係長が担当", "林"),  # 林|係|長: a one-kanji surname
        ("池田課長補佐から連絡", "池田"),  # 池田 is a place to the dictionary
        ("総務課佐藤課長の説明", "佐藤"),
    ],
)
def test_surname_and_role_is_a_surname(text: str, surname: str) -> None:
    assert [(f.text, f.detail) for f in found(text, "PERSON_NAME")] == [(surname, "partial")]


@pytest.mark.parametrize("text", ["横浜市長の挨拶", "副課長が出席", "千葉県知事の談話"])
def test_place_head_and_bare_titles_are_not_names(text: str) -> None:
    assert texts(text, "PERSON_NAME") == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("来所者 ニシムラ ヨウイチ の件", "ニシムラ ヨウイチ"),  # both read as names
        ("ﾀﾅｶ ﾖｳｲﾁ から電話", "ﾀﾅｶ ﾖｳｲﾁ"),
        ("イトウ ナナミ", "イトウ ナナミ"),  # both 人名/一般 to the dictionary
    ],
)
def test_katakana_full_names_by_reading(text: str, name: str) -> None:
    assert [(f.text, f.detail) for f in found(text, "PERSON_NAME")] == [(name, "full")]


@pytest.mark.parametrize(
    "text", ["アイス クリーム", "マイ ナンバー", "パン ケーキ", "テスト データ"]
)
def test_katakana_word_pairs_are_not_full_names(text: str) -> None:
    assert [f.text for f in found(text, "PERSON_NAME") if f.detail == "full"] == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("例：山田太郎", "山田太郎"),
        ("記入例 山田 太郎", "山田 太郎"),
        ("（記入例）氏名：山田太郎", "山田太郎"),
        ("サンプル：鈴木一郎", "鈴木一郎"),
    ],
)
def test_template_examples_are_not_about_anyone(text: str, name: str) -> None:
    names = found(text, "PERSON_NAME")
    assert [f.text for f in names] == [name]
    assert not any(f.personal for f in names)


@pytest.mark.parametrize("text", ["例えば佐藤花子さんの場合", "例年どおり佐藤花子さんが参加"])
def test_words_with_rei_are_not_templates(text: str) -> None:
    assert all(f.personal for f in found(text, "PERSON_NAME"))


_AROUND = st.text(
    alphabet=st.sampled_from(list("あいうの、。 \n:：,AZaz019例氏名様さん髙﨑ｻﾄｳ")), max_size=12
)
_NAMES = st.sampled_from(
    [
        "Sato Hanako",
        "HANAKO SATO",
        "Satō Hanako",
        "ｻﾄｳ ﾊﾅｺ",
        "髙橋健一",
        "濵田 花子",
        "佐藤主事",
        "例：山田太郎",
        '"phone"',
        "氏名,佐藤花子",
    ]
)


@settings(max_examples=150, deadline=None)
@given(before=_AROUND, name=_NAMES, after=_AROUND)
def test_name_offsets_hold_in_any_surroundings(before: str, name: str, after: str) -> None:
    text = before + name + after
    for f in found(text):
        assert text[f.start : f.end] == f.text
        assert 0 <= f.start < f.end <= len(text)


@pytest.mark.parametrize(
    "text, name, detail",
    [
        ("訪問記録　担当：小松\n", "小松", "partial"),  # a surname the dictionary knows as a place
        ("No.3 伊藤 美咲（保護者）", "伊藤 美咲", "full"),  # 美咲 read as a surname by the lattice
        ("署名欄に「佐藤 ゆかり　080-」とある", "佐藤 ゆかり", "full"),
        ("Wang Fang（王芳）さんから", "Wang Fang", "full"),  # not Japanese romaji, but さん
        ("児童：Li Hao", "Li Hao", "full"),
        ("御担当者様　林と申します。", "林", "partial"),
    ],
)
def test_more_names_in_records(text: str, name: str, detail: str) -> None:
    names = [(f.text, f.detail) for f in found(text, "PERSON_NAME")]
    assert (name, detail) in names


@pytest.mark.parametrize(
    "text",
    [
        "調整メモ：大字芦沢から入所申込み",
        "字堀ノ内在住の方",
        "保護者は芦沢郵便局の局長",
    ],
)
def test_places_are_not_names(text: str) -> None:
    assert [f.text for f in found(text, "PERSON_NAME") if "芦沢" in f.text or "堀" in f.text] == []


def test_template_sentence_example() -> None:
    names = found("例文：「田中様、いつもお世話になっております」", "PERSON_NAME")
    assert [f.text for f in names] == ["田中"]
    assert not names[0].personal
