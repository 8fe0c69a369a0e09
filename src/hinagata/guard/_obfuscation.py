"""Obfuscation undone before scoring: hidden regions, encoded runs, spaced-out letters.

Hidden regions (HTML comments, invisible styles, Markdown comments) are scored on their
own and count as hidden instructions; base64, hex, percent- and unicode-escaped runs are
decoded, spaced-out letters joined, ROT13 (and other Caesar shifts) and Morse runs
deciphered; each becomes a piece scored like any other text.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from hinagata.text import decode_base64, decode_unicode_escapes
from hinagata.text import decode_percent as _decode_percent
from hinagata.text import looks_like_text as _printable

# Hidden regions: HTML comments, elements styled invisible, Markdown comments. Found in
# linear time (each closing marker is searched for once, not retried from every opening).
_COMMENT_MAX = 20000
_STYLED_OPEN = re.compile(
    r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]{0,300}?style\s*=\s*[\"'][^\"']{0,300}?"
    r"(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\b|opacity\s*:\s*0(?:\.0+)?\b"
    r"|color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255))"
    r"[^>]{0,300}>",
)
_MD_COMMENT = re.compile(r"^\[//\]:\s*#\s*\((?P<mdcomment>[^)\n]{1,2000})\)", re.MULTILINE)


def _comments(t: str) -> Iterator[tuple[int, int, str]]:
    """Every ``<!--`` that a bounded lazy match would close, in order of start."""
    close = -1
    i = t.find("<!--")
    while i != -1:
        if close < i + 4:
            close = t.find("-->", i + 4)
            if close == -1:
                return
        if close - (i + 4) <= _COMMENT_MAX:
            yield i, close + 3, t[i + 4 : close]
        i = t.find("<!--", i + 1)


def _styled(t: str) -> Iterator[tuple[int, int, str]]:
    """Every invisible-styled element that its closing tag ends, in order of start."""
    closes: dict[str, tuple[int, int]] = {}
    for m in _STYLED_OPEN.finditer(t):
        tag, body = m.group("tag"), m.end()
        at = closes.get(tag)
        if at is None or at[0] < body:
            c = re.compile(r"</" + re.escape(tag) + r"\s*>").search(t, body)
            at = (c.start(), c.end()) if c else (len(t) + 1, len(t) + 1)
            closes[tag] = at
        if at[0] <= len(t) and at[0] - body <= _COMMENT_MAX:
            yield m.start(), at[1], t[body : at[0]]


def _hidden_regions(t: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each hidden region, as one regex alternation with
    bounded lazy bodies would find them scanning left to right — without its retries.
    Each kind's candidates depend only on where they start, so the earliest candidate
    at or after the end of the last region is the regex's next match."""
    md = ((m.start(), m.end(), m.group("mdcomment")) for m in _MD_COMMENT.finditer(t))
    out: list[tuple[int, int, str]] = []
    end = 0
    for r in heapq.merge(_comments(t), _styled(t), md, key=lambda r: r[0]):
        if r[0] >= end:
            out.append(r)
            end = r[1]
    return out


_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])")
_HEX = re.compile(r"(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}[ :]?){12,}(?![0-9a-fA-F])")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2}){6,}")
_UNICODE_ESC = re.compile(r"(?:\\u[0-9a-fA-F]{4}){4,}")
_SPACED_LATIN = re.compile(r"(?<![A-Za-z])(?:[A-Za-z][ \t._*|/\\-]{1,3}){5,}[A-Za-z](?![A-Za-z])")
_SPACED_CJK = re.compile(
    r"(?:[\u3041-\u30ff\u4e00-\u9fff][ \t\u3000._*|/-]{1,2}){3,}[\u3041-\u30ff\u4e00-\u9fff]"
)


@dataclass(frozen=True)
class _Piece:
    """A view that is scored on its own (hidden region, decoded run), mapped to a span."""

    text: str
    start: int  # span in the normalised text
    end: int
    via: str


