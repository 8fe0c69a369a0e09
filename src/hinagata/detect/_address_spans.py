"""Overlapping address readings: the best of them, and which positions they cover."""

from __future__ import annotations

import bisect

from hinagata.detect._address_tail import rank
from hinagata.detect._types import Candidate


def best_readings(cands: list[Candidate]) -> list[Candidate]:
    """Of overlapping readings keep the most precise, then the longest, then the strongest.

    The spans taken never overlap, so a new one need only be compared with its neighbours
    in start order (bisect): O(n log n) however long the text.
    """
    ranked = sorted(
        cands, key=lambda c: (rank(c.meta["detail"][10:]), -c.length, -c.score, c.start)
    )
    starts: list[int] = []
    taken: list[Candidate] = []
    for c in ranked:
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and taken[i - 1].end > c.start:
            continue
        if i < len(taken) and taken[i].start < c.end:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


class Covered:
    """Is a position strictly inside one of some spans? (bisect over their starts)."""

    def __init__(self, spans: list[Candidate]) -> None:
        ordered = sorted(spans, key=lambda c: c.start)
        self._starts = [c.start for c in ordered]
        self._reach: list[int] = []
        reach = -1
        for c in ordered:
            reach = max(reach, c.end)
            self._reach.append(reach)

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_left(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos
