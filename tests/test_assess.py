"""Identifiability (単体で特定の個人を識別できる) and the class, POLICY_DEFAULTS.md §1."""

from __future__ import annotations

import pytest

from hinagata import scan
from hinagata._check import national_policy
from hinagata.assess import assess


def _assess(text: str):  # type: ignore[no-untyped-def]
    p = national_policy()
    return assess(scan(text), text, p.class_rules, p.markings)


@pytest.mark.parametrize(
    "text, because",
    [
        ("申請者 高橋健一", "full_name"),
        ("たかはし けんいち さんから電話", "full_name"),
        ("マイナンバー 1234 5678 9018", "identifier_code:MY_NUMBER"),
        ("在留カード AB12345678CD", "identifier_code:RESIDENCE_CARD_NUMBER"),
        ("千葉さん（横浜市港北区新横浜三丁目12番5号）", "name_with:ADDRESS"),
        ("千葉さん（1988年11月2日生）", "name_with:BIRTH_DATE"),
        ("千葉さんの携帯 090-1234-5678", "name_with:PHONE_NUMBER"),
        ("連絡先 hanako.chiba@example.jp", "personal_email"),
    ],
)
def test_identifiable(text: str, because: str) -> None:
    a = _assess(text)
    assert a.identifiable, text
    assert any(b.startswith(because) for b in a.identifiable_because), a.identifiable_because
    assert a.rank >= 3


@pytest.mark.parametrize(
    "text",
    [
        "千葉さんに確認した",  # a lone surname with an honorific
        "須藤先生の講演",
        "担当：総務課 情報政策係 山口（内線2345）",  # surname + office extension
        "80代男性（市内在住）から相談があった",  # a description without a name
        "千葉さん、市役所代表 03-5253-5111",  # the phone is the office's
    ],
)
def test_personal_but_not_identifiable(text: str) -> None:
    a = _assess(text)
    assert not a.identifiable, a.identifiable_because
    assert a.rank <= 2


def test_anonymous_description_with_special_care_is_class_2() -> None:
    a = _assess("80代男性（市内在住）が認知症と診断された")
    assert (a.identifiable, a.special_care, a.rank) == (False, ("medical",), 2)


def test_identifiable_and_special_care_is_3b() -> None:
    a = _assess("高橋健一さんは糖尿病で通院している")
    assert a.rank == 4 and a.special_care == ("medical",)
    assert [r.id for r in a.class_rules] == ["C-3B-identifiable-special-care"]


def test_declared_class_only_raises() -> None:
    p = national_policy()
    text = "高橋健一さん"
    assert assess(scan(text), text, p.class_rules, p.markings, declared_rank=5).rank == 5
    assert assess(scan(text), text, p.class_rules, p.markings, declared_rank=1).rank == 3


def test_internal_marking_is_class_2() -> None:
    assert _assess("【内部資料】来年度の事業計画（未定稿）").rank == 2


@pytest.mark.parametrize(
    "text, because",
    [
        ("電話 090-1234-5678 まで折り返し", "personal_phone"),
        ("連絡は hanako88@example.jp へ", "personal_email"),
        ("返信先 k8@example.jp", "email"),
        ("横浜市港北区日吉本町三丁目12番5号の世帯", "residential_address"),
    ],
)
def test_direct_identifiers_without_a_name(text: str, because: str) -> None:
    """POLICY_DEFAULTS §1: a personal phone, e-mail or complete address identifies alone."""
    a = _assess(text)
    assert a.identifiable and because in a.identifiable_because, a.identifiable_because
    assert a.rank == 3


@pytest.mark.parametrize(
    "text",
    [
        "港北区日吉本町在住の方から相談",  # town precision: a quasi-identifier, not identifying
        "情報政策課 直通 054-626-1234",
        "johoseisaku@city.example.lg.jp までご連絡ください",
        "市役所代表電話 03-5253-5111 までお問い合わせください",
    ],
)
def test_not_identifying_contacts(text: str) -> None:
    a = _assess(text)
    assert not a.identifiable, a.identifiable_because


def test_address_precision_is_read_defensively() -> None:
    from hinagata.assess import address_precision
    from hinagata.detect import Finding

    def f(detail: str | None) -> Finding:
        return Finding("ADDRESS", 0, 2, "本町", 0.9, True, None, detail)

    assert address_precision(f(None)) == "full"
    assert address_precision(f("precision=town")) == "town"
    assert address_precision(f("precision=area, source=gazetteer")) == "area"
    assert address_precision(f("precision=bogus")) == "full"


def test_official_in_public_role_in_a_publication_is_class_1() -> None:
    assert _assess("【報道発表】市長 山田太郎は本日、記者会見を行いました。").rank == 1
    # The same name in an internal personnel matter is personal and identifies.
    assert _assess("人事評価：山田太郎課長の面談記録").rank >= 3


def test_special_care_of_a_described_person_without_a_name_is_personal() -> None:
    a = _assess("50代女性、アルコール依存症で入院歴あり")
    assert (a.personal, a.identifiable, a.rank) == (True, False, 2)
    a = _assess("元消防団長が入院中とのこと")
    assert a.personal and a.special_care == ("medical",)


@pytest.mark.parametrize(
    "text, rank",
    [
        ("高齢の男性がうつ病で通院している", 2),
        ("統合失調症で通院中（40代）", 2),
        ("一人暮らしの女性が認知症と診断された", 2),
        ("高齢者の肺炎球菌予防接種のお知らせ", 1),
        ("女性のがん検診は無料です", 1),
    ],
)
def test_described_person_or_general_audience(text: str, rank: int) -> None:
    assert _assess(text).rank == rank