def _pieces(t: str) -> list[_Piece]:
    """The views of ``t`` scored on their own: hidden regions and decoded or joined runs."""
    pieces: list[_Piece] = []
    if "<" in t or "[//]" in t:
        for start, end, inner in _hidden_regions(t):
            if inner.strip():
                pieces.append(_Piece(_strip_tags(inner), start, end, "hidden"))
    for m in _BASE64.finditer(t):
        decoded = _decode_base64(m.group())
        if decoded:
            pieces.append(_Piece(decoded, m.start(), m.end(), "base64"))
    for m in _HEX.finditer(t):
        decoded = _decode_hex(m.group())
        if decoded:
            pieces.append(_Piece(decoded, m.start(), m.end(), "hex"))
    if "%" in t:
        for m in _PERCENT.finditer(t):
            decoded = _decode_percent(m.group())
            if decoded and _printable(decoded):
                pieces.append(_Piece(decoded, m.start(), m.end(), "percent"))
    if "\\u" in t:
        for m in _UNICODE_ESC.finditer(t):
            decoded = decode_unicode_escapes(m.group()) or ""
            if _printable(decoded):
                pieces.append(_Piece(decoded, m.start(), m.end(), "unicode"))
    for rx in (_SPACED_LATIN, _SPACED_CJK):
        for m in rx.finditer(t):
            joined = re.sub(r"[ \t\u3000._*|/\\-]", "", m.group())
            pieces.append(_Piece(_respace(joined), m.start(), m.end(), "spaced"))
    pieces += _cipher_pieces(t)
    return pieces


_TAG = re.compile(r"<[^>]{0,300}>")


def _strip_tags(s: str) -> str:
    return _TAG.sub(" ", s)


def _decode_base64(s: str) -> str:
    text = decode_base64(s)
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text)
    return text if _printable(text) else ""


def _decode_hex(s: str) -> str:
    digits = re.sub(r"[ :]", "", s)
    if len(digits) % 2:
        return ""
    try:
        text = bytes.fromhex(digits).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""
    return text if _printable(text) else ""


# Words spelt out letter by letter ("i g n o r e  a l l") come back without spaces; put
# spaces back before common attack words so the English rules, which expect words, match.
_RESPACE = re.compile(
    r"(ignore|disregard|forget|previous|prior|above|all|instructions?|prompts?|rules?|"
    r"system|reveal|show|print|the|your|and|you|are|now|developer|mode|jailbreak)"
)


def _respace(joined: str) -> str:
    if not joined.isascii():
        return joined
    return _RESPACE.sub(r" \1 ", joined.lower()).strip()


# ---------------------------------------------------------------------------- ciphers
# ROT13 and the other Caesar shifts of ASCII letters, and Morse code (international, and
# 和文 when the text says so). A run is decoded only when the decoded text reads as words
# (the vocabulary below, or romaji by its syllables where the plain text is not English)
# or is made of enough Morse letters, so plain English, romaji, identifiers, code and
# decorative dashes are left alone. Words may be joined by ``_ . / | -`` or written one a
# line; the joiners are spaces once deciphered (an address keeps its own). Work is linear:
# every token is looked at once, the shift that fits a word is read from a table (no trial
# of 25 shifts; the romaji test tries only the shifts its words' last letters allow), and
# both the length of a decoded piece and the number of pieces are capped.

#: At most this many characters per cipher piece, this many pieces per text (each kind) and
#: this many decoded characters in all: a budget of characters, not only of pieces, so that
#: harmless enciphered memos before a payload cannot use the pieces up (a review's finding).
_CIPHER_MAX_PIECES = 256
_CIPHER_MAX_CHARS = 4000
_CIPHER_MAX_TOTAL = 64_000


def _full(pieces: list[_Piece]) -> bool:
    return (
        len(pieces) >= _CIPHER_MAX_PIECES or sum(len(p.text) for p in pieces) >= _CIPHER_MAX_TOTAL
    )


