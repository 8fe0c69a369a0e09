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

import bisect
import re
from collections.abc import Iterator

from hinagata.detect._document import Document, Token, pos_tags
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import Candidate
from hinagata.detect.gazetteer import Gazetteer, gazetteer

__all__ = ["PRECISIONS", "PREFECTURES", "AddressRecognizer", "precision_of"]

#: From most to least precise; ``Finding.detail`` is ``"precision=" + one of these``.
PRECISIONS: tuple[str, ...] = ("full", "block", "town", "area")

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

_N = r"(?:[1-9]\d{0,4}|[〇一二三四五六七八九十百千]{1,5})"
# 号 of a house, not of a building (3号棟) unless a room follows (3号棟201号室; 2号棟5階 is a floor)
_HOUSE_GO = r"号(?!室|棟(?! ?[0-9]{1,4}(?![0-9]|階|F)))"
_BLOCK = rf"{_N}(?:番地?(?:の?{_N}(?:{_HOUSE_GO}|番地?)?)*|(?:-{_N}){{0,3}}(?:{_HOUSE_GO})?)(?:の{_N})?"
_JO = rf"[東西南北]?{_N}条(?:[東西南北]{_N}丁目|[東西南北])?"
_TAIL_BODY = rf"(?:(?:{_JO}|{_N}丁目)(?:{_BLOCK})?|{_BLOCK}|第?{_N}地割(?:{_BLOCK})?)(?![0-9])"
_TAIL = re.compile(rf"(?=[0-9〇一二三四五六七八九十百千東西南北第])(?<![0-9\-]){_TAIL_BODY}")
# The same, anchored where the caller says it starts (after a town name, a space or "-").
_TAIL_AT = re.compile(_TAIL_BODY)
# A tail that says it is an address by itself (丁目, 番地, 号, 条) as opposed to bare
# numbers, which need a municipality or a 住所 label before them.
_STRONG_TAIL = re.compile(r"丁目|番|号|条|地割")
_ADMIN_SUFFIX = re.compile(r"(?:都|道|府|県|市|区|町|村|郡|丁目|字)$")
_MUNICIPALITY = re.compile(r"[都道府県市区町村郡]")
_PREFECTURE_RE = re.compile("|".join(PREFECTURES))
_PREFECTURE_BEFORE = re.compile(rf"(?:{'|'.join(PREFECTURES)}) ?$")
_LABEL = re.compile(
    r"(?:住所|所在地|住所地|居所|現住所|本籍|送付先|届け先|お届け先)\s*[:：は]?\s*$"
)

# The 丁目 (or 条) part of a tail, which counts as part of the town for the precision.
_CHOME_PART = re.compile(rf"^(?:{_JO}|{_N}丁目|第?{_N}地割)")
_NUMBER = re.compile(rf"{_N}")
_DIGIT = re.compile(r"[0-9]")
# A house number below the town's one level: 番地の二, 12番5号, 2-16.
_TWO_NUMBERS = re.compile(rf"{_N}\D+{_N}")

# Place-name characters (小字, building names): kanji, katakana, and ヶ/ノ.
_NAME = r"[一-龥々〆ヶァ-ヴー]"
# A 大字/小字 name stops at the next 字 (大字豊郷字寺湯).
_KOAZA = re.compile(rf"字((?:(?!字){_NAME}){{1,6}})")
_OAZA = re.compile(rf"大字((?:(?!字){_NAME}){{1,6}})")
# A name Japan Post does not list between a listed town and its block numbers (古仁屋船津23番地).
_UNLISTED = re.compile(rf"(?:(?!字){_NAME}){{1,4}}")
# 〇〇町, ○○市, ××村: placeholders for a municipality in templates and records.
_PLACEHOLDER = re.compile(r"[〇○◯●×✕△□＊*]{1,3}(?:都|道|府|県|市|区|町|村|郡)$")
_PLACE_WORD_BEFORE = re.compile(rf"(?:{_NAME}{{1,5}}(?:町|村))$")

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
_LOT_NUMBER = re.compile(r"^(?:[0-9]{3,5}-[0-9]{1,4}|[0-9]{1,4}-[0-9]{1,4}-[0-9]{1,4})$")
_NOT_IN_BUILDING = re.compile(r"[のにではをがとへもや]")

