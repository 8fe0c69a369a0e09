"""Addresses: a place plus block numbers, in the forms municipalities write them."""

from __future__ import annotations

import pytest

from _helpers import found, texts


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


# -- issue 11: addresses from the gazetteer, every common form, with a precision ----------


def address(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.detail) for f in found(text, "ADDRESS")]


@pytest.mark.parametrize(
    "text, value, precision",
    [
        # The canonical failures: a town the walk did not know how to start.
        ("横浜市港北区日吉本町三丁目12番5号", "横浜市港北区日吉本町三丁目12番5号", "full"),
        ("横浜市中区本町三丁目12番5号", "横浜市中区本町三丁目12番5号", "full"),
        # 都道府県 optional; 郡; 政令市の区; 東京23区; a ward without its city.
        ("神奈川県横浜市港北区日吉本町3-12-5", "神奈川県横浜市港北区日吉本町3-12-5", "full"),
        ("港北区日吉本町3-12-5", "港北区日吉本町3-12-5", "full"),
        ("東京都世田谷区三軒茶屋二丁目11番22号", "東京都世田谷区三軒茶屋二丁目11番22号", "full"),
        ("下高井郡野沢温泉村大字豊郷9817番地", "下高井郡野沢温泉村大字豊郷9817番地", "full"),
        ("野沢温泉村豊郷9817", "野沢温泉村豊郷9817", "full"),
        # Common town names, in any city.
        ("静岡市葵区栄町3-12-5", "静岡市葵区栄町3-12-5", "full"),
        ("札幌市中央区中央３丁目１２－５", "札幌市中央区中央３丁目１２－５", "full"),
        ("横浜市中区旭町十二番地の五", "横浜市中区旭町十二番地の五", "full"),
        ("焼津市宮本町12番地", "焼津市宮本町12番地", "full"),
        # Every hyphen variant, full-width and kanji numerals, 「の」.
        ("焼津市本町2‐16‐32", "焼津市本町2‐16‐32", "full"),
        ("焼津市本町2―16―32", "焼津市本町2―16―32", "full"),
        ("焼津市本町２－１６－３２", "焼津市本町２－１６－３２", "full"),
        ("焼津市本町２ー１６ー３２", "焼津市本町２ー１６ー３２", "full"),
        ("焼津市本町二丁目十六番三十二号", "焼津市本町二丁目十六番三十二号", "full"),
        ("焼津市本町2丁目16の32", "焼津市本町2丁目16の32", "full"),
        # ヶ/ケ/が spellings of one town.
        ("静岡県焼津市鰯ヶ島251", "静岡県焼津市鰯ヶ島251", "full"),
        ("静岡県焼津市鰯ケ島251", "静岡県焼津市鰯ケ島251", "full"),
        # 大字, 字 (小字).
        (
            "長野県北安曇郡白馬村大字北城字和田野9370番地",
            "長野県北安曇郡白馬村大字北城字和田野9370番地",
            "full",
        ),
        ("沖縄県島尻郡座間味村字座間味109番地", "沖縄県島尻郡座間味村字座間味109番地", "full"),
        # 〒 before, building and room after.
        (
            "〒223-0062 横浜市港北区日吉本町三丁目12番5号 日吉ハイツ201号室",
            "横浜市港北区日吉本町三丁目12番5号 日吉ハイツ201号室",
            "full",
        ),
        ("日吉本町3-12-5 コーポ山田203", "日吉本町3-12-5 コーポ山田203", "full"),
        ("焼津市本町2-16 さくら荘3号室", "焼津市本町2-16 さくら荘3号室", "full"),
        # A town of Japan with 丁目 or 番地 needs no municipality; nor does a placeholder.
        ("日吉本町三丁目12番5号", "日吉本町三丁目12番5号", "full"),
        ("〇〇町三丁目12番5号", "〇〇町三丁目12番5号", "full"),
        ("石津2259-358", "石津2259-358", "full"),
        # The 街区 without the house number.
        ("横浜市中区本町三丁目12番", "横浜市中区本町三丁目12番", "block"),
        # Partial addresses that still locate a home.
        ("日吉本町三丁目の住人", "日吉本町三丁目", "town"),
        ("港北区日吉本町在住の男性", "港北区日吉本町", "town"),
        ("焼津市中根新田に住んでいる", "焼津市中根新田", "town"),
        ("野沢温泉村大字豊郷字寺湯の女性", "野沢温泉村大字豊郷字寺湯", "town"),
        ("〇〇町大字北原に住む87歳の男性", "〇〇町大字北原", "town"),
        ("字東谷の集落で暮らす90代の元消防団長", "字東谷", "town"),
        ("長野県下伊那郡阿南町大字富草", "長野県下伊那郡阿南町大字富草", "town"),  # a field
        ("（横浜市港北区日吉本町）", "横浜市港北区日吉本町", "town"),
        ("住所：港北区日吉本町", "港北区日吉本町", "town"),
        ("字小谷の集落（6世帯）に住む", "字小谷", "town"),
        ("大字東原で養鶏場を経営する男性", "大字東原", "town"),  # about someone
        ("松田さん（22歳、中央二丁目在住）", "中央二丁目", "town"),
        ("港北区日吉本町にお住まいの方", "港北区日吉本町", "town"),
        ("沖縄県宮古島市平良字西里186番地", "沖縄県宮古島市平良字西里186番地", "full"),
        ("東京都三宅村阿古497番地", "東京都三宅村阿古497番地", "full"),
        ("新潟市中央区学校町通一番町602番地1", "新潟市中央区学校町通一番町602番地1", "full"),
        (
            "京都市中京区寺町通御池上る上本能寺前町488番地",
            "京都市中京区寺町通御池上る上本能寺前町488番地",
            "full",
        ),
        ("高知県長岡郡大豊町怒田地区に住む", "高知県長岡郡大豊町怒田地区", "area"),
        ("千葉県松戸市常盤平団地", "千葉県松戸市常盤平団地", "area"),
        # A building of an estate and its room: the home.
        ("市営緑ヶ丘団地3号棟201号室", "緑ヶ丘団地3号棟201号室", "full"),
        # a building by its own name after a space, with its room
        (
            "沼津市岡宮１３５４－７ グランシャリオ岡宮 Ｂ棟１０２",
            "沼津市岡宮１３５４－７ グランシャリオ岡宮 Ｂ棟１０２",
            "full",
        ),
        ("群馬県太田市西本町４５番地１２ アーバン西本町３０３", "群馬県太田市西本町４５番地１２ アーバン西本町３０３", "full"),
        # an estate's building where someone lives: the estate's precision
        ("東京都多摩市貝取第二団地7号棟に住む63歳の女性", "東京都多摩市貝取第二団地7号棟", "area"),
        # a town of Japan, a district, a redacted place before a word of living there
        ("窓口相談：日吉本町在住の38歳女性", "日吉本町", "town"),
        ("相談受付：上川原地区に住む52歳の男性", "上川原地区", "area"),
        ("○○区△△町の市営住宅に住む104歳の男性", "○○区△△町", "town"),
        ("相談者は日吉本町三丁目の住人", "日吉本町三丁目", "town"),  # not 日吉 the surname
    ],
)
def test_addresses_with_precision(text: str, value: str, precision: str) -> None:
    assert address(text) == [(value, f"precision={precision}")]


