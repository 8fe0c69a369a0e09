"""Property-based tests: offsets always point at the reported text in the original input."""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hinagata import scan
from hinagata.detect import scan_pieces
from hinagata.detect._detector import _TYPE_RANK, _resolve
from hinagata.detect._types import FINDING_TYPES, Candidate

# Values whose detection does not depend on a label, written in ways that change under
# normalisation (full width, invisible characters, dash variants).
_VALUES = {
    "PHONE_NUMBER": ["090-1234-5678", "03-5253-5111", "06(6208)8181"],
    "EMAIL": ["taro@example.jp", "hanako.sato@example.co.jp"],
    "RESIDENCE_CARD_NUMBER": ["AB12345678CD"],
}
_FILLER = st.text(
    alphabet=st.sampled_from(
        [*list("あいうえおかきくけこ漢字市役所の、。 \n㈱①ｶﾞﾃﾞ"), "\u200b", "\ufeff", "ー"]
    ),
    max_size=30,
)


def _disguise(value: str, data: st.DataObject) -> str:
    out = []
    for ch in value:
        style = data.draw(st.sampled_from(["plain", "wide", "zw"]))
        if style == "wide" and "!" <= ch <= "~":
            out.append(chr(ord(ch) + 0xFEE0))
        elif style == "zw" and ch.isdigit():
            out.append(ch + "\u200b")
        else:
            out.append(ch)
    return "".join(out).rstrip("\u200b")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_inserted_values_are_found_at_their_original_offsets(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(_VALUES)))
    value = data.draw(st.sampled_from(_VALUES[kind]))
    disguised = _disguise(value, data)
    before = data.draw(_FILLER) + " "
    after = " " + data.draw(_FILLER)
    text = before + disguised + after
    hits = [f for f in scan(text) if f.type == kind]
    assert any(f.start == len(before) and f.end == len(before) + len(disguised) for f in hits), (
        text,
        hits,
    )
    for f in scan(text):
        assert text[f.start : f.end] == f.text


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=120))
def test_any_text_offsets_are_consistent(text: str) -> None:
    for f in scan(text):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "電話 090-1234-5678\n",
                "氏名：高橋 健一\n",
                "なし\n",
                "ｍａｉｌ：ａ＠ｅｘａｍｐｌｅ．ｊｐ\n",
            ]
        ),
        max_size=12,
    ),
    st.integers(1, 5),
)
def test_scanning_in_pieces_equals_scanning_whole(lines: list[str], cut_every: int) -> None:
    whole = "".join(lines)
    pieces = ["".join(lines[i : i + cut_every]) for i in range(0, len(lines), cut_every)]
    assert list(scan_pieces(pieces)) == scan(whole)


def test_normalisation_does_not_leak_into_reported_text() -> None:
    text = "電話：０９０\u200b－１２３４－５６７８"
    [f] = [f for f in scan(text) if f.type == "PHONE_NUMBER"]
    assert f.text == "０９０\u200b－１２３４－５６７８"
    assert unicodedata.normalize("NFKC", f.text.replace("\u200b", "")) == "090-1234-5678"


# --- Overlap resolution: the linear-time sweep picks what the pairwise rule picks ----------


def _resolve_reference(cands: list[Candidate]) -> list[Candidate]:
    """The rule as first written: compare each candidate with every span taken before it."""
    ranked = sorted(cands, key=lambda c: (-c.score, -c.length, _TYPE_RANK.get(c.type, 99), c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in ranked:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    taken.sort(key=lambda c: (c.start, c.end))
    return taken


@st.composite
def _candidate(draw: st.DrawFn) -> Candidate:
    start = draw(st.integers(0, 40))
    end = start + draw(st.integers(0, 12))  # empty spans too: they must behave as before
    return Candidate(
        draw(st.sampled_from([*FINDING_TYPES[:4], "PERSON_NAME", "ADDRESS", "OTHER"])),
        start,
        end,
        draw(st.sampled_from([0.5, 0.7, 0.9, 1.0])),  # few scores: many ties
    )


@settings(max_examples=600, deadline=None)
@given(st.lists(_candidate(), max_size=40))
def test_resolve_picks_what_the_pairwise_rule_picks(cands: list[Candidate]) -> None:
    got = _resolve(cands)
    want = _resolve_reference(cands)
    assert [id(c) for c in got] == [id(c) for c in want]
    # The kept spans never overlap (an empty one may touch or sit inside nothing).
    spans = sorted((c.start, c.end) for c in got if c.start < c.end)
    assert all(e <= s for (_, e), (s, _) in itertools.pairwise(spans))