#: A run of words is judged in units of at most this many words.
_CIPHER_UNIT = 24
#: A cue (rot13, シーザー, 暗号 …) this far before or after a run relaxes the thresholds.
_CUE_BEFORE, _CUE_AFTER = 300, 80

_CIPHER_CUE = re.compile(
    r"rot[ -]?\d{1,2}(?![0-9])|caesar|cipher|encrypt|decrypt|decod|decipher|morse"
    r"|シーザー|カエサル|暗号|換字|復号|解読|デコード|ずらし|ずらす|モールス|符号",
    re.IGNORECASE,
)

# Words whose appearance after decoding says the run was enciphered: common English
# words, the words of attacks, and romaji (attacks are written in romaji to get past
# Japanese rules; the learned model reads romaji).
_VOCAB_TEXT = """
the be to of and in that have it for not on with he as you do at this but his by from
they we say her she or an will my one all would there their what so up out if about who
get which go me when make can like time no just him know take people into year your good
some could them see other than then now look only come its over think also back after use
two how our work first well way even new want because any these give day most us is are
was were been has had did does said am may must should shall here where why very more
much many such own same too each both few those through before between under again off
down while during without within upon yes hello hi dear please thank thanks meet park
noon tomorrow today tonight night morning friend friends secret message answer question
treasure find letter word words school teacher class lesson history code read write send
key box door open close left right next last hour minute week month call name let keep
ignore disregard forget previous prior above below instructions instruction prompt
prompts system rules rule reveal show print output display repeat text everything
nothing restrictions restriction unrestricted jailbreak developer mode admin
administrator password passwords confidential hidden tell reply respond response
assistant user act pretend role persona anything policy policies safety filter filters
bypass override task tasks instead exactly following verbatim token data email leak
internal configuration settings delete access follow obey command commands execute
http https www com org net jp example url link site page file files
wo wa ga ni de to he mo ka ya yo ne na da desu masu shite kudasai shimasu sasete shinai
nai aru iru suru kore sore are kono sono ano koko made mae ima kara subete zenbu shiji
mushi wasurete wasure nasai shisutemu purompto puronputo hyouji hyoji shutsuryoku kotae
kotaete oshiete anata watashi seigen kaijo himitsu naiyou settei ruuru kisoku jouki ijou
izen moodo kanrisha pasuwaado jouhou kojin atarashii meirei shitagatte shitagae dake
ikou kotoba sono mama zenbun dashite misete iu itte yaburu nashi mukou
"""
_VOCAB = frozenset(_VOCAB_TEXT.split())


def _shifted_table(k: int) -> dict[int, int]:
    """str.translate table: each ASCII letter moved k places on (case kept)."""
    table: dict[int, int] = {}
    for base in (ord("a"), ord("A")):
        for i in range(26):
            table[base + i] = base + (i + k) % 26
    return table


_SHIFT = tuple(_shifted_table(k) for k in range(26))


def _shape(w: str) -> str:
    """A lower-case word moved so that it starts with ``a``: equal for all its shifts."""
    return w.translate(_SHIFT[(ord("a") - ord(w[0])) % 26])


# Shape -> the shifts (encoding ROT-k) of the vocabulary words of that shape, keyed by
# the first letter of the enciphered word: shift = (first letter - vocabulary's) mod 26.
_SHAPES: dict[str, tuple[int, ...]] = {}
for _w in sorted(_VOCAB):
    _SHAPES[_shape(_w)] = (*_SHAPES.get(_shape(_w), ()), ord(_w[0]) - ord("a"))


def _shifts_of(word: str) -> Iterator[int]:
    """The shifts k under which the lower-case ``word`` is ROT-k of a vocabulary word."""
    first = ord(word[0]) - ord("a")
    for f in _SHAPES.get(_shape(word), ()):
        yield (first - f) % 26


