"""Masking and restoring: consistent placeholders, exact restoration (Hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hinagata import scan
from hinagata.mask import mask, restore


def test_same_value_same_placeholder_across_spacing_and_width() -> None:
    text = "高橋 健一さんと高橋健一さん、電話０９０－１２３４－５６７８と090-1234-5678"
    m = mask(text, scan(text))
    assert m.text == "〔氏名1〕さんと〔氏名1〕さん、電話〔電話番号1〕と〔電話番号1〕"


def test_different_values_get_numbered_placeholders() -> None:
    text = "申請者 高橋健一、世帯主 佐藤花子"
    m = mask(text, scan(text))
    assert m.text == "申請者 〔氏名1〕、世帯主 〔氏名2〕"
    assert m.mapping == {"〔氏名1〕": "高橋健一", "〔氏名2〕": "佐藤花子"}


def test_special_care_and_institutional_values_stay() -> None:
    text = "佐藤花子さんが入院。市役所代表 03-5253-5111"
    m = mask(text, scan(text))
    assert "入院" in m.text and "03-5253-5111" in m.text and "佐藤花子" not in m.text


def test_restore_ignores_unknown_placeholders() -> None:
    assert restore("〔氏名9〕と〔氏名1〕", {"〔氏名1〕": "高橋"}) == "〔氏名9〕と高橋"


_PIECES = st.sampled_from(
    [
        "高橋健一",
        "佐藤 花子",
        "090-1234-5678",
        "hanako@example.jp",
        "〒100-8926",
        "個人番号 123456789018",
        "さん、",
        "。",
        "の件",
        "\n",
    ]
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=10))
def test_restore_of_mask_gives_back_the_original(pieces: list[str]) -> None:
    text = "".join(pieces)
    findings = scan(text)
    m = mask(text, findings)
    # Each value restores to how it was first written; here every value is written one way.
    assert restore(m.text, m.mapping) == text
    for f in m.replaced:
        assert f.text not in m.text
    # Placeholders are consistent: one per distinct value.
    assert len(set(m.mapping.values())) == len(m.mapping)
