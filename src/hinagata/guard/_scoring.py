"""Scoring a text by the rules: keywords found in one pass, rules tried around them.

The text is *folded* (ASCII lower-case, Cyrillic/Greek look-alikes to Latin,
length-preserving, so offsets stay valid). One Aho-Corasick pass finds the rules'
keywords; each rule is tried only in a bounded window of the sentence around its keyword.
A sentence's score combines the weights of the rules that matched in it and in its
neighbours (1 - Π(1 - w)), so one injected line in a long benign document is not diluted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from hinagata.guard._mentions import _MENTION_FACTOR, _is_mention
from hinagata.guard._rules import UNLESS_BEFORE_CHARS, RuleSet

#: Around a keyword, a rule is tried on at most this many characters each side.
_WINDOW = 300
#: Weak cues in this many following sentences combine with a sentence's own.
_NEIGHBOURS = 4

# Sentence ends: Japanese full stops and marks, line breaks, and ASCII . ; : ! ? followed
# by a space (so that URLs and markdown images stay whole).
_SENTENCE_END = re.compile(r"[。！？\n]+|(?<=[.;:!?])\s+")

# Cyrillic and Greek letters that look like Latin ones (one character to one character).
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ɡ": "g", "ӏ": "l", "ԛ": "q", "ԝ": "w", "А": "a", "В": "b", "Е": "e", "К": "k",
    "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t", "У": "y", "Х": "x",
    "І": "i", "Ј": "j", "Ѕ": "s", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "Α": "a", "Β": "b", "Ε": "e",
    "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o", "Ρ": "p",
    "Τ": "t", "Υ": "y", "Χ": "x",
}  # fmt: skip
_FOLD = {ord(k): v for k, v in _LOOKALIKES.items()} | {
    c: c + 32 for c in range(ord("A"), ord("Z") + 1)
}


@dataclass
class _Match:
    start: int  # in the scanned view
    end: int
    rule: str
    category: str
    weight: float


@dataclass
class _Scored:
    score: float
    matches: list[_Match] = field(default_factory=list)


def _noisy_or(weights: Iterable[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - w
    return 1.0 - p


def _sentence_bounds(t: str) -> list[int]:
    bounds = [0]
    for m in _SENTENCE_END.finditer(t):
        if m.end() > bounds[-1] and m.end() < len(t):
            bounds.append(m.end())
    return bounds


class _Scorer:
    """The rules' keywords in two Aho-Corasick automata (folded and case-sensitive), built
    once; :meth:`score_text` keeps no state between calls (thread-safe)."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self._folded = ahocorasick.Automaton()
        self._cased = ahocorasick.Automaton()
        by_kw: dict[tuple[bool, str], set[int]] = {}
        for i, rule in enumerate(self.rules.rules):
            for kw in rule.keywords:
                by_kw.setdefault((rule.case_sensitive, kw), set()).add(i)
        for (cased, kw), ids in by_kw.items():
            (self._cased if cased else self._folded).add_word(kw, (len(kw), tuple(sorted(ids))))
        for a in (self._folded, self._cased):
            if len(a) == 0:
                a.add_word("\x00\x00", (2, ()))
            a.make_automaton()

    def score_text(self, t: str, kind: str, *, mention: bool = False) -> list[_Scored]:
        """Scores of the sentence windows of ``t`` that matched any rule; ``mention``: all
        of ``t`` is a quotation talked about (a decoded run inside one), weighed so."""
        folded = t.translate(_FOLD)
        candidates: dict[tuple[int, int], int] = {}  # (rule index, keyword start) → sentence
        for view, automaton in ((folded, self._folded), (t, self._cased)):
            for end, (length, ids) in automaton.iter(view):
                start = end - length + 1
                for i in ids:
                    candidates.setdefault((i, start), 0)
        if not candidates:
            return []
        bounds = _sentence_bounds(t)
        by_sentence: dict[int, list[_Match]] = {}
        rules = self.rules.rules
        # Each rule is tried once per sentence over the union of its keywords' windows, not
        # once per keyword: a run of one keyword (a roster of 〔氏名〕 placeholders) made as
        # many overlapping searches as it has keywords. Where a match is cancelled by the
        # rule's condition (unless_before), the search goes on after it, as the next
        # keyword's window would have.
        spans: dict[tuple[int, int], list[list[int]]] = {}  # (rule, sentence) → windows
        for i, kw_start in candidates:
            si = bisect_right(bounds, kw_start) - 1
            s_start = bounds[si]
            s_end = bounds[si + 1] if si + 1 < len(bounds) else len(t)
            w_start = max(s_start, kw_start - _WINDOW)
            w_end = min(s_end, kw_start + _WINDOW)
            spans.setdefault((i, si), []).append([w_start, w_end])
        for (i, si), windows in spans.items():
            rule = rules[i]
            view = t if rule.case_sensitive else folded
            s_start = bounds[si]
            merged: list[list[int]] = []
            for w in sorted(windows):
                if merged and w[0] <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], w[1])
                else:
                    merged.append(list(w))
            m = None
            for w_start, w_end in merged:
                pos = w_start
                while pos < w_end:
                    m = rule.regex.search(view, pos, w_end)
                    if m is None:
                        break
                    if m.end() > m.start() and not (
                        rule.unless_before is not None
                        and rule.unless_before.search(
                            view, max(s_start, m.start() - UNLESS_BEFORE_CHARS), m.start()
                        )
                    ):
                        break
                    # empty, or the words stated under a condition (an operator's policy)
                    pos, m = m.start() + 1, None
                if m is not None:
                    break
            if m is None:
                continue
            found = by_sentence.setdefault(si, [])
            weight = rule.weight_for(kind)
            if mention or _is_mention(t, m.start(), m.end()):
                weight *= _MENTION_FACTOR
            found.append(_Match(m.start(), m.end(), rule.id, rule.category, weight))
        out: list[_Scored] = []
        for sent, matches in by_sentence.items():
            # A sentence together with the next few: weak cues split by full stops combine.
            window = list(matches)
            for nxt in range(sent + 1, sent + 1 + _NEIGHBOURS):
                window += [
                    x for x in by_sentence.get(nxt, ()) if not any(x.rule == y.rule for y in window)
                ]
            for group in (matches, window):
                weights = [m.weight for m in group if m.weight > 0]
                if weights:
                    out.append(_Scored(_noisy_or(weights), list(group)))
        return out
