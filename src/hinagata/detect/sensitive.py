"""Special-care personal information (要配慮個人情報) from a lexicon that is data.

The categories and their terms live in ``data/sensitive.yaml``; a municipality adds its
条例要配慮個人情報 (welfare receipt, DV-victim status, …) by configuration, not code.
Terms are matched with an Aho-Corasick automaton (pyahocorasick), so hundreds of terms
cost one pass over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from hinagata.detect._document import Document
from hinagata.detect._recognizer import Recognizer, required_words
from hinagata.detect._types import Candidate
from hinagata.text import normalize

__all__ = ["Category", "Lexicon", "LexiconError", "SensitiveRecognizer", "load_lexicon"]

_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Category:
    """One 要配慮 category: its key (the finding's ``category``), labels and vocabulary."""

    key: str
    label: str
    label_en: str
    basis: str
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    categories: Mapping[str, Category] = field(default_factory=dict)

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon extended by ``other``: new categories added, same keys extended."""
        cats = dict(self.categories)
        for key, cat in other.categories.items():
            if key in cats:
                old = cats[key]
                cats[key] = Category(
                    key,
                    cat.label or old.label,
                    cat.label_en or old.label_en,
                    cat.basis or old.basis,
                    _unique(old.terms + cat.terms),
                    _unique(old.patterns + cat.patterns),
                    _unique(old.exclude + cat.exclude),
                )
            else:
                cats[key] = cat
        return Lexicon(cats)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _parse(data: Any, source: str) -> Lexicon:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise LexiconError(f"{source}: a lexicon needs a 'categories' mapping")
    cats: dict[str, Category] = {}
    for key, body in data["categories"].items():
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise LexiconError(f"{source}: category key {key!r} must be lower_snake_case")
        if not isinstance(body, dict):
            raise LexiconError(f"{source}: category {key!r} must be a mapping")
        lists: dict[str, tuple[str, ...]] = {}
        for name in ("terms", "patterns", "exclude"):
            value = body.get(name) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise LexiconError(f"{source}: {key}.{name} must be a list of non-empty strings")
            lists[name] = tuple(value)
        for pat in lists["patterns"]:
            try:
                re.compile(pat)
            except re.error as exc:
                raise LexiconError(
                    f"{source}: {key}.patterns: invalid regular expression {pat!r}: {exc}"
                ) from exc
        basis = body.get("basis", "ordinance")
        if basis not in ("statutory", "ordinance"):
            raise LexiconError(f"{source}: {key}.basis must be 'statutory' or 'ordinance'")
        cats[key] = Category(
            key=key,
            label=str(body.get("label", key)),
            label_en=str(body.get("label_en", key)),
            basis=basis,
            terms=lists["terms"],
            patterns=lists["patterns"],
            exclude=lists["exclude"],
        )
    return Lexicon(cats)


def load_lexicon(*paths: str | Path) -> Lexicon:
    """The bundled lexicon, extended by each YAML file in ``paths`` in order."""
    bundled = resources.files("hinagata.detect").joinpath("data/sensitive.yaml").read_text("utf-8")
    lex = _parse(yaml.safe_load(bundled), "sensitive.yaml (bundled)")
    for p in paths:
        path = Path(p)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise LexiconError(
                f"{path}: cannot read the lexicon file: {exc.strerror or exc}"
            ) from exc
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{path}: not valid YAML in UTF-8: {exc}") from exc
        lex = lex.merged(_parse(data, str(path)))
    return lex


class SensitiveRecognizer(Recognizer):
    """Terms and patterns of each 要配慮 category, reported with ``category``.

    >>> from hinagata import scan
    >>> [(f.text, f.category) for f in scan("長谷川さんの奥様が入院された") if f.type == "SENSITIVE"]
    [('入院', 'medical')]
    """

    TYPES = ("SENSITIVE",)

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, tuple[str, bool, int]] = {}
        excludes: dict[str, int] = {}
        for cat in self.lexicon.categories.values():
            for term in cat.terms:
                norm = normalize(term).text
                # kana terms must stand alone (がん, not がんばる; ガン, not リーガン).
                entries.setdefault(norm, (cat.key, bool(_KANA.search(norm)), 0))
            for ex in cat.exclude:
                excludes[normalize(ex).text] = 1
        for ex in excludes:
            if ex not in entries:
                entries[ex] = ("", False, 1)
        for key, (cat_key, kana, is_ex) in entries.items():
            self._automaton.add_word(key, (len(key), cat_key, kana, is_ex))
        self._empty = not entries
        if entries:
            self._automaton.make_automaton()
        self._patterns: list[tuple[re.Pattern[str], str]] = [
            (re.compile(p), cat.key)
            for cat in self.lexicon.categories.values()
            for p in cat.patterns
        ]
        # For each pattern, words one of which each of its matches contains (症|病|炎 …):
        # a text with none of them is not scanned with the pattern.
        self._pattern_words = [required_words(p) for p, _cat in self._patterns]

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        hits: list[tuple[int, int, str]] = []
        vetoed: list[tuple[int, int]] = []
        if not self._empty:
            for end_idx, (length, cat, kana, is_ex) in self._automaton.iter(text):
                end = end_idx + 1
                start = end - length
                if is_ex:
                    vetoed.append((start, end))
                    continue
                if kana and not (doc.at_token_start(start) and doc.at_token_end(end)):
                    continue
                if _ASCII_WORD.match(text[start]) and (
                    (start > 0 and _ASCII_WORD.match(text[start - 1]))
                    or (end < len(text) and _ASCII_WORD.match(text[end]))
                ):
                    continue
                hits.append((start, end, cat))
        for (pattern, cat), needed in zip(self._patterns, self._pattern_words, strict=True):
            if needed is not None and needed.search(text) is None:
                continue
            for m in pattern.finditer(text):
                s, e = m.span()
                # Open-ended patterns must end where a word ends (総合病院 has no 病 word).
                if s < e and doc.at_token_end(e):
                    hits.append((s, e, cat))
        if not hits:
            return
        # Longest match first; a match inside an excluded phrase is dropped.
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for s, e, cat in hits:
            if s < last_end:
                continue
            if any(vs <= s and e <= ve for vs, ve in vetoed):
                continue
            last_end = e
            yield Candidate("SENSITIVE", s, e, 0.8, category=cat)