_TOKEN = re.compile(r"[A-Za-z0-9]+")
#: What may stand between two words of one unit (a sentence, more or less): spaces and light
#: punctuation, or one joiner as in ``vtaber_nyy``, ``vtaber.nyy``, ``vtaber/nyy``, ``vtaber|nyy``.
_IN_UNIT = re.compile(r"[ \t'’,\-]{1,3}|[_./|]")
#: A line break, which joins two words of one unit when the line before held one word only
#: (text written one word a line).
_LINE_BREAK = re.compile(r"[ \t\r,]{0,3}\n[ \t\r]*")
#: What may stand between two units of one block (no letters, short; one line break).
_IN_BLOCK = re.compile(r"[^A-Za-z\u3040-\u30ff\u4e00-\u9fff\n]{0,8}(?:\n[ \t\r]*)?")

# Romaji that is not in the vocabulary is recognised by its syllables (Hepburn, as people
# type it): every syllable is a vowel after at most one consonant or digraph, ん, or the
# first of a doubled consonant (っ). Syllables that Hepburn does not write (si, ti, tu, hu,
# di, du, yi, wu …) are not romaji here: short English words shifted read as them.
_ROMAJI = re.compile(
    r"(?:[kgnbpmr](?:y[auo]|[aiueo])|h(?:y[auo]|[aieo])|f[aiueo]|s[aueo]|sh[aiueo]|z[aueo]"
    r"|j[aiueo]|t[aeo]|tsu|ch[aiueo]|d[aeo]|y[auo]|w[ao]|[aiueo]|n(?![aiueoy])"
    r"|([kstpgd])(?=\1)|[tc](?=ch)|m(?=[bpm]))+"
)
#: The letters a romaji word may end with (a vowel or ん).
_ROMAJI_ENDS = tuple(ord(c) - ord("a") for c in "aiueon")
#: The 120 commonest pairs of letters inside English words (counted on English prose): a
#: unit whose plain text is mostly made of them is English (code, prose), not a cipher.
_ENGLISH_PAIRS = frozenset(
    """ab ac ag ai al am an ar as at be ca ce ch ci co cr ct cu de di ea ec ed ee el em en er es
    et ev ex fe fi fo ge gi ha he hi ho ia ic id ie ig il im in io ir is it iv la ld le li ll lo
    ly ma me mi mo na nc nd ne ng ni no ns nt of ol om on or ot ou ow pa pe pl po pr ra re ri ro
    rs rt sc se si so ss st su ta te th ti to tr ts ty ul un ur us ut ve vi wh wi wo yo""".split()
)


def _english(words: list[str]) -> float:
    """The share of the letter pairs of ``words`` that are common in English."""
    pairs = common = 0
    for w in words:
        for i in range(len(w) - 1):
            pairs += 1
            common += w[i : i + 2] in _ENGLISH_PAIRS
    return common / pairs if pairs else 0.0


_VOWELS = tuple(ord(c) - ord("a") for c in "aiueo")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class _Unit:
    start: int
    end: int
    block: int
    letters: int = 0
    words: int = 0
    #: shift -> [matched words, matched letters, longest matched word]
    votes: dict[int, list[int]] | None = None
    #: the unit's words of two letters or more, lower case (at most ``_CIPHER_UNIT``)
    lower: list[str] = field(default_factory=list)
    #: offsets of joiners read as spaces once deciphered (``_``, ``|``, line breaks; dots,
    #: slashes and hyphens between words unless the unit reads as an address)
    spaces: list[int] = field(default_factory=list)
    dots: list[int] = field(default_factory=list)
    links: list[int] = field(default_factory=list)
    #: words on the unit's last line so far
    line_words: int = 0
    romaji_reads: dict[int, tuple[float, int]] = field(default_factory=dict)

    def share(self, k: int) -> float:
        v = (self.votes or {}).get(k)
        return v[1] / self.letters if v and self.letters else 0.0

    def romaji(self, k: int) -> float:
        """The share of the unit's letters in words that read as romaji once moved back k."""
        return self._romaji(k)[0]

    def long_romaji(self, k: int) -> int:
        """How many distinct words of four letters or more of the unit read as romaji under k."""
        return self._romaji(k)[1]

    def _romaji(self, k: int) -> tuple[float, int]:
        if k not in self.romaji_reads:
            table = _SHIFT[(26 - k) % 26]
            letters = 0
            long: set[str] = set()
            for w in self.lower:
                if _ROMAJI.fullmatch(w.translate(table)):
                    letters += len(w)
                    if len(w) >= 4:
                        long.add(w)
            self.romaji_reads[k] = (letters / self.letters if self.letters else 0.0, len(long))
        return self.romaji_reads[k]


