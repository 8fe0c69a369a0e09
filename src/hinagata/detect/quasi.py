"""Quasi-identifiers (特異な記述): what singles a person out by content, without a name.

The PPC's rule for anonymised data (個人情報保護法施行規則 第34条) asks to remove, besides
names and identifier codes, *peculiar descriptions* (特異な記述等): very high ages, rare
conditions, unique roles. A case record can identify someone with no name in it —
「大字北原に住む87歳の男性で、元町議会議員」. This recognizer reports each such description
as a ``QUASI_IDENTIFIER`` finding with its *kind* in ``category``:

===============  ==========================================================================
kind             what
===============  ==========================================================================
age              an exact age (87歳, 八十七歳); ``detail`` is ``100_plus`` for 100 and over
area             a small area: 大字・字・小字, …地区, …集落, …団地, …自治会/町内会, 自治会の班, 団地の棟
role             a public office or unique role, current or former (町長, 元町議会議員, 民生委員)
school_class     school + grade + class (市立第二中学校3年1組, 3年1組); a named school + grade (第二中2年)
workplace        a workplace or shop with a place or a verb (駅前のパン屋, 鍛冶屋を営む: ``detail`` run),
                 the verb inside the span; a post at a named office (市役所の臨時職員)
family           unusual family composition (双子, 三世代同居, 母子世帯, 夫と長男の三人暮らし,
                 夫を亡くしてから独居); not in statistics or for an audience (高齢者のみ世帯は市内に…)
rare_condition   a designated intractable disease (指定難病, data with its source) or the like
event_date       the exact date of a specific event (4月3日に転入, 先月20日に逮捕, R6.4.3に転入:
                 the date is the finding); not for an audience (4月1日に転入した方は)
kin              kin of a named or described person (佐藤さんの奥さん, 保護者の父), kin of kin (長男の嫁)
singular         superlatives and singulars (最高齢, 唯一の, 市内に一軒だけの)
matter           a personal matter that completes a description (不登校, 苦情, 滞納)
person           a person described without a name (30代女性から, （40代男性）): personal, weighs nothing
===============  ==========================================================================

None of them identifies by itself and none is masked as a personal value: they are not
personal (``personal`` is False, except a ``matter`` about a person and a ``person``), they may overlap
other findings (a 指定難病 is also a SENSITIVE term), and the assessment weighs their
combination under the policy's content rule (``identification`` in the template).
The vocabularies are data: ``data/quasi.yaml`` and ``data/designated_intractable_diseases.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from hinagata.detect._document import Document
from hinagata.detect._quasi_base import TYPE, Publication
from hinagata.detect._quasi_events import Events
from hinagata.detect._quasi_kin import Family, Kin
from hinagata.detect._quasi_places import Ages, Areas
from hinagata.detect._quasi_roles import Roles, Schools
from hinagata.detect._quasi_vocabulary import QuasiVocabulary, load_vocabulary
from hinagata.detect._quasi_words import WordKinds
from hinagata.detect._quasi_work import Workplaces
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import Candidate
from hinagata.text import kanji_number

__all__ = [
    "QUASI_KINDS",
    "QuasiRecognizer",
    "QuasiVocabulary",
    "kanji_number",
    "load_vocabulary",
    "resolve_quasi",
]

#: Every kind, in a stable order (docs/finding-types.md).
QUASI_KINDS: tuple[str, ...] = (
    "area",
    "age",
    "role",
    "school_class",
    "workplace",
    "family",
    "rare_condition",
    "event_date",
    "kin",
    "singular",
    "matter",
    "person",
)


class QuasiRecognizer(Recognizer):
    """Reports ``QUASI_IDENTIFIER`` findings (kind in ``category``).

    >>> from hinagata import scan
    >>> t = "大字北原に住む87歳の男性で、元町議会議員"
    >>> [(f.category, f.text) for f in scan(t) if f.type == "QUASI_IDENTIFIER"]
    [('area', '大字北原'), ('age', '87歳'), ('role', '元町議会議員')]
    """

    TYPES = (TYPE,)

    def __init__(self, vocabulary: QuasiVocabulary | None = None) -> None:
        v = vocabulary or load_vocabulary()
        self.vocabulary = v
        # Every pattern starts with a literal or a single character class, or is found
        # from an Aho-Corasick pass over a word list; context (a 元 before a role, a place
        # before a shop) is then checked in a short window: the recognizer stays linear
        # and cheap (a regex alternation of a hundred words tried at every character is not).
        self._ages = Ages()
        self._areas = Areas()
        self._kin = Kin(v)
        self._words = WordKinds(v)
        self._roles = Roles(v, self._kin.kin_words)
        self._schools = Schools()
        self._workplaces = Workplaces(v, self._kin.audience_after)
        self._family = Family(v, self._kin)
        self._events = Events(v)

    # -- candidates ----------------------------------------------------------------------

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        if not text:
            return
        yield from self._ages.find(text)
        yield from self._areas.find(text)
        words = self._words.spans(text)
        pub = Publication(text)  # read once, only when an official is named
        yield from self._roles.find(text, words.get("role", ()), pub)
        yield from self._roles.generations(text)
        yield from self._schools.classes(text)
        yield from self._workplaces.find(text, words.get("workplace", ()))
        yield from self._family.find(text, words.get("family", ()))
        yield from self._words.singulars(text, words.get("singular", ()))
        yield from self._words.matters(text, words.get("matter", ()))
        yield from self._words.persons(text)
        yield from self._events.find(text)
        yield from self._kin.named(text)
        yield from self._kin.unnamed(text)
        yield from self._roles.office_heads(text, pub)
        yield from self._roles.teams(text)
        yield from self._workplaces.named_posts(text)
        yield from self._schools.club_grades(text)
        yield from self._kin.office_kin(text)
        yield from self._words.rare_conditions(text, words.get("rare_condition", ()))

    def kin_in_context(self, text: str, cands: Sequence[Candidate]) -> Iterator[Candidate]:
        """Kin read with the other recognizers' findings (see :meth:`Kin.kin_in_context`)."""
        return self._kin.kin_in_context(text, cands)


def resolve_quasi(cands: Sequence[Candidate]) -> list[Candidate]:
    """Quasi-identifiers among themselves: one inside another of the same kind is dropped.

    They are kept apart from the other findings' overlap resolution: a 指定難病 is also a
    SENSITIVE term, an area may sit inside an address, and both must be reported. Two of
    different kinds that overlap are both kept (大字北原元町議会議員: an area and a role);
    generalisation replaces their union.
    """
    out: list[Candidate] = []
    last_end: dict[str | None, int] = {}
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if c.end <= last_end.get(c.category, -1):
            continue
        out.append(c)
        last_end[c.category] = c.end
    return out
