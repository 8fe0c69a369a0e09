"""Postal addresses (住所): a place plus block numbers.

A place name alone (横浜市, 千葉県) is not personal; an address down to the block
(三丁目12番5号, 2-16-32, 北1条西2丁目, 五番地の二) points at a household. So the recognizer
anchors on the *block-number tail* and walks left over SudachiPy's tokens to the start of
the place (a 地名 token, a prefecture, a word ending in 市・区・町・村・郡).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hinagata.detect._document import Document, Token, pos_tags
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import Candidate

__all__ = ["PREFECTURES", "AddressRecognizer"]

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
_BLOCK = rf"{_N}(?:番地?(?:の?{_N}(?:号(?!室)|番地?)?)*|(?:-{_N}){{0,3}}(?:号(?!室))?)(?:の{_N})?"
_JO = rf"[東西南北]?{_N}条(?:[東西南北]{_N}丁目|[東西南北])?"
_TAIL = re.compile(
    rf"(?=[0-9〇一二三四五六七八九十百千東西南北第])(?<![0-9\-])(?:(?:{_JO}|{_N}丁目)(?:{_BLOCK})?|{_BLOCK}|第?{_N}地割(?:{_BLOCK})?)(?![0-9])"
)
# A tail that says it is an address by itself (丁目, 番地, 号, 条) as opposed to bare
# numbers, which need a municipality or a 住所 label before them.
_STRONG_TAIL = re.compile(r"丁目|番|号|条|地割")
_ADMIN_SUFFIX = re.compile(r"(?:都|道|府|県|市|区|町|村|郡|丁目|字)$")
_MUNICIPALITY = re.compile(r"[都道府県市区町村郡]")
_PREFECTURE_RE = re.compile("|".join(PREFECTURES))
_LABEL = re.compile(
    r"(?:住所|所在地|住所地|居所|現住所|本籍|送付先|届け先|お届け先)\s*[:：は]?\s*$"
)

_NAME_PARTICLES = frozenset({"ヶ", "ケ", "が", "の", "ノ", "之", "ツ"})
_MAX_LEFT_TOKENS = 8
_MAX_LEFT_CHARS = 32


class AddressRecognizer(Recognizer):
    """Addresses with block numbers, in the forms municipalities write them.

    >>> from hinagata import scan
    >>> [f.text for f in scan("住所は横浜市港北区新横浜三丁目12番5号です") if f.type == "ADDRESS"]
    ['横浜市港北区新横浜三丁目12番5号']
    """

    TYPES = ("ADDRESS",)

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        for m in _TAIL.finditer(text):
            s, e = m.span()
            if not doc.at_token_start(s):
                continue
            start = self._place_start(doc, s)
            # A lone suffix (市, 町) is not a place name.
            if start is None or len(text[start:s].strip()) < 2:
                continue
            yield Candidate(
                "ADDRESS", start, e, 0.0, meta={"strong": bool(_STRONG_TAIL.search(m.group()))}
            )

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

    def score(self, cand: Candidate, doc: Document) -> float:
        place = doc.text[cand.start : cand.end]
        if cand.meta.get("strong"):
            return 0.9
        if _MUNICIPALITY.search(place) or _PREFECTURE_RE.search(place):
            return 0.85
        if _LABEL.search(doc.before(cand.start, 10)):
            return 0.8
        return 0.0