def _units(t: str) -> Iterator[_Unit]:
    """Runs of ASCII words (split at sentence punctuation, at most ``_CIPHER_UNIT``
    words), each with the shifts under which its words read as vocabulary."""
    unit: _Unit | None = None
    block = 0
    prev_end = -1

    def done(u: _Unit) -> _Unit:
        # Words joined by dots, slashes or hyphens (vtaber.nyy.cerivbhf) are read as words
        # once deciphered (the rules and the model read words); an address (after ``/`` or
        # ``@``, before ``@``, a domain with one dot, a path with dots) keeps its joiners.
        address = (
            t[u.start - 1 : u.start] in ("/", "@")
            or t[u.end : u.end + 1] == "@"
            or bool(u.dots and u.links)
        )
        if not address:
            if len(u.dots) >= 2:
                u.spaces += u.dots
            elif not u.dots:
                u.spaces += u.links
        return u

    for m in _TOKEN.finditer(t):
        tok = m.group()
        at, start = prev_end, m.start()
        in_unit = at >= 0 and _IN_UNIT.fullmatch(t, at, start) is not None
        line_break = (
            not in_unit
            and unit is not None
            and unit.line_words == 1
            and _LINE_BREAK.fullmatch(t, at, start) is not None
        )
        if at >= 0 and _IN_BLOCK.fullmatch(t, at, start) is None:
            block += 1
        prev_end = m.end()
        if tok.isdigit():
            continue  # numbers inside a sentence neither count nor split it
        if not tok.isalpha() or len(tok) > 30:
            if unit is not None:
                yield done(unit)
            unit = None
            block += 1  # an identifier or a hash is not part of an enciphered sentence
            continue
        if unit is not None and (not (in_unit or line_break) or unit.words >= _CIPHER_UNIT):
            yield done(unit)
            unit = None
        if unit is None:
            unit = _Unit(start, m.end(), block, votes={})
        elif line_break:
            unit.spaces.append(t.index("\n", at, start))
            unit.line_words = 0
        elif start - at == 1:
            joiner = t[at]
            if joiner in "_|":
                unit.spaces.append(at)
            elif joiner == ".":
                unit.dots.append(at)
            elif joiner in "/-":
                unit.links.append(at)
        unit.end = m.end()
        unit.line_words += 1
        if len(tok) < 2:
            continue
        w = tok.lower()
        unit.words += 1
        unit.letters += len(w)
        unit.lower.append(w)
        assert unit.votes is not None
        for k in set(_shifts_of(w)):
            v = unit.votes.setdefault(k, [0, 0, 0])
            v[0] += 1
            v[1] += len(w)
            v[2] = max(v[2], len(w))
    if unit is not None:
        yield done(unit)


