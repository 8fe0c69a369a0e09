"""The span of a person's name that starts at a token: a run of name tokens, a katakana
chain, a place-name surname, an unknown word with a cue."""

from __future__ import annotations

from hinagata.detect._document import Document, PosTags
from hinagata.detect._name_cues import (
    _ADMIN_END,
    _BRACKET_DATE_AFTER,
    _CUE_WORDS,
    _INSTITUTION_END,
    _KANJI,
    _KATAKANA,
    _KATAKANA_JOINERS,
    _LABELS,
    _NAME_CHARS,
    _PLACE_HEAD_TITLES,
    _ROLE_BEFORE,
    HONORIFICS,
    _is_given_name,
    _is_surname,
    not_names,
)
from hinagata.detect._name_tokens import (
    _adjectival,
    _cue_after,
    _hiragana_given_name,
    _katakana_chain,
    _kind,
    _unknown_given_name,
)
from hinagata.detect._romaji import _katakana_full_name


def _name_at(
    doc: Document, tags: PosTags, i: int, label_ends: set[int]
) -> tuple[int, int, str] | None:
    """The name starting at token ``i``: (first token, last token, kind) or None."""
    toks = doc.tokens
    tok = toks[i]
    pos = tok.pos
    if pos in tags.person:
        if "a" <= doc.text[tok.start] <= "z":
            return None  # a name in Latin script is capitalised: phone, note, id are keys
        return _grow(doc, tags, i, tok.start in label_ends)
    if pos in tags.numeral:
        return None
    text = doc.text
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    first_char = text[tok.start]
    katakana = "\u30a1" <= first_char <= "\u30fc"
    if (
        not katakana
        and not tok.oov
        and pos not in tags.place
        and pos not in tags.proper_other
        and (nxt is None or nxt.pos not in tags.space)
    ):
        return None  # a common kanji/kana noun starts a name only before a space
    surface = text[tok.start : tok.end]
    if katakana and _KATAKANA.match(surface):
        span = _katakana_name(doc, tags, i)
        if span is not None:
            return span
    if pos in tags.place:
        return _place_surname(doc, tags, i, label_ends)
    if nxt is None or not _NAME_CHARS.match(surface):
        return None
    return _untagged_name(doc, tags, i, label_ends, katakana)


def _katakana_name(doc: Document, tags: PosTags, i: int) -> tuple[int, int, str] | None:
    """A katakana name at token ``i`` the dictionary does not tag, or None."""
    toks = doc.tokens
    tok = toks[i]
    text = doc.text
    # Foreign names the dictionary does not tag: katakana parts joined by ・, with a
    # tagged part, a title after (エッケナー博士) or a role before (哲学者シセラ・ボク).
    last = _katakana_chain(doc, tags, i)
    if last > i and any(toks[k].pos in tags.person for k in range(i, last + 1, 2)):
        return i, last, "full"
    # A single katakana word must be unknown to the dictionary: ラグビー選手 is not a name.
    if (last > i or tok.oov) and (
        _cue_after(doc, toks, last) or _ROLE_BEFORE.search(text, max(0, tok.start - 8), tok.start)
    ):
        return i, last, "full" if last > i else "cued"
    return None


def _place_surname(
    doc: Document, tags: PosTags, i: int, label_ends: set[int]
) -> tuple[int, int, str] | None:
    """A place-name token ``i`` read as a surname, or None (a place is not a name)."""
    toks = doc.tokens
    tok = toks[i]
    text = doc.text
    n = len(toks)
    nxt = toks[i + 1] if i + 1 < n else None
    surface = text[tok.start : tok.end]
    # A surname the dictionary knows as a place (奈良, 伊東) followed by a given name
    # or a title: 奈良竜樹, 伊東博士. Otherwise a place is not a name.
    if nxt is not None and nxt.start == tok.end and len(surface) <= 3 and _KANJI.match(surface):
        if nxt.pos in tags.given_name:
            return i, i + 1, "full"
        title = text[nxt.start : nxt.end]
        # 横浜市長, 千葉県知事: the head of that place, not a person named 横浜.
        if (
            title in _CUE_WORDS
            and title not in _PLACE_HEAD_TITLES
            and not _ADMIN_END.search(surface)
        ):
            return i, i, "cued"
    if tok.start in label_ends and _KANJI.match(surface) and _is_surname(surface):
        return i, i, "label"  # 担当：小松 (小松 is also a place)
    # 上野 ひとみ: a surname that is also a place, a space, a given name.
    if (
        nxt is not None
        and text[nxt.start : nxt.end] == " "
        and i + 2 < n
        and _KANJI.match(surface)
        and _is_surname(surface)
    ):
        given = toks[i + 2]
        gs = text[given.start : given.end]
        if given.pos in tags.given_name or (_NAME_CHARS.match(gs) and _is_given_name(gs)):
            return i, i + 2, "full"
    return None


