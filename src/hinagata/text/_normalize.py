"""Normalisation of Japanese text for detection, with a map back to the original offsets.

Detection runs on a *normalised* copy of the input: width folded (NFKC), dash variants
unified, invisible characters removed. Every finding must still be reported in offsets of
the text the user gave us, so the normaliser records where the normalised text's length
diverges from the original's and can map any span back.

Most of NFKC keeps the length (全角 ``０`` → ``0``, ``Ａ`` → ``A``, ``　`` → `` ``), so the
map is stored as a short list of *segments* where the length changed (``㈱`` → ``(株)``,
``ｶﾞ`` → ``ガ``, a removed zero-width space), and offsets between segments are shifted by a
running delta.

>>> n = normalize("０９０－１２３４－５６７８")
>>> n.text
'090-1234-5678'
>>> n = normalize("㈱テスト\u200bﾃﾞｰﾀ")
>>> n.text
'(株)テストデータ'
>>> n.span_to_original(6, 9)
(5, 9)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["NormalizedText", "fold_decimal_digits", "normalize"]

# Characters with no visible width that users paste from Word, web pages or PDFs; they
# split tokens ("090\u200b1234") and hide text from regular expressions.
_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/non-joiner/joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # BOM / zero-width no-break space
    "\u034f\u061c"  # combining grapheme joiner, Arabic letter mark
    "\u17b4\u17b5\u180b\u180c\u180d\u180f"  # Khmer inherent vowels, Mongolian selectors
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers typed as blank names
    "\u2800"  # braille blank: looks like a space, is a letter to regular expressions
    + "".join(map(chr, range(0xFE00, 0xFE10)))  # variation selectors (異体字 selectors too)
    + "".join(map(chr, range(0xE0000, 0xE0080)))  # tag characters
    + "".join(map(chr, range(0xE0100, 0xE01F0)))  # variation selectors supplement (IVS)
)

# Dash-like characters that are never part of a word. NFKC leaves most of them alone, but
# in phone numbers, postal codes and addresses they all mean "-".
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u30a0"

# The katakana prolonged sound mark (and its half-width form) is a letter inside words
# (データ), but between digits it is a dash typed by an IME: 090ー1234ー5678.
_CHOON = "\u30fc\uff70"

_COMBINING_EXTRA = "\uff9e\uff9f"  # half-width dakuten/handakuten combine with the kana before

# Every other format character (Unicode category Cf) is invisible too: U+06DD end of ayah,
# U+1D173… musical beams, Arabic number signs, shorthand format controls.
_INVISIBLE += "".join(
    chr(cp)
    # The blocks that hold them (a scan of the whole range would cost 20 ms at import).
    for cp in (*range(0x80, 0x3000), *range(0xFE00, 0x10000), *range(0x11000, 0x1E000))
    if unicodedata.category(chr(cp)) == "Cf" and chr(cp) not in _INVISIBLE
)

# Non-spacing and enclosing marks: some have combining class 0 (U+20E3 keycap, U+0488).
_MARKS = frozenset({"Mn", "Me"})
# A base that no mark changes the meaning of, for detection: a digit, kana or a kanji.
_MARKED_BASE = re.compile(
    "[0-9\u25cb\u25ef\u3005-\u3007\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


def _is_mark(c: str) -> bool:
    return unicodedata.category(c) in _MARKS


_DASH_TABLE = {ord(c): "-" for c in _DASHES}
_REMOVE_INVISIBLE: dict[int, None] = {ord(c): None for c in _INVISIBLE}


@lru_cache(maxsize=2)
def _special_re(bmp_only: bool = False) -> re.Pattern[str]:
    """A pattern for every character that NFKC or our rules would change.

    Computed once from the Unicode database of the running Python (about 20 ms), so it
    always agrees with ``unicodedata``. ``bmp_only``: the same pattern without the
    characters beyond U+FFFF, for a text that has none (the same matches there): the
    regular-expression engine checks a class of BMP characters in one bitmap lookup, but
    the astral ones (mathematical digits, enclosed letters, tags) it tries range by range
    at every character, which made the full pattern ten times slower on plain Japanese.
    """
    special: list[int] = []
    combining: list[int] = []
    ranges = [
        range(0x80, 0xD800),
        range(0xE000, 0x10000),
        range(0x1D400, 0x1D800),  # mathematical alphanumerics (𝟏𝟐𝟑)
        range(0x1F100, 0x1F200),  # enclosed alphanumerics supplement
    ]
    for rng in ranges:
        for cp in rng:
            ch = chr(cp)
            if (
                unicodedata.combining(ch)
                or ch in _COMBINING_EXTRA
                or unicodedata.category(ch) in _MARKS
            ):
                combining.append(cp)
            elif unicodedata.normalize("NFKC", ch) != ch:
                special.append(cp)
    special.extend(ord(c) for c in _INVISIBLE + _DASHES)
    # Digits of other scripts (٠١٢, ०१२) that NFKC leaves alone: folded in the same pass.
    # Those beyond U+FFFF (Adlam, Brahmi…) would make this pattern twice as slow; they are
    # folded separately, only in texts with such characters.
    special.extend(cp for cp in _decimal_table() if cp < 0x10000)
    if bmp_only:
        special = [cp for cp in special if cp < 0x10000]
        combining = [cp for cp in combining if cp < 0x10000]
    comb_class = _char_class(combining)
    spec_class = _char_class(special)
    # A special character, or any character followed by combining marks (they compose).
    # Special first: most characters fail its class at once, and the other branch then
    # needs a mark after them (this order is about 40 % faster than ``(?:S|.)M+|S``, with
    # the same matches).
    return re.compile(f"{spec_class}(?:{comb_class})*|.(?:{comb_class})+", re.DOTALL)


def _char_class(codepoints: list[int]) -> str:
    """A compact regex character class from code points, merging consecutive runs."""
    cps = sorted(set(codepoints))
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


_CHOON_BETWEEN_DIGITS = re.compile(f"(?<=[0-9])[{_CHOON}](?=[0-9])")


# One range is checked fast; a class of the scattered astral digits would be ten times slower.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _decimal_table() -> dict[int, int]:
    """A table folding every non-ASCII decimal digit (``str.isdecimal``: Arabic-Indic ٠,
    Devanagari ०, …) to ASCII.

    NFKC folds full-width and mathematical digits but leaves the other scripts' digits as
    they are; detection wants them all as ASCII. Unicode puts every decimal digit below
    U+20000, so the scan is short (about 10 ms, once).
    """
    table: dict[int, int] = {}
    for cp in range(0x80, 0x20000):
        ch = chr(cp)
        if ch.isdecimal():
            table[cp] = ord("0") + unicodedata.decimal(ch)
        elif unicodedata.digit(ch, -1) >= 0 and unicodedata.normalize("NFKC", ch) == ch:
            # Digits NFKC does not fold either: ❶ ➀ ⓵ (dingbat and double-circled digits).
            table[cp] = ord("0") + unicodedata.digit(ch)
    return table


def fold_decimal_digits(text: str) -> str:
    """Every Unicode decimal digit as its ASCII digit (same length).

    >>> fold_decimal_digits("٠٩٠-१२३४")
    '090-1234'
    """
    if text.isascii():
        return text
    return text.translate(_decimal_table())


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The normalised text plus what is needed to map its offsets back.

    ``_norm_starts[i]``/``_norm_ends[i]`` and ``_orig_starts[i]``/``_orig_ends[i]`` describe
    the i-th segment whose length changed; outside those segments characters correspond
    one to one. A segment may also keep its length but be *atomic* (a decoded token): an
    offset inside it maps to the segment's start or end, never into its middle.

    Stages chain: when ``_base`` is set, the segments map ``text`` to ``_base.text`` and
    ``_base`` maps on to ``original``.
    """

    original: str
    text: str
    _norm_starts: tuple[int, ...] = field(default=(), repr=False)
    _norm_ends: tuple[int, ...] = field(default=(), repr=False)
    _orig_starts: tuple[int, ...] = field(default=(), repr=False)
    _orig_ends: tuple[int, ...] = field(default=(), repr=False)
    _base: NormalizedText | None = field(default=None, repr=False)

    @property
    def identity(self) -> bool:
        """True when offsets in ``text`` are offsets in ``original``."""
        return not self._norm_starts and (self._base is None or self._base.identity)

    def start_to_original(self, pos: int) -> int:
        """Map a start offset of the normalised text to the original."""
        local = self._start_local(pos)
        return local if self._base is None else self._base.start_to_original(local)

    def end_to_original(self, pos: int) -> int:
        """Map an end offset (exclusive) of the normalised text to the original."""
        local = self._end_local(pos)
        return local if self._base is None else self._base.end_to_original(local)

    def _start_local(self, pos: int) -> int:
        if not self._norm_starts:
            return pos
        i = bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._norm_ends[i]:
            return self._orig_starts[i]
        return pos + self._orig_ends[i] - self._norm_ends[i]

    def _end_local(self, pos: int) -> int:
        if not self._norm_starts:
            return pos
        i = bisect_left(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        if pos <= self._norm_ends[i]:
            return self._orig_ends[i]
        return pos + self._orig_ends[i] - self._norm_ends[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the normalised text to the original text."""
        if start >= end:
            o = self.start_to_original(start)
            return o, o
        return self.start_to_original(start), self.end_to_original(end)

    def with_text(self, text: str) -> NormalizedText:
        """The same map over ``text``, a same-length rewrite of ``self.text``."""
        if len(text) != len(self.text):
            raise ValueError("with_text needs a text of the same length")
        if text == self.text:
            return self
        return NormalizedText(
            self.original,
            text,
            self._norm_starts,
            self._norm_ends,
            self._orig_starts,
            self._orig_ends,
            self._base,
        )

    def rewrite(self, edits: list[tuple[int, int, str]], *, atomic: bool = False) -> NormalizedText:
        """Apply ``edits`` (sorted, non-overlapping ``(start, end, replacement)`` spans of
        ``self.text``) and chain the map.

        Every edit becomes a segment of the map; with ``atomic`` an edit that keeps its
        length is a segment too, so a finding inside a decoded token maps to the whole token.

        >>> n = normalize("a&amp;b").rewrite([(1, 6, "&")], atomic=True)
        >>> n.text, n.span_to_original(1, 2)
        ('a&b', (1, 6))
        """
        if not edits:
            return self
        src = self.text
        pieces: list[str] = []
        norm_starts: list[int] = []
        norm_ends: list[int] = []
        orig_starts: list[int] = []
        orig_ends: list[int] = []
        last = 0
        out_len = 0
        for s, e, rep in edits:
            if s < last:
                raise ValueError("edits overlap or are not sorted")
            pieces.append(src[last:s])
            out_len += s - last
            pieces.append(rep)
            if atomic or len(rep) != e - s:
                norm_starts.append(out_len)
                norm_ends.append(out_len + len(rep))
                orig_starts.append(s)
                orig_ends.append(e)
            out_len += len(rep)
            last = e
        pieces.append(src[last:])
        return NormalizedText(
            self.original,
            "".join(pieces),
            tuple(norm_starts),
            tuple(norm_ends),
            tuple(orig_starts),
            tuple(orig_ends),
            self,
        )


# The same few characters recur (（）：、 full-width digits): their replacement is computed
# once per process. A pure function of the segment; bounded against adversarial inputs.
_replacements: dict[str, str] = {}
_REPLACEMENTS_MAX = 20_000


def _replacement(seg: str) -> str:
    """What one special segment (a character and its marks) becomes."""
    rep = unicodedata.normalize("NFKC", seg.translate(_REMOVE_INVISIBLE))
    rep = rep.translate(_DASH_TABLE)
    if not rep.isascii():
        rep = rep.translate(_decimal_table())
        if len(rep) > 1 and _MARKED_BASE.match(rep):
            # Marks that compose with nothing, on a digit or a kanji/kana (0́9́0́, 高́):
            # they only hide the character.
            rep = rep[0] + "".join(c for c in rep[1:] if not _is_mark(c))
    return rep


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for detection and keep a map back to its offsets.

    - NFKC width folding: full-width digits and letters, half-width katakana, ligatures
      and enclosed characters (``㈱`` → ``(株)``, ``①`` → ``1``);
    - invisible characters removed (zero-width space/joiner, BOM, bidi controls);
    - dash variants (``‐ ‒ – — ― − －``) folded to ``-``, and ``ー`` between digits too;
    - every Unicode decimal digit (Arabic-Indic, Devanagari, …) as its ASCII digit.
    """
    pieces: list[str] = []
    norm_starts: list[int] = []
    norm_ends: list[int] = []
    orig_starts: list[int] = []
    orig_ends: list[int] = []
    last = 0
    out_len = 0
    # (max() of a str is one pass in C; an astral character sorts after every BMP one)
    bmp = text.isascii() or max(text) < "\U00010000"
    for m in _special_re(bmp).finditer(text):
        s, e = m.span()
        if s > last:
            pieces.append(text[last:s])
            out_len += s - last
        seg = m.group()
        rep = _replacements.get(seg)
        if rep is None:
            rep = _replacement(seg)
            if len(_replacements) < _REPLACEMENTS_MAX:
                _replacements[seg] = rep
        pieces.append(rep)
        if len(rep) != e - s:
            norm_starts.append(out_len)
            norm_ends.append(out_len + len(rep))
            orig_starts.append(s)
            orig_ends.append(e)
        out_len += len(rep)
        last = e
    if not norm_starts and last == 0:
        normalized = text
    else:
        pieces.append(text[last:])
        normalized = "".join(pieces)
    # Same length replacements: they do not disturb the offset map.
    if not normalized.isascii() and _ASTRAL.search(normalized):
        normalized = normalized.translate(_decimal_table())
    normalized = _CHOON_BETWEEN_DIGITS.sub("-", normalized)
    return NormalizedText(
        original=text,
        text=normalized,
        _norm_starts=tuple(norm_starts),
        _norm_ends=tuple(norm_ends),
        _orig_starts=tuple(orig_starts),
        _orig_ends=tuple(orig_ends),
    )
