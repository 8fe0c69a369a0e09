"""Postal addresses (住所): a place plus block numbers, or a town that locates a home.

Two ways in, both on the normalised text:

1. **The gazetteer** (:mod:`hinagata.detect.gazetteer`, Japan Post's 市区町村 and 町域 names):
   a municipality (都道府県 optional; 郡, 政令市の区 and 東京23区 as written or without the
   郡/city part) followed by one of *its* towns (大字 optional), then 字 + 小字, block numbers
   (丁目/番/号, 番地, 「の」, hyphens, kanji numerals), building and room. A town of Japan
   followed by 丁目 or 番地 is an address even without its municipality; so are 大字 and 字
   names (〇〇町大字北原).
2. **The block-number walk**: a block-number tail (三丁目12番5号, 2-16-32, 北1条西2丁目,
   五番地の二, 第3地割) and the place SudachiPy tags before it, for towns the gazetteer
   does not know (new 住居表示, placeholders like 〇〇町).

Each finding carries its precision in ``detail`` (``precision=full|block|town|area``):

- ``full``: down to the house: two numbers below the town (12番5号, 2-16-32, 五番地の二),
  one lot number (12番地, 中根新田638: a 地番 is the plot), or a building and room;
- ``block``: the 街区 without the house (三丁目12番);
- ``town``: a town with its 丁目 (日吉本町三丁目), a 大字 or 字 (大字豊郷字寺湯,
  〇〇町大字北原), or a municipality + town — the last two only with a word saying someone
  lives there (在住, に住む, 暮らす, 自宅 …) or written alone as a field (「住所：…」, 「（…）」),
  a 大字 or 字 also in a sentence about someone (大字清水の望月ハナさん);
- ``area``: a district, hamlet or estate below the municipality (怒田地区, 相倉集落,
  常盤平団地), with the same condition.

A municipality alone (横浜市港北区に住んでいる) is not an address. Whether an address is a
person's or a facility's is decided later from the surrounding words
(:mod:`hinagata.detect._context`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hinagata.detect._address_residence import (
    PERSON_NEAR,
    RESIDENCE_AFTER,
    bare_residences,
    field_end,
    field_start,
    sentence,
)
from hinagata.detect._address_romaji import ROMAJI_HINT, romaji_addresses
from hinagata.detect._address_spans import Covered, best_readings
from hinagata.detect._address_tail import (
    DIGIT,
    LOT_NUMBER,
    NAME,
    PRECISIONS,
    STRONG_TAIL,
    TAIL,
    UNIT_AFTER,
    address_candidate,
    building_end,
    is_name_char,
    is_name_char_at,
    name_end,
    precision_of,
    rank,
    tail_at,
    tail_end,
)
from hinagata.detect._address_walk import place_start
from hinagata.detect._document import Document
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import Candidate
from hinagata.detect.gazetteer import Gazetteer, gazetteer

__all__ = ["PRECISIONS", "PREFECTURES", "AddressRecognizer", "precision_of"]

PREFECTURES: tuple[str, ...] = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)

_MUNICIPALITY = re.compile(r"[都道府県市区町村郡]")
_PREFECTURE_RE = re.compile("|".join(PREFECTURES))
_PREFECTURE_BEFORE = re.compile(rf"(?:{'|'.join(PREFECTURES)}) ?$")
_LABEL = re.compile(
    r"(?:住所|所在地|住所地|居所|現住所|本籍|送付先|届け先|お届け先)\s*[:：は]?\s*$"
)
# A 大字/小字 name stops at the next 字 (大字豊郷字寺湯).
_KOAZA = re.compile(rf"字((?:(?!字){NAME}){{1,6}})")
_OAZA = re.compile(rf"大字((?:(?!字){NAME}){{1,6}})")
# A name Japan Post does not list between a listed town and its block numbers (古仁屋船津23番地).
_UNLISTED = re.compile(rf"(?:(?!字){NAME}){{1,4}}")
# 〇〇町, ○○市, ××村: placeholders for a municipality in templates and records.
_PLACEHOLDER = re.compile(r"[〇○◯●×✕△□＊*]{1,3}(?:都|道|府|県|市|区|町|村|郡)$")
_PLACE_WORD_BEFORE = re.compile(rf"(?:{NAME}{{1,5}}(?:町|村))$")

_SCORE = {"full": 0.95, "block": 0.95, "town": 0.85, "area": 0.8}
_ROUTE_BEFORE = re.compile(r"(?:国道|[都道府県州]道|地下鉄|埠頭)$")


# 京都の通り名 before the town (寺町通御池上る上本能寺前町, 烏丸通下立売上る桜鶴円町).
_KYOTO_STREET = re.compile(
    rf"(?:{NAME}{{1,6}}?通)?{NAME}{{1,8}}?(?:上る|下る|上ル|下ル|[東西]入る|[東西]入ル|入る|入ル)"
)
# A district, hamlet or housing estate below the municipality: precision "area".
_AREA = re.compile(
    rf"(?:(?!字){NAME}){{1,8}}?(?:地区|集落|団地|ニュータウン|部落)"
    # an estate's building (貝取第二団地7号棟): still the estate's precision
    r"(?:[0-9]{1,2}号棟|[A-Z東西南北]棟)?"
)


class AddressRecognizer(Recognizer):
    """Addresses from the gazetteer and from block-number tails, with their precision.

    The gazetteer loads when the recognizer is built (once per process), so a missing or
    damaged data file stops the detector at start-up with a :class:`GazetteerError`.

    >>> from hinagata import scan
    >>> [(f.text, f.detail) for f in scan("住所は横浜市港北区日吉本町三丁目12番5号です")
    ...  if f.type == "ADDRESS"]
    [('横浜市港北区日吉本町三丁目12番5号', 'precision=full')]
    """

    TYPES = ("ADDRESS",)

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self._gaz = gaz if gaz is not None else gazetteer()

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        # The gazetteer folds what it looks up (ヶ/ケ/が …), so offsets stay those of ``text``.
        munis = self._gaz.find_municipalities(text)
        found: list[Candidate] = []
        found.extend(self._from_municipalities(doc, munis))
        found.extend(self._from_oaza(doc))
        # A municipality right before a town it does not list (a town renamed or newer
        # than the data, or a wrong ward): the address still starts at the municipality.
        ends = {me: ms for ms, me, _ in munis}
        found.extend(self._from_tails(doc, ends, Covered(found)))
        if ROMAJI_HINT.search(text):
            found.extend(romaji_addresses(text))
        found.extend(self._bare_residences(text, Covered(found)))
        yield from best_readings(found)

    # -- 1. a municipality of the gazetteer, then its town -------------------------------

    def _from_municipalities(
        self, doc: Document, munis: list[tuple[int, int, tuple[int, ...]]]
    ) -> Iterator[Candidate]:
        text = doc.text
        ends = {me: ms for ms, me, _ in munis}
        for ms, me, ids in munis:
            start = ms
            if (outer := ends.get(ms)) is not None:
                # A town named like a municipality (栄町 in 横浜市中区栄町: 印旛郡栄町).
                start = outer
            if m := _PREFECTURE_BEFORE.search(text, max(0, start - 5), start):
                start = m.start()
            elif not (ms == 0 or doc.at_token_start(ms) or not is_name_char(text[ms - 1])):
                continue
            pos = me + 1 if text.startswith(" ", me) else me
            best = self._after_place(doc, pos, ids, field_start(text, start))
            if best is None:
                continue
            end, precision, score = best
            yield address_candidate(start, end, precision, score)

    def _after_place(
        self, doc: Document, pos: int, ids: tuple[int, ...] | None, field: bool
    ) -> tuple[int, str, float] | None:
        """The best reading of what follows a municipality at ``pos``: (end, precision, score)."""
        text = doc.text
        options: list[tuple[int, str, float]] = []
        q = pos
        if k := _KYOTO_STREET.match(text, q):
            q = k.end()
        oaza = text.startswith("大字", q)
        if oaza:
            q += 2
        elif text.startswith("字", q):
            q += 1
        for n in self._gaz.town_lengths(text, q, ids):
            r = self._after_town(doc, q + n, field=field, aza=q > pos)
            if r is not None:
                options.append(r)
        # 字 written inside a town Japan Post lists without it (平良字西里 for 平良西里).
        aza = text.find("字", q + 1, q + 6)
        if aza > 0 and not options:
            joined = text[q:aza] + text[aza + 1 : aza + 12]
            for n in self._gaz.town_lengths(joined, 0, ids):
                if n > aza - q:
                    r = self._after_town(doc, q + n + 1, field=field)
                    if r is not None:
                        options.append(r)
        # A 大字 the gazetteer does not list (Japan Post often leaves 大字 names out).
        if (oaza and (m := _OAZA.match(text, q - 2))) or (
            text.startswith("字", q - 1) and (m := _KOAZA.match(text, q - 1))
        ):
            r = self._after_town(
                doc, name_end(text, m.start(1), m.end()), listed=False, field=field, aza=True
            )
            if r is not None:
                options.append(r)
        # A district, hamlet or estate (怒田地区, 相倉集落, 常盤平団地).
        if (a := _AREA.match(text, pos)) and (
            RESIDENCE_AFTER.match(text, a.end()) or (field and field_end(text, a.end()))
        ):
            options.append((a.end(), "area", 0.75))
        # Block numbers right after the municipality (焼津市638, 小菅村1234番地).
        if (tail := tail_at(text, pos)) is not None:
            value = tail.group()
            end = building_end(text, tail.end())
            precision = "full" if end > tail.end() else precision_of(value)
            options.append((end, precision, 0.9 if STRONG_TAIL.search(value) else 0.85))
        if not options:
            return None
        return min(options, key=lambda o: (rank(o[1]), -o[0]))

    def _after_town(
        self,
        doc: Document,
        pos: int,
        *,
        listed: bool = True,
        field: bool = False,
        aza: bool = False,
    ) -> tuple[int, str, float] | None:
        """What follows a town name ending at ``pos``: (end, precision, score) or None."""
        text = doc.text
        end = pos
        koaza = False
        # 字 + 小字 (大字豊郷字寺湯): not in the gazetteer; the name runs to the block numbers.
        if m := _KOAZA.match(text, pos):
            end = name_end(text, m.start(1), m.end())
            koaza = True
        tail = tail_at(text, end)
        if tail is None and listed and not koaza and (u := _UNLISTED.match(text, end)):
            cut = name_end(text, u.start(), u.end())
            t = tail_at(text, cut)
            if t is not None and STRONG_TAIL.search(t.group()):
                tail = t
        if tail is not None:
            precision = precision_of(tail.group())
            after = building_end(text, tail.end())
            if after > tail.end():
                precision = "full"
            return after, precision, _SCORE[precision] if listed else 0.9
        lives = RESIDENCE_AFTER.match(text, end) is not None
        if not koaza and not lives and is_name_char_at(text, end):
            # The town name runs on (本町 in 本町通り): not this town.
            return None
        if koaza:
            return end, "town", 0.85
        if lives or (field and field_end(text, end)):
            return end, "town", 0.8
        # A 大字 or 字 is named for where people live: about someone in the same sentence
        # (大字清水の望月ハナさん, 大字東原で養鶏場を経営する男性), it is their address.
        if aza and PERSON_NEAR.search(sentence(text, end)):
            return end, "town", 0.75
        return None

    def _bare_residences(self, text: str, covered: Covered) -> Iterator[Candidate]:
        """A town, a district or a redacted place right before a word of living there."""
        return bare_residences(self._gaz, text, covered)

    # -- 2. 大字 / 字 without a known municipality ------------------------------------------

    def _from_oaza(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        for key in ("大字", "字"):
            i = text.find(key)
            while i >= 0:
                if key == "字" and text.startswith("大字", i - 1):
                    i = text.find(key, i + 1)
                    continue
                cand = self._oaza_at(doc, i, key)
                if cand is not None:
                    yield cand
                i = text.find(key, i + 1)

    def _oaza_at(self, doc: Document, i: int, key: str) -> Candidate | None:
        text = doc.text
        m = (_OAZA if key == "大字" else _KOAZA).match(text, i)
        if m is None:
            return None
        if key == "字":
            # 字 alone is a word too (数字, 文字, この字は): only as its own token, not glued
            # to a kanji before it, and with a place name after it. A placeholder stands for
            # the word it replaced (〔役職1〕字… is read as 議員字…).
            if i > 0 and (is_name_char(text[i - 1]) or text[i - 1] == "〕"):
                return None
            if doc.token_starts.get(i) is None and i != 0:
                return None
            tok = doc.tokens[doc.token_starts[i]] if i in doc.token_starts else None
            if tok is not None and tok.end - tok.start != 1:
                return None
        start = i
        before = text[max(0, i - 8) : i]
        if pm := (_PLACEHOLDER.search(before) or _PLACE_WORD_BEFORE.search(before)):
            start = i - (len(before) - pm.start())
            if pf := _PREFECTURE_BEFORE.search(text, max(0, start - 5), start):
                start = pf.start()
        stop = name_end(text, m.start(1), m.end())
        if key == "字" and stop - m.start(1) < 2:
            return None  # 字形, 字数: a one-character 小字 is too rare to tell from a word
        r = self._after_town(doc, stop, listed=False, field=field_start(text, start), aza=True)
        if r is None:
            return None
        end, precision, score = r
        return address_candidate(
            start, end, precision, score if key == "大字" else min(score, 0.75)
        )

    # -- 3. block-number tails: a town of Japan before them, or the SudachiPy walk --------

    def _from_tails(
        self, doc: Document, ends: dict[int, int], covered: Covered
    ) -> Iterator[Candidate]:
        text = doc.text
        for m in TAIL.finditer(text):
            s, e = m.span()
            value = m.group()
            if value.isascii() and value.isdigit():
                strong = False  # a bare number, most tails of a text: no search needed
            else:
                strong = STRONG_TAIL.search(value) is not None
                if not strong and not DIGIT.search(value):
                    continue  # kanji numerals alone are words (八百屋, 一本松)
            nxt = text[e : e + 1]
            if not strong and "-" not in value and nxt and (is_name_char(nxt) or nxt in UNIT_AFTER):
                continue  # a count or an amount (北区 12万人, 3人)
            if _ROUTE_BEFORE.search(text, max(0, s - 4), s):
                continue  # 国道3号, 県道407号, 地下鉄5号: routes, not blocks
            if s in covered:
                continue  # already read from its municipality
            # A town of Japan (or a placeholder 〇〇町) right before 丁目/番地.
            # (at least two characters: 中 of 11頭中10番 is a town too; and the numbers must
            # not run on into a word: 10番人気, 12号公園)
            town_start = (
                self._town_before(doc, s, strong)
                if (strong or LOT_NUMBER.match(value))
                and (
                    not is_name_char_at(text, e)
                    or building_end(text, e) > e
                    or RESIDENCE_AFTER.match(text, e) is not None
                )
                else None
            )
            if town_start is not None:
                muni = ends.get(
                    town_start,
                    ends.get(town_start - 1 if text[town_start - 1 : town_start] == " " else -1),
                )
                if muni is not None:
                    town_start = muni
                    if pf := _PREFECTURE_BEFORE.search(text, max(0, muni - 5), muni):
                        town_start = pf.start()
                end, precision = tail_end(text, value, e)
                # someone living there (…三丁目の住人): as strong as a listed address
                lives = RESIDENCE_AFTER.match(text, end) is not None
                yield address_candidate(
                    town_start, end, precision, _SCORE[precision] - (0 if lives else 0.05)
                )
                continue
            if not doc.at_token_start(s):
                continue
            start = place_start(doc, s)
            # A lone suffix (市, 町) is not a place name.
            if start is None or len(text[start:s].strip()) < 2:
                continue
            place = text[start:s]
            if strong:
                score = 0.9
            elif _MUNICIPALITY.search(place) or _PREFECTURE_RE.search(place):
                score = 0.85
            elif _LABEL.search(doc.before(start, 10)):
                score = 0.8
            else:
                continue
            end, precision = tail_end(text, value, e)
            yield address_candidate(start, end, precision, score)

    def _town_before(self, doc: Document, s: int, strong: bool) -> int | None:
        """Where a town name (or, before 丁目/番/号, a placeholder 〇〇町) ending at ``s`` starts."""
        text = doc.text
        before = text[max(0, s - 8) : s]
        if strong and (pm := _PLACEHOLDER.search(before)):
            start = s - (len(before) - pm.start())
        else:
            starts = [
                s - n
                for n in self._gaz.town_lengths_before(text, s, 2)
                if doc.at_token_start(s - n)
            ]
            if not starts:
                return None
            start = starts[0]
        if text.startswith("大字", start - 2):
            start -= 2
        if pf := _PREFECTURE_BEFORE.search(text, max(0, start - 5), start):
            start = pf.start()
        return start