# Words after a town that say someone lives there (港北区日吉本町在住, 大字北原に住む).
# Words after a town that say someone lives there (港北区日吉本町在住, 大字北原に住む,
# 字東谷の集落で暮らす, 大字北原の自宅): a town or area alone is named all the time in
# municipal prose (大字財光寺に至るバイパス), a home only with such a word.
_RESIDENCE_AFTER = re.compile(
    r"(?:の[^\s、。,]{0,10}?)?(?:に|で|へ|から)?お?(?:在住|住む|住み|住ん|住ま|住い|住人|居住|暮らす|暮らし|"
    r"転居|転入|自宅|実家|出身|に家|住所|宅(?![地配])|方(?=[、。)）に]))"
)

_NAME_PARTICLES = frozenset({"ヶ", "ケ", "が", "の", "ノ", "之", "ツ"})
_MAX_LEFT_TOKENS = 8
_MAX_LEFT_CHARS = 32

_SCORE = {"full": 0.95, "block": 0.95, "town": 0.85, "area": 0.8}


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


# Words for a specific person (the sentence is about someone): for 大字/字 names.
_PERSON_NEAR = re.compile(
    r"(?<!皆)(?:さん|様|さま)|氏(?!名)|くん|ちゃん|[0-9]+(?:歳|才|代)|男性|女性|男児|女児|"
    r"夫婦|世帯(?!数)|相談者|申請者|本人|住人|住民(?!票)|一家|長男|長女|祖母|祖父|母親|父親|"
    r"男の子|女の子|生徒|児童|者です"
)
_SENTENCE_STOP = re.compile(r"[。！？!?\n]")


def _sentence(text: str, pos: int) -> str:
    """The sentence around ``pos`` (at most 60 characters each way)."""
    lo = max(0, pos - 60)
    starts = [m.end() for m in _SENTENCE_STOP.finditer(text, lo, pos)]
    lo = starts[-1] if starts else lo
    m = _SENTENCE_STOP.search(text, pos, pos + 60)
    return text[lo : m.start() if m else min(len(text), pos + 60)]


_ROUTE_BEFORE = re.compile(r"(?:国道|[都道府県州]道|地下鉄|埠頭)$")
_UNIT_AFTER = frozenset(",.%％万億人円年月日時分歳才件世帯名個本回")


def _tail_at(text: str, pos: int) -> re.Match[str] | None:
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
    if not _STRONG_TAIL.search(value) and "-" not in value:
        # One bare number: a count or an amount when a word or unit follows (北区 12万人).
        nxt = text[m.end() : m.end() + 1]
        if nxt and (_is_name_char(nxt) or nxt in _UNIT_AFTER):
            return None
    if not _DIGIT.search(value):
        # Kanji numerals only: a word unless 丁目/番/号 say otherwise, and not when a name
        # goes on after them (一番町, 三条通).
        if not _STRONG_TAIL.search(value):
            return None
        if _is_name_char_at(text, m.end()) and _building_end(text, m.end()) == m.end():
            return None
    return m


def _building_end(text: str, pos: int) -> int:
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


# Where a field or a bracketed value begins and ends: an address written alone (a form's
# 住所 field, 「（横浜市港北区日吉本町）」) names a home even without 在住.
_FIELD_BEFORE = re.compile(
    r"(?:^|[\n(（「『【\[\t]|〒?[0-9]{3}-?[0-9]{4} ?|"
    r"(?:住所|現住所|居所|住所地|転居先|転出先|転入前|自宅|連絡先|所在地) ?[:：]? ?)$"
)
_FIELD_AFTER = frozenset("\n)）」』】] \t")


