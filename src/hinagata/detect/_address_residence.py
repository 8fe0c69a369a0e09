"""Whether a place names a home: words of living there, a form's field, a person nearby;
and a town, district or redacted place named without its municipality before such a word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hinagata.detect._address_spans import Covered
from hinagata.detect._address_tail import NAME, N, address_candidate, is_name_char
from hinagata.detect._types import Candidate
from hinagata.detect.gazetteer import Gazetteer

# Words after a town that say someone lives there (港北区日吉本町在住, 大字北原に住む,
# 字東谷の集落で暮らす, 大字北原の自宅): a town or area alone is named all the time in
# municipal prose (大字財光寺に至るバイパス), a home only with such a word.
RESIDENCE_AFTER = re.compile(
    r"(?:の[^\s、。,]{0,10}?)?(?:に|で|へ|から)?お?(?:在住|住む|住み|住ん|住ま|住い|住人|居住|暮らす|暮らし|"
    r"転居|転入|自宅|実家|出身|に家|住所|宅(?![地配])|方(?=[、。)）に]))"
)

# Words for a specific person (the sentence is about someone): for 大字/字 names.
PERSON_NEAR = re.compile(
    r"(?<!皆)(?:さん|様|さま)|氏(?!名)|くん|ちゃん|[0-9]+(?:歳|才|代)|男性|女性|男児|女児|"
    r"夫婦|世帯(?!数)|相談者|申請者|本人|住人|住民(?!票)|一家|長男|長女|祖母|祖父|母親|父親|"
    r"男の子|女の子|生徒|児童|者です"
)
_SENTENCE_STOP = re.compile(r"[。！？!?\n]")


def sentence(text: str, pos: int) -> str:
    """The sentence around ``pos`` (at most 60 characters each way)."""
    lo = max(0, pos - 60)
    starts = [m.end() for m in _SENTENCE_STOP.finditer(text, lo, pos)]
    lo = starts[-1] if starts else lo
    m = _SENTENCE_STOP.search(text, pos, pos + 60)
    return text[lo : m.start() if m else min(len(text), pos + 60)]


# Where a field or a bracketed value begins and ends: an address written alone (a form's
# 住所 field, 「（横浜市港北区日吉本町）」) names a home even without 在住.
_FIELD_BEFORE = re.compile(
    r"(?:^|[\n(（「『【\[\t]|〒?[0-9]{3}-?[0-9]{4} ?|"
    r"(?:住所|現住所|居所|住所地|転居先|転出先|転入前|自宅|連絡先|所在地) ?[:：]? ?)$"
)
_FIELD_AFTER = frozenset("\n)）」』】] \t")


def field_start(text: str, start: int) -> bool:
    return _FIELD_BEFORE.search(text, max(0, start - 10), start) is not None


def field_end(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in _FIELD_AFTER


# Living somewhere, for a town named without its municipality (日吉本町在住).
_LIVING = re.compile(r"在住|住む|住み|住ん|住ま|住人|暮らす|暮らし")
# (an estate without its municipality, 緑ヶ丘団地3号棟に住む, stays a quasi-identifier)
_AREA_BEFORE = re.compile(rf"(?<![一-龥々〆ヶァ-ヴー])(?:(?!字){NAME}){{1,8}}?(?:地区|集落)$")
_AREA_NOT_NAME = re.compile(
    r"(?:各|全|当|同|本|他|一部|市内|町内|村内|管内|区内|対象|該当|周辺|近隣|山間|中山間|沿岸|農村|"
    r"住宅|被災|避難|担当|重点|モデル|指定)(?:地区|集落|団地|ニュータウン)"
)
_CHOME_BEFORE = re.compile(rf"{N}丁目$")
_PLACEHOLDER_TOWN_BEFORE = re.compile(r"[○〇◯△□×]{1,3}[市区町村](?:[○〇◯△□×]{1,3}[町村])?$")


def bare_residences(gaz: Gazetteer, text: str, covered: Covered) -> Iterator[Candidate]:
    """A town of Japan, a district or a redacted place right before a word of living
    there, with no municipality: 日吉本町在住の38歳女性, 上川原地区に住む52歳の男性,
    ○○区△△町の市営住宅に住む (town or area precision)."""
    for cue in _LIVING.finditer(text):
        for e in range(cue.start(), max(0, cue.start() - 12) - 1, -1):
            r = RESIDENCE_AFTER.match(text, e)
            if r is None or (e - 1) in covered:
                continue
            start, precision = _bare_place_before(gaz, text, e)
            if start is not None:
                # a listed town or a district, and someone living there: stronger than
                # a label's surname inside it (相談者は日吉本町三丁目の住人)
                yield address_candidate(start, e, precision, 0.86)
                break


def _bare_place_before(gaz: Gazetteer, text: str, e: int) -> tuple[int | None, str]:
    if (a := _AREA_BEFORE.search(text, max(0, e - 16), e)) is not None and not (
        _AREA_NOT_NAME.match(a.group())
    ):
        return a.start(), "area"
    if (p := _PLACEHOLDER_TOWN_BEFORE.search(text, max(0, e - 10), e)) is not None:
        return p.start(), "town"
    # 日吉本町三丁目の住人: the 丁目 belongs to the town's precision
    chome = _CHOME_BEFORE.search(text, max(0, e - 6), e)
    end = chome.start() if chome else e
    for n in gaz.town_lengths_before(text, end, 3):
        s = end - n
        if s == 0 or not is_name_char(text[s - 1]):
            return s, "town"
    return None, "town"
