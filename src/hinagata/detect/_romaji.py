"""Names in Latin letters (Sato Hanako, Mr. Sato, Nguyen Van An) and Hepburn romaji.

A romaji word is looked up by a key that folds long vowels and spelling variants (Satō,
Satoh, SATOU → sato); the keys come from the dictionary's katakana readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from hinagata.detect._document import Document
from hinagata.detect._name_cues import (
    _KATAKANA,
    _KATAKANA_READING,
    _LABELS,
    _SCORE_CUED,
    _SCORE_CUED_FULL,
    _SCORE_FULL,
    _data_lines,
)
from hinagata.detect._types import Candidate

_MACRONS = str.maketrans(
    {"ā": "aa", "ī": "ii", "ū": "uu", "ē": "ee", "ō": "oo", "â": "aa", "î": "ii", "û": "uu",
     "ê": "ee", "ô": "oo", "'": "", "’": "", "-": ""}
)  # fmt: skip
_KEY_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        ("tch", "tty"),
        ("sh", "sy"),
        ("ch", "ty"),
        ("ts", "t"),
        ("j", "zy"),
        ("fu", "hu"),
        ("(?<=[szt])yi", "i"),
        ("dz", "z"),
        ("d(?=[iu])", "z"),
        ("m(?=[bpm])", "n"),
        ("oh(?![aiueoy])", "o"),
        ("ou", "o"),
        ("([aiueo])\\1+", "\\1"),
    )
)


_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}  # fmt: skip
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}


def hepburn(kana: str) -> str | None:
    """Hepburn romaji of a katakana reading (None when it has other characters).

    >>> hepburn("サトウ"), hepburn("キョウコ"), hepburn("イチロー"), hepburn("ハットリ")
    ('satou', 'kyouko', 'ichiroo', 'hattori')
    """
    if not _KATAKANA.match(kana):
        return None
    out: list[str] = []
    geminate = False
    i = 0
    while i < len(kana):
        c = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if c == "ッ":
            geminate = True
            i += 1
            continue
        if c == "ー":
            if out and out[-1][-1] in "aiueo":
                out.append(out[-1][-1])
            i += 1
            continue
        syl = _BASE.get(c)
        if syl is None:
            return None
        if nxt in _YOON and syl.endswith("i") and syl not in ("i",):
            head = syl[:-1]
            glide = "" if head in ("sh", "ch", "j") else "y"
            syl = head + glide + _YOON[nxt]
            i += 1
        elif nxt in _SMALL_VOWEL and syl[-1] in "aiueo" and len(syl) > 1:
            syl = syl[:-1] + _SMALL_VOWEL[nxt]  # ティ ti, ファ fa (foreign sounds)
            i += 1
        if geminate:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            geminate = False
        out.append(syl)
        i += 1
    return "".join(out)


def romaji_key(word: str) -> str:
    """The lookup key of a romaji word: long vowels and spelling variants folded.

    >>> [romaji_key(w) for w in ("Satō", "SATOU", "Satoh", "Ohno", "Ōno", "Oono", "Shun'ichi")]
    ['sato', 'sato', 'sato', 'ono', 'ono', 'ono', 'syuniti']
    """
    s = word.lower().translate(_MACRONS)
    for pattern, repl in _KEY_STEPS:
        s = pattern.sub(repl, s)
    return s


@lru_cache(maxsize=1)
def _romaji_names() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(surname keys, given-name keys, English words that are name keys, function words)."""
    surnames: set[str] = set()
    given: set[str] = set()
    for line in _data_lines("romaji_names.txt.gz"):
        kind, key = line.split(" ", 1)
        if kind in "sb":
            surnames.add(key)
        if kind in "gb":
            given.add(key)
    return (
        frozenset(surnames),
        frozenset(given),
        frozenset(_data_lines("romaji_english.txt")),
        frozenset(_data_lines("romaji_function_words.txt")),
    )