def _field_start(text: str, start: int) -> bool:
    return _FIELD_BEFORE.search(text, max(0, start - 10), start) is not None


def _field_end(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in _FIELD_AFTER


# 京都の通り名 before the town (寺町通御池上る上本能寺前町, 烏丸通下立売上る桜鶴円町).
_KYOTO_STREET = re.compile(
    rf"(?:{_NAME}{{1,6}}?通)?{_NAME}{{1,8}}?(?:上る|下る|上ル|下ル|[東西]入る|[東西]入ル|入る|入ル)"
)
# A district, hamlet or housing estate below the municipality: precision "area".
_AREA = re.compile(
    rf"(?:(?!字){_NAME}){{1,8}}?(?:地区|集落|団地|ニュータウン|部落)"
    # an estate's building (貝取第二団地7号棟): still the estate's precision
    r"(?:[0-9]{1,2}号棟|[A-Z東西南北]棟)?"
)


# Living somewhere, for a town named without its municipality (日吉本町在住).
_LIVING = re.compile(r"在住|住む|住み|住ん|住ま|住人|暮らす|暮らし")
# (an estate without its municipality, 緑ヶ丘団地3号棟に住む, stays a quasi-identifier)
_AREA_BEFORE = re.compile(rf"(?<![一-龥々〆ヶァ-ヴー])(?:(?!字){_NAME}){{1,8}}?(?:地区|集落)$")
_AREA_NOT_NAME = re.compile(
    r"(?:各|全|当|同|本|他|一部|市内|町内|村内|管内|区内|対象|該当|周辺|近隣|山間|中山間|沿岸|農村|"
    r"住宅|被災|避難|担当|重点|モデル|指定)(?:地区|集落|団地|ニュータウン)"
)
_CHOME_BEFORE = re.compile(rf"{_N}丁目$")
_PLACEHOLDER_TOWN_BEFORE = re.compile(r"[○〇◯△□×]{1,3}[市区町村](?:[○〇◯△□×]{1,3}[町村])?$")


def _tail_end(text: str, tail: str, end: int) -> tuple[int, str]:
    """The end of an address whose block numbers ``tail`` end at ``end``, and its precision."""
    after = _building_end(text, end)
    return after, "full" if after > end else precision_of(tail)


def _rank(precision: str) -> int:
    return PRECISIONS.index(precision)


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
        found.extend(self._from_tails(doc, ends, _Covered(found)))
        if _ROMAJI_HINT.search(text):
            found.extend(_romaji_addresses(text))
        found.extend(self._bare_residences(text, _Covered(found)))
        yield from _best(found)

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
            elif not (ms == 0 or doc.at_token_start(ms) or not _is_name_char(text[ms - 1])):
                continue
            pos = me + 1 if text.startswith(" ", me) else me
            best = self._after_place(doc, pos, ids, _field_start(text, start))
            if best is None:
                continue
            end, precision, score = best
            yield _cand(start, end, precision, score)

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
                doc, _name_end(text, m.start(1), m.end()), listed=False, field=field, aza=True
            )
            if r is not None:
                options.append(r)
        # A district, hamlet or estate (怒田地区, 相倉集落, 常盤平団地).
        if (a := _AREA.match(text, pos)) and (
            _RESIDENCE_AFTER.match(text, a.end()) or (field and _field_end(text, a.end()))
        ):
            options.append((a.end(), "area", 0.75))
        # Block numbers right after the municipality (焼津市638, 小菅村1234番地).
        if (tail := _tail_at(text, pos)) is not None:
            value = tail.group()
            end = _building_end(text, tail.end())
            precision = "full" if end > tail.end() else precision_of(value)
            options.append((end, precision, 0.9 if _STRONG_TAIL.search(value) else 0.85))
        if not options:
            return None
        return min(options, key=lambda o: (_rank(o[1]), -o[0]))

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
            end = _name_end(text, m.start(1), m.end())
            koaza = True
        tail = _tail_at(text, end)
        if tail is None and listed and not koaza and (u := _UNLISTED.match(text, end)):
            cut = _name_end(text, u.start(), u.end())
            t = _tail_at(text, cut)
            if t is not None and _STRONG_TAIL.search(t.group()):
                tail = t
        if tail is not None:
            precision = precision_of(tail.group())
            after = _building_end(text, tail.end())
            if after > tail.end():
                precision = "full"
            return after, precision, _SCORE[precision] if listed else 0.9
        lives = _RESIDENCE_AFTER.match(text, end) is not None
        if not koaza and not lives and _is_name_char_at(text, end):
            # The town name runs on (本町 in 本町通り): not this town.
            return None
        if koaza:
            return end, "town", 0.85
        if lives or (field and _field_end(text, end)):
            return end, "town", 0.8
        # A 大字 or 字 is named for where people live: about someone in the same sentence
        # (大字清水の望月ハナさん, 大字東原で養鶏場を経営する男性), it is their address.
        if aza and _PERSON_NEAR.search(_sentence(text, end)):
            return end, "town", 0.75
        return None

    def _bare_residences(self, text: str, covered: _Covered) -> Iterator[Candidate]:
        """A town of Japan, a district or a redacted place right before a word of living
        there, with no municipality: 日吉本町在住の38歳女性, 上川原地区に住む52歳の男性,
        ○○区△△町の市営住宅に住む (town or area precision)."""
        for cue in _LIVING.finditer(text):
            for e in range(cue.start(), max(0, cue.start() - 12) - 1, -1):
                r = _RESIDENCE_AFTER.match(text, e)
                if r is None or (e - 1) in covered:
                    continue
                start, precision = self._bare_place_before(text, e)
                if start is not None:
                    # a listed town or a district, and someone living there: stronger than
                    # a label's surname inside it (相談者は日吉本町三丁目の住人)
                    yield _cand(start, e, precision, 0.86)
                    break

    def _bare_place_before(self, text: str, e: int) -> tuple[int | None, str]:
        if (a := _AREA_BEFORE.search(text, max(0, e - 16), e)) is not None and not (
            _AREA_NOT_NAME.match(a.group())
        ):
            return a.start(), "area"
        if (p := _PLACEHOLDER_TOWN_BEFORE.search(text, max(0, e - 10), e)) is not None:
            return p.start(), "town"
        # 日吉本町三丁目の住人: the 丁目 belongs to the town's precision
        chome = _CHOME_BEFORE.search(text, max(0, e - 6), e)
        end = chome.start() if chome else e
        for n in self._gaz.town_lengths_before(text, end, 3):
            s = end - n
            if s == 0 or not _is_name_char(text[s - 1]):
                return s, "town"
        return None, "town"

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
            if i > 0 and (_is_name_char(text[i - 1]) or text[i - 1] == "〕"):
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
        name_end = _name_end(text, m.start(1), m.end())
        if key == "字" and name_end - m.start(1) < 2:
            return None  # 字形, 字数: a one-character 小字 is too rare to tell from a word
        r = self._after_town(doc, name_end, listed=False, field=_field_start(text, start), aza=True)
        if r is None:
            return None
        end, precision, score = r
        return _cand(start, end, precision, score if key == "大字" else min(score, 0.75))

    # -- 3. block-number tails: a town of Japan before them, or the SudachiPy walk --------

    def _from_tails(
        self, doc: Document, ends: dict[int, int], covered: _Covered
    ) -> Iterator[Candidate]:
        text = doc.text
        for m in _TAIL.finditer(text):
            s, e = m.span()
            value = m.group()
            if value.isascii() and value.isdigit():
                strong = False  # a bare number, most tails of a text: no search needed
            else:
                strong = _STRONG_TAIL.search(value) is not None
                if not strong and not _DIGIT.search(value):
                    continue  # kanji numerals alone are words (八百屋, 一本松)
            nxt = text[e : e + 1]
            if (
                not strong
                and "-" not in value
                and nxt
                and (_is_name_char(nxt) or nxt in _UNIT_AFTER)
            ):
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
                if (strong or _LOT_NUMBER.match(value))
                and (
                    not _is_name_char_at(text, e)
                    or _building_end(text, e) > e
                    or _RESIDENCE_AFTER.match(text, e) is not None
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
                end, precision = _tail_end(text, value, e)
                # someone living there (…三丁目の住人): as strong as a listed address
                lives = _RESIDENCE_AFTER.match(text, end) is not None
                yield _cand(town_start, end, precision, _SCORE[precision] - (0 if lives else 0.05))
                continue
            if not doc.at_token_start(s):
                continue
            start = self._place_start(doc, s)
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
            end, precision = _tail_end(text, value, e)
            yield _cand(start, end, precision, score)

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

    def _place_start(self, doc: Document, tail_start: int) -> int | None:
        """The start of the place name before a block-number tail, or None if there is none."""
        tags = pos_tags()
        toks = doc.tokens
        i = doc.token_starts.get(tail_start)
        if i is None:
            return None
        start: int | None = None
        j = i - 1
        taken = 0
        gap = 0  # nouns since the last place-like token (町名 pieces SudachiPy left untagged)
        while j >= 0 and taken < _MAX_LEFT_TOKENS:
            tok: Token = toks[j]
            if tail_start - tok.start > _MAX_LEFT_CHARS:
                break
            surface = doc.surface(tok)
            if tok.pos in tags.space:
                # One space between units ("静岡県 焼津市", "本町 2-16-32"), never between
                # a facility name and its address ("交流センター 静岡県…").
                if tok.end - tok.start > 1 or j == 0:
                    break
                left = doc.surface(toks[j - 1])
                if start is not None and not _ADMIN_SUFFIX.search(left):
                    break
                j -= 1
                continue
            placeish = tok.pos in tags.place or _ADMIN_SUFFIX.search(surface) is not None
            if placeish:
                start = tok.start
                gap = 0
            elif tok.pos in tags.country or tok.pos in tags.numeral:
                break
            elif tok.pos in tags.noun or tok.pos in tags.suffix or surface in _NAME_PARTICLES:
                # Pieces of a town name SudachiPy did not tag (太田|ヶ|谷, 星|が|丘).
                gap += 1
                if gap > 2:
                    break
            else:
                break
            j -= 1
            taken += 1
        return start


# ---------------------------------------------------------------- addresses in romaji

_ROMAJI_PREFECTURES = (
    "Hokkaido Aomori Iwate Miyagi Akita Yamagata Fukushima Ibaraki Tochigi Gunma Saitama Chiba "
    "Tokyo Kanagawa Niigata Toyama Ishikawa Fukui Yamanashi Nagano Gifu Shizuoka Aichi Mie Shiga "
    "Kyoto Osaka Hyogo Nara Wakayama Tottori Shimane Okayama Hiroshima Yamaguchi Tokushima "
    "Kagawa Ehime Kochi Fukuoka Saga Nagasaki Kumamoto Oita Miyazaki Kagoshima Okinawa"
).split()
_ROMAJI_MUNI_SUFFIX = r"-(?:ku|shi|cho|machi|mura|son|gun|ken|to|fu)"
# Cheap first test: a municipality suffix or a prefecture in Latin letters.
_ROMAJI_HINT = re.compile(
    r"[a-z]" + _ROMAJI_MUNI_SUFFIX + r"\b|\b(?:" + "|".join(_ROMAJI_PREFECTURES) + r")\b|"
    r"\b[A-Z][a-z]+ (?:City|Ward|Town|Village)\b"
)
_ROMAJI_TOKEN = (
    r"(?:[0-9]{1,4}(?:-[0-9]{1,4}){0,3}(?:-chome)?|"
    r"(?:Apt\.?|Room|#) ?[0-9]{1,4}[A-Z]?|"
    r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:" + _ROMAJI_MUNI_SUFFIX + r"|-chome)?"
    r"(?: (?:City|Ward|Town|Village|Prefecture))?)"
)
_ROMAJI_RUN = re.compile(_ROMAJI_TOKEN + r"(?:,? " + _ROMAJI_TOKEN + r"){1,8}")
# A postal code ending the run: not a block number.
_ROMAJI_POSTAL_END = re.compile(r",? (?:〒 ?)?[0-9]{3}-[0-9]{4}$")
_ROMAJI_BLOCK = re.compile(r"(?<![0-9A-Za-z])[0-9]{1,4}(?:-chome|(?:-[0-9]{1,4}){1,3})(?![0-9])")
_ROMAJI_MUNI = re.compile(
    r"[A-Z][a-z]+(?:" + _ROMAJI_MUNI_SUFFIX + r"\b| (?:City|Ward|Town|Village)\b)|\b(?:"
    + "|".join(_ROMAJI_PREFECTURES)
    + r")\b"
)


