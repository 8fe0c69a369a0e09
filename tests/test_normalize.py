from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hinagata.text import normalize, normalize_for_detection


def test_full_width_digits_and_dashes_fold() -> None:
    n = normalize("０９０－１２３４－５６７８")
    assert n.text == "090-1234-5678"
    assert n.identity  # same length: offsets need no map


def test_katakana_long_mark_becomes_dash_only_between_digits() -> None:
    assert normalize("090ー1234ー5678").text == "090-1234-5678"
    assert normalize("データー").text == "データー"


def test_hyphen_variants() -> None:
    for dash in "‐‑‒–—―−－﹣":
        assert normalize(f"03{dash}5253{dash}5111").text == "03-5253-5111", dash


def test_invisible_characters_removed_and_offsets_mapped() -> None:
    original = "\ufeff個人番号\u200b1234\u200d5678 9018"
    n = normalize(original)
    assert n.text == "個人番号12345678 9018"
    start = n.text.index("1234")
    s, e = n.span_to_original(start, len(n.text))
    assert original[s:e] == "1234\u200d5678 9018"


def test_length_changing_nfkc_maps_back() -> None:
    original = "㈱テスト ｶﾞｲﾄﾞ ①番"
    n = normalize(original)
    assert n.text == "(株)テスト ガイド 1番"
    i = n.text.index("ガイド")
    s, e = n.span_to_original(i, i + 3)
    assert original[s:e] == "ｶﾞｲﾄﾞ"
    s, e = n.span_to_original(0, 3)
    assert original[s:e] == "㈱"


_alphabet = st.sampled_from(
    [*list("あいう漢字カナ0123456789０１２３-－ー‐ ㈱①ｶﾞﾃﾞｰ\u200b\u200d\ufeff゙́"), "𝟏"]
)


@given(st.text(alphabet=_alphabet, max_size=40))
def test_map_is_monotone_and_within_bounds(original: str) -> None:
    n = normalize(original)
    prev_s = prev_e = 0
    for i in range(len(n.text) + 1):
        s = n.start_to_original(i)
        e = n.end_to_original(i)
        assert 0 <= s <= len(original)
        assert 0 <= e <= len(original)
        assert s >= prev_s and e >= prev_e
        prev_s, prev_e = s, e
    if n.text:
        # The whole normalised text covers the whole original but removed invisibles at its ends.
        s, e = n.span_to_original(0, len(n.text))
        assert all(c in "\u200b\u200d\ufeff" for c in original[:s] + original[e:])


@given(st.text(alphabet=_alphabet, max_size=40), st.data())
def test_each_normalised_span_comes_from_its_original_span(
    original: str, data: st.DataObject
) -> None:
    n = normalize(original)
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    s, e = n.span_to_original(a, b)
    assert s < e
    # Normalising the original span alone reproduces the normalised span (modulo the
    # context-dependent ー→- rule and composition with a neighbour at the edges).
    again = _base(normalize(original[s:e]).text)
    want = _base(n.text[a:b])
    assert want in again


def _base(text: str) -> str:
    """NFKC without combining marks and with ー as -: what must survive any slicing."""
    folded = unicodedata.normalize("NFKC", text).replace("ー", "-")
    return "".join(c for c in folded if not unicodedata.combining(c))


# ------------------------------------------------------------------ detection folding

_evasive_alphabet = st.sampled_from(
    [
        *list("0123456789٠١٢۹०१२〇一二九○OolI佐藤花子あい -./・\n\t　ー"),
        "&#20304;",
        "&amp;",
        "%E4%BD%90",
        "%20",
        "\\u4f50",
        "MDkwLTEyMzQtNTY3OA==",
        "\u200b",
        "㈱",
    ]
)


@given(st.lists(_evasive_alphabet, max_size=40).map("".join))
def test_detection_map_is_monotone_and_within_bounds(original: str) -> None:
    n = normalize_for_detection(original)
    assert n.original == original
    prev_s = prev_e = 0
    for i in range(len(n.text) + 1):
        s = n.start_to_original(i)
        e = n.end_to_original(i)
        assert 0 <= s <= len(original)
        assert 0 <= e <= len(original)
        assert s >= prev_s and e >= prev_e
        prev_s, prev_e = s, e
    for a in range(len(n.text)):
        s, e = n.span_to_original(a, a + 1)
        assert s < e or n.text[a] in "0123456789"  # never an empty source for a character


def test_detection_folds_only_what_it_must() -> None:
    plain = "令和7年5月3日に三丁目の公民館で会議（2024/5/3）。資料は10 20 30。"
    assert normalize_for_detection(plain).text == normalize(plain).text


def test_decoded_token_maps_to_the_whole_token() -> None:
    original = "名前：&#20304;&#34276;です"
    n = normalize_for_detection(original)
    assert n.text == "名前:佐藤です"
    # A run of entities is one token: a part of its text maps to all of it.
    s, e = n.span_to_original(3, 4)
    assert original[s:e] == "&#20304;&#34276;"
    s, e = n.span_to_original(5, 7)
    assert original[s:e] == "です"


def test_removed_separators_are_inside_the_span() -> None:
    original = "TEL 090\n1234\n5678。"
    n = normalize_for_detection(original)
    assert n.text == "TEL 09012345678。"
    assert original[slice(*n.span_to_original(4, 15))] == "090\n1234\n5678"
    # A span that ends before a removed gap does not swallow it.
    assert original[slice(*n.span_to_original(4, 7))] == "090"


def test_rewrite_refuses_overlapping_edits() -> None:
    import pytest

    n = normalize("abcdef")
    with pytest.raises(ValueError):
        n.rewrite([(0, 3, "x"), (2, 4, "y")])
    with pytest.raises(ValueError):
        n.with_text("abc")


# Security probe L6: invisible characters and marks that compose with nothing.


def test_every_format_character_is_invisible() -> None:
    for ch in ("\u06dd", "\u0600", "\u115f", "\u1160", "\u2800", "\U0001d173", "\U0001d17a"):
        original = f"090{ch}1234{ch}5678"
        n = normalize(original)
        assert n.text == "09012345678", hex(ord(ch))
        assert n.span_to_original(0, len(n.text)) == (0, len(original))


def test_marks_on_digits_and_kanji_are_removed() -> None:
    original = "0\u03019\u20d20\ufe0f\u20e3 高\u0301橋"
    n = normalize(original)
    assert n.text == "090 高橋"
    s, e = n.span_to_original(0, 3)
    assert original[s:e] == "0\u03019\u20d20\ufe0f\u20e3"
    assert n.span_to_original(4, 6) == (len(original) - 3, len(original))


def test_marks_on_latin_letters_are_kept() -> None:
    assert normalize("cafe\u0301").text == "café"  # composed by NFKC
    assert normalize("q\u0301").text == "q\u0301"  # nothing to compose with: kept
    assert normalize("か\u3099").text == "が"
