"""Person names (氏名) from SudachiPy's morphology plus honorific and label cues.

SudachiPy tags 人名 tokens as 姓 (surname), 名 (given name) or 一般 (other, often foreign
names). A name is a run of such tokens, written with or without a space, in kanji,
katakana or hiragana; foreign names join katakana parts with ・ or =. Cues raise confidence
and recover names the dictionary does not know: an honorific or title after (様, さん, 氏,
先生, 市長, 監督), a label before (氏名, 申請者, 世帯主). A name glued to a following noun is
part of something else (ケネディ宇宙センター, 株式会社田中工務店, 千葉駅), so it is vetoed
unless the noun is a title; 千葉県 is one 地名 token and never a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hinagata.detect._document import Document, pos_tags
from hinagata.detect._name_cues import (
    _AZA_BEFORE,
    _KATAKANA_ORG_WORDS,
    _KIN_LABEL,
    _LABEL_ANYWHERE,
    _LABELS,
    _ORG_BEFORE,
    _ORG_OR_PLACE_AFTER,
    _SCORE_CUED,
    _SCORE_CUED_FULL,
    _SCORE_FULL,
    _SCORE_GIVEN,
    _SCORE_OTHER,
    _SCORE_SURNAME,
    HONORIFICS,
    TITLES,
    not_names,
)
from hinagata.detect._name_rows import (
    _csv_name_cells,
    _role_candidates,
    _short_surname_candidates,
    readings_of_names,
)
from hinagata.detect._name_spans import _name_at
from hinagata.detect._name_tokens import _cue_after, _glued_to_noun, _quick_sets
from hinagata.detect._name_variants import _folded
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._romaji import _romaji_candidates, hepburn, is_romaji_name_word, romaji_key
from hinagata.detect._types import Candidate

__all__ = [
    "HONORIFICS",
    "TITLES",
    "NameRecognizer",
    "hepburn",
    "is_romaji_name_word",
    "readings_of_names",
    "romaji_key",
]

# A template's sample value (例：山田太郎, 記入例 山田 太郎): reported, but about no one.
_TEMPLATE_BEFORE = re.compile(
    r"(?:(?:記入例|入力例|記載例|作成例|回答例|文例|例文|見本|サンプル)\s*[)）】\]]?\s*[:：)）]?"
    r"|[(（【\[]例[)）】\]]|(?<![事実用慣判])例\s*[:：)）]|(?:sample|example)\s*[:：)）])"
    r"[^\n。]{0,14}$",
    re.IGNORECASE,
)
# (A group: a bare top-level alternation is not scanned by its first characters.)
_TEMPLATE_WORD = re.compile(r"(?:例|見本|サンプル|Sample|sample|SAMPLE|Example|example|EXAMPLE)")


class NameRecognizer(Recognizer):
    """Person names.

    >>> from hinagata import scan
    >>> [f.text for f in scan("株式会社田中工務店の田中一郎様と千葉さん（千葉県在住）")]
    ['田中一郎', '千葉']
    """

    TYPES = ("PERSON_NAME",)

    def find(self, doc: Document) -> Iterator[Candidate]:
        # Old-form kanji (髙橋, 濵田, 德永) are read in their common form: the copy has the
        # same length, so every offset holds for the original text too.
        folded = _folded(doc)
        template = _TEMPLATE_WORD.search(doc.text) is not None
        for cand in super().find(folded):
            if template and _TEMPLATE_BEFORE.search(
                folded.text, max(0, cand.start - 24), cand.start
            ):
                cand = cand.marked(False)  # 例：山田太郎 is a template's sample, not a person
            yield cand

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        tags = pos_tags()
        toks = doc.tokens
        # Where a label such as 氏名： ends: a name may start there.
        label_ends = {m.end() for m in _LABEL_ANYWHERE.finditer(doc.text)}
        label_ends |= {m.end() for m in _KIN_LABEL.finditer(doc.text)}
        label_ends |= _csv_name_cells(doc.text)
        n = len(toks)
        # Surname + staff role (佐藤保健師, 林係長): the dictionary often splits these oddly
        # (佐|藤保|健師, 林|係|長), so they are found on the text and win over the tokens.
        roles = list(_role_candidates(doc))
        role_spans = [(c.meta["role_start"], c.end + c.meta["role_len"]) for c in roles]
        yield from roles
        yield from _short_surname_candidates(doc)
        text = doc.text
        direct, plain, space = _quick_sets(tags)
        # The tokens a name may start at, in one comprehension: every name token is a
        # noun, and a common noun (``plain``) starts one only when it is unknown, in
        # katakana or before a space; the rest :meth:`_name_at` rejects first.
        starts = [
            i
            for i, (start, _end, pos, oov) in enumerate(toks)
            if pos in direct
            or (
                pos in plain
                and (
                    oov
                    or "\u30a1" <= text[start] <= "\u30fc"
                    or (i + 1 < n and toks[i + 1].pos in space)
                )
            )
        ]
        resume = 0  # tokens before this one are inside a name already read
        for i in starts:
            if i < resume:
                continue
            span = _name_at(doc, tags, i, label_ends)
            if span is None:
                continue
            first, last, kind = span
            resume = last + 1
            if role_spans and any(
                toks[first].start < hi and lo < toks[last].end for lo, hi in role_spans
            ):
                continue  # 藤保|健師 inside 佐藤保健師
            yield Candidate(
                "PERSON_NAME",
                toks[first].start,
                toks[last].end,
                0.0,
                meta={
                    "first": first,
                    "last": last,
                    "kind": kind,
                    "labelled": toks[first].start in label_ends,
                    # Identifiability (POLICY_DEFAULTS §1) needs surname + given name apart
                    # from a surname alone.
                    "detail": "full"
                    if kind == "full" or (kind == "label" and last > first)
                    else "partial",
                },
            )
        yield from _romaji_candidates(doc)

    def score(self, cand: Candidate, doc: Document) -> float:
        kind: str = cand.meta["kind"]
        if kind in ("romaji", "role", "row"):
            return cand.score
        name = doc.text[cand.start : cand.end]
        if name.casefold() in not_names():
            return 0.0  # a label or a JSON key ("phone", 氏名), never a name
        toks = doc.tokens
        first: int = cand.meta["first"]
        last: int = cand.meta["last"]
        before = doc.text[max(0, cand.start - 16) : cand.start]
        if _ORG_BEFORE.search(before) or _AZA_BEFORE.search(before):
            return 0.0  # 株式会社田中…; 大字芦沢, 字堀ノ内 are places
        label = cand.meta["labelled"] or _LABELS.search(before) is not None
        cue = _cue_after(doc, toks, last)
        if not cue and not label and _glued_to_noun(doc, pos_tags(), toks, last):
            # ケネディ宇宙センター, 田中工務店, ルパン三世: part of another name.
            return 0.0
        if (
            label
            and last + 1 < len(toks)
            and toks[last + 1].start == toks[last].end
            and doc.surface(toks[last + 1]) in _ORG_OR_PLACE_AFTER
        ):
            return 0.0  # 保護者は芦沢郵便局の…: a label, then a place's office
        if "・" in name or "=" in name:
            # シェフィールド・ユナイテッド, ジョージ・ピーボディ・アンド・カンパニー: a katakana
            # chain that ends in (or contains) an organisation or place word.
            parts = re.split(r"[・=]", name)
            if parts[-1] in _KATAKANA_ORG_WORDS or "アンド" in parts:
                return 0.0
        if kind in ("cue", "label", "cued"):
            return _SCORE_CUED if (cue or label) else 0.0
        if kind == "full":
            return _SCORE_CUED_FULL if (cue or label) else _SCORE_FULL
        if cue or label:
            return _SCORE_CUED
        if cand.end - cand.start == 1 and first == last:
            return 0.0  # a lone one-character token (清, 源) is rarely a name by itself
        return {"sei": _SCORE_SURNAME, "other": _SCORE_OTHER}.get(kind, _SCORE_GIVEN)
