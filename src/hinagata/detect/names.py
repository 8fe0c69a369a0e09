"""Person names (氏名) from SudachiPy's morphology plus honorific and label cues.

SudachiPy tags 人名 tokens as 姓 (surname), 名 (given name) or 一般 (other, e.g. foreign
names). A name is one or more such tokens, written with or without a space, in kanji,
katakana or hiragana, foreign names joined with ・. Cues raise confidence and recover
names the dictionary does not know: an honorific or title after (様, さん, 氏, 先生, 市長),
a label before (氏名, 申請者, 世帯主). Organisation and place contexts veto a name:
株式会社田中工務店 is a company, 千葉県 and 千葉駅 are places, but 千葉さん is a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hinagata.detect._document import Document, PosTags, Token, pos_tags
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import Candidate

__all__ = ["NameRecognizer"]

HONORIFICS = (
    "様",
    "さま",
    "サマ",
    "さん",
    "サン",
    "氏",
    "くん",
    "君",
    "ちゃん",
    "殿",
    "どの",
    "先生",
    "せんせい",
    "議員",
    "教授",
    "准教授",
    "博士",
    "選手",
    "監督",
    "社長",
    "会長",
    "部長",
    "課長",
    "係長",
    "主査",
    "主事",
    "市長",
    "町長",
    "村長",
    "区長",
    "知事",
    "副市長",
    "委員",
    "委員長",
    "弁護士",
    "医師",
    "看護師",
    "容疑者",
    "被告",
    "被告人",
    "受刑者",
    "夫妻",
    "一家",
    "兄",
    "姉",
    "母",
    "父",
)
_HONORIFIC_SET = frozenset(HONORIFICS)
_HONORIFIC_RE = re.compile("|".join(sorted(map(re.escape, HONORIFICS), key=len, reverse=True)))

_LABELS = re.compile(
    r"(?:氏名|お名前|名前|フリガナ|ふりがな|申請者|世帯主|相談者|届出人|申立人|被保険者|患者|代表者|"
    r"担当者|担当|保護者|児童|生徒|本人|利用者|対象者|契約者|受給者|請求者|納税者|被相続人|"
    r"相続人|死亡者|転入者|転出者|申込者|受取人|依頼人|差出人|宛名|記入者|作成者|"
    r"name|Name|NAME)\s*(?:\([^)]{0,6}\))?\s*[:：]?\s*$"
)

# Words after a person-name token that make the whole an organisation, a place or a thing.
_ORG_OR_PLACE_AFTER = frozenset(
    {
        "工務店",
        "商店",
        "建設",
        "産業",
        "工業",
        "銀行",
        "病院",
        "医院",
        "クリニック",
        "事務所",
        "会社",
        "商事",
        "株式会社",
        "商会",
        "製作所",
        "運輸",
        "不動産",
        "興業",
        "電機",
        "電気",
        "薬局",
        "酒造",
        "書店",
        "屋",
        "駅",
        "県",
        "市",
        "町",
        "村",
        "区",
        "郡",
        "川",
        "山",
        "寺",
        "神社",
        "城",
        "線",
        "通り",
        "小学校",
        "中学校",
        "高校",
        "高等学校",
        "大学",
        "学園",
        "幼稚園",
        "保育園",
        "橋",
        "公園",
        "港",
        "湾",
        "島",
        "半島",
        "岬",
        "峠",
        "湖",
        "池",
        "町内",
        "地区",
        "インターチェンジ",
        "IC",
        "バイパス",
        "街道",
        "ダム",
        "トンネル",
        "賞",
        "財団",
        "基金",
        "記念館",
        "美術館",
        "文庫",
        "グループ",
        "ホールディングス",
        "ホテル",
        "旅館",
        "本店",
        "支店",
        "家具",
        "模型",
        "製菓",
        "食品",
        "組",
        "鉄道",
        "バス",
        "交通",
        "球場",
        "スタジアム",
        "ビル",
        "タワー",
        "ショップ",
        "店",
        "塾",
        "法律事務所",
        "税理士事務所",
    }
)
_ORG_BEFORE = re.compile(
    r"(?:株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|医療法人|社会福祉法人|学校法人)\s*$"
)
_KATAKANA = re.compile(r"^[\u30a0-\u30ffー]+$")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff\u3005\u30a0-\u30ff\u3041-\u309fー]+$")
_JOINERS = frozenset({"・", "=", "＝"})


class NameRecognizer(Recognizer):
    """Person names.

    >>> from hinagata import scan
    >>> [f.text for f in scan("株式会社田中工務店の田中一郎様と千葉さん（千葉県在住）")]
    ['田中一郎', '千葉']
    """

    TYPES = ("PERSON_NAME",)

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        tags = pos_tags()
        toks = doc.tokens
        person = tags.person
        n = len(toks)
        i = 0
        used_until = -1
        while i < n:
            tok = toks[i]
            if tok.start < used_until:
                i += 1
                continue
            if tok.pos in person:
                span = self._grow(doc, tags, i)
                if span is not None:
                    first, last, kinds = span
                    used_until = toks[last].end
                    yield Candidate(
                        "PERSON_NAME",
                        toks[first].start,
                        toks[last].end,
                        0.0,
                        meta={"first": first, "last": last, "kinds": kinds},
                    )
                    i = last + 1
                    continue
            i += 1
        yield from self._cue_names(doc, tags)

    # A run of name tokens: 田中 一郎, マイケル・ジャクソン, たかはし けんいち.
    def _grow(self, doc: Document, tags: PosTags, i: int) -> tuple[int, int, str] | None:
        toks = doc.tokens
        person = tags.person
        kinds = [_kind(tags, toks[i].pos)]
        first = last = i
        # Foreign names: katakana parts before a tagged part, joined by ・ (ウォルト・ディズニー).
        while (
            first >= 2
            and doc.surface(toks[first - 1]) in _JOINERS
            and _KATAKANA.match(doc.surface(toks[first - 2]))
            and toks[first - 2].pos in tags.noun
        ):
            first -= 2
            kinds.insert(0, "k")
        j = last + 1
        while j < len(toks):
            t = toks[j]
            s = doc.surface(t)
            if t.pos in person and t.start == toks[last].end:
                kinds.append(_kind(tags, t.pos))
                last = j
                j += 1
                continue
            if (s in _JOINERS or (t.pos in tags.space and t.end - t.start == 1)) and j + 1 < len(
                toks
            ):
                nxt = toks[j + 1]
                ns = doc.surface(nxt)
                if nxt.pos in person or (
                    s in _JOINERS
                    and (_KATAKANA.match(ns) or (len(ns) <= 2 and ns.isascii() and ns.isalpha()))
                    and nxt.pos in tags.noun
                ):
                    # A space joins only surname + given name; ・ joins foreign name parts.
                    if t.pos in tags.space and not (
                        kinds[-1] == "sei" and _kind(tags, nxt.pos) in ("mei", "other")
                    ):
                        break
                    kinds.append(_kind(tags, nxt.pos) if nxt.pos in person else "k")
                    last = j + 1
                    j += 2
                    continue
            break
        return first, last, "+".join(kinds)

    def _cue_names(self, doc: Document, tags: PosTags) -> Iterator[Candidate]:
        """Names the dictionary misses, found from an honorific after them or a label before."""
        toks = doc.tokens
        text = doc.text
        for m in _HONORIFIC_RE.finditer(text):
            s = m.start()
            j = doc.token_ends.get(s)
            if j is None or toks[j].pos in tags.person:
                continue
            # Up to two proper-noun or unknown tokens right before the honorific.
            first = j
            while first >= 0 and j - first < 2 and _could_be_name(doc, tags, toks[first]):
                first -= 1
            first += 1
            if first > j:
                continue
            yield Candidate(
                "PERSON_NAME",
                toks[first].start,
                toks[j].end,
                0.0,
                meta={"first": first, "last": j, "kinds": "cue"},
            )
        for idx, tok in enumerate(toks):
            if tok.pos in tags.person or not _could_be_name(doc, tags, tok):
                continue
            if idx > 0 and toks[idx - 1].pos in tags.person:
                continue
            if _LABELS.search(text, max(0, tok.start - 16), tok.start):
                last = idx
                if (
                    idx + 2 < len(toks)
                    and toks[idx + 1].pos in tags.space
                    and _could_be_name(doc, tags, toks[idx + 2])
                ):
                    last = idx + 2
                yield Candidate(
                    "PERSON_NAME",
                    tok.start,
                    toks[last].end,
                    0.0,
                    meta={"first": idx, "last": last, "kinds": "label"},
                )

    def score(self, cand: Candidate, doc: Document) -> float:
        text = doc.text
        toks = doc.tokens
        last = cand.meta["last"]
        kinds: str = cand.meta["kinds"]
        after_tok = toks[last + 1] if last + 1 < len(toks) else None
        after = doc.surface(after_tok) if after_tok else ""
        before = text[max(0, cand.start - 16) : cand.start]
        honorific = after in _HONORIFIC_SET or (
            after_tok is not None
            and bool(_HONORIFIC_RE.match(text, after_tok.start))
            and after_tok.pos in pos_tags().suffix
        )
        label = _LABELS.search(before) is not None
        if _ORG_BEFORE.search(before):
            return 0.0
        if after in _ORG_OR_PLACE_AFTER and not honorific:
            return 0.0
        if kinds in ("cue", "label"):
            return 0.7 if (honorific or label) else 0.0
        parts = kinds.split("+")
        full = ("sei" in parts and ("mei" in parts or "other" in parts)) or len(parts) >= 2
        if honorific or label:
            return 0.95 if full else 0.85
        if full:
            return 0.9
        if parts == ["other"]:
            return 0.7
        if parts == ["sei"]:
            return 0.65
        return 0.55


def _kind(tags: PosTags, pos: int) -> str:
    if pos in tags.surname:
        return "sei"
    if pos in tags.given_name:
        return "mei"
    return "other"


def _could_be_name(doc: Document, tags: PosTags, tok: Token) -> bool:
    """A token that may be part of a name the dictionary does not know."""
    s = doc.surface(tok)
    if not _NAME_CHARS.match(s):
        return False
    return (
        tok.pos in tags.proper_other
        or tok.pos in tags.person
        or (
            tok.pos in tags.noun
            and tok.pos not in tags.numeral
            and tok.pos not in tags.place
            and len(s) <= 4
            and not s.isascii()
            and tok.pos in tags.proper_other
        )
    )
