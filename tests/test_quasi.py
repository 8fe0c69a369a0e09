"""Quasi-identifiers (特異な記述): each recognizer kind, positive and negative invented examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hinagata import scan
from hinagata.detect.quasi import QUASI_KINDS, load_vocabulary


def _quasi(text: str) -> list[tuple[str | None, str]]:
    return [(f.category, f.text) for f in scan(text) if f.type == "QUASI_IDENTIFIER"]


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("87歳の男性が来所した", "age", "87歳"),
        ("八十七歳の女性", "age", "八十七歳"),
        ("本人は満102歳", "age", "102歳"),
        ("大字北原に住む方", "area", "大字北原"),
        ("字東谷の集落で暮らす", "area", "字東谷"),
        ("北原地区の住民から", "area", "北原地区"),
        ("県営みどり団地3号棟に住む", "area", "3号棟"),
        ("自治会の3班の班長", "area", "自治会の3班"),
        ("元町議会議員の男性", "role", "元町議会議員"),
        ("民生委員から連絡", "role", "民生委員"),
        ("前消防団長が入院", "role", "前消防団長"),
        ("市立第二中学校3年1組の生徒", "school_class", "市立第二中学校3年1組"),
        ("2年3組の女子生徒", "school_class", "2年3組"),
        ("駅前のパン屋の店主", "workplace", "駅前のパン屋の店主"),
        ("鍛冶屋を営む男性", "workplace", "鍛冶屋を営む"),
        ("長男と二人暮らし", "family", "長男と二人暮らし"),
        ("双子の姉妹", "family", "双子の姉妹"),
        ("三世代同居の世帯", "family", "三世代同居"),
        ("パーキンソン病で通院", "rare_condition", "パーキンソン病"),
        ("潰瘍性大腸炎の治療中", "rare_condition", "潰瘍性大腸炎"),
        ("指定難病の受給者証", "rare_condition", "指定難病"),
        ("令和6年4月3日に転入", "event_date", "令和6年4月3日"),
        ("5月12日に逮捕された", "event_date", "5月12日"),
        ("佐藤さんの奥さんが", "kin", "佐藤さんの奥さん"),
        ("町内最高齢の女性", "singular", "最高齢"),
        # the singular with its place and what it describes
        ("市内に一軒だけの鍛冶屋", "singular", "市内に一軒だけの鍛冶屋"),
        ("娘が不登校になった", "matter", "不登校"),
    ],
)
def test_each_kind_is_recognised(text: str, kind: str, value: str) -> None:
    assert (kind, value) in _quasi(text), _quasi(text)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("65歳以上の方が対象です", "age"),
        ("65～74歳の方", "age"),
        ("3歳児健診のお知らせ", "age"),
        ("文字の大きさ", "area"),
        ("各地区の代表", "area"),
        ("市長選挙の投票日", "role"),
        ("校長会の資料", "role"),
        ("パン屋で買い物をした", "workplace"),
        ("唯一の方法です", "singular"),
        ("不登校対策の会議", "matter"),
        ("4月20日に講演会を開きます", "event_date"),
        ("皆さんの家族の健康", "kin"),
        ("利用者の皆様のご家族へ", "kin"),
        # no one described: 母子手帳, a parent in general, a compound
        ("母子手帳の交付は保健センターで行います", "kin"),
        ("ひとり親家庭の父または母を対象とした講座", "kin"),
        ("父親の育児参加を促す講座を開催", "kin"),
        ("各課長の家族構成は把握していない", "kin"),
        # deadlines and notices are no events
        ("4月1日までに申請してください", "event_date"),
        ("8月2日 15時から説明会を開催します", "event_date"),
        ("「広報やいづ」の職員向け記事", "workplace"),
        ("本店の職員", "workplace"),
        ("各行政区の区長に依頼", "area"),
        ("担当課長が説明する", "role"),
        ("福祉課長が答弁した（会議録）", "role"),
        ("課長補佐の研修", "role"),
        ("勤務先：なし", "workplace"),
        ("受給者数：潰瘍性大腸炎 412人、パーキンソン病 389人", "rare_condition"),
        ("少年補導センター所長 岡田 美和子", "matter"),
        ("R7.4.10 訪問、本人が転倒の話", "event_date"),
        ("説明会（令和7年11月1日）の資料", "event_date"),
        ("市立小学校2年の児童を対象に", "school_class"),
    ],
)
def test_not_a_quasi_identifier(text: str, kind: str) -> None:
    assert kind not in [k for k, _ in _quasi(text)], _quasi(text)


def test_ages_of_100_and_over_are_marked() -> None:
    found = [f for f in scan("百五歳と87歳") if f.type == "QUASI_IDENTIFIER"]
    assert [(f.text, f.detail) for f in found] == [("百五歳", "100_plus"), ("87歳", None)]


def test_workplace_run_by_the_person_is_marked() -> None:
    found = {f.text: f.detail for f in scan("駅前のパン屋を経営。駅前の花屋") if f.category}
    assert found["駅前のパン屋を経営"] == "run" and found["駅前の花屋"] is None


def test_quasi_identifiers_are_not_personal_values_and_may_overlap() -> None:
    text = "パーキンソン病で通院中"
    found = scan(text)
    assert {(f.type, f.text) for f in found} >= {
        ("SENSITIVE", "パーキンソン病"),
        ("QUASI_IDENTIFIER", "パーキンソン病"),
    }
    assert all(not f.personal for f in found if f.type == "QUASI_IDENTIFIER")


def test_vocabulary_names_its_source() -> None:
    v = load_vocabulary()
    assert "指定難病" in v.disease_source
    assert "パーキンソン病" in v.diseases and "視神経脊髄炎" in v.diseases  # ／ split


def test_kinds_are_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "finding-types.md").read_text("utf-8")
    assert "QUASI_IDENTIFIER" in doc
    for kind in QUASI_KINDS:
        assert f"`{kind}`" in doc, kind


_PIECES = st.sampled_from(
    [
        "大字北原",
        "87歳",
        "元町議会議員",
        "3年1組",
        "駅前のパン屋",
        "双子",
        "パーキンソン病",
        "4月3日に転入",
        "佐藤さんの奥さん",
        "最高齢",
        "不登校",
        "の",
        "、",
        "。",
        "\n",
        "男性",
        "ＡＢ",
        "０９",
        "　",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_offsets_index_the_original_text(parts: list[str]) -> None:
    text = "".join(parts)
    for f in scan(text):
        assert text[f.start : f.end] == f.text
        if f.type == "QUASI_IDENTIFIER":
            assert f.category in QUASI_KINDS


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("駅前商店街でたばこ屋を営む女性", "workplace", "商店街でたばこ屋を営む"),
        ("町内の老舗旅館「○○館」の女将から", "workplace", "旅館「○○館」の女将"),
        ("ひまわり保育園 年長組の男児", "school_class", "ひまわり保育園 年長組"),
        ("父が令和7年5月16日に覚せい剤取締法違反で逮捕された", "event_date", "令和7年5月16日"),
        ("元小学校長で地域の人はみな知っている", "role", "元小学校長"),
    ],
)
def test_tuned_forms(text: str, kind: str, value: str) -> None:
    assert (kind, value) in _quasi(text), _quasi(text)


def test_a_described_person_is_personal_but_weighs_nothing() -> None:
    found = [f for f in scan("市内在住の30代女性から問い合わせがあった") if f.category == "person"]
    assert [(f.text, f.personal) for f in found] == [("30代女性", True)]
    assert not [f for f in scan("30代女性の就業率は72%です") if f.category == "person"]
    assert "100歳" not in [
        f.text for f in scan("100歳を迎える方に記念品をお届けします") if f.category
    ]


@pytest.mark.parametrize(
    "text, kind, value",
    [
        # kin: chains, in-laws, placeholders and katakana names, a described person
        ("佐藤さんの長男の嫁が介護を担っている", "kin", "佐藤さんの長男の嫁"),
        ("長男の嫁が介護している", "kin", "長男の嫁"),
        ("田中さんの義母が入院した", "kin", "田中さんの義母"),
        ("山田さんの孫が不登校", "kin", "山田さんの孫"),
        ("〇〇さんの内縁の夫から暴力", "kin", "〇〇さんの内縁の夫"),
        ("マリアさんの夫が失業", "kin", "マリアさんの夫"),
        ("〔氏名1〕の長男が逮捕された", "kin", "〔氏名1〕の長男"),
        ("高橋様宅の次男", "kin", "高橋様宅の次男"),
        ("保護者の父が逮捕された", "kin", "父"),
        ("生徒の父親から苦情", "kin", "父親"),
        # kin after a name the name recognizer found: no honorific, a title, a parenthesis
        ("佐藤花子の長男が来庁した", "kin", "佐藤花子の長男"),
        ("佐藤課長の奥さんが入院された", "kin", "佐藤課長の奥さん"),
        ("鈴木さん（72歳）の息子が失業中", "kin", "鈴木さん（72歳）の息子"),
        ("佐藤家の次男が家業を継いだ", "kin", "佐藤家の次男"),
        ("相談者の夫は会社員", "kin", "夫"),
        ("消防団長（第5分団）の奥さんが図書館に勤務", "kin", "消防団長（第5分団）の奥さん"),
        ("総務課長の長女が税務課に採用された", "kin", "総務課長の長女"),
        # a relation word on its own, in a text about one person
        ("妻（76歳）と二人暮らし。妻は自治会の副会長", "kin", "妻"),
        ("車いすの女性（77歳）。娘は市民病院の看護師", "kin", "娘"),
        # event dates: absence, incidents, an hour, the end of a month
        ("被害生徒は6月12日から登校していない", "event_date", "6月12日"),
        ("9月4日の放課後、体育館の窓ガラスを割った", "event_date", "9月4日"),
        ("副町長が先月18日に酒気帯び運転で検挙された", "event_date", "先月18日"),
        ("事故報告：8月2日 15時ごろ、男児が溺れた", "event_date", "8月2日"),
        ("唯一の医師が来年3月末で退職の意向", "event_date", "来年3月末"),
        # event dates: relative, kanji, dotted and slashed forms
        ("3月15日に入院した", "event_date", "3月15日"),
        ("令和6年4月3日付で転入", "event_date", "令和6年4月3日"),
        ("先月20日に逮捕された", "event_date", "先月20日"),
        ("昨年8月2日に死亡", "event_date", "昨年8月2日"),
        ("三月十五日に入院", "event_date", "三月十五日"),
        ("R6.4.3に転入", "event_date", "R6.4.3"),
        ("2024/4/3に救急搬送", "event_date", "2024/4/3"),
        ("5月5日に満100歳を迎え", "event_date", "5月5日"),
        # workplaces: the shop's name between, the verb and who runs it
        ("駅前の〇〇商店を経営している男性", "workplace", "駅前の〇〇商店を経営している"),
        ("〇〇工場に勤務する40代男性", "workplace", "〇〇工場に勤務する"),
        ("山田製作所に勤務", "workplace", "山田製作所に勤務"),
        ("市役所の臨時職員として働く女性", "workplace", "市役所の臨時職員"),
        ("保護者（父・41歳、村の製材所勤務）", "workplace", "村の製材所勤務"),
        ("大字東原で養鶏場を経営する男性", "workplace", "大字東原で養鶏場を経営する"),
        ("芦沢郵便局の局長（44歳）", "workplace", "芦沢郵便局の局長"),
        ("本庁舎の食堂を運営する業者の店長", "workplace", "食堂を運営する業者の店長"),
        # workplaces by a quoted name, the only one, any shop someone runs
        ("駅前の「ひまわり薬局」の薬剤師の女性", "workplace", "駅前の「ひまわり薬局」の薬剤師"),
        ("市役所前の「喫茶ポプラ」のマスター", "workplace", "市役所前の「喫茶ポプラ」のマスター"),
        ("地区に一軒だけの日用品店を営む男性", "workplace", "一軒だけの日用品店を営む"),
        ("9月3日に村の森林組合を退職し", "workplace", "村の森林組合を退職し"),
        ("同居の孫（集落内の養魚場勤務）", "workplace", "集落内の養魚場勤務"),
        # roles with the body they belong to
        ("父は町の消防団分団長で", "role", "町の消防団分団長"),
        ("市立北小学校のPTA会長を務める男性", "role", "市立北小学校のPTA会長"),
        ("大字栃窪の元消防団分団長が来庁", "role", "元消防団分団長"),
        # a village's school or a tiny one, with a grade; an association's 班 with its name
        ("村立小学校（全校児童18人）の4年生の女児", "school_class", "村立小学校（全校児童18人）の4年生"),
        ("双子の男の子（村立小学校2年）", "school_class", "村立小学校2年"),
        ("旭町内会第3班の102歳の女性", "area", "旭町内会第3班"),
        # council and office roles; a hamlet's 区長; a shrine's priest
        ("会計管理者が10月27日から入院", "role", "会計管理者"),
        ("総務常任委員長の長男が逮捕された", "role", "総務常任委員長"),
        ("陳情者 馬瀬口区長　土屋 茂", "role", "馬瀬口区長"),
        ("八幡神社の宮司（80歳）が転倒", "role", "八幡神社の宮司"),
        ("見守り対象者一覧（第2行政区）", "area", "第2行政区"),
        ("来年4月1日付けで隣の市への転職を考えている", "event_date", "来年4月1日"),
        ("10月1日から隣町の「マルエイ水産」で働き始め", "event_date", "10月1日"),
        ("一時保護（令和7年11月1日）の経過", "event_date", "令和7年11月1日"),
        ("次男が、10月9日から学校に来ていない", "event_date", "10月9日"),
        # a club's captain and grade; the only one of a post; the head of a named section
        ("市立第一中学校の野球部3年で主将を務める男子生徒", "school_class", "市立第一中学校の野球部3年"),
        ("野球部3年で主将を務める", "role", "主将"),
        ("保健師は1名のみ。その保健師が休職", "singular", "は1名のみ"),
        ("総務課長の長女が採用された", "role", "総務課長"),
        ("同じ町役場の税務課に採用された", "workplace", "町役場の税務課に採用"),
        ("道の駅の直売所の責任者", "workplace", "直売所の責任者"),
        # a workplace field; civic volunteer posts; a short date with a few words before the event
        ("勤務先：丸山建設（株）", "workplace", "丸山建設"),
        ("母の勤め先は駅前のスーパー。", "workplace", "駅前のスーパー"),
        ("食生活改善推進員の女性（72歳）が入院", "role", "食生活改善推進員"),
        ("R7.10.3 自宅で転倒し救急搬送", "event_date", "R7.10.3"),
        # an event's field before its day; the end of a month; a singular with what it
        # describes; a team's coach; a section head in katakana; blocks and hamlets
        ("退院予定：令和8年12月18日。", "event_date", "令和8年12月18日"),
        ("審判期日 令和9年1月14日。", "event_date", "令和9年1月14日"),
        ("9月末に東京の会社を辞めて帰郷", "event_date", "9月末"),
        ("村でただ一人の外国語指導助手（ALT）から", "singular", "村でただ一人の外国語指導助手（ALT）"),
        ("少年野球チームの監督（58歳）", "role", "少年野球チームの監督"),
        ("元清掃センター所長で、62歳の男性", "role", "元清掃センター所長"),
        ("白石 勝也　第3ブロック", "area", "第3ブロック"),
        ("上組（14戸）の44歳の男性", "area", "上組"),
        ("県立松本工業高校2年の男子生徒", "school_class", "県立松本工業高校2年"),
        ("町立高校の2年の生徒", "school_class", "町立高校の2年"),
        ("私立聖マリア学院中等部1年B組の女子生徒", "school_class", "私立聖マリア学院中等部1年B組"),
        ("商店街の「大野スポーツ」店主が", "workplace", "商店街の「大野スポーツ」店主"),
        # more events, shops, roles and kin words of the third tune set
        ("10月31日に奥さんを亡くし、手続に来た", "event_date", "10月31日"),
        ("担任の先生が、11月27日から連絡なく出勤していません", "event_date", "11月27日"),
        ("市内に残る最後の銭湯「松の湯」の主人", "workplace", "最後の銭湯「松の湯」の主人"),
        ("村議会議長の長男が経営する「山中土木」が入札", "workplace", "「山中土木」"),
        ("元市議で商工会議所の副会頭を務める男性", "role", "商工会議所の副会頭"),
        ("町長のお母様（95歳）が転倒", "kin", "町長のお母様"),
        ("町内会の会計の方が補助金を個人の口座に", "role", "町内会の会計"),
        ("中町3班の班長を今年引き受けた", "area", "中町3班"),
        # roles, current or former
        ("元町議会議長の男性", "role", "元町議会議長"),
        ("現民生委員の女性", "role", "現民生委員"),
        ("元町会議員", "role", "元町会議員"),
        ("老舗の三代目店主", "role", "三代目店主"),
        ("元町長の妻", "kin", "元町長の妻"),
        # family composition
        ("母子世帯で", "family", "母子世帯"),
        ("高齢者のみ世帯で", "family", "高齢者のみ世帯"),
        ("夫と長男の三人暮らし", "family", "夫と長男の三人暮らし"),
        ("夫を昨年亡くしてから独居", "family", "夫を昨年亡くしてから独居"),
        ("（高齢の母親と中年の息子の二人暮らし）", "family", "高齢の母親と中年の息子の二人暮らし"),
        ("双子の兄弟のみ", "family", "双子の兄弟"),
        ("日中独居の高齢者", "family", "日中独居"),
        # school + grade (+ class)
        ("〇〇小学校5年2組の児童", "school_class", "〇〇小学校5年2組"),
        ("〇〇中学校2年の女子生徒", "school_class", "〇〇中学校2年"),
        ("第二中2年の男子", "school_class", "第二中2年"),
        ("ひまわり小学校3年の長男", "school_class", "ひまわり小学校3年"),
        # an exact age of one child
        ("三つ子（1歳児）の世帯", "age", "1歳"),
        # named workplaces and placeholder areas
        ("〇〇病院に勤務する看護師", "workplace", "〇〇病院に勤務する"),
        ("近くのコンビニに勤務", "workplace", "近くのコンビニに勤務"),
        ("〇〇地区の区長", "area", "〇〇地区"),
    ],
)
def test_municipal_forms(text: str, kind: str, value: str) -> None:
    assert (kind, value) in _quasi(text), _quasi(text)


@pytest.mark.parametrize(
    "text, kind",
    [
        # statistics and general audiences
        ("高齢者のみ世帯は市内に3,000世帯", "family"),
        ("母子家庭の方を対象に手当を支給します", "family"),
        ("父子世帯数は増加している", "family"),
        ("高齢者世帯の割合は30%", "family"),
        ("三世代同居の世帯数", "family"),
        ("家族と同居", "family"),
        ("小学5年生を対象に", "school_class"),
        ("中学2年の女子生徒が", "school_class"),
        ("市立中学2年生を対象に", "school_class"),
        ("本校の中学2年", "school_class"),
        ("入所希望者（0歳児）が5人", "age"),
        ("市役所の臨時職員を募集します", "workplace"),
        ("市内の薬局で購入", "workplace"),
        ("「市役所の職員」を名乗って", "workplace"),
        ("患者の家族向け講座", "kin"),
        ("生徒の保護者の皆さまへ", "kin"),
        ("お子さんの父", "kin"),
        ("5月3日は休館日です", "event_date"),
        ("R7.4.10 訪問", "event_date"),
        ("6/1から工事", "event_date"),
        ("担当地区の見守り", "area"),
        ("4月1日以降に転入した方は届出が必要です", "event_date"),
        ("4月1日から申請を受け付けます", "event_date"),
        ("4月1日から入院患者の面会を制限します", "event_date"),
        ("9月15日に100歳を迎える方に記念品", "event_date"),
        ("三世代同居を促進します", "family"),
        ("子どもとの同居を支援", "family"),
        # offices acting as such, officials named in a publication
        ("市長の年頭挨拶の原稿", "role"),
        ("町長からお祝い状と記念品が贈られました", "role"),
        ("各自治会長あてに通知", "role"),
        ("歴代校長の写真", "role"),
        ("【報道発表】中野 敏之市長は、本日、訪問しました", "role"),
        ("新任校長の紹介：市立中央小学校 校長 西田 恭子", "role"),
    ],
)
def test_not_a_municipal_quasi_identifier(text: str, kind: str) -> None:
    assert kind not in [k for k, _ in _quasi(text)], _quasi(text)


def test_a_named_role_outside_a_publication_still_counts() -> None:
    assert ("role", "町長") in _quasi("佐藤 一郎町長が入院した")
