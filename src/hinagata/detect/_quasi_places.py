"""Quasi-identifiers of age and place: exact ages, small areas (大字, …地区, 団地の棟)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hinagata.detect._quasi_base import (
    KANJI,
    PLACE_ENDS,
    SCORE,
    TYPE,
    cand,
    is_kanji,
)
from hinagata.detect._types import Candidate
from hinagata.text import kanji_number


class Ages:
    """Exact ages (87歳, 八十七歳); ``detail`` ``100_plus`` for 100 and over."""

    def __init__(self) -> None:
        # Ages: found from 歳/才, then the number before it; not a range or a bound
        # (65歳以上, 65~74歳, 3歳児健診).
        self._age_unit = re.compile(r"歳|才")
        self._age_not_after = re.compile(
            r"以上|以下|未満|超|から|まで|代|前後|くらい|ぐらい|位|程度|頃|ごろ|児|時|の(?:時|頃|とき)|[~～〜\-][0-9]|"
            # A general audience: 100歳を迎える方, 65歳になる方.
            r"を迎える|を迎えた方|になる方|に達する|到達|の方(?:に|へ|は|を|が対象)|の誕生日を迎える"
        )
        # （1歳児） describing one child is an exact age; 1歳児クラス is not.
        self._age_of_child = re.compile(r"児[)）](?!が?[0-9]+(?:人|名))")
        self._age_number = re.compile(
            r"(?<![0-9.~～〜\-])([0-9]{1,3})$|(?<![〇一二三四五六七八九十百])([〇一二三四五六七八九十百]{1,5})$"
        )

    def find(self, text: str) -> Iterator[Candidate]:
        for m in self._age_unit.finditer(text):
            s = m.start()
            if s == 0:
                continue
            if self._age_not_after.match(text, m.end()) and not self._age_of_child.match(
                text, m.end()
            ):
                continue
            number = self._age_number.search(text, max(0, s - 5), s)
            if number is None:
                continue
            value = int(number.group(1)) if number.group(1) else kanji_number(number.group(2))
            if value is None or value > 130:
                continue
            meta = {"detail": "100_plus"} if value >= 100 else {}
            yield Candidate(TYPE, number.start(), m.end(), SCORE, "age", False, meta)


class Areas:
    """Small areas: 大字・字・小字, …地区, …集落, …団地, …自治会, 自治会の班, 団地の棟."""

    def __init__(self) -> None:
        k = KANJI
        # 大字・小字・字 (字 alone only after a place or at the start of a word: not 文字).
        # The name stops where the next 大字/小字/字 begins (大字北原字東谷: two areas).
        self._aza = re.compile(r"(?:大字|小字|字)(?:(?!大字|小字|字)[" + k + r"ァ-ヶー]){1,5}")
        self._area_suffix = re.compile(r"(?:地区|集落|団地|自治会|町内会|行政区)(?![" + k + r"])")
        self._area_name_char = re.compile(r"[" + k + r"ァ-ヶー0-9〇○◯△]")
        # 第3ブロック (a patrol or a district's block), 上組（14戸） (a hamlet by its households)
        self._block_area = re.compile(r"第[0-9一二三四五六七八九十]{1,2}ブロック")
        self._hamlet_households = re.compile(
            r"[" + k + r"]{1,4}(?:組|班|集落)(?=[(（][0-9]{1,3}戸)"
        )
        # 中町3班 (a town's neighbourhood group), found from 班
        self._town_han = re.compile(r"町[0-9一二三四五六七八九十]{1,2}班")
        self._han = re.compile(r"(?:自治会|町内会)の?第?[0-9一二三四五六七八九十]{1,3}(?:班|組)")
        self._area_not = re.compile(
            r"^(?:各|全|当|同|本|他|一部|市内|町内|村内|管内|区内|対象|該当|重点|周辺|近隣|校|学校|選挙|地域|大字|字|"
            r"担当|受持|受け持ち|モデル|指定|被災|避難|山間|中山間|沿岸|農村|住宅)"
            r"(?:地区|集落|団地|自治会|町内会|行政区)$"
        )
        self._building = re.compile(
            r"(?:団地|住宅|アパート|マンション|ハイツ|コーポ)[^\n。]{0,10}?"
            r"(?<![0-9A-Za-z])([0-9A-Z]{1,3}号?棟)"
        )
        self._kanji = re.compile(r"[" + k + r"]")

    def find(self, text: str) -> Iterator[Candidate]:
        kanji = self._kanji
        last = -1
        for m in self._aza.finditer(text):
            s = m.start()
            # A lone 字 starts a word or follows a place (〇〇町字東谷) or another area
            # (大字北原字東谷), never 文字 or 数字.
            if (
                text[s] == "字"
                and s > 0
                and s != last
                # (a placeholder stands for the word it replaced: 〔役職1〕字… as 議員字…)
                and (kanji.match(text, s - 1) or text[s - 1] == "〕")
                and text[s - 1] not in PLACE_ENDS
            ):
                continue
            if s > 0 and text[s] == "字" and text[s - 1] in "大小":
                continue  # found as 大字/小字 from the position before
            last = m.end()
            yield cand(m, "area")
        name_char = self._area_name_char
        for m in self._area_suffix.finditer(text):
            # The name before 地区/集落/…: 1–6 characters starting a word or after a place.
            best = None
            for n in range(1, 7):
                p = m.start() - n
                if p < 0 or not name_char.match(text, p):
                    break
                if p == 0 or not name_char.match(text, p - 1) or text[p - 1] in PLACE_ENDS:
                    best = p
            if best is None or self._area_not.match(text[best : m.end()]):
                continue
            yield Candidate(TYPE, best, m.end(), SCORE, "area", False)
        for m in self._block_area.finditer(text):
            yield cand(m, "area")
        if "戸" in text:
            for m in self._hamlet_households.finditer(text):
                yield cand(m, "area")
        for m in self._town_han.finditer(text):
            s = m.start()
            while s > 0 and m.start() - s < 4 and is_kanji(text[s - 1]):
                s -= 1
            if s < m.start():
                yield Candidate(TYPE, s, m.end(), SCORE, "area", False)
        for m in self._han.finditer(text):
            # with the association's own name (旭町内会第3班)
            s = m.start()
            while s > 0 and m.start() - s < 8 and self._area_name_char.match(text, s - 1):
                s -= 1
            yield Candidate(TYPE, s, m.end(), SCORE, "area", False)
        for m in self._building.finditer(text):
            yield Candidate(TYPE, m.start(1), m.end(1), SCORE, "area", False)
