"""Institutional contacts and administrative prose: reported, but not personal."""

from __future__ import annotations

from pathlib import Path

import pytest

from _helpers import found
from hinagata import scan

_PROSE = Path(__file__).parent / "data" / "admin_prose_ja.txt"


def _prose_lines() -> list[str]:
    return [
        line
        for line in _PROSE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


@pytest.mark.parametrize("line", _prose_lines())
def test_administrative_prose_has_no_personal_findings(line: str) -> None:
    personal = [(f.type, f.text) for f in scan(line) if f.personal]
    assert personal == []


def test_administrative_prose_still_reports_institutional_contacts() -> None:
    everything = [f for line in _prose_lines() for f in scan(line)]
    kinds = {f.type for f in everything}
    assert {"PHONE_NUMBER", "ADDRESS", "EMAIL", "POSTAL_CODE", "CORPORATE_NUMBER"} <= kinds


def test_person_address_is_personal() -> None:
    [f] = found("生活保護の相談に来た佐藤花子さん（横浜市港北区新横浜三丁目12番5号）", "ADDRESS")
    assert f.personal is True


def test_facility_address_is_institutional() -> None:
    [f] = found("市役所本館 静岡県焼津市本町2-16-32", "ADDRESS")
    assert f.personal is False


def test_special_care_about_someone_named_in_previous_sentence() -> None:
    fs = found("母の高橋花子さんが入院した。\n世帯は生活保護を検討中。", "SENSITIVE")
    assert [(f.text, f.personal) for f in fs] == [("入院", True), ("生活保護", True)]


def test_address_label_is_not_an_organisation() -> None:
    # 住所 ends in 所 like 事務所, but it labels a person's address.
    [f] = found("相談者：高橋 健一、住所 神奈川県横浜市西区みなとみらい三丁目5番1号。", "ADDRESS")
    assert f.personal is True


def test_an_extension_cue_does_not_make_the_mobile_after_it_institutional() -> None:
    """「内線81 090-…」: 内線 belongs to 81; the mobile written after it is personal."""
    from hinagata import scan

    found = {f.text: f.personal for f in scan("連絡は内線81 090-1234-5678 へ")}
    assert found.get("090-1234-5678") is True
    direct = {f.text: f.personal for f in scan("総務課 直通 03-1234-5678")}
    assert direct.get("03-1234-5678") is False


@pytest.mark.parametrize(
    "text",
    [
        "長女（090-5555-4471）に連絡、〇〇ケアプランセンターの担当にも共有",
        "〇〇ケアプランセンター 長女 090-1234-5678",
        "キーパーソンは長男（080-1234-5678）。〇〇訪問看護ステーションとも連携",
        "緊急連絡先：長男 080-2222-3333（勤務先 株式会社〇〇）",
        "妻の携帯 090-1234-5678（〇〇病院に入院中）",
        "長男（〇〇病院勤務、090-1234-5678）",  # the bracket's owner is the son
        "〇〇包括支援センターより、次女 080-1111-2222 へ折り返し",
    ],
)
def test_kin_mobile_near_an_office_word_is_personal(text: str) -> None:
    [f] = found(text, "PHONE_NUMBER")
    assert f.personal is True


@pytest.mark.parametrize(
    "text",
    [
        "〇〇センター（電話 054-123-4567）",
        "〇〇ケアプランセンターの担当 090-5555-4471",
        "〇〇病院（090-1234-5678）、長男が付き添い",  # the son is in another clause
        "家族介護支援センター 090-1234-5678",  # kin word inside the office's name
        "家族介護支援センター 054-123-4567",
        "母子保健センター（電話 054-123-4567）",
        "夫の勤務先 株式会社〇〇（054-123-4567）",
        "〇〇病院（地域連携室、090-1234-5678）",
    ],
)
def test_office_numbers_stay_institutional(text: str) -> None:
    [f] = found(text, "PHONE_NUMBER")
    assert f.personal is False


def test_postal_code_follows_its_address() -> None:
    # 駅 inside 博多駅前 names a place, not an office: the home's postal code is personal.
    home = {f.type: f.personal for f in scan("〒812-0011 福岡県福岡市博多区博多駅前二丁目20番1号")}
    assert home["POSTAL_CODE"] is True
    office = {f.type: f.personal for f in scan("〒420-0853 静岡市葵区追手町9番6号 静岡市役所")}
    assert office == {"POSTAL_CODE": False, "ADDRESS": False}


@pytest.mark.parametrize(
    "text, value",
    [
        # published minutes: the section head named in brackets after the post
        (
            "厚生委員会記録（令和7年9月16日）\n○こども家庭課長（石原 美和）　現在、試算しております。",
            "石原 美和",
        ),
        ("吉村 幸恵町長は11月20日、町内の保育園を訪問しました。（町ホームページ掲載）", "吉村 幸恵"),
        ("令和7年4月1日付け人事異動（部長級）：福祉部長 原 美香。（報道発表資料）", "原 美香"),
        # a form's example, in English too
        (
            "Please enter your name (e.g., Taro Yamada) and date of birth (e.g., 1990-01-01).",
            "Taro Yamada",
        ),
    ],
)
def test_public_or_example_names_are_not_personal(text: str, value: str) -> None:
    names = [f for f in scan(text) if f.type == "PERSON_NAME" and f.text == value]
    assert names and not any(f.personal for f in names), scan(text)


def test_a_direct_line_is_the_sections_and_so_is_the_fax_after_it() -> None:
    text = "市民課 直通 022-555-1234　FAX 022-555-1299"
    phones = [f for f in scan(text) if f.type == "PHONE_NUMBER"]
    assert len(phones) == 2 and not any(f.personal for f in phones)


def test_a_personnel_notice_is_personal() -> None:
    text = "人事異動の内示：福祉部長 原 美香。（報道発表前）"
    assert any(f.personal for f in scan(text) if f.type == "PERSON_NAME")


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("演習では架空の人物「甲野 乙子」を使う。", "PERSON_NAME", "甲野 乙子"),
        ("高田 裕子市長と森 健太郎市議会議長が記者会見で発表しました。", "PERSON_NAME", "森 健太郎"),
        ("お知らせ：北町二丁目12番付近の市道で漏水がありました。", "ADDRESS", "北町二丁目12番"),
        ("住所の表記例：「○○市△△町一丁目2番3号」", "ADDRESS", "△△町一丁目2番3号"),
    ],
)
def test_nobodys_names_and_places(text: str, kind: str, value: str) -> None:
    hits = [f for f in scan(text) if f.type == kind and f.text == value]
    assert hits and not any(f.personal for f in hits), scan(text)