_JAPANESE_CHAR = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]")


def _in_japanese(text: str, start: int, end: int) -> bool:
    """Latin words written inside Japanese text: a Japanese character on one side, and no
    other Latin word right before them."""
    before = text[max(0, start - 3) : start].rstrip(" ")
    after = text[end : end + 3].lstrip(" ")
    if before and before[-1].isalpha() and not _JAPANESE_CHAR.match(before[-1]):
        return False
    return (before != "" and _JAPANESE_CHAR.match(before[-1]) is not None) or (
        after != "" and _JAPANESE_CHAR.match(after[0]) is not None
    )


@lru_cache(maxsize=1)
def _foreign_surnames() -> frozenset[str]:
    """Common surnames of foreign residents in Latin letters (data file), lower case."""
    return frozenset(_data_lines("romaji_foreign_surnames.txt"))


_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
# Words that start with a capital (Latin-1 and Latin Extended-A capitals: Ō, Â); the
# rest of the case rule is _capitalised.
_LATIN_WORD = re.compile(
    # The look-ahead lets the engine skip to capitals before it checks the look-behind.
    "(?=[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f])"
    f"(?<![{_L}'’0-9])[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f][{_L}]*"
    # a hyphenated given name (Min-ho, Mei-Ling) is one word
    # (not an honorific or a municipality's suffix: Sato-san, Ota-ku)
    f"(?:-(?!(?:san|sama|kun|chan|sensei|shi|dono|ku|cho|machi|mura|gun|ken|to|fu)(?![{_L}]))"
    f"[{_L}][{_L}]+)?"
    f"(?:['’][{_L}]+)?(?![{_L}0-9])"
)
_ROMAJI_GAP = re.compile(r"[ \t]{1,2}|[ \t]*,[ \t]*")
_ROMAJI_CUE_AFTER = re.compile(
    r"[ \t]*(?:さん|様|さま|氏(?!名)|君|くん|ちゃん|殿|先生)|-(?:san|sama|kun|chan|sensei|shi)(?![a-z])"
    r"|[ \t]+(?:san|sama|kun|chan|sensei)(?![A-Za-z])"
)
_ROMAJI_CUE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]*$|\b(?:[Mm]y name is|I am|I'm|This is|Patient:|Name:)[ \t]*$"
)


# Letters romaji never has (l, q, x; c outside ch): most English words stop here.
_NOT_ROMAJI = re.compile(r"[lqxLQX]|[cC](?![hH])")


@lru_cache(maxsize=8192)
def _key_or_none(word: str) -> str:
    return "" if _NOT_ROMAJI.search(word) else romaji_key(word)


def _capitalised(w: str) -> bool:
    """Sato or SATO (a name in Latin script is capitalised or all capitals)."""
    if len(w) < 2 or not w[0].isupper():
        return False
    if "-" in w[1:]:  # Mei-Ling, Min-ho, JEAN-PIERRE: each part so
        return all(_capitalised(p) or (p.islower() and len(p) > 1) for p in w.split("-"))
    rest = w[1:]
    return rest.islower() or w.isupper()


def _romaji_candidates(doc: Document) -> Iterator[Candidate]:
    """Romaji names: surname and given name in either order (Sato Hanako, HANAKO SATO).

    Both words must be capitalised (or all capitals) Japanese name romaji from the
    dictionary's readings, not both common English words (Take Note) and no English
    function word (In Tanaka…) unless an honorific or Mr./Ms. says it is a name; a surname
    alone counts with an honorific, Mr./Ms. or a label (Sato-san, Mr. Sato, Name: Sato).
    """
    text = doc.text
    words = [m for m in _LATIN_WORD.finditer(text) if _capitalised(m.group())]
    if not words:
        return
    keys = [_key_or_none(m.group()) for m in words]
    i = 0
    n = len(words)
    while i < n:
        pair = _japanese_pair(text, words, keys, i)
        if pair is not None:
            yield pair
            i += 2
            continue
        cued = _cued_words(text, words, i)
        if cued is not None:
            cand, last = cued
            yield cand
            i = last + 1
            continue
        alone = _cued_surname(text, words[i], keys[i])
        if alone is not None:
            yield alone
        i += 1


