"""Evasion folding for detection, on top of :func:`normalize`, with the offset map kept exact.

People (and people testing the gateway) write personal values so that a pattern written
for ``090-1234-5678`` misses them. Detection folds them back:

- encoded tokens decoded in place: base64, percent-escapes, HTML entities, ``\\uXXXX``
  (:mod:`hinagata.text._decode`); a finding inside decoded text covers the whole token;
- kanji digits written digit by digit (〇九〇-一二三四-五六七八, ○ and 零 as zero) in a run
  long enough to be an identifier, so 三丁目 and 一人 stay words; 一 between groups of
  digits is a dash (090一1234一5678);
- the letters O/o and l/I (and their Cyrillic and Greek twins) inside a run of digits
  (O9O-l234-5678);
- separators inside a digit run (spaces, line breaks, tabs, dots, slashes, ・, _, の) removed
  when the digits joined are a phone number, a My Number (valid check digit, the whole run)
  or a card number, so dates (2024/5/3), lists (5718、5717) and tables keep their
  separators;
- single kanji or kana spaced out (佐 藤 花 子) joined.

Each step runs only when a cheap pattern says the text has something to fold, so ordinary
prose pays a few regular-expression scans. Unicode digits of every script are already
folded by :func:`normalize`.

>>> n = normalize_for_detection("〇九〇/一二三四/五六七八")
>>> n.text
'09012345678'
>>> n.span_to_original(0, 11)
(0, 13)
>>> normalize_for_detection("佐 藤 花 子 様").text
'佐藤花子様'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import lru_cache

from hinagata.text._decode import decode_tokens
from hinagata.text._normalize import NormalizedText, normalize

__all__ = ["fold_digit_lookalikes", "normalize_for_detection"]

# Separators people put between the digits of one number (line and paragraph separators
# and form feeds included: they are line breaks too; の as read aloud: 090の1234の5678).
# No commas or 、: lists of numbers (5718、5717、5716) would join into identifiers.
_SEP = " \t\r\n\v\f\x85\u2028\u2029./・\\-ー_の"
_SEP_CLASS = f"[{_SEP}]"
# Between digits also: the fraction slash, and the separators of lists and times (a comma,
# 10:30, 9~17, •, |, 「」), which join only digits that look like one number (_weak_ok).
_WEAK_SEP = ",:~〜∼•|「」"
_DIGIT_SEP_CLASS = f"[{_SEP}\u2044{_WEAK_SEP}]"
# Inside a kanji digit run: no commas (一、二、三 is a list), brackets of 〇三(一二三四)…,
# and the other separators of digit runs (〇九〇~一二三四, 〇九〇「一二三四」…).
_KD_SEP_CLASS = "[ \t\r\n\v\f\x85\u2028\u2029./・\\-ー_()の:~〜∼•|「」\u2044]"

# Kanji written digit by digit: 〇, the circle ○/◯ typed for it, 零, and the legal forms.
_KANJI_DIGITS = {
    "〇": "0",
    "○": "0",
    "◯": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
    # 大字, the forms written on cheques and in legal documents (壹貳參 the older ones).
    "壱": "1",
    "弐": "2",
    "参": "3",
    "肆": "4",
    "伍": "5",
    "陸": "6",
    "漆": "7",
    "捌": "8",
    "玖": "9",
    "壹": "1",
    "貳": "2",
    "參": "3",
}
_KD = "".join(_KANJI_DIGITS)
_ZERO_LIKE = "".join(c for c, d in _KANJI_DIGITS.items() if d == "0")
_KD_TABLE = str.maketrans(_KANJI_DIGITS)
_KD_HINT = re.compile(f"[{_KD}]{_KD_SEP_CLASS}{{0,5}}[0-9{_KD}]")
_KD_RUN = re.compile(f"[0-9{_KD}]+(?:{_KD_SEP_CLASS}{{1,5}}[0-9{_KD}]+)*")
_ONE_AS_DASH = re.compile("[0-9]{2,}(?:一[0-9]{2,})+")
# A kanji or kana that is not a numeral: a numeral right after one is inside a word.
_WORD_CHAR = re.compile(f"(?![{_KD}])[\u3041-\u3096\u30a1-\u30fa\u3005\u4e00-\u9fff]")
# The numerals ending such a word (健一, 健一二): one or two, not a zero (names hold no 〇),
# followed by more of the run (a separator or an ASCII digit).
_WORD_TAIL = re.compile(f"(?![{_ZERO_LIKE}])[{_KD}]{{1,2}}(?={_KD_SEP_CLASS}|[0-9])")
_WORD_TAIL_BEFORE_ZERO = re.compile(f"(?![{_ZERO_LIKE}])[{_KD}]{{1,2}}(?=[{_ZERO_LIKE}])")
_NAME_GAP = " \u3000"
_ASCII_DIGITS = frozenset("0123456789")
_KD_GAPS = re.compile(f"{_KD_SEP_CLASS}+")
#: Digits a kanji run needs before it is read as a number (a postal code has seven).
_KD_MIN_DIGITS = 7

# Latin, Cyrillic and Greek letters that look like 0 and 1.
_ZEROS = "OoОоΟο"
_ONES = "IlІіӏ"
_LETTERS = _ZEROS + _ONES
_LETTER_TABLE = str.maketrans({c: "0" for c in _ZEROS} | {c: "1" for c in _ONES})
# A letter with a digit before or after it; starting with the letter makes the scan fast.
_LETTER_HINT = re.compile(
    f"[{_LETTERS}](?:"
    + "|".join(f"(?<=[0-9]{_DIGIT_SEP_CLASS * k}[{_LETTERS}])" for k in range(6))
    + f"|{_DIGIT_SEP_CLASS}{{0,5}}[0-9])"
)
_WORD_LETTER = "A-Za-z\u0370-\u03ff\u0400-\u04ff"
_LETTER_RUN = re.compile(
    f"(?<![{_WORD_LETTER}])[0-9{_LETTERS}]+(?:{_DIGIT_SEP_CLASS}{{1,5}}[0-9{_LETTERS}]+)*"
    f"(?![{_WORD_LETTER}])"
)
_LETTER_MIN_DIGITS = 7

# Up to five characters: 090 - 1234 - 5678 with spaces around the hyphens.
_SEP_HINT = re.compile(f"[0-9]{_DIGIT_SEP_CLASS}{{1,5}}[0-9]")
_DIGIT_RUN = re.compile(f"(?=[0-9])(?<![0-9])[0-9]+(?:{_DIGIT_SEP_CLASS}{{1,5}}[0-9]+)+")
_GROUP = re.compile("[0-9]+")
#: Gaps the recognizers already read inside a number (090-1234-5678, 1234 5678 9018).
_PLAIN_GAPS = frozenset({" ", "-"})

_CHOON_BETWEEN_DIGITS = re.compile("(?<=[0-9])[ー\uff70](?=[0-9])")

_SPACED_CHAR = "[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u4e00-\u9fff]"
# Spaces only: ・ joins parts of foreign names (ミゲル・デ・セルバンテス) and lists (金・元・清);
# a tab separates the cells of a table (山下　零<TAB>女), never the letters of a name.
_GAP = "[ \u3000]"
# Three or more characters with a space between each; the first and the last may be
# glued to the text around them (申請者は佐 藤 花 子さん).
# The match starts at the first gap (a scan for a few characters is fast); the character
# before it is the first of the run.
_SPACED = re.compile(f"(?={_GAP})(?<={_SPACED_CHAR})(?:{_GAP}{{1,2}}{_SPACED_CHAR}){{2,}}")
_SPACED_LETTER = re.compile(_SPACED_CHAR)
_SPACED_GAP = re.compile(f"{_GAP}+")


def normalize_for_detection(text: str) -> NormalizedText:
    """:func:`normalize`, then decoding and evasion folding; offsets still map back.

    >>> n = normalize_for_detection("電話 O9O.l234.5678")
    >>> n.text
    '電話 09012345678'
    >>> n.original[slice(*n.span_to_original(3, 14))]
    'O9O.l234.5678'
    """
    n = normalize(text)
    edits = [(s, e, _decoded(d)) for s, e, d in decode_tokens(n.text)]
    if edits:
        n = n.rewrite(edits, atomic=True)
    folded = fold_digit_lookalikes(n.text)
    if folded is not n.text:
        n = n.with_text(folded)
    edits = _separator_edits(n.text)
    edits += _spaced_edits(n.text)
    if edits:
        edits.sort()
        n = n.rewrite(edits)
    return n


def _decoded(piece: str, depth: int = 1) -> str:
    """A decoded token normalised, and tokens encoded inside it decoded too (twice at most:
    base64 of percent-escapes). The token is one atomic segment, so no map is kept here."""
    t = normalize(piece).text
    if depth >= 3:
        return t
    out: list[str] = []
    last = 0
    for s, e, d in decode_tokens(t):
        out.append(t[last:s])
        out.append(_decoded(d, depth + 1))
        last = e
    if not out:
        return t
    out.append(t[last:])
    return "".join(out)


def fold_digit_lookalikes(text: str) -> str:
    """Kanji digits and O/o/I/l inside digit runs as ASCII digits (same length).

    >>> fold_digit_lookalikes("〇九〇ー一二三四ー五六七八、三丁目、一人")
    '090-1234-5678、三丁目、一人'
    >>> fold_digit_lookalikes("O9O-l234-5678 ISO 9001")
    '090-1234-5678 ISO 9001'
    """
    out = text
    if _KD_HINT.search(out):
        out = _fold_kanji_runs(out)
    if _LETTER_HINT.search(out):
        out = _fold_runs(out, _LETTER_RUN, _letter_run)
    if out is not text:
        out = _CHOON_BETWEEN_DIGITS.sub("-", out)
    return out


def _fold_runs(text: str, pattern: re.Pattern[str], fold: Callable[[str], str | None]) -> str:
    pieces: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        rep = fold(m.group())
        if rep is None:
            continue
        pieces.append(text[last : m.start()])
        pieces.append(rep)
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _fold_kanji_runs(text: str) -> str:
    pieces: list[str] = []
    last = 0
    for m in _KD_RUN.finditer(text):
        start = _after_word_tail(text, m.start(), m.end())
        rep = _kanji_run(text[start : m.end()])
        if rep is None:
            continue
        pieces.append(text[last:start])
        pieces.append(rep)
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _after_word_tail(text: str, start: int, end: int) -> int:
    """Where the kanji run ``text[start:end]`` starts as a number.

    A numeral ending a word (健一, 健一二, also 高橋 一 with the given name apart) stays in
    the word and does not start the run: 健一 090-1234-5678, 佐藤健一090…, 健一（45）090….
    The run still folds from 〇 (電話〇九〇-1234…), as a whole when it is only kanji with
    nothing between (〇九〇一二三四五六七八), and when every group has the tail's size
    (番号一 二 三 四 …: each digit spaced).
    """
    if start == 0:
        return start
    before = start - 1
    if text[before] in _NAME_GAP and before > 0:
        before -= 1
    if not _WORD_CHAR.match(text, before):
        return start
    tail = _WORD_TAIL.match(text, start, end)
    if tail is None:
        # 健一〇九〇-一二三四-五六七八: split only when the rest is a phone number by itself.
        tail = _WORD_TAIL_BEFORE_ZERO.match(text, start, end)
        if tail is None:
            return start
        rest = "".join(c for c in text[tail.end() : end].translate(_KD_TABLE) if c.isdigit())
        whole = text[start:end].translate(_KD_TABLE)
        whole_digits = "".join(c for c in whole if c.isdigit())
        if not _is_phone(rest) or (len(whole_digits) == 12 and _valid_my_number(whole_digits)):
            return start
        return tail.end()
    size = tail.end() - start
    if text[tail.end()] not in _ASCII_DIGITS and all(
        len(g) == size for g in _KD_GAPS.split(text[start:end]) if g
    ):
        return start
    return tail.end()


def _kanji_run(run: str) -> str | None:
    kanji = sum(1 for c in run if c in _KANJI_DIGITS)
    if not kanji:
        return None
    digits = kanji + sum(1 for c in run if "0" <= c <= "9")
    if digits < _KD_MIN_DIGITS:
        return None  # short: 三丁目, 一人
    if _ONE_AS_DASH.fullmatch(run):
        return run.replace("一", "-")  # 090一1234一5678: 一 typed for the dash ー
    folded = run.translate(_KD_TABLE)
    if not any("1" <= c <= "9" for c in folded):
        return None  # only zeros: ○○○-○○○○-○○○○ is a form's placeholder
    return folded


def _letter_run(run: str) -> str | None:
    letters = sum(1 for c in run if c in _LETTERS)
    if not letters:
        return None
    digits = sum(1 for c in run if "0" <= c <= "9")
    if digits + letters < _LETTER_MIN_DIGITS or digits <= letters:
        return None
    return run.translate(_LETTER_TABLE)


# ---------------------------------------------------------------- separators


def _separator_edits(text: str) -> list[tuple[int, int, str]]:
    """Removals of the gaps inside digit runs whose joined digits are an identifier."""
    if not _SEP_HINT.search(text):
        return []
    edits: list[tuple[int, int, str]] = []
    for m in _DIGIT_RUN.finditer(text):
        run = m.group()
        if len(run) < 10 or sum(c.isdigit() for c in run) < 10:
            continue
        groups = [(g.start() + m.start(), g.end() + m.start()) for g in _GROUP.finditer(run)]
        gaps = [text[groups[k][1] : groups[k + 1][0]] for k in range(len(groups) - 1)]
        sizes = [e - s for s, e in groups]
        plain = (
            len(set(gaps)) == 1
            and gaps[0] in _PLAIN_GAPS
            and 3 <= len(groups) <= 4  # 090-12345678 in two groups is not read as it is
            and min(sizes) >= 2
        )
        if plain:
            continue  # the recognizers read it as it is
        weak = any(c in _WEAK_SEP for gap in gaps for c in gap)
        international = m.start() > 0 and text[m.start() - 1] == "+"
        if (
            len(groups) > 2
            and sizes[0] <= 2
            and gaps[0] == "."
            and text[groups[0][0]] != "0"
            and _whole_identifier(text, groups[1:], sizes[1:], gaps[1:], international=False)
        ):
            # 1.1234 5678 9018: a list number, then the number (rather than twelve digits
            # from the list number on).
            edits.extend((groups[k][1], groups[k + 1][0], "") for k in range(1, len(groups) - 1))
            continue
        if _whole_identifier(text, groups, sizes, gaps, international=international):
            edits.extend((groups[k][1], groups[k + 1][0], "") for k in range(len(groups) - 1))
            continue
        # A phone number inside a longer run (a date, then the number).
        i = 0
        while i < len(groups) - 1:
            if text[groups[i][0]] != "0":
                i += 1  # no phone number starts here
                continue
            best = -1
            acc = text[groups[i][0] : groups[i][1]]
            for j in range(i + 1, len(groups)):
                acc += text[groups[j][0] : groups[j][1]]
                if len(acc) > 11:
                    break
                # One kind of gap inside the number: 03,2024/05/03 is the end of one date
                # and another date, not a phone number.
                if (
                    len(set(gaps[i:j])) == 1
                    and _identifier(acc, sizes[i : j + 1], whole=False)
                    and (max(sizes[i : j + 1]) > 2 or (not weak and _set_apart(gaps, i, j)))
                ):
                    best = j
            if best < 0:
                i += 1
                continue
            edits.extend((groups[k][1], groups[k + 1][0], "") for k in range(i, best))
            i = best + 1
    return edits


def _whole_identifier(
    text: str,
    groups: list[tuple[int, int]],
    sizes: list[int],
    gaps: list[str],
    *,
    international: bool,
) -> bool:
    """The groups of a digit run, joined, are one identifier."""
    digits = "".join(text[s:e] for s, e in groups)
    found = (international and digits[:2] == "81" and _valid_phone("+" + digits)) or _identifier(
        digits, sizes, whole=True
    )
    weak = any(c in _WEAK_SEP for gap in gaps for c in gap)
    return found and (not weak or _weak_ok(digits, sizes))


def _is_phone(digits: str) -> bool:
    """Ten or eleven digits that are a Japanese phone number."""
    return len(digits) in (10, 11) and _identifier(digits, [len(digits)], whole=False)


def _weak_ok(digits: str, sizes: list[int]) -> bool:
    """Digits joined across a comma, a colon, a tilde… that look like one number and not
    like the items of a list: a phone number in at most four groups (not 03,04,05,06,07),
    a My Number or a card whose groups are not a list of similar numbers (5718,5717,5716:
    the same first two digits, or a sequence with one step)."""
    if len(digits) <= 11:
        return len(sizes) <= 4 or all(s == 1 for s in sizes)
    if all(s == 1 for s in sizes):
        return True
    values = []
    k = 0
    for size in sizes:
        values.append(digits[k : k + size])
        k += size
    if len({v[:2] for v in values}) == 1:
        return False
    steps = {int(b) - int(a) for a, b in itertools.pairwise(values)}
    return len(steps) != 1


def _set_apart(gaps: list[str], i: int, j: int) -> bool:
    """Groups ``i..j`` are set apart from the rest of their run: the gaps at their edges
    differ from the gaps inside (``1 2 3. 0 9 0 1 2 3 4 5 6 7 8``). Groups of one or two
    digits need it, so a window of a list of digits (``1 6 7 0 6 1 6 7 5 4 3 4 2``) is not
    taken for a number."""
    inside = set(gaps[i:j])
    return all(gaps[k] not in inside for k in (i - 1, j) if 0 <= k < len(gaps))


def _identifier(digits: str, sizes: list[int], *, whole: bool) -> bool:
    """Digits that are a phone number, a My Number or (a whole run only) a card number."""
    n = len(digits)
    if n == 10:
        # Japanese numbers start with one 0; 00… dials abroad.
        return digits[0] == "0" and digits[1] != "0" and _valid_phone(digits)
    if n == 11:
        # Eleven digits: mobile and IP phones (090, 080, 070, 050) and toll-free 0800.
        return (digits[:3] in _ELEVEN_DIGIT_PREFIXES or digits[:4] == "0800") and _valid_phone(
            digits
        )
    # A My Number only as a whole run: a list of 4-digit numbers holds many 4-4-4 windows.
    if whole and n == 12 and (sizes == [4, 4, 4] or all(s == 1 for s in sizes)):
        if sizes == [4, 4, 4] and all(1900 <= int(digits[k : k + 4]) <= 2099 for k in (0, 4, 8)):
            return False  # three years, one a line
        return _valid_my_number(digits)
    if whole and 14 <= n <= 16 and (all(s == 4 for s in sizes[:-1]) or all(s == 1 for s in sizes)):
        return _valid_card(digits)
    return False


_ELEVEN_DIGIT_PREFIXES = frozenset({"050", "060", "070", "080", "090"})


@lru_cache(maxsize=4096)
def _valid_phone(digits: str) -> bool:
    import phonenumbers

    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(digits, "JP")))
    except phonenumbers.NumberParseException:
        return False


_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _valid_my_number(digits: str) -> bool:
    """The My Number check digit (as ``stdnum.jp.in_``, without its overhead: this runs
    for every window of a long run of digits).

    >>> _valid_my_number("123456789018"), _valid_my_number("123456789012")
    (True, False)
    """
    r = sum(w * (ord(c) - 48) for w, c in zip(_MY_NUMBER_WEIGHTS, digits, strict=False)) % 11
    return (0 if r <= 1 else 11 - r) == ord(digits[11]) - 48


def _valid_card(digits: str) -> bool:
    from stdnum import luhn

    return digits[0] in "3456" and bool(luhn.is_valid(digits))


# ---------------------------------------------------------------- spaced-out words


def _spaced_edits(text: str) -> list[tuple[int, int, str]]:
    """Removals of the spaces between single kanji or kana: 佐 藤 花 子 → 佐藤花子."""
    edits: list[tuple[int, int, str]] = []
    for m in _SPACED.finditer(text):
        if _single_letters(text, m.start() - 1, m.end()) < 2:
            continue  # 部長 原 美香: a title, a surname and a given name, not 長原美香
        for g in _SPACED_GAP.finditer(text, m.start(), m.end()):
            edits.append((g.start(), g.end(), ""))
    return edits


def _single_letters(text: str, start: int, end: int) -> int:
    """Letters of the spaced run ``text[start:end]`` with no letter glued on either side."""
    count = 0
    for i in range(start, end):
        if text[i] in " \u3000":
            continue
        glued_before = i > 0 and _SPACED_LETTER.match(text, i - 1) is not None
        glued_after = i + 1 < len(text) and _SPACED_LETTER.match(text, i + 1) is not None
        count += not glued_before and not glued_after
    return count