def _untagged_name(
    doc: Document, tags: PosTags, i: int, label_ends: set[int], katakana: bool
) -> tuple[int, int, str] | None:
    """A name at a token the dictionary does not tag as a person (an unknown or proper
    noun, or a common noun before a space) that its neighbours make one, or None."""
    toks = doc.tokens
    tok = toks[i]
    pos = tok.pos
    text = doc.text
    n = len(toks)
    nxt = toks[i + 1]
    surface = text[tok.start : tok.end]
    if surface[-1] in _INSTITUTION_END and not (
        # 大橋 美和さん: a surname ending like a place (橋, 山, 川), a name and an honorific
        _is_surname(surface)
        and text[nxt.start : nxt.end] == " "
        and i + 2 < n
        and toks[i + 2].pos in tags.person
        and _cue_after(doc, toks, i + 2)
    ):
        return None  # 総務課 山口: a section, then the staff member's surname
    if surface in not_names():
        return None  # 氏名 in 被保険者氏名 山本 晃 is a label, not the start of a name
    labelled = tok.start in label_ends
    if text[nxt.start : nxt.end] == " " and i + 2 < n and _spaced_pair(doc, tags, i, labelled):
        return i, i + 2, "full"
    unknown = pos in tags.proper_other or tok.oov
    # Common nouns take さん too (本屋さん, お地蔵さん): only proper or unknown words.
    if unknown and nxt.start == tok.end and text[nxt.start : nxt.end] in HONORIFICS:
        return i, i, "cue"
    # ｽｽﾞｷ 様: one space before the honorific (forms and mails write it so).
    if (
        unknown
        and katakana
        and text[nxt.start : nxt.end] == " "
        and i + 2 < n
        and text[toks[i + 2].start : toks[i + 2].end] in HONORIFICS
    ):
        return i, i, "cue"
    if labelled and pos in tags.proper_other and surface[-1] not in _INSTITUTION_END:
        # Right after a label (氏名：鬼塚 雷蔵).
        last = i
        if (
            i + 2 < n
            and text[nxt.start : nxt.end] == " "
            and _NAME_CHARS.match(text[toks[i + 2].start : toks[i + 2].end])
        ):
            last = i + 2
        return i, last, "label"
    return None


def _spaced_pair(doc: Document, tags: PosTags, i: int, labelled: bool) -> bool:
    """Tokens ``i`` and ``i + 2`` (one space between) are a surname and a given name."""
    toks = doc.tokens
    tok = toks[i]
    text = doc.text
    person = tags.person
    surface = text[tok.start : tok.end]
    # Two words with one space and a cue, one of them a name or unknown word:
    # ハヤシ ヨウイチ様, 氏名：ニシムラ ハルカ.
    given = toks[i + 2]
    return bool(
        given.pos in tags.noun
        and given.pos not in tags.numeral
        and _NAME_CHARS.match(text[given.start : given.end])
        and (
            (
                any(t.oov or t.pos in tags.proper_other or t.pos in person for t in (tok, given))
                and (labelled or _cue_after(doc, toks, i + 2))
            )
            # ニシムラ ヨウイチ: a surname and a given name by their readings, both
            # unknown to the dictionary or names to it (not アイス クリーム).
            or (
                all(t.oov or t.pos in tags.proper_other or t.pos in person for t in (tok, given))
                and _katakana_full_name(surface, text[given.start : given.end])
            )
        )
    )


def _grow(doc: Document, tags: PosTags, i: int, labelled: bool = False) -> tuple[int, int, str]:
    """Extend a run of name tokens: 田中 一郎, マイケル・ジャクソン, たかはし けんいち."""
    toks = doc.tokens
    kinds = [_kind(tags, toks[i].pos)]
    first = i
    # Katakana parts before a tagged part, joined by ・ (ウォルト・ディズニー).
    while (
        first >= 2
        and doc.surface(toks[first - 1]) in _KATAKANA_JOINERS
        and _KATAKANA.match(doc.surface(toks[first - 2]))
        and _KATAKANA.match(doc.surface(toks[first]))
        and toks[first - 2].pos in tags.noun
    ):
        first -= 2
        kinds.insert(0, "k")
    last = _extend_run(doc, tags, i, kinds)
    return _end_run(doc, tags, first, last, kinds, labelled)