def _japanese_pair(
    text: str, words: list[re.Match[str]], keys: list[str], i: int
) -> Candidate | None:
    """Words ``i`` and ``i + 1`` as a Japanese surname and given name (either order)."""
    if i + 1 >= len(words):
        return None
    surnames, given, english, function_words = _romaji_names()
    a, ka = words[i], keys[i]
    b, kb = words[i + 1], keys[i + 1]
    gap = text[a.end() : b.start()]
    if not (
        _ROMAJI_GAP.fullmatch(gap)
        and ((ka in surnames and kb in given) or (ka in given and kb in surnames))
        and ("," not in gap or a.group().isupper())
    ):
        return None
    wa, wb = a.group().lower(), b.group().lower()
    plain = not (wa in english and wb in english) and not (
        wa in function_words or wb in function_words
    )
    if not (plain or _romaji_cue(text, a.start(), b.end())):
        return None
    cue = _romaji_cue(text, a.start(), b.end())
    return Candidate(
        "PERSON_NAME",
        a.start(),
        b.end(),
        _SCORE_CUED_FULL if cue else _SCORE_FULL,
        meta={"kind": "romaji", "detail": "full"},
    )


def _cued_words(text: str, words: list[re.Match[str]], i: int) -> tuple[Candidate, int] | None:
    """Two or three capitalised words from ``i`` that a cue or a foreign surname makes a
    name: the candidate and the index of its last word."""
    n = len(words)
    if i + 1 >= n:
        return None
    _, _, _, function_words = _romaji_names()
    a = words[i]
    if not (
        _ROMAJI_GAP.fullmatch(text[a.end() : words[i + 1].start()]) is not None
        and "," not in text[a.end() : words[i + 1].start()]
        and a.group().lower() not in function_words
        and words[i + 1].group().lower() not in function_words
        and (
            _strong_cue(text, a.start(), words[i + 1].end())
            # Maria Santos, Nguyen Van An: a common surname of foreign residents,
            # written in Japanese text (not inside an English title: The Silva Report)
            or (
                (
                    a.group().lower() in _foreign_surnames()
                    or words[i + 1].group().lower() in _foreign_surnames()
                )
                and _in_japanese(text, a.start(), words[i + 1].end())
            )
        )
    ):
        return None
    # Wang Fang（王芳）さん, 児童：Li Hao: any two capitalised words with an honorific
    # after them or a form label before them; a third one after a single space
    # (母：Nguyen Thi Lan).
    end, last = words[i + 1].end(), i + 1
    if (
        last + 1 < n
        and text[end : words[last + 1].start()] == " "
        and (
            words[last + 1].group().lower() not in function_words
            # Nguyen Van An: Vietnamese given names are short words
            or (a.group().lower() in _foreign_surnames() and len(words[last + 1].group()) <= 4)
        )
    ):
        end, last = words[last + 1].end(), last + 1
    cand = Candidate(
        "PERSON_NAME",
        a.start(),
        end,
        _SCORE_CUED,
        meta={"kind": "romaji", "detail": "full"},
    )
    return cand, last


def _cued_surname(text: str, a: re.Match[str], ka: str) -> Candidate | None:
    """A Japanese surname alone with a cue (Sato-san, Mr. Sato, Name: Sato)."""
    surnames, _, english, function_words = _romaji_names()
    lower = a.group().lower()
    if (
        ka in surnames
        and lower not in english
        and lower not in function_words
        and _romaji_cue(text, a.start(), a.end())
    ):
        return Candidate(
            "PERSON_NAME",
            a.start(),
            a.end(),
            _SCORE_CUED,
            meta={"kind": "romaji", "detail": "partial"},
        )
    return None


