"""Reversible masking with placeholders (仮名化): 〔氏名1〕, 〔住所1〕 …

Every personal finding except special-care terms and corporate numbers is replaced; the
same value (compared after normalisation, spaces ignored) always gets the same
placeholder, so the model still sees that 〔氏名1〕 in one sentence is 〔氏名1〕 in the next.
The mapping belongs to one request only and restores the placeholders in the answer.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import ahocorasick

from hinagata._spans import Occupancy
from hinagata.detect import Finding
from hinagata.mask._generalise import Generalisation, Generaliser, kind_of

__all__ = ["MASKED_TYPES", "Masked", "Masker", "StreamRestorer", "mask", "restore"]

#: Placeholder labels by finding type; these types are masked (POLICY_DEFAULTS §3).
PLACEHOLDER_LABELS: Mapping[str, str] = {
    "PERSON_NAME": "氏名",
    "ADDRESS": "住所",
    "POSTAL_CODE": "郵便番号",
    "PHONE_NUMBER": "電話番号",
    "EMAIL": "メール",
    "BIRTH_DATE": "生年月日",
    "MY_NUMBER": "個人番号",
    "CREDIT_CARD": "カード番号",
    "BANK_ACCOUNT": "口座番号",
    "PASSPORT_NUMBER": "旅券番号",
    "DRIVER_LICENSE_NUMBER": "免許証番号",
    "BASIC_PENSION_NUMBER": "基礎年金番号",
    "HEALTH_INSURANCE_NUMBER": "保険証番号",
    "CARE_INSURANCE_NUMBER": "介護保険番号",
    "RESIDENT_RECORD_CODE": "住民票コード",
    "RESIDENCE_CARD_NUMBER": "在留カード番号",
}
MASKED_TYPES = frozenset(PLACEHOLDER_LABELS)

_PLACEHOLDER = re.compile(
    r"〔(" + "|".join(map(re.escape, PLACEHOLDER_LABELS.values())) + r")(\d+)〕"
)


@dataclass(frozen=True)
class Masked:
    """The masked text and what each placeholder stands for (kept by the caller only)."""

    text: str
    #: placeholder → original value as written (the first occurrence).
    mapping: Mapping[str, str]
    #: The findings that were replaced, in text order.
    replaced: tuple[Finding, ...]
    #: The findings left in place (special care, institutional, corporate numbers,
    #: quasi-identifiers not generalised); findings inside a replaced span are not kept.
    kept: tuple[Finding, ...]
    #: The descriptions generalised (87歳 → 80代), in text order; never restored.
    generalised: tuple[Generalisation, ...] = ()
    #: Every replacement as (start, end) in the original text and (start, end) in the
    #: masked text, in order: maps offsets of the one into the other.
    edits: tuple[tuple[int, int, int, int], ...] = ()


_IGNORED = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\\s]+")


def _key(f: Finding) -> tuple[str, str]:
    """Values compared as the detector compares them: width folded, spaces and invisibles ignored."""
    return _value_key(f.type, f.text)


#: A character written as a JSON escape (tool-call arguments as ``json.dumps`` writes them:
#: ``\u9ad8\u6a4b`` is 高橋): the same value as written plainly elsewhere in the request.
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _value_key(type_: str, text: str) -> tuple[str, str]:
    if "\\u" in text:
        text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return type_, _IGNORED.sub("", unicodedata.normalize("NFKC", text)).replace("ー", "-")


_TYPE_OF_LABEL = {label: type_ for type_, label in PLACEHOLDER_LABELS.items()}


def should_mask(f: Finding) -> bool:
    return f.personal and f.type in MASKED_TYPES


class Masker:
    """Placeholders for one request: the same value gets the same placeholder in all its texts.

    A masker belongs to one request of one user and is dropped with it; it is never shared,
    so no request can see (or restore) another's values.
    """

    def __init__(
        self, *, types: Iterable[str] | None = None, known: Mapping[str, str] | None = None
    ) -> None:
        """``known``: the table of earlier turns of the same conversation (placeholder →
        value): a value seen there keeps its placeholder, a new one gets the next number
        (never one the upstream already knows as someone else)."""
        self._wanted = MASKED_TYPES if types is None else frozenset(types) & MASKED_TYPES
        self._numbers: dict[tuple[str, str], str] = {}
        self._counters: dict[str, int] = {}
        self._generaliser = Generaliser()
        #: placeholder → original value as first written (generalisations are not here:
        #: they are never restored).
        self.mapping: dict[str, str] = {}
        for ph, value in (known or {}).items():
            m = _PLACEHOLDER.fullmatch(ph)
            if m is None:
                continue
            label, number = m.group(1), int(m.group(2))
            self.mapping[ph] = value
            self._numbers.setdefault(_value_key(_TYPE_OF_LABEL[label], value), ph)
            self._counters[label] = max(self._counters.get(label, 0), number)

    def mask(
        self, text: str, findings: Sequence[Finding], generalise: Sequence[Finding] = ()
    ) -> Masked:
        """Mask ``findings`` (offsets into ``text``) and literal repeats of their values.

        ``generalise``: quasi-identifiers (and, as a last resort, special-care terms) to
        generalise as well (87歳 → 80代, 大字北原 → 〔地域1〕); a generalisation that covers
        a value to mask replaces it, one that only partly overlaps one is not made.
        """
        ordered = sorted(findings, key=lambda f: (f.start, -f.end))
        chosen: list[Finding] = []
        rest: list[Finding] = []
        pos = 0
        for f in ordered:
            if not (f.personal and f.type in self._wanted) or f.start < pos:
                rest.append(f)
                continue
            chosen.append(f)
            pos = f.end
        gen: list[Finding] = []
        swallowed: list[Finding] = []
        if generalise:
            gen, swallowed = _plan_generalisation(text, chosen, generalise)
            if swallowed:
                gone = {id(f) for f in swallowed}
                chosen = [f for f in chosen if id(f) not in gone]
        replaced: list[Finding] = []
        spans: list[tuple[int, int, str]] = []
        for f in chosen:
            spans.append((f.start, f.end, self._placeholder(f)))
            replaced.append(f)
        done: list[Generalisation] = []
        for g in gen:
            rep = self._generaliser.replacement(g)
            spans.append((g.start, g.end, rep))
            done.append(Generalisation(kind_of(g), g.start, g.end, g.text, rep))
        spans.sort()
        spans.extend(_other_occurrences(text, replaced, spans, self._numbers))
        spans.sort()
        generalised_ids = {id(g) for g in gen}
        kept = _not_covered([f for f in rest if id(f) not in generalised_ids], spans)
        replaced.extend(swallowed)
        replaced.sort(key=lambda f: (f.start, f.end))
        out: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        pos = 0
        length = 0
        for s, e, ph in spans:
            out.append(text[pos:s])
            length += s - pos
            out.append(ph)
            edits.append((s, e, length, length + len(ph)))
            length += len(ph)
            pos = e
        out.append(text[pos:])
        return Masked(
            "".join(out),
            dict(self.mapping),
            tuple(replaced),
            tuple(kept),
            tuple(done),
            tuple(edits),
        )

    def _placeholder(self, f: Finding) -> str:
        key = _key(f)
        ph = self._numbers.get(key)
        if ph is None:
            label = PLACEHOLDER_LABELS[f.type]
            self._counters[label] = self._counters.get(label, 0) + 1
            ph = f"〔{label}{self._counters[label]}〕"
            self._numbers[key] = ph
            self.mapping[ph] = f.text
        return ph


def _plan_generalisation(
    text: str, chosen: Sequence[Finding], generalise: Sequence[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """The generalisations to make, and the masked values they swallow whole.

    Among overlapping generalisations the earlier, then the longer wins; one inside a
    masked value is dropped (the value is gone anyway); one that partly overlaps a masked
    value is not made (masking the value comes first).
    """
    starts = [c.start for c in chosen]
    gen: list[Finding] = []
    swallowed: list[Finding] = []
    gpos = -1
    for g in sorted(generalise, key=lambda f: (f.start, -f.end)):
        if g.start >= g.end or g.end <= gpos:
            continue  # empty, or inside one already generalised
        prev: Finding | None = None
        if g.start < gpos:
            # Two descriptions that overlap (大字北原元町議会議員: an area and a role): the
            # earlier one's replacement covers their union, so nothing of either is left.
            prev = gen.pop()
            g = replace(prev, end=g.end, text=text[prev.start : g.end])
        overlapping: list[Finding] = []
        for c in chosen[max(0, bisect_right(starts, g.start) - 1) :]:
            if c.start >= g.end:
                break
            if g.start < c.end:
                overlapping.append(c)
        if any(c.start <= g.start and g.end <= c.end for c in overlapping):
            continue
        if any(not (g.start <= c.start and c.end <= g.end) for c in overlapping):
            if prev is not None:
                gen.append(prev)  # the union is not possible: keep the earlier one
            continue
        gen.append(g)
        swallowed.extend(c for c in overlapping if all(c is not x for x in swallowed))
        gpos = g.end
    return gen, swallowed


def _not_covered(
    findings: Sequence[Finding], spans: Sequence[tuple[int, int, str]]
) -> list[Finding]:
    """``findings`` less those lying wholly inside a replaced span (sorted, disjoint)."""
    if not spans:
        return list(findings)
    starts = [s for s, _, _ in spans]
    out: list[Finding] = []
    for f in findings:
        i = bisect_right(starts, f.start) - 1
        if i >= 0 and spans[i][0] <= f.start and f.end <= spans[i][1] and f.start < f.end:
            continue
        out.append(f)
    return out


def mask(
    text: str,
    findings: Sequence[Finding],
    *,
    types: Iterable[str] | None = None,
    generalise: Sequence[Finding] = (),
) -> Masked:
    """Replace personal values in ``text`` with numbered placeholders.

    >>> from hinagata import scan
    >>> t = "高橋 健一さんの電話は090-1234-5678。高橋健一さんに折り返す。"
    >>> m = mask(t, scan(t))
    >>> m.text
    '〔氏名1〕さんの電話は〔電話番号1〕。〔氏名1〕さんに折り返す。'
    >>> restore(m.text, m.mapping) == "高橋 健一さんの電話は090-1234-5678。高橋 健一さんに折り返す。"
    True
    """
    return Masker(types=types).mask(text, findings, generalise)


def _other_occurrences(
    text: str,
    replaced: Sequence[Finding],
    spans: Sequence[tuple[int, int, str]],
    numbers: Mapping[tuple[str, str], str],
) -> list[tuple[int, int, str]]:
    """Literal repeats of a masked value that detection missed (glued to other digits, …).

    A value found once is masked everywhere it is written the same way. Short name
    fragments are left alone: 千葉 masked as a name must not turn 千葉県 into 〔氏名1〕県.

    Values are taken in text order of their first finding; each value's repeats are its
    leftmost non-overlapping occurrences (as ``str.find`` would walk them), kept unless
    they overlap a span already masked. All values are searched in one pass of an
    Aho-Corasick automaton, and "overlaps a masked span" is a look-up in an occupancy
    map, so the cost is linear in the text and the occurrences, not text × values.
    """
    values: list[str] = []
    placeholders: list[str] = []
    seen: set[str] = set()
    for f in replaced:
        value = f.text
        if not value or value in seen or (f.type == "PERSON_NAME" and len(value) < 3):
            continue
        seen.add(value)
        values.append(value)
        placeholders.append(numbers[_key(f)])
    if not values:
        return []
    automaton = ahocorasick.Automaton()
    for i, value in enumerate(values):
        automaton.add_word(value, i)
    automaton.make_automaton()
    # Each value's occurrences come out in order of their end, so also of their start.
    walks: list[list[int]] = [[] for _ in values]
    walk_end = [0] * len(values)
    for last, i in automaton.iter(text):
        start = last + 1 - len(values[i])
        if start >= walk_end[i]:
            walks[i].append(start)
            walk_end[i] = last + 1
    occupied = Occupancy(len(text))
    for s, e, _ in spans:
        occupied.take(s, e)
    extra: list[tuple[int, int, str]] = []
    for i, starts in enumerate(walks):
        if len(starts) < 2:
            continue  # the value is written once: nothing to repeat
        n, ph = len(values[i]), placeholders[i]
        for s in starts:
            if not occupied.overlaps(s, s + n):
                occupied.take(s, s + n)
                extra.append((s, s + n, ph))
    return extra


def restore(text: str, mapping: Mapping[str, str]) -> str:
    """Put the original values back for every placeholder of ``mapping`` found in ``text``."""
    if not mapping:
        return text
    return _PLACEHOLDER.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


_LONGEST_PLACEHOLDER = max(len(label) for label in PLACEHOLDER_LABELS.values()) + 2 + 6


class StreamRestorer:
    """Restores placeholders in a stream of text pieces, holding back only what must wait.

    A piece that ends inside a possible placeholder (``…〔氏`` then ``名1〕…``) keeps that
    tail until the next piece; everything else is returned at once, so the stream is never
    buffered beyond a dozen characters.

    >>> r = StreamRestorer({"〔氏名1〕": "高橋"})
    >>> [r.feed(p) for p in ["こんにちは〔氏", "名1〕さん"]] + [r.flush()]
    ['こんにちは', '高橋さん', '']
    """

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self._mapping = mapping
        self._pending = ""

    def feed(self, piece: str) -> str:
        if not self._mapping:
            return piece
        buf = self._pending + piece
        i = buf.rfind("〔")
        if i >= 0 and "〕" not in buf[i:] and _could_start_placeholder(buf[i:]):
            self._pending = buf[i:]
            buf = buf[:i]
        else:
            self._pending = ""
        return restore(buf, self._mapping)

    @property
    def pending(self) -> bool:
        """Whether a possible placeholder is being held back."""
        return bool(self._pending)

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return restore(rest, self._mapping)


def _could_start_placeholder(tail: str) -> bool:
    """Whether ``tail`` (starting with 〔) may still grow into a placeholder."""
    if len(tail) > _LONGEST_PLACEHOLDER:
        return False
    body = tail[1:]
    for label in PLACEHOLDER_LABELS.values():
        if label.startswith(body):
            return True
        if body.startswith(label) and body[len(label) :].isdigit():
            return True
    return False
