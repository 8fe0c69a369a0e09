"""Block-number tails (丁目/番/号, 番地, 2-16-32, 北1条西2丁目) and buildings: the end of an
address and its precision."""

from __future__ import annotations

import re

from hinagata.detect._types import Candidate

#: From most to least precise; ``Finding.detail`` is ``"precision=" + one of these``.
PRECISIONS: tuple[str, ...] = ("full", "block", "town", "area")

N = r"(?:[1-9]\d{0,4}|[〇一二三四五六七八九十百千]{1,5})"
# 号 of a house, not of a building (3号棟) unless a room follows (3号棟201号室; 2号棟5階 is a floor)
_HOUSE_GO = r"号(?!室|棟(?! ?[0-9]{1,4}(?![0-9]|階|F)))"
_BLOCK = rf"{N}(?:番地?(?:の?{N}(?:{_HOUSE_GO}|番地?)?)*|(?:-{N}){{0,3}}(?:{_HOUSE_GO})?)(?:の{N})?"
JO = rf"[東西南北]?{N}条(?:[東西南北]{N}丁目|[東西南北])?"
_TAIL_BODY = rf"(?:(?:{JO}|{N}丁目)(?:{_BLOCK})?|{_BLOCK}|第?{N}地割(?:{_BLOCK})?)(?![0-9])"
TAIL = re.compile(rf"(?=[0-9〇一二三四五六七八九十百千東西南北第])(?<![0-9\-]){_TAIL_BODY}")
# The same, anchored where the caller says it starts (after a town name, a space or "-").
_TAIL_AT = re.compile(_TAIL_BODY)
# A tail that says it is an address by itself (丁目, 番地, 号, 条) as opposed to bare
# numbers, which need a municipality or a 住所 label before them.
STRONG_TAIL = re.compile(r"丁目|番|号|条|地割")

# The 丁目 (or 条) part of a tail, which counts as part of the town for the precision.
_CHOME_PART = re.compile(rf"^(?:{JO}|{N}丁目|第?{N}地割)")
_NUMBER = re.compile(rf"{N}")
DIGIT = re.compile(r"[0-9]")
# A house number below the town's one level: 番地の二, 12番5号, 2-16.
_TWO_NUMBERS = re.compile(rf"{N}\D+{N}")

# Place-name characters (小字, building names): kanji, katakana, and ヶ/ノ.
NAME = r"[一-龥々〆ヶァ-ヴー]"

_BUILDING_WORD = (
    r"(?:ハイツ|マンション|アパート|コーポ|ハイム|メゾン|レジデンス|ヒルズ|コート|パレス|"
    r"タワー|ビル|荘|寮|団地|住宅|テラス|ハウス|ヴィラ|フラット|ガーデン|シャトー|カーサ|"
    r"ドミール|プラザ|館)"
)
_BUILDING = re.compile(
    r" ?(?:"
    rf"(?:(?:[一-龥々〆ヶァ-ヴーA-Za-z0-9]|(?![のにではをがとへもや])[ぁ-ゖ])"
    rf"[一-龥々〆ヶァ-ヴー・A-Za-z0-9ぁ-ゖ]{{0,20}}?)?{_BUILDING_WORD}"
    r"[一-龥々〆ヶァ-ヴーA-Za-z]{0,8}(?:[0-9]{1,2}号棟|[A-Z東西南北]棟)?"
    r"(?: ?(?:[0-9]{1,2}(?:階|F) ?)?(?:[0-9]{1,2}-[A-Z0-9]{1,3}(?![0-9])|[0-9]{1,4}(?:号室|号|階|F)?[A-Z]?(?![0-9]|-[0-9])|[A-Z]-?[0-9]{1,4}))?"
    r"|[一-龥々〆ヶァ-ヴーA-Za-z][一-龥々〆ヶァ-ヴー・A-Za-z0-9]{0,20} ?[0-9]{1,4}号室"
    r"|[0-9]{1,4}号室"
    # a building by its own name and a room (アーバン西本町303, グランシャリオ岡宮 B棟102)
    r"|[ァ-ヴー][ァ-ヴー一-龥々A-Za-z]{2,15} ?(?:[A-Z東西南北0-9]{1,2}棟 ?)?[0-9]{3,4}(?![0-9])"
    r")"
)
# 番地-枝番 written with a hyphen after a bare town (石津2259-358): a lot number.
LOT_NUMBER = re.compile(r"^(?:[0-9]{3,5}-[0-9]{1,4}|[0-9]{1,4}-[0-9]{1,4}-[0-9]{1,4})$")
_NOT_IN_BUILDING = re.compile(r"[のにではをがとへもや]")
UNIT_AFTER = frozenset(",.%％万億人円年月日時分歳才件世帯名個本回")


