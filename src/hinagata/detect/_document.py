"""The normalised text being scanned, with its morphological analysis.

SudachiPy (core dictionary, split mode C) gives us 人名 (姓/名) and 地名 tags and token
boundaries; every recognizer shares one analysis of the text. Japanese has no spaces, so
"at a word boundary" means "at a token boundary" here, never ``\\b``.
"""

from __future__ import annotations

import re
import threading
from functools import cached_property, lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple

from hinagata.text import NormalizedText

__all__ = ["Document", "PosTags", "Token", "pos_tags"]

# SudachiPy refuses inputs over 49,149 bytes; Japanese is three bytes a character in UTF-8.
_CHUNK_CHARS = 4000
_CHUNK_BREAK = re.compile(r"[\n。！？!?]")
_DIGIT_RUN = re.compile(r"\d+")


class Token(NamedTuple):
    """One morpheme in normalised-text offsets, with its part-of-speech id.

    A NamedTuple rather than a dataclass: tens of thousands are built per second.
    """

    start: int
    end: int
    pos: int
    #: Not in the dictionary (an unknown word SudachiPy guessed from its characters).
    oov: bool = False


_START = itemgetter(0)
_END = itemgetter(1)


class PosTags:
    """Part-of-speech id sets of the loaded dictionary, resolved once."""

    def __init__(self, dictionary: Any) -> None:
        self._dictionary = dictionary
        self.surname: set[int] = set()
        self.given_name: set[int] = set()
        self.person_other: set[int] = set()
        self.place: set[int] = set()
        self.country: set[int] = set()
        self.proper_other: set[int] = set()
        self.numeral: set[int] = set()
        self.noun: set[int] = set()
        self.suffix: set[int] = set()
        self.particle: set[int] = set()
        self.verb_like: set[int] = set()
        self.symbol: set[int] = set()
        self.space: set[int] = set()
        i = 0
        while True:
            try:
                pos = dictionary.pos_of(i)
            except Exception:  # pragma: no cover - depends on the dictionary build
                break
            if pos is None:
                break
            self._classify(i, tuple(pos))
            i += 1
        self.person = frozenset(self.surname | self.given_name | self.person_other)

    def _classify(self, pid: int, pos: tuple[str, ...]) -> None:
        head = pos[0]
        if head == "名詞":
            self.noun.add(pid)
            if pos[1] == "固有名詞":
                if pos[2] == "人名":
                    {"姓": self.surname, "名": self.given_name}.get(pos[3], self.person_other).add(
                        pid
                    )
                elif pos[2] == "地名":
                    (self.country if pos[3] == "国" else self.place).add(pid)
                else:
                    self.proper_other.add(pid)
            elif pos[1] == "数詞":
                self.numeral.add(pid)
        elif head == "接尾辞":
            self.suffix.add(pid)
        elif head == "助詞":
            self.particle.add(pid)
        elif head in ("動詞", "助動詞", "形容詞", "副詞", "連体詞", "接続詞", "感動詞"):
            self.verb_like.add(pid)
        elif head == "補助記号":
            self.symbol.add(pid)
        elif head == "空白":
            self.space.add(pid)

    def names(self, pid: int) -> tuple[str, ...]:
        return tuple(self._dictionary.pos_of(pid))


class _Analyzer:
    """Thread-local SudachiPy tokenizers over one shared dictionary."""

    def __init__(self) -> None:
        from sudachipy import Dictionary, SplitMode

        self._dictionary = Dictionary(dict="core")
        self._mode = SplitMode.C
        self._local = threading.local()
        self.tags = PosTags(self._dictionary)

    def tokenizer(self) -> Any:
        tok = getattr(self._local, "tokenizer", None)
        if tok is None:
            # SudachiPy 0.7 renamed create() to tokenizer(); GiNZA still pins 0.6. Loading
            # only the part-of-speech field makes analysis about 7 % faster.
            try:
                tok = self._dictionary.tokenizer(self._mode, fields={"pos"})
            except (AttributeError, TypeError):
                tok = self._dictionary.create(self._mode)
            self._local.tokenizer = tok
        return tok

    def tokenize(self, text: str) -> list[Token]:
        tok = self.tokenizer()
        out: list[Token] = []
        for offset, chunk in _chunks(text):
            morphemes = list(tok.tokenize(chunk))
            if not morphemes:
                continue
            # The loop runs in C (map over the methods, ``tuple.__new__`` for the
            # NamedTuple): no Python bytecode per morpheme, about 10 % of the analysis.
            cls = type(morphemes[0])
            ends = list(map(cls.end, morphemes))
            if offset:
                ends = [e + offset for e in ends]
            # Morphemes tile the input (spaces are tokens too), so each begins where the
            # previous one ended.
            starts = [offset, *ends[:-1]]
            pos = map(cls.part_of_speech_id, morphemes)
            oov = map(cls.is_oov, morphemes)
            out.extend(map(tuple.__new__, repeat(Token), zip(starts, ends, pos, oov, strict=True)))
        return out


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into pieces SudachiPy accepts, at line or sentence ends."""
    if len(text) <= _CHUNK_CHARS:
        return [(0, text)] if text else []
    out: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    while pos < n:
        end = min(pos + _CHUNK_CHARS, n)
        if end < n:
            cut = -1
            for m in _CHUNK_BREAK.finditer(text, pos + _CHUNK_CHARS // 2, end):
                cut = m.end()
            if cut > pos:
                end = cut
        out.append((pos, text[pos:end]))
        pos = end
    return out


@lru_cache(maxsize=1)
def analyzer() -> _Analyzer:
    """The process-wide analyzer (the dictionary loads once, about 0.1 s)."""
    return _Analyzer()


def pos_tags() -> PosTags:
    return analyzer().tags


class Document:
    """A normalised text plus lazily computed analyses shared by all recognizers."""

    __slots__ = ("__dict__", "norm", "text")

    def __init__(self, norm: NormalizedText) -> None:
        self.norm = norm
        self.text = norm.text

    @cached_property
    def tokens(self) -> list[Token]:
        return analyzer().tokenize(self.text)

    @cached_property
    def token_starts(self) -> dict[int, int]:
        """Token index by start offset."""
        toks = self.tokens
        return dict(zip(map(_START, toks), range(len(toks)), strict=True))

    @cached_property
    def token_ends(self) -> dict[int, int]:
        """Token index by end offset."""
        toks = self.tokens
        return dict(zip(map(_END, toks), range(len(toks)), strict=True))

    @cached_property
    def longest_digit_run(self) -> int:
        """How many digits (``\\d``) in a row the text has at most."""
        return max(map(len, _DIGIT_RUN.findall(self.text)), default=0)

    def at_token_start(self, pos: int) -> bool:
        return pos in self.token_starts or pos == 0

    def at_token_end(self, pos: int) -> bool:
        return pos in self.token_ends or pos == len(self.text)

    def surface(self, tok: Token) -> str:
        return self.text[tok.start : tok.end]

    def before(self, pos: int, width: int) -> str:
        return self.text[max(0, pos - width) : pos]