def test_a_redacted_municipality_keeps_the_home_personal() -> None:
    hits = [f for f in scan("〇〇町大字北原123番地に住む87歳の男性") if f.type == "ADDRESS"]
    assert hits and all(f.personal for f in hits)


def test_a_count_after_a_special_care_term_is_a_statistic() -> None:
    text = "生活保護 35世帯、就学援助 120人（令和7年3月末）"
    terms = [f for f in scan(text) if f.type == "SENSITIVE"]
    assert terms and not any(f.personal for f in terms)


def test_a_form_under_its_example_header_is_nobodys() -> None:
    text = "【記入例】\n氏名　　　申請 太郎（しんせい たろう）\n住所　　　△△市□□町一丁目1番1号"
    found = [f for f in scan(text) if f.type in ("PERSON_NAME", "ADDRESS")]
    assert found and not any(f.personal for f in found)


@pytest.mark.parametrize(
    "mail, personal",
    [
        ("nagao-m@city.example.lg.jp", True),  # a staff member's own mailbox
        ("shimin@city.example.lg.jp", False),
        ("shimin-ka@city.example.lg.jp", False),
    ],
)
def test_government_mailboxes(mail: str, personal: bool) -> None:
    (f,) = [f for f in scan("連絡先 " + mail) if f.type == "EMAIL"]
    assert f.personal is personal


def test_a_statistic_of_rare_diseases_is_nobodys() -> None:
    text = "指定難病 医療受給者証の所持者数\nパーキンソン病\t412人\n全身性エリテマトーデス\t97人"
    assert not any(f.personal for f in scan(text) if f.type == "SENSITIVE")


def test_a_designated_disease_is_special_care() -> None:
    found = scan("元村長の奥さん（84歳）が、全身性エリテマトーデスの受給者証を更新した。")
    assert any(f.type == "SENSITIVE" and f.text == "全身性エリテマトーデス" for f in found)


def test_an_officials_office_line_is_the_offices() -> None:
    text = "補導センターだより 第48号\n少年補導センター所長 岡田 美和子　電話 092-555-4810"
    assert not any(f.personal for f in scan(text) if f.type in ("PERSON_NAME", "PHONE_NUMBER"))


def test_a_facility_list_names_no_one() -> None:
    text = "綱島地域包括支援センター　横浜市港北区綱島西二丁目7-3 綱島ビル2階　045-555-3102"
    found = scan(text)
    assert not any(f.type == "PERSON_NAME" for f in found)
    assert [f.text for f in found if f.type == "PHONE_NUMBER"] == ["045-555-3102"]


# --- the review of the issue-11 rules: no "nobody's" cue may clear a real record --------


@pytest.mark.parametrize(
    "text",
    [
        "【記入例】\n個人番号 123456789018 佐藤花子 横浜市港北区日吉本町三丁目12番5号",
        "架空の人物佐藤花子 昭和45年5月3日生 HIV陽性",
        "甲野花子さん（昭和45年5月3日生）がうつ病で通院。",
        "課長 佐藤花子。だより。夫からのDVで避難中。",
    ],
)
def test_an_example_or_publication_cue_never_clears_a_real_record(text: str) -> None:
    from hinagata import check

    d = check(text, "example-consumer-chat")
    assert d.verdict == "deny" and d.information_class in ("3B", "3C"), d.reasons


@pytest.mark.parametrize(
    "text",
    [
        "横浜市港北区日吉本町三丁目12番5号で火災、住人の80代男性が死亡。",
        "80代男性（横浜市港北区日吉本町三丁目12番5号付近の市道沿いの一軒家）がうつ病",
        "横浜市港北区日吉本町三丁目12番5号の漏水について、居住者の80代女性から連絡",
    ],
)
def test_a_home_near_a_road_or_an_incident_stays_a_home(text: str) -> None:
    addresses = [f for f in scan(text) if f.type == "ADDRESS"]
    assert addresses and all(f.personal for f in addresses)


def test_one_person_is_no_statistic() -> None:
    terms = [f for f in scan("佐藤花子さんは認知症 1人暮らし。") if f.type == "SENSITIVE"]
    assert terms and all(f.personal for f in terms)


@pytest.mark.parametrize(
    "mail, personal",
    [("t.tanaka", True), ("suzuki.h", True), ("kokuho", False), ("chiiki", False)],
)
def test_named_mailboxes_on_a_government_domain(mail: str, personal: bool) -> None:
    (f,) = [f for f in scan(f"連絡先 {mail}@city.example.lg.jp") if f.type == "EMAIL"]
    assert f.personal is personal