def precision_of(tail: str) -> str:
    """The precision a block-number tail gives (``"town"`` for 丁目 alone).

    Two numbers below the town (12番5号, 2-16-32, 五番地の二) are the house; so is one lot
    number (12番地, 中根新田638: a 地番 is the plot). One 街区 number without the house
    (三丁目12番) is the block.

    >>> [precision_of(t) for t in ("三丁目12番5号", "12番地", "638", "三丁目12番", "三丁目", "")]
    ['full', 'full', 'full', 'block', 'town', 'town']
    """
    rest = _CHOME_PART.sub("", tail, count=1)
    if _TWO_NUMBERS.search(rest):
        return "full"
    if not _NUMBER.search(rest):
        return "town"
    if rest.endswith("番地") or (rest == tail and _NUMBER.fullmatch(rest)):
        return "full"
    return "block"


def tail_at(text: str, pos: int) -> re.Match[str] | None:
    """A block-number tail starting exactly at ``pos`` (one space or hyphen allowed before it).

    Bare numbers must have a digit: a kanji numeral alone (八 in 八楠) is part of a name.
    """
    if text.startswith((" ", "-"), pos):
        pos += 1
    if pos > 0 and text[pos - 1].isdigit():
        return None
    m = _TAIL_AT.match(text, pos)
    if m is None or m.end() == m.start():
        return None
    value = m.group()
    if not STRONG_TAIL.search(value) and "-" not in value:
        # One bare number: a count or an amount when a word or unit follows (北区 12万人).
        nxt = text[m.end() : m.end() + 1]
        if nxt and (is_name_char(nxt) or nxt in UNIT_AFTER):
            return None
    if not DIGIT.search(value):
        # Kanji numerals only: a word unless 丁目/番/号 say otherwise, and not when a name
        # goes on after them (一番町, 三条通).
        if not STRONG_TAIL.search(value):
            return None
        if is_name_char_at(text, m.end()) and building_end(text, m.end()) == m.end():
            return None
    return m


def building_end(text: str, pos: int) -> int:
    """The end of a building name and room number right after ``pos`` (``pos`` if none)."""
    m = _BUILDING.match(text, pos)
    if m is None:
        return pos
    value = m.group()
    # A particle inside the building name means it ran into the sentence (…5号の佐藤さんのアパート).
    if _NOT_IN_BUILDING.search(value.split("ハイツ")[0].split("荘")[0]) and not value.endswith(
        "号室"
    ):
        return pos
    return m.end()


def tail_end(text: str, tail: str, end: int) -> tuple[int, str]:
    """The end of an address whose block numbers ``tail`` end at ``end``, and its precision."""
    after = building_end(text, end)
    return after, "full" if after > end else precision_of(tail)


def rank(precision: str) -> int:
    return PRECISIONS.index(precision)


def address_candidate(start: int, end: int, precision: str, score: float) -> Candidate:
    return Candidate("ADDRESS", start, end, score, meta={"detail": f"precision={precision}"})


def name_end(text: str, start: int, end: int) -> int:
    """Where a place name in ``text[start:end]`` ends: before block numbers or a 字 inside it.

    Kanji numerals are name characters too, so 北原十二番地 is 北原 + 十二番地.
    """
    for cut in range(start + 1, end):
        if tail_at(text, cut) is not None:
            return cut
    return end


def is_name_char(c: str) -> bool:
    return ("一" <= c <= "龥") or c in "々〆ヶ" or ("ァ" <= c <= "ヴ") or c == "ー"


def is_name_char_at(text: str, pos: int) -> bool:
    return pos < len(text) and is_name_char(text[pos])