@pytest.mark.parametrize(
    "text",
    [
        "横浜市港北区に住んでいる",  # a municipality alone
        "港北区日吉本町のイベント",  # a town without anyone living there
        "開催場所：港北区日吉本町",
        "区別の人口：北区 12万3,456人、中央区 9万8,765人",
        "大字東原の農道を改修する",
        "出水市野田町下名で国道3号に合流し",
        "長野県道407号長瀬横倉停車場線",
        "会場は横浜市港北区日吉本町です",
        "宮崎県日向市大字日知屋から同市大字財光寺に至るバイパス",
        "近い概念の文字には近い字形が使用される",
        "11頭中10番人気",
        "日の里12号公園",
        "焼津市小川地区の行事",
        "本町通りの商店街",
        "中央図書館で開催",
        "この字は読めない",
        "数字と文字を区別する",
        "赤字の字幅",
        "栄町の八百屋",
        "横浜市の人口は377万人",
        "令和6年4月1日から3年間",
        "第2期計画の3-1を参照",
        # 号棟 numbers a building of an estate (a small area), not a house of a block.
        "緑ヶ丘団地3号棟に住む男性",
        "川原町団地2号棟5階、46歳男性",  # a floor, not a room
        "各地区に住む高齢者",
        "本町在住の方",
    ],
)
def test_not_addresses_issue_11(text: str) -> None:
    assert address(text) == []


@pytest.mark.parametrize(
    "text, personal",
    [
        # the owner of a home is in its sentence; a described person counts
        ("R7.11.6 住民係。大字栃窪の元消防団分団長（76歳）が来庁し", True),
        ("相談メモ：字上平の双子の男の子（村立小学校2年）について", True),
        ("大字宮田でペンション「森の詩」を経営している者です。", True),
        ("市立病院（大字北原123番地）の看護師", False),
        ("対象者：村上 ハル（93歳）、静岡県島田市本通三丁目8番付近の一戸建て。", True),
    ],
)
def test_whose_town_address(text: str, personal: bool) -> None:
    addresses = [f for f in found(text) if f.type == "ADDRESS"]
    assert addresses and all(f.personal is personal for f in addresses), addresses


def test_every_finding_states_its_precision() -> None:
    text = "横浜市中区本町三丁目12番5号と港北区日吉本町在住、大字北原に住む。松戸市常盤平団地在住"
    precisions = [d for _, d in address(text)]
    assert precisions == ["precision=full", "precision=town", "precision=town", "precision=area"]


@pytest.mark.parametrize(
    "text, personal",
    [
        ("横浜市役所 横浜市中区本町6丁目50番地の10", False),  # an office: institutional
        ("所在地：焼津市本町2-16-32（焼津市役所）", False),
        ("相談者の自宅 横浜市中区本町三丁目12番5号", True),
        ("佐藤花子さん（横浜市港北区日吉本町三丁目12番5号）", True),
    ],
)
def test_facilities_stay_institutional(text: str, personal: bool) -> None:
    fs = found(text, "ADDRESS")
    assert len(fs) == 1 and fs[0].personal is personal


@pytest.mark.parametrize(
    "text, value",
    [
        ("Address: 2-14-8 Kamata, Ota-ku, Tokyo 144-0052", "2-14-8 Kamata, Ota-ku, Tokyo 144-0052"),
        ("住所 Kamata 2-14-8, Ota-ku, Tokyo", "Kamata 2-14-8, Ota-ku, Tokyo"),
        ("I live at 3-5-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo.", "3-5-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo"),
        ("1-2 Umeda, Kita-ku, Osaka City Apt 502", "1-2 Umeda, Kita-ku, Osaka City Apt 502"),
    ],
)
def test_romaji_addresses(text: str, value: str) -> None:
    assert address(text) == [(value, "precision=full")]


@pytest.mark.parametrize(
    "text", ["Tokyo 2020 Olympics", "See section 3-1 of the Osaka plan", "Chiba-ken no jinko"]
)
def test_not_romaji_addresses(text: str) -> None:
    assert address(text) == []