def _accepted_shift(u: _Unit, cue: bool) -> int | None:
    """The shift under which ``u`` is enciphered text, or None (plain text, noise)."""
    if not u.votes or u.words < 2:
        return None
    plain = u.share(0)
    best: int | None = None
    for k, (words, letters, longest) in u.votes.items():
        if k == 0 or longest < 4:
            continue
        share = letters / u.letters
        if cue:
            ok = words >= 2 and share >= 0.35 and share >= plain + 0.1
        elif k == 13:
            ok = words >= 3 and share >= 0.5 and share >= plain + 0.2
        else:
            ok = words >= 4 and share >= 0.6 and share >= plain + 0.3
        if ok and (best is None or (letters, k == 13) > (u.votes[best][1], best == 13)):
            best = k
    return best if best is not None else _romaji_shift(u, cue)


def _romaji_shift(u: _Unit, cue: bool) -> int | None:
    """The shift under which ``u`` reads as romaji (words not in the vocabulary), or None.

    Most of its letters must be in words that read as romaji under the shift, and clearly
    more than in its plain text. Candidate shifts are read from the words' last letters
    and the share of vowels, so that few are tried."""
    words, letters, long, need = (3, 12, 2, 0.8) if cue else (4, 16, 3, 0.8)
    if u.words < words or u.letters < letters or u.share(0) >= 0.5:
        return None
    last: dict[int, int] = {}  # letters of the words, by the word's last letter
    for w in u.lower:
        c = ord(w[-1]) - ord("a")
        last[c] = last.get(c, 0) + len(w)
    # under shift k a word ends in a vowel or ん when its last letter is one moved on by k
    ends = [0] * 26
    for c, n in last.items():
        for v in _ROMAJI_ENDS:
            ends[(c - v) % 26] += n
    if max(ends[1:]) < need * u.letters:
        return None
    joined = "".join(u.lower)
    best: tuple[float, bool, int] | None = None
    for k in range(1, 26):
        if ends[k] < need * u.letters:
            continue
        if sum(joined.count(_LETTERS[(v + k) % 26]) for v in _VOWELS) < 0.35 * u.letters:
            continue  # romaji is about half vowels
        share = u.romaji(k)
        if share >= need and u.long_romaji(k) >= long and share >= u.romaji(0) + 0.3:
            cand = (share, k == 13, k)
            best = cand if best is None or cand > best else best
    # plain English (prose, code) that reads as romaji under a shift is not enciphered
    return None if best is None or _english(u.lower) >= 0.45 else best[2]


