"""Masking and restoring: consistent placeholders, exact restoration (Hypothesis)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hinagata import Finding, scan
from hinagata.mask import Masker, _mask, mask, restore
from hinagata.mask._mask import _key


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


def test_masker_shares_placeholders_across_the_texts_of_one_request() -> None:
    from hinagata.mask import Masker

    m = Masker()
    a = "申請者 高橋健一"
    b = "高橋健一さんの世帯主は佐藤花子"
    assert m.mask(a, scan(a)).text == "申請者 〔氏名1〕"
    assert m.mask(b, scan(b)).text == "〔氏名1〕さんの世帯主は〔氏名2〕"
    assert m.mapping == {"〔氏名1〕": "高橋健一", "〔氏名2〕": "佐藤花子"}
    # Another request starts from scratch.
    assert Masker().mask(b, scan(b)).text == "〔氏名1〕さんの世帯主は〔氏名2〕"


_MAPPING = {
    "〔氏名1〕": "高橋 健一",
    "〔氏名2〕": "佐藤花子",
    "〔住所1〕": "横浜市港北区新横浜三丁目12番5号",
    "〔電話番号12〕": "090-1234-5678",
}
_STREAM_PIECES = st.sampled_from(
    [
        *_MAPPING,
        "〔",
        "〕",
        "〔氏",
        "名",
        "1",
        "〔注記〕",
        "さん",
        "は",
        "。",
        "〔住所3〕",
        "abc",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_STREAM_PIECES, max_size=25), st.data())
def test_streamed_restore_equals_whole_restore_for_any_chunking(
    pieces: list[str], data: st.DataObject
) -> None:
    from hinagata.mask import StreamRestorer

    text = "".join(pieces)
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=12))))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    r = StreamRestorer(_MAPPING)
    out = "".join(r.feed(c) for c in chunks) + r.flush()
    assert out == restore(text, _MAPPING)


def test_stream_restorer_holds_back_only_a_possible_placeholder() -> None:
    from hinagata.mask import StreamRestorer

    r = StreamRestorer(_MAPPING)
    assert r.feed("結果は〔注記〕と") == "結果は〔注記〕と"  # not a placeholder: no waiting
    assert r.feed("〔住") == ""
    assert r.feed("所1〕です") == "横浜市港北区新横浜三丁目12番5号です"


# --- Repeats of masked values: one automaton pass finds what a search per value found -----


def _other_occurrences_reference(
    text: str,
    replaced: Sequence[Finding],
    spans: Sequence[tuple[int, int, str]],
    numbers: Mapping[tuple[str, str], str],
) -> list[tuple[int, int, str]]:
    """The repeat search as first written: one ``str.find`` walk per value."""
    taken = sorted((s, e) for s, e, _ in spans)
    extra: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for f in replaced:
        value = f.text
        if value in seen or (f.type == "PERSON_NAME" and len(value) < 3) or text.count(value) < 2:
            continue
        seen.add(value)
        ph = numbers[_key(f)]
        i = text.find(value)
        while i >= 0:
            j = i + len(value)
            if not any(i < e and s < j for s, e in taken):
                extra.append((i, j, ph))
                taken.append((i, j))
            i = text.find(value, j)
    return extra


_TYPES = st.sampled_from(["PERSON_NAME", "PHONE_NUMBER", "EMAIL", "ADDRESS", "SENSITIVE"])


@st.composite
def _text_and_findings(draw: st.DrawFn, alphabet: str = "aab-") -> tuple[str, list[Finding]]:
    """A text over a tiny alphabet (values overlap and repeat a lot) and findings in it."""
    text = draw(st.text(alphabet=alphabet, min_size=1, max_size=60))
    findings = []
    for _ in range(draw(st.integers(0, 8))):
        s = draw(st.integers(0, len(text) - 1))
        e = draw(st.integers(s + 1, min(len(text), s + 6)))
        kind = draw(_TYPES)
        findings.append(Finding(kind, s, e, text[s:e], 0.9, draw(st.booleans())))
    return text, findings


@settings(max_examples=500, deadline=None)
@given(_text_and_findings())
def test_repeats_are_masked_as_the_search_per_value_masked_them(
    case: tuple[str, list[Finding]],
) -> None:
    text, findings = case
    got = Masker().mask(text, findings)
    with patch.object(_mask, "_other_occurrences", _other_occurrences_reference):
        want = Masker().mask(text, findings)
    assert got == want
    # Every value is written one way here (no spaces, one width): restoring is exact.
    assert restore(got.text, got.mapping) == text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["高橋健一", "090-1234-5678", "佐藤", "千葉県", "a@b.jp", "の件"]),
        max_size=30,
    ),
    st.data(),
)
def test_every_written_repeat_of_a_masked_value_is_masked(
    tokens: list[str], data: st.DataObject
) -> None:
    text = "|".join(tokens)
    offsets = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
    kinds = {"高橋健一": "PERSON_NAME", "佐藤": "PERSON_NAME", "090-1234-5678": "PHONE_NUMBER"}
    chosen = data.draw(st.sets(st.integers(0, max(len(tokens) - 1, 0)))) if tokens else set()
    findings = [
        Finding(
            kinds.get(tokens[i], "EMAIL"), offsets[i], offsets[i] + len(tokens[i]), tokens[i], 0.9
        )
        for i in sorted(chosen)
        if tokens[i] in kinds or tokens[i] == "a@b.jp"
    ]
    m = Masker().mask(text, findings)
    masked_values = {
        f.text for f in m.replaced if not (f.type == "PERSON_NAME" and len(f.text) < 3)
    }
    left = set(m.text.split("|"))
    assert not masked_values & left  # found once, masked everywhere it is written
    assert restore(m.text, m.mapping) == text
    # Short names are masked only where they were found, never as repeats.
    assert m.text.count("佐藤") == tokens.count("佐藤") - sum(f.text == "佐藤" for f in m.replaced)


def test_generalisation_replaces_quasi_identifiers_and_is_not_restored() -> None:
    from hinagata.mask import generalise_age, generalise_date

    text = "大字北原に住む87歳の元町議会議員が令和6年4月3日に転入"
    found = scan(text)
    quasi = [f for f in found if f.type == "QUASI_IDENTIFIER"]
    m = mask(text, found, generalise=quasi)
    assert "87歳" not in m.text and "80代" in m.text
    assert "〔役職1〕" in m.text and "令和6年4月に転入" in m.text
    assert not any("地域" in k or "役職" in k for k in m.mapping)
    assert restore(m.text, m.mapping) == m.text or "〔役職1〕" in restore(m.text, m.mapping)
    assert {g.kind for g in m.generalised} >= {"age", "role", "event_date"}
    assert not any(f.type == "QUASI_IDENTIFIER" for f in m.kept)
    assert generalise_age("105歳") == "100歳以上" and generalise_age("八十七歳") == "80代"
    assert generalise_date("4月3日") == "4月"


def test_a_generalisation_covering_a_value_replaces_it_and_a_partial_one_is_not_made() -> None:
    from hinagata.detect import Finding

    text = "佐藤さんの奥さんが来所"
    name = Finding("PERSON_NAME", 0, 2, "佐藤", 0.9, True, None, "partial")
    kin = Finding("QUASI_IDENTIFIER", 0, 8, "佐藤さんの奥さん", 0.6, False, "kin")
    m = mask(text, [name, kin], generalise=[kin])
    assert m.text == "〔関係者1〕が来所" and "佐藤" not in m.text
    partial = Finding("QUASI_IDENTIFIER", 1, 8, "藤さんの奥さん", 0.6, False, "kin")
    m = mask(text, [name, partial], generalise=[partial])
    assert m.text.startswith("〔氏名1〕") and not m.generalised
    assert partial in m.kept  # still counted when the masked text is re-assessed


def test_findings_inside_a_masked_value_are_not_kept() -> None:
    text = "〇〇町大字北原に住む"
    found = scan(text)
    m = mask(text, found)
    assert m.text.startswith("〔住所1〕")
    assert not any(f.type == "QUASI_IDENTIFIER" and f.text == "大字北原" for f in m.kept)


def test_a_value_written_with_json_escapes_keeps_its_placeholder() -> None:
    """Tool-call arguments as json.dumps writes them (\\u escapes) name the same person as
    the prompt: one placeholder, not a second person (found with the llm CLI)."""
    plain, escaped = "高橋 健一", json.dumps("高橋 健一")[1:-1]
    assert escaped == "\\u9ad8\\u6a4b \\u5065\\u4e00"
    m = Masker()
    first = m.mask(plain, [Finding("PERSON_NAME", 0, len(plain), plain, 0.9, True)])
    second = m.mask(escaped, [Finding("PERSON_NAME", 0, len(escaped), escaped, 0.9, True)])
    assert first.text == second.text == "〔氏名1〕"