def _extend_run(doc: Document, tags: PosTags, last: int, kinds: list[str]) -> int:
    """The last token of the run of name tokens from ``last`` on; ``kinds`` gets the kind
    of each part added."""
    toks = doc.tokens
    person = tags.person
    j = last + 1
    while j < len(toks):
        t = toks[j]
        if t.pos in person and t.start == toks[last].end:
            kinds.append(_kind(tags, t.pos))
            last = j
            j += 1
            continue
        s = doc.surface(t)
        if j + 1 < len(toks):
            nxt = toks[j + 1]
            ns = doc.surface(nxt)
            # ・ joins katakana parts of one foreign name; between kanji names it lists people.
            if (
                s in _KATAKANA_JOINERS
                and _KATAKANA.match(doc.surface(toks[last]))
                and _KATAKANA.match(ns)
            ):
                kinds.append(_kind(tags, nxt.pos) if nxt.pos in person else "k")
                last = j + 1
                j += 2
                continue
            # One space joins a surname and a given name (高橋 健一, たかはし けんいち).
            # Katakana names the dictionary tags 人名/一般 join too (イトウ ナナミ).
            if (
                s == " "
                and nxt.pos in person
                and (
                    _kind(tags, nxt.pos) in ("mei", "other")
                    # 伊藤 美咲: the lattice chose 美咲 the surname; it is a given name too.
                    or (kinds[-1] == "sei" and _is_given_name(ns))
                )
                and (
                    kinds[-1] == "sei"
                    or (
                        len(kinds) == 1
                        and _KATAKANA.match(doc.surface(toks[last]))
                        and _KATAKANA.match(ns)
                    )
                )
            ):
                kinds.append(_kind(tags, nxt.pos))
                last = j + 1
                j += 2
                continue
        break
    return last


def _end_run(
    doc: Document, tags: PosTags, first: int, last: int, kinds: list[str], labelled: bool
) -> tuple[int, int, str]:
    """The name of the run ``first``–``last``: with a given name after it that the
    dictionary does not tag, or as it is; and its kind."""
    toks = doc.tokens
    # Surname, space, a word the dictionary does not know as a given name, with a cue:
    # ワタナベ カナ様, 氏名：高橋 翔空.
    if (
        (kinds == ["sei"] or (kinds == ["other"] and _KATAKANA.match(doc.surface(toks[last]))))
        and last + 2 < len(toks)
        and _cued_given_name(doc, tags, first, last, kinds, labelled)
    ):
        return first, last + 2, "full"
    # Surname, space, a given name in hiragana the dictionary splits into words
    # (中島 こ|はる さん), then an honorific or a bracket.
    if kinds == ["sei"] and last + 2 < len(toks) and doc.surface(toks[last + 1]) == " ":
        end = _hiragana_given_name(doc, toks, last + 2)
        if end is not None:
            return first, end, "full"
    # A surname glued to a given name the dictionary does not know, which it splits into
    # kanji pieces (伊藤|穣|一, 山崎|桂一, 船田|元), then a boundary: a full name.
    if kinds[-1] in ("sei", "mei"):
        # 伊藤|穣|一: also the rest of a given name the dictionary only half knows.
        end = _unknown_given_name(doc, tags, last)
        if end > last:
            return first, end, "full"
    full = ("sei" in kinds and ("mei" in kinds or "other" in kinds)) or len(kinds) >= 2
    if full:
        return first, last, "full"
    return first, last, kinds[0]


def _cued_given_name(
    doc: Document, tags: PosTags, first: int, last: int, kinds: list[str], labelled: bool
) -> bool:
    """Token ``last + 2``, one space after the run, is a given name a cue vouches for."""
    toks = doc.tokens
    person = tags.person
    sp, given = toks[last + 1], toks[last + 2]
    return bool(
        doc.surface(sp) == " "
        and given.pos not in tags.numeral
        and _NAME_CHARS.match(doc.surface(given))
        and doc.surface(given) not in _CUE_WORDS
        and (
            labelled
            or _cue_after(doc, toks, last + 2)
            or _LABELS.search(doc.text, max(0, toks[first].start - 16), toks[first].start)
            or (
                (given.oov or given.pos in person or given.pos in tags.proper_other)
                and _katakana_full_name(doc.surface(toks[last]), doc.surface(given))
            )
            # 佐藤 ゆかり: a given name the lattice read otherwise.
            or (kinds == ["sei"] and _is_given_name(doc.surface(given)))
            # イシカワ リク（2016.5.30）: a date of birth in brackets right after it.
            or _BRACKET_DATE_AFTER.match(doc.text, given.end) is not None
        )
        # 真白 is an adjectival noun to the dictionary, a given name after a label;
        # 颯 an adverb, a given name before its date of birth.
        and (
            given.pos in tags.noun
            or (labelled and _adjectival(tags, given.pos))
            or (
                _BRACKET_DATE_AFTER.match(doc.text, given.end) is not None
                and len(doc.surface(given)) <= 2
            )
        )
    )