def _cue_at(cues: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(cues, start - _CUE_BEFORE)
    return i < len(cues) and cues[i] <= end + _CUE_AFTER


def _cue_positions(t: str) -> list[int]:
    out: list[int] = []
    for m in _CIPHER_CUE.finditer(t):
        out.append(m.start())
        if len(out) >= 1000:
            break
    return out


def _reads_under(u: _Unit, k: int) -> bool:
    """Whether ``u`` reads as words (vocabulary or romaji) under shift k."""
    return u.share(k) >= 0.5 or (
        u.letters >= 8 and u.romaji(k) >= 0.8 > u.romaji(0) + 0.3 and _english(u.lower) < 0.45
    )


def _goes_on(u: _Unit, k: int) -> bool:
    """Whether a unit not accepted on its own continues a run enciphered with shift k:
    it reads as words under k, or it is short (a URL's parts, a name), and it does not
    read as plain words."""
    return (u.words <= 2 or _reads_under(u, k)) and u.share(0) < 0.5


@dataclass
class _Run:
    start: int
    end: int
    shift: int
    block: int
    spaces: list[int]


def _caesar_pieces(t: str, cues: list[int]) -> list[_Piece]:
    """Runs of ROT13 (or another Caesar shift), decoded."""
    pieces: list[_Piece] = []
    run: _Run | None = None

    def flush() -> None:
        if run is not None and not _full(pieces):
            s, e = run.start, min(run.end, run.start + _CIPHER_MAX_CHARS)
            chars = list(t[s:e].translate(_SHIFT[(26 - run.shift) % 26]))
            for i in run.spaces:
                if s <= i < e:
                    chars[i - s] = " "
            via = "rot13" if run.shift == 13 else "caesar"
            pieces.append(_Piece("".join(chars), s, run.end, via))

    for u in _units(t):
        k = _accepted_shift(u, _cue_at(cues, u.start, u.end))
        # The run goes on (short units too); a longer one goes on as the next piece, so
        # that the decoded text of a long run is not cut at the first piece's end.
        if (
            run is not None
            and u.block == run.block
            and u.end - run.start <= _CIPHER_MAX_CHARS
            and (k == run.shift or (k is None and _goes_on(u, run.shift)))
        ):
            run.end = u.end
            run.spaces += u.spaces
            continue
        flush()
        if k is None and run is not None and u.block == run.block and _reads_under(u, run.shift):
            k = run.shift
        run = None if k is None else _Run(u.start, u.end, k, u.block, list(u.spaces))
        if _full(pieces):
            break
    flush()
    return pieces


# Morse: dots and dashes in the forms people type them (the text is normalised: dash
# variants are ``-`` already; ``_``, ``ー`` and the rules ``─ ━`` count as dashes, ``・ · • ∙ ⋅ ‧``
# as dots), letters apart by spaces, words by ``/``, ``|``, ``//``, a line break or spaces
# wider than those between the letters. Groups of symbols that are no letter (a slip, the
# error sign ``........``) are skipped.
_MORSE_SYMBOL = r"[.\-_・·•∙⋅‧ー─━]"
_MORSE_GAP = r"(?:[ \t]{1,10}|[ \t]{0,3}(?:[/|]{1,2}|\r?\n)[ \t]{0,3})"
_MORSE_RUN = re.compile(
    rf"(?<!{_MORSE_SYMBOL}){_MORSE_SYMBOL}{{1,9}}"
    rf"(?:{_MORSE_GAP}{_MORSE_SYMBOL}{{1,9}}){{7,}}"
    rf"(?!{_MORSE_SYMBOL})"
)
_MORSE_GROUP = re.compile(rf"{_MORSE_SYMBOL}+")
_MORSE_DOT = str.maketrans({c: "." for c in "・·•∙⋅‧"} | {c: "-" for c in "_ー─━"})
_MORSE_SEPARATORS = " \t/|\r\n"
#: At least this share of a run's groups must be letters (the others are skipped).
_MORSE_MIN_KNOWN = 0.75
#: Fewer letters than this, or fewer distinct ones, is not worth reading (SOS, ellipses,
#: a rule of dashes, a Markdown table).
_MORSE_MIN_LETTERS, _MORSE_MIN_DISTINCT = 8, 5

_INTERNATIONAL = dict(
    zip(
        (
            ".- -... -.-. -.. . ..-. --. .... .. .--- -.- .-.. -- -. --- .--. --.- .-. ... - "
            "..- ...- .-- -..- -.-- --.. ----- .---- ..--- ...-- ....- ..... -.... --... "
            "---.. ----. .-.-.- --..-- ..--.. -.-.-- ---... -....- -..-. .----. -.--. "
            "-.--.- .-..-. -...- .-.-. .--.-. -.-.-."
        ).split(),
        "abcdefghijklmnopqrstuvwxyz0123456789.,?!:-/'()\"=+@;",
        strict=True,
    )
)
# 和文モールス (iroha order), decoded to hiragana; ゛ and ゜ combine with the kana before.
_WABUN = dict(
    zip(
        (
            ".- .-.- -... -.-. -.. . ..-.. ..-. --. .... -.--. .--- -.- .-.. -- -. --- ---. "
            ".--. --.- .-. ... - ..- .-..- ..-- .-... ...- .-- -..- -.-- --.. ---- -.--- "
            ".-.-- --.-- -.-.- -.-.. -..-- -...- ..-.- --.-. .--.. --..- -..-. .---. ---.- "
            ".-.-. .. ..--. .--.- .-.-.- .-.-.. -.--.- .-..-."
        ).split(),
        [
            *"いろはにほへとちりぬるをわかよたれそつねならむうゐのおくやまけふこえてあさきゆめ"
            "みしゑひもせすん",
            "\u3099",
            "\u309a",
            "ー",
            "、",
            "」",
            "(",
            ")",
        ],
        strict=True,
    )
)
_WABUN_CUE = re.compile(r"和文|わぶん|ワブン|wabun", re.IGNORECASE)
_WABUN_START = "-..---"  # ホレ: the start of a message in 和文


def _morse_slices(t: str) -> Iterator[tuple[int, int]]:
    """Runs of Morse symbols, long ones cut (between two groups) into slices that decode
    to at most about ``_CIPHER_MAX_CHARS`` characters."""
    limit = 4 * _CIPHER_MAX_CHARS
    for m in _MORSE_RUN.finditer(t):
        start = m.start()
        while m.end() - start > limit:
            cut = start + limit
            while cut > start and t[cut] not in _MORSE_SEPARATORS:
                cut -= 1
            if cut == start:  # no separator: not the groups of seven symbols at most
                break
            yield start, cut
            start = cut
            while start < m.end() and t[start] in _MORSE_SEPARATORS:
                start += 1
        yield start, m.end()


def _decode_morse(run: str, table: dict[str, str]) -> str:
    """The letters of a run of Morse groups; "" when it is not worth reading. Words are
    apart where a separator stands or the space is wider than the narrowest between two
    groups; groups that are no letter are skipped."""
    groups = list(_MORSE_GROUP.finditer(run))
    gaps = [run[a.end() : b.start()] for a, b in itertools.pairwise(groups)]
    narrowest = min((len(g) for g in gaps if g.strip(" \t") == ""), default=1)
    out: list[str] = []
    known = 0
    for i, g in enumerate(groups):
        if out and i and (gaps[i - 1].strip(" \t") or len(gaps[i - 1]) > narrowest):
            out.append(" ")
        ch = table.get(g.group())
        if ch is not None:
            known += 1
            out.append(ch)
    decoded = " ".join(unicodedata.normalize("NFC", "".join(out)).split())
    letters = [c for c in decoded if c.isalpha()]
    if (
        len(letters) < _MORSE_MIN_LETTERS
        or len(set(letters)) < _MORSE_MIN_DISTINCT
        or known < _MORSE_MIN_KNOWN * len(groups)
    ):
        return ""
    return decoded


def _morse_pieces(t: str) -> list[_Piece]:
    """Runs of Morse code with enough letters, decoded (和文 when the text says so)."""
    pieces: list[_Piece] = []
    for start, end in _morse_slices(t):
        run = t[start:end].translate(_MORSE_DOT)
        near = t[max(0, start - _CUE_BEFORE) : start]
        # Per run: a decoy run or a 和文 earlier in the text does not switch later runs.
        wabun = run.startswith(_WABUN_START) or _WABUN_CUE.search(near) is not None
        decoded = _decode_morse(run, _WABUN if wabun else _INTERNATIONAL)
        if not decoded:
            continue
        if not wabun and " " not in decoded:
            decoded = " ".join(_respace(decoded).split())
        pieces.append(_Piece(decoded[:_CIPHER_MAX_CHARS], start, end, "morse"))
        if _full(pieces):
            break
    return pieces


@lru_cache(maxsize=8)
def _cipher_pieces(t: str) -> tuple[_Piece, ...]:
    """ROT13/Caesar and Morse runs of ``t`` decoded (cached: the rules and the model
    both read them)."""
    pieces: list[_Piece] = []
    words = re.finditer(r"[A-Za-z]{2,}", t)
    if next(words, None) is not None and next(words, None) is not None:
        pieces += _caesar_pieces(t, _cue_positions(t))
    if any(c in t for c in ".-_・·•∙⋅‧ー─━"):
        pieces += _morse_pieces(t)
    return tuple(pieces)
