"""Disjoint spans taken so far, checked and marked in time proportional to their length."""

from __future__ import annotations

__all__ = ["Occupancy"]


class Occupancy:
    """Disjoint half-open spans taken so far, as marked cells (two per character).

    A span [s, e) marks cells 2s+1 … 2e-1, so two spans share a cell exactly when they
    overlap; an empty span [p, p) is the point 2p, kept apart: it blocks the spans around
    it (s < p < e) but neither other points nor spans that merely touch it.
    """

    __slots__ = ("_points", "_spans")

    def __init__(self, end: int) -> None:
        self._spans = bytearray(2 * end + 2)
        self._points: bytearray | None = None

    def overlaps(self, start: int, end: int) -> bool:
        if start >= end:
            return self._spans[2 * start] == 1
        lo, hi = 2 * start + 1, 2 * end
        if self._spans.find(1, lo, hi) >= 0:
            return True
        return self._points is not None and self._points.find(1, lo, hi) >= 0

    def take(self, start: int, end: int) -> None:
        if start >= end:
            if self._points is None:
                self._points = bytearray(len(self._spans))
            self._points[2 * start] = 1
        else:
            self._spans[2 * start + 1 : 2 * end] = b"\x01" * (2 * (end - start) - 1)
