"""Quasi-identifiers from word lists: singulars, matters, rare conditions; described persons."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick

from hinagata.detect._context import COUNT_AFTER
from hinagata.detect._quasi_base import (
    KANJI,
    SCORE,
    TYPE,
    alt,
    digit_before,
)
from hinagata.detect._quasi_vocabulary import QuasiVocabulary
from hinagata.detect._types import Candidate


class WordKinds:
    """The word-list kinds (matter, singular, family, workplace, role, rare_condition)."""

    def __init__(self, v: QuasiVocabulary) -> None:
        k = KANJI
        # Word lists as plain alternations (longest first): the regex engine skips to
        # their first characters, which is faster here than one automaton of them all.
        self._word_lists: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
            (kind, re.compile(alt(words)))
            for kind, words in (
                ("matter", v.matters),
                ("singular", v.singulars),
                ("family", v.family),
                ("workplace", v.workplaces),
                ("role", v.roles),
            )
            if words
        )
        self._rare = ahocorasick.Automaton()
        for w in (*v.diseases, *v.rare_conditions):
            self._rare.add_word(w, len(w))
        if len(self._rare):
            self._rare.make_automaton()
        self._singular_not_before = tuple(
            (*v.singular_not_before, *("の" + w for w in v.singular_not_before))
        )
        self._matter_not_before = tuple(v.matter_not_before)
        self._singular_place = re.compile(r"[" + k + r"]{1,4}(?:内で|で|に|内に)$")
        self._singular_what = re.compile(
            r"[" + k + r"ァ-ヶーA-Za-z]{1,12}(?:[(（][A-Za-z" + k + r"ァ-ヶー]{1,8}[)）])?"
        )
        # A person described without a name (30代女性から, （40代男性）): personal, but
        # no quasi-identifier of the content rule (the kind ``person`` weighs nothing).
        self._persons = (
            re.compile(
                r"[0-9]{1,2}代(?:前半|後半)?の?(?:男性|女性|男児|女児|夫婦)"
                r"(?=から|より|が|は|、|[(（]|,|の方|。|で)"
            ),
            re.compile(r"[(（][0-9]{1,2}代(?:男性|女性)?[)）]"),
        )
        self._statistic = re.compile(
            r"割合|率|人口|人中|[%％]|統計|件数|平均|調査|人数|世帯数|構成比|者数|所持者|受給者証の"
        )

    def spans(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Where each kind's words are in ``text``."""
        words: dict[str, list[tuple[int, int]]] = {
            kind: [m.span() for m in pattern.finditer(text)] for kind, pattern in self._word_lists
        }
        if len(self._rare):
            words["rare_condition"] = [
                (end_idx + 1 - length, end_idx + 1)
                for end_idx, length in self._rare.iter_long(text)
            ]
        return words

    def singulars(self, text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Candidate]:
        """Superlatives and singulars (最高齢, 唯一の, 市内に一軒だけの)."""
        for s, e in spans:
            if not text.startswith(self._singular_not_before, e):
                # with the place and the one described (村でただ一人の外国語指導助手（ALT）)
                place = self._singular_place.search(text, max(0, s - 6), s)
                what = self._singular_what.match(text, e) if text[e - 1] == "の" else None
                yield Candidate(
                    TYPE,
                    place.start() if place else s,
                    what.end() if what else e,
                    SCORE,
                    "singular",
                    False,
                )

    def matters(self, text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Candidate]:
        for s, e in spans:
            if not text.startswith(self._matter_not_before, e):
                yield Candidate(TYPE, s, e, SCORE, "matter", False)

    def persons(self, text: str) -> Iterator[Candidate]:
        """A person described without a name (30代女性から, （40代男性）)."""
        for m in (m for p in self._persons for m in p.finditer(text)):
            if digit_before(text, m.start()):
                continue
            lo = max(text.rfind("。", max(0, m.start() - 80), m.start()) + 1, m.start() - 80)
            hi_end = text.find("。", m.end(), m.end() + 80)
            hi = hi_end if hi_end >= 0 else min(len(text), m.end() + 80)
            if self._statistic.search(text, lo, hi) is None:
                yield Candidate(TYPE, m.start(), m.end(), SCORE, "person", True)

    def rare_conditions(self, text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Candidate]:
        for s, e in spans:
            if COUNT_AFTER.match(text, e) or self._in_statistic(text, s, e):
                continue  # 潰瘍性大腸炎 412人, 指定難病の受給者数: a statistic, nobody's condition
            yield Candidate(TYPE, s, e, SCORE, "rare_condition", False)

    def _in_statistic(self, text: str, s: int, e: int) -> bool:
        lo = max(text.rfind("。", max(0, s - 80), s) + 1, s - 80)
        hi_end = text.find("。", e, e + 80)
        hi = hi_end if hi_end >= 0 else min(len(text), e + 80)
        return self._statistic.search(text, lo, hi) is not None
