"""A request of many parts read as one text: join, split back, scan across the seams,
mask each part in its own place (複数の部分からなる依頼).

The judgment reads every part together — a name in one message and an address in
another still identify a person — in the *joined text*, the parts written one after the
other with a blank line between them. A value cut in two by a boundary (a phone number
split over two fields) is found by scanning the seams; a finding of the joined text is
split back into every part it touches, each fragment masked in its own place, with one
placeholder table for the whole request.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from hinagata.detect import Finding
from hinagata.mask import Generalisation, Masker

__all__ = [
    "BOUNDARY_WINDOW",
    "SEPARATOR",
    "Seam",
    "boundary_findings",
    "join",
    "mask_parts",
    "seams",
    "split",
]

#: What stands between two parts in the joined text: a line break, not a blank line, so
#: that the content rule, which weighs each paragraph on its own, reads a conversation's
#: messages together (an area in one message, a role in the next: ADR 0018).
SEPARATOR = "\n"
#: Characters on each side of a boundary between two parts that are scanned together,
#: so that a value split across two parts or messages is still found.
BOUNDARY_WINDOW = 40


def join(texts: Sequence[str]) -> tuple[str, list[int]]:
    """All texts joined (for one judgment) and where each starts in the joined text.

    >>> join(["ab", "c"])
    ('ab\\nc', [0, 3])
    """
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + len(SEPARATOR)
    return SEPARATOR.join(texts), starts


def split(
    findings: Sequence[Finding], texts: Sequence[str], starts: Sequence[int]
) -> list[list[Finding]]:
    """Findings of the joined text, re-based into each part. A finding that spans a
    boundary (a value split across two parts or messages) gives a fragment to every part
    it touches, each masked in its own place."""
    out: list[list[Finding]] = [[] for _ in texts]
    ends = [start + len(t) for t, start in zip(texts, starts, strict=True)]
    for f in findings:
        i = max(bisect_right(starts, f.start) - 1, 0)
        while i < len(texts) and starts[i] < f.end:
            s, e = max(f.start, starts[i]) - starts[i], min(f.end, ends[i]) - starts[i]
            if s < e:
                text = texts[i]
                out[i].append(
                    Finding(f.type, s, e, text[s:e], f.score, f.personal, f.category, f.detail)
                )
            i += 1
    return out


def boundary_findings(
    scan: Callable[[str], Sequence[Finding]], texts: Sequence[str], starts: Sequence[int]
) -> list[Finding]:
    """Findings that only exist across a boundary between two neighbouring parts, mapped
    back into joined-text offsets (spanning the separator).

    One scan of a *seam text*: each part contributes its first and last
    ``BOUNDARY_WINDOW`` characters (a short part all of it, once), neighbouring parts
    written directly after one another; where a long part's middle is left out, a
    separator stands. The seam text is at most the request's size, and a finding that
    runs from one part into the next shows up whole.
    """
    if len(texts) < 2:
        return []
    seam = Seam(texts, starts)
    return [f for f in (seam.crossing(f) for f in scan(seam.text)) if f is not None]


class Seam:
    """The seam text of some parts (:func:`boundary_findings`), where its joints are, and
    the way back from its offsets to the joined text's."""

    __slots__ = ("joints", "offsets", "stretches", "text")

    def __init__(self, texts: Sequence[str], starts: Sequence[int]) -> None:
        w = BOUNDARY_WINDOW
        pieces: list[str] = []
        # (seam offset, joined offset, length) of each copied stretch, in seam order.
        stretches: list[tuple[int, int, int]] = []
        #: Seam offsets where one part ends and the next begins directly.
        joints: list[int] = []
        pos = 0
        for i, t in enumerate(texts):
            parts = [(0, t)] if len(t) <= 2 * w else [(0, t[:w]), (len(t) - w, t[-w:])]
            for k, (off, piece) in enumerate(parts):
                if k:
                    pieces.append(SEPARATOR)
                    pos += len(SEPARATOR)
                stretches.append((pos, starts[i] + off, len(piece)))
                pieces.append(piece)
                pos += len(piece)
            if i < len(texts) - 1:
                joints.append(pos)
        self.text = "".join(pieces)
        self.stretches = stretches
        self.joints = joints
        self.offsets = [st[0] for st in stretches]

    def joint_of(self, f: Finding) -> int | None:
        """The joint a seam-text finding runs across (the first after its start), or None
        when it lies inside one part (the joined scan has it already)."""
        k = bisect_right(self.joints, f.start)
        if k >= len(self.joints) or not (f.start < self.joints[k] < f.end):
            return None
        return k

    def to_joined(self, f: Finding) -> Finding:
        """A seam-text finding in joined-text offsets."""
        start, end = self._joined_at(f.start, end=False), self._joined_at(f.end, end=True)
        return Finding(f.type, start, end, f.text, f.score, f.personal, f.category, f.detail)

    def crossing(self, f: Finding) -> Finding | None:
        return None if self.joint_of(f) is None else self.to_joined(f)

    def _joined_at(self, x: int, *, end: bool) -> int:
        k = bisect_right(self.offsets, x - 1 if end else x) - 1
        seam_at, joined, _ = self.stretches[max(k, 0)]
        return joined + (x - seam_at)


_D = r"[\d〇一二三四五六七八九零壱弐参]"
#: A part that may end a number cut in two (two digits, or a digit and a separator) …
_OPEN_END = re.compile(rf"(?:{_D}{_D}|{_D}[-‐－ー―.・/\s])\s*$")
#: … and one that may start its second half.
_OPEN_START = re.compile(rf"^\s*[-‐－ー―.・/]?{_D}")


def seams(texts: Sequence[str], kinds: Sequence[str]) -> list[list[int]]:
    """The orders of parts whose neighbours are scanned across their boundary: every
    part; every part but keys; message texts and tool-call arguments only; and the parts
    that may end or start a number cut in two (a phone split across fields with others
    in between) — each only if it differs from those before and has two parts or more.

    ``kinds``: what each part is (``content``, ``args``, ``key`` …; see :class:`Part`)."""
    every = list(range(len(texts)))
    orders = [every]
    for subset in (
        [i for i in every if kinds[i] != "key"],
        [i for i in every if kinds[i] in ("content", "args")],
        [i for i in every if _OPEN_END.search(texts[i]) or _OPEN_START.match(texts[i])],
    ):
        if len(subset) >= 2 and subset not in orders:
            orders.append(subset)
    return orders


def mask_parts(
    masker: Masker,
    texts: Sequence[str],
    per_part: Sequence[Sequence[Finding]],
    generalise: Sequence[Sequence[Finding]] | None = None,
    generalised: list[Generalisation] | None = None,
    edits: list[tuple[tuple[int, int, str], ...]] | None = None,
) -> list[str]:
    """Each part masked in its own place with ``masker``'s one placeholder table;
    ``generalise`` (per part, as ``per_part``): the quasi-identifiers the judgment
    generalised (87歳 → 80代), generalised the same way. What was generalised is appended
    to ``generalised`` when given; ``edits``, when given, gets each part's replacements as
    (start, end, what stands there now: 〔氏名1〕, 80代), in the part's own offsets."""
    out: list[str] = []
    for i, (t, fs) in enumerate(zip(texts, per_part, strict=True)):
        m = masker.mask(t, fs, generalise[i] if generalise is not None else ())
        if generalised is not None:
            generalised.extend(m.generalised)
        if edits is not None:
            edits.append(tuple((s, e, m.text[ms:me]) for s, e, ms, me in m.edits))
        out.append(m.text)
    return out