def _romaji_addresses(text: str) -> Iterator[Candidate]:
    """Addresses written in Latin letters (2-14-8 Kamata, Ota-ku, Tokyo): a block number and
    a municipality (…-ku, …-shi, … City) or a prefecture in one comma-separated run."""
    for m in _ROMAJI_RUN.finditer(text):
        value = m.group()
        end = m.end()
        if (postal := _ROMAJI_POSTAL_END.search(value)) is not None:
            # (the postal code stays inside: written without 〒 it is no finding of its own)
            value = value[: postal.start()]
        blocks = _ROMAJI_BLOCK.findall(value)
        if not blocks or _ROMAJI_MUNI.search(value) is None:
            continue
        numbers = sum(b.count("-") + 1 for b in blocks if not b.endswith("chome"))
        precision = "full" if numbers >= 2 or "Apt" in value or "Room" in value else "block"
        yield _cand(m.start(), end, precision, 0.9)


def _cand(start: int, end: int, precision: str, score: float) -> Candidate:
    return Candidate("ADDRESS", start, end, score, meta={"detail": f"precision={precision}"})


def _name_end(text: str, start: int, end: int) -> int:
    """Where a place name in ``text[start:end]`` ends: before block numbers or a 字 inside it.

    Kanji numerals are name characters too, so 北原十二番地 is 北原 + 十二番地.
    """
    for cut in range(start + 1, end):
        if _tail_at(text, cut) is not None:
            return cut
    return end


