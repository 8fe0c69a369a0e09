"""Token-level helpers of the name recognizer: cues after a name, nouns glued to it,
katakana chains, given names the dictionary splits or does not know."""

from __future__ import annotations

import re
from functools import lru_cache

from hinagata.detect._document import Document, PosTags, Token, pos_tags
from hinagata.detect._name_cues import (
    _CUE_RE,
    _CUE_WORDS,
    _INSTITUTION_END,
    _KANJI,
    _KATAKANA,
    _KATAKANA_JOINERS,
    _ORG_OR_PLACE_AFTER,
    HONORIFICS,
)


@lru_cache(maxsize=4096)
def _adjectival_pid(pid: int) -> bool:
    return pos_tags().names(pid)[0] == "形状詞"


def _adjectival(tags: PosTags, pid: int) -> bool:
    """形状詞 (adjectival noun): 真白, 静か."""
    return _adjectival_pid(pid)


def _kind(tags: PosTags, pos: int) -> str:
    if pos in tags.surname:
        return "sei"
    if pos in tags.given_name:
        return "mei"
    return "other"


def _unknown_given_name(doc: Document, tags: PosTags, last: int) -> int:
    """Index of the last kanji piece of an unknown given name after surname ``last``."""
    toks = doc.tokens
    j = last + 1
    if j < len(toks):
        m = _CUE_RE.match(doc.text, toks[j].start)
        if m is not None and _ends_a_token(toks, j, m.end()):
            return last  # 田中|係|長: a title (係長) split into pieces, not a given name
    added = 0
    end = last
    while j < len(toks) and added < 3 and j - last <= 2:
        t = toks[j]
        s = doc.surface(t)
        if (
            t.start != toks[j - 1].end
            or not _KANJI.match(s)
            or len(s) > 2
            or s in _CUE_WORDS
            or s in _ORG_OR_PLACE_AFTER
        ):
            break
        if not (t.pos in tags.noun or t.pos in tags.suffix or t.pos in tags.person):
            break
        # A word the dictionary knows (出身, 方向) is not part of a name; single kanji,
        # unknown words and name pieces are.
        if len(s) > 1 and not t.oov and t.pos not in tags.person:
            break
        added += len(s)
        end = j
        j += 1
    if end == last or added > 3:
        return last
    # 和田|中学|校, 下藤|分|園: the pieces end like an institution, not a given name.
    if doc.text[toks[last].end : toks[end].end][-1] in _INSTITUTION_END:
        return last
    after = toks[end + 1] if end + 1 < len(toks) else None
    if (
        after is None
        or after.pos in tags.particle
        or after.pos in tags.symbol
        or after.pos in tags.space
    ):
        return end
    if doc.surface(after) in _CUE_WORDS:
        return end
    return last


_HIRAGANA = re.compile(r"^[\u3041-\u3096]+$")


def _hiragana_given_name(doc: Document, toks: list[Token], j: int) -> int | None:
    """The last token of a 2–4 letter hiragana given name starting at ``j`` that ends right
    before an honorific or an opening bracket (こ|はる さん, ゆ|う（5歳）), or None."""
    length = 0
    k = j
    while k < len(toks) and _HIRAGANA.match(doc.surface(toks[k])) and length < 5:
        if k > j and toks[k].start != toks[k - 1].end:
            break
        if doc.surface(toks[k]) in HONORIFICS:
            break
        length += toks[k].end - toks[k].start
        k += 1
    if k == j or not 2 <= length <= 4 or k >= len(toks):
        return None
    after = doc.surface(toks[k])
    if after in HONORIFICS or after in ("(", "（"):
        return k - 1
    return None


def _katakana_chain(doc: Document, tags: PosTags, i: int) -> int:
    """The last token of katakana parts joined by ・ starting at ``i`` (``i`` if none)."""
    toks = doc.tokens
    last = i
    j = i + 1
    while (
        j + 1 < len(toks)
        and doc.surface(toks[j]) in _KATAKANA_JOINERS
        and _KATAKANA.match(doc.surface(toks[j + 1]))
        and toks[j + 1].pos in tags.noun
    ):
        last = j + 1
        j += 2
    return last


def _cue_after(doc: Document, toks: list[Token], last: int) -> bool:
    """An honorific or title directly after the name (allowing one space)."""
    j = last + 1
    if j < len(toks) and toks[j].start == toks[last].end and toks[j].pos in pos_tags().space:
        j += 1
    if j >= len(toks):
        return False
    m = _CUE_RE.match(doc.text, toks[j].start)
    # The cue is a whole token (様) or whole tokens (係|長), not the start of one (家|具).
    return m is not None and (doc.surface(toks[j]) in _CUE_WORDS or _ends_a_token(toks, j, m.end()))


def _ends_a_token(toks: list[Token], j: int, end: int) -> bool:
    """Some token from ``j`` on ends exactly at ``end``."""
    while j < len(toks) and toks[j].end < end:
        j += 1
    return j < len(toks) and toks[j].end == end


def _glued_to_noun(doc: Document, tags: PosTags, toks: list[Token], last: int) -> bool:
    """The name is glued to words that make it an organisation, place or thing.

    The compound after the name is read up to three words: an organisation or place word
    (ケネディ|宇宙|センター, 田中|工務店) vetoes the name, a title (オバマ|上院|議員,
    河野太郎|外務|大臣) keeps it.
    """
    n = len(toks)
    if last + 1 >= n:
        return False
    first = toks[last + 1]
    if first.start != toks[last].end or first.pos in tags.person:
        return False
    surface = doc.surface(first)
    # One kanji glued after a name that is not a title is a mis-split word (崔順|実, 城松之大|廊下).
    if (
        len(surface) == 1
        and _KANJI.match(surface) is not None
        and surface not in _CUE_WORDS
        and surface not in _ORG_OR_PLACE_AFTER
        and (first.pos in tags.noun or first.pos in tags.suffix)
    ):
        return True
    prev = toks[last]
    for k in range(last + 1, min(last + 4, n)):
        t = toks[k]
        if t.start != prev.end or not (t.pos in tags.noun or t.pos in tags.suffix):
            return False
        surface = doc.surface(t)
        if surface in _CUE_WORDS:
            return False
        if surface in _ORG_OR_PLACE_AFTER:
            return True
        # 和田中|学校, 田中|分園: a word ending like an institution (校, 園, 院, 館 …) that ends
        # the phrase.
        after = toks[k + 1] if k + 1 < n else None
        ends_phrase = after is None or after.start != t.end or after.pos not in tags.noun
        if len(surface) >= 2 and surface[-1] in _INSTITUTION_END and ends_phrase:
            return True
        prev = t
    return False


@lru_cache(maxsize=4)
def _quick_sets(tags: PosTags) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """Part-of-speech ids for the token walk of :meth:`NameRecognizer.candidates`.

    (direct: nouns :meth:`NameRecognizer._name_at` always looks at (person, place, other
    proper nouns); plain: common nouns, which start a name only unknown, in katakana or
    before a space; the space ids. Numerals that are not person names are in neither:
    ``_name_at`` rejects them at once.)
    """
    person = tags.person
    never = tags.numeral - person
    plain = frozenset(tags.noun - person - tags.place - tags.proper_other - tags.numeral)
    direct = frozenset(tags.noun - never - plain)
    return direct, plain, frozenset(tags.space)