def is_romaji_name_word(word: str) -> bool:
    """A capitalised Latin word that is a Japanese surname or given name in romaji (Yoshida)."""
    if not _capitalised(word):
        return False
    surnames, given_names, english, function_words = _romaji_names()
    key = _key_or_none(word)
    lower = word.lower()
    return (
        (key in surnames or key in given_names)
        and lower not in english
        and lower not in function_words
    )


def _katakana_full_name(surname: str, given: str) -> bool:
    """Two katakana words that read as a known surname then a known given name."""
    if not (_KATAKANA.match(surname) and _KATAKANA.match(given)) or "ー" in surname + given:
        return False  # ー marks a loanword (ナンバー, クリーム), not a Japanese name
    s, g = hepburn(surname), hepburn(given)
    if s is None or g is None:
        return False
    surnames, given_names, _, _ = _romaji_names()
    return romaji_key(s) in surnames and romaji_key(g) in given_names


_HONORIFIC_AFTER_READING = re.compile(
    r"[ \t]*(?:[(（][^()（）\n]{1,12}[)）])?[ \t]*(?:さん|様|さま|氏(?!名)|くん|ちゃん|殿)"
)


def _strong_cue(text: str, start: int, end: int) -> bool:
    """An honorific after the words (a reading in brackets may come between), a label, a
    relative's label before (母：Nguyen Thi Lan) or a relation in brackets after
    (Andrea Silva（隣人、…））."""
    return (
        _HONORIFIC_AFTER_READING.match(text, end) is not None
        or _LABELS.search(text, max(0, start - 16), start) is not None
        or _RELATION_LABEL.search(text, max(0, start - 10), start) is not None
        or _RELATION_AFTER.match(text, end) is not None
        or _ROMAJI_CUE_BEFORE.search(text, max(0, start - 14), start) is not None
        # a katakana reading in brackets after, or the name in brackets after its reading:
        # Olga Petrova（ペトロワ オリガ）, ジョン・スミス（John Smith）
        or _KATAKANA_READING_AFTER.match(text, end) is not None
        # a mail header: Claire Dubois <c.dubois@example.fr>
        or _ADDRESS_AFTER.match(text, end) is not None
        or _KATAKANA_BEFORE_BRACKET.search(text, max(0, start - 16), start) is not None
    )


# (a reading of a full name has its parts: ペトロワ オリガ, not ブラウザ)
_KATAKANA_READING_AFTER = re.compile(r"[ \u3000]?[(（]" + _KATAKANA_READING + r"[)）]")
_ADDRESS_AFTER = re.compile(r"[ \u3000]*<[^<>@\s]+@[^<>\s]+>")
_KATAKANA_BEFORE_BRACKET = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}[ \u3000]?[(（]$")


_RELATION_WORDS = (
    r"母|父|児|子|妻|夫|長男|長女|次男|次女|祖母|祖父|孫|兄|姉|弟|妹|本人|隣人|知人|友人|"
    r"支援者|緊急連絡先|連絡先|代理人|同居人|配偶者"
)
_RELATION_LABEL = re.compile(r"(?:^|[\s、。,(（【])(?:" + _RELATION_WORDS + r")\s*[:：]\s*$")
_RELATION_AFTER = re.compile(
    r"\s*[(（](?:(?:"
    + _RELATION_WORDS
    + r")(?:[、,)）]|の)|[^()（）\n]{0,8}国籍|[0-9]{1,3}\s*(?:歳|才))"
)


def _romaji_cue(text: str, start: int, end: int) -> bool:
    return (
        _ROMAJI_CUE_AFTER.match(text, end) is not None
        or _ROMAJI_CUE_BEFORE.search(text, max(0, start - 12), start) is not None
        or _LABELS.search(text, max(0, start - 16), start) is not None
    )