def _is_name_char(c: str) -> bool:
    return ("一" <= c <= "龥") or c in "々〆ヶ" or ("ァ" <= c <= "ヴ") or c == "ー"


def _is_name_char_at(text: str, pos: int) -> bool:
    return pos < len(text) and _is_name_char(text[pos])


def _best(cands: list[Candidate]) -> list[Candidate]:
    """Of overlapping readings keep the most precise, then the longest, then the strongest.

    The spans taken never overlap, so a new one need only be compared with its neighbours
    in start order (bisect): O(n log n) however long the text.
    """
    ranked = sorted(
        cands, key=lambda c: (_rank(c.meta["detail"][10:]), -c.length, -c.score, c.start)
    )
    starts: list[int] = []
    taken: list[Candidate] = []
    for c in ranked:
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and taken[i - 1].end > c.start:
            continue
        if i < len(taken) and taken[i].start < c.end:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


class _Covered:
    """Is a position strictly inside one of some spans? (bisect over their starts)."""

    def __init__(self, spans: list[Candidate]) -> None:
        ordered = sorted(spans, key=lambda c: c.start)
        self._starts = [c.start for c in ordered]
        self._reach: list[int] = []
        reach = -1
        for c in ordered:
            reach = max(reach, c.end)
            self._reach.append(reach)

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_left(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos
