"""The detector: normalise → recognizers → resolve overlaps → personal or not → offsets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from hinagata._spans import Occupancy
from hinagata.detect._context import mark_personal
from hinagata.detect._document import Document
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import FINDING_TYPES, Candidate, Finding
from hinagata.detect.address import AddressRecognizer
from hinagata.detect.contact import contact_recognizers
from hinagata.detect.dates import BirthDateRecognizer
from hinagata.detect.identifiers import identifier_recognizers
from hinagata.detect.names import NameRecognizer, readings_of_names
from hinagata.detect.quasi import QuasiRecognizer, resolve_quasi
from hinagata.detect.sensitive import Lexicon, SensitiveRecognizer, load_lexicon
from hinagata.text import normalize_for_detection

__all__ = ["Detector", "default_detector", "scan", "scan_pieces"]

_TYPE_RANK = {t: i for i, t in enumerate(FINDING_TYPES)}


class Detector:
    """Finds personal information in Japanese text (個人情報の検出器).

    ``lexicons`` are extra YAML files of special-care categories (条例要配慮個人情報) merged
    into the bundled lexicon; ``min_score`` drops weaker findings.
    """

    def __init__(
        self,
        *,
        lexicons: Sequence[str | Path] = (),
        lexicon: Lexicon | None = None,
        recognizers: Iterable[Recognizer] | None = None,
        min_score: float = 0.5,
    ) -> None:
        if recognizers is None:
            lex = lexicon if lexicon is not None else load_lexicon(*lexicons)
            recognizers = [
                *identifier_recognizers(),
                *contact_recognizers(),
                BirthDateRecognizer(),
                AddressRecognizer(),
                NameRecognizer(),
                SensitiveRecognizer(lex),
                QuasiRecognizer(),
            ]
        self.recognizers: list[Recognizer] = list(recognizers)
        self.min_score = min_score

    def scan(self, text: str) -> list[Finding]:
        """Findings in ``text``, ordered by position, offsets in ``text`` itself."""
        if not text:
            return []
        norm = normalize_for_detection(text)
        doc = Document(norm)
        cands = [c for r in self.recognizers for c in r.find(doc) if c.score >= self.min_score]
        cands += self._kin_in_context(doc, cands)
        cands += _rare_conditions_are_medical(cands)
        cands += readings_of_names(
            doc.text, [c for c in cands if c.type == "PERSON_NAME" and c.score >= self.min_score]
        )
        # Quasi-identifiers may overlap other findings (a 指定難病 is also a SENSITIVE term):
        # they are resolved among themselves only.
        quasi = [c for c in cands if c.type == "QUASI_IDENTIFIER"]
        if quasi:
            others = _resolve([c for c in cands if c.type != "QUASI_IDENTIFIER"])
            cands = sorted([*others, *resolve_quasi(quasi)], key=lambda c: (c.start, c.end))
        else:
            cands = _resolve(cands)
        cands = mark_personal(doc, cands)
        out: list[Finding] = []
        for c in cands:
            s, e = norm.span_to_original(c.start, c.end)
            out.append(
                Finding(
                    c.type, s, e, text[s:e], c.score, c.personal, c.category, c.meta.get("detail")
                )
            )
        return out


    def _kin_in_context(self, doc: Document, cands: list[Candidate]) -> list[Candidate]:
        """Kin read with the other recognizers' findings (names, ages, roles)."""
        return [
            k
            for r in self.recognizers
            if _is_quasi(type(r))
            for k in r.kin_in_context(doc.text, cands)  # type: ignore[attr-defined]
        ]


@lru_cache(maxsize=64)
def _is_quasi(cls: type) -> bool:
    # isinstance() against an ABC goes through its __instancecheck__ (about 1 µs): asked
    # once per recognizer class, not for every recognizer of every text.
    return issubclass(cls, QuasiRecognizer)


def _rare_conditions_are_medical(cands: list[Candidate]) -> list[Candidate]:
    """A designated intractable disease is a medical condition (要配慮: 病歴) wherever the
    special-care lexicon has no term for it (全身性エリテマトーデス)."""
    rare = [c for c in cands if c.type == "QUASI_IDENTIFIER" and c.category == "rare_condition"]
    if not rare:
        return []
    medical = [(c.start, c.end) for c in cands if c.type == "SENSITIVE"]
    return [
        Candidate("SENSITIVE", c.start, c.end, 0.85, "medical", True)
        for c in rare
        if not any(s <= c.start and c.end <= e for s, e in medical)
        and c.end - c.start > 2  # 難病 alone is in the lexicon already
    ]


def _resolve(cands: list[Candidate]) -> list[Candidate]:
    """Keep the strongest of overlapping candidates: higher score, then longer, then type order.

    Candidates are taken greedily in that order, each unless it overlaps one already taken.
    The taken spans never overlap, so "does it overlap one" is whether any of its cells is
    marked in an occupancy map: O(n log n) for the sort plus the candidates' total length
    (which the recognizers already paid to produce them), instead of comparing every
    candidate with every span taken before it.
    """
    if not cands:
        return []
    ranked = sorted(cands, key=lambda c: (-c.score, -c.length, _TYPE_RANK.get(c.type, 99), c.start))
    occupied = Occupancy(max(c.end for c in cands))
    taken: list[Candidate] = []
    for c in ranked:
        if occupied.overlaps(c.start, c.end):
            continue
        occupied.take(c.start, c.end)
        taken.append(c)
    taken.sort(key=lambda c: (c.start, c.end))
    return taken


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    """The detector with the bundled lexicon (built once per process)."""
    return Detector()


def scan(text: str, *, detector: Detector | None = None) -> list[Finding]:
    """Find personal information in ``text``.

    Each finding has ``type``, ``start``, ``end``, ``text``, ``score``, ``personal`` and,
    for special-care information, ``category``; ``text == input[start:end]``.

    >>> [(f.type, f.text) for f in scan("個人番号 １２３４ ５６７８ ９０１８")]
    [('MY_NUMBER', '１２３４ ５６７８ ９０１８')]
    """
    return (detector or default_detector()).scan(text)


def scan_pieces(pieces: Iterable[str], *, detector: Detector | None = None) -> Iterator[Finding]:
    """Scan a long text given in pieces (as :func:`hinagata.io.iter_text` yields them).

    Offsets index the concatenation of the pieces. Pieces should end at a line break so
    that no finding straddles two of them; memory stays bounded by one piece.
    """
    det = detector or default_detector()
    offset = 0
    for piece in pieces:
        for f in det.scan(piece):
            yield replace(f, start=f.start + offset, end=f.end + offset)
        offset += len(piece)
