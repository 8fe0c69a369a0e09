"""Findings of texts already read, reused (検出結果の再利用): a conversation's earlier
messages, a repeated system prompt or RAG passage are not detected again (ADR 0023).

The detector reads a text as a whole: a cue in the line or the sentence before (氏名：,
a name before 入院中), the tokenisation around a word, and flags of the whole document
(meant for publication, a form's template, an exercise). So a part's findings are not
remembered for the part alone but for its *window*: the part with up to
:data:`CONTEXT_BEFORE` characters before it and :data:`CONTEXT_AFTER` after it in the
joined text, widened to whole lines. The findings a window gave are reused only where the
same window stands again and the document-level flags of the window it was read in agree
with the request's; anything else is read again — and where the flags disagree, the
whole request is read as one text, as without the cache. ``bench/per_part_equivalence.py``
measures that the result is the joined scan's, finding for finding.

The same holds for the seams (:class:`hinagata.judge._parts.Seam`): each joint's findings
are remembered for a window of the seam text around it.

An entry is keyed by an HMAC-SHA256 of the window (the key is made per process and never
leaves it) with the detector's fingerprint (its recognizers, lexicons and vocabularies);
it holds offsets, types, scores, the personal flag, the category and a ``detail`` from a
closed list — never the text or a value, which are taken from the request on a hit.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import threading
import weakref
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from hinagata.detect import Finding
from hinagata.detect._context import _NOT_PUBLIC_CUE, _PUBLICATION_CUE
from hinagata.detect._examples import _EXAMPLE_MARK, NEVER_EXAMPLES, is_template
from hinagata.detect.quasi import load_vocabulary
from hinagata.judge._parts import Seam, join
from hinagata.text import normalize_for_detection

__all__ = [
    "CONTEXT_AFTER",
    "CONTEXT_BEFORE",
    "SEAM_CONTEXT",
    "FindingCache",
    "cache",
    "detect",
    "disabled",
    "fingerprint",
    "seam_findings",
]

#: Characters of the joined text before a part read with it (widened to the line's start):
#: the farthest any context rule looks back across a line break — a special-care term is
#: about a person named in its sentence (within 300 characters) or the one before it
#: (within 150 more): detect._context._about_a_person.
CONTEXT_BEFORE = 460
#: … and after it (widened to the line's end): an address is a home when its sentence, up
#: to 120 characters on, says so (detect._context._no_home); a value runs on across the
#: line break into the next part (03-⏎5253-5111).
CONTEXT_AFTER = 120
#: A window is widened to whole lines by at most this many characters on each side; a
#: longer line is cut (far from the part, so the cut cannot change what is found in it).
_LINE_REACH = 1000
#: Characters of the seam text on each side of a joint read with it: three pieces.
SEAM_CONTEXT = 120

#: The ``detail`` values the detector gives (types.Finding): the only ones remembered. An
#: entry with any other detail is not stored at all, so no value can reach the cache.
_DETAILS = re.compile(r"(?:full|partial|described|100_plus|source|run|precision=[a-z]+)")
#: Names an exercise may clear (detect._examples.is_nobodys_name).
_NOBODY_HINT = re.compile(r"甲野|乙野|丙野|丁野|見本|架空の|ダミー")
#: The end of a text that may begin an example mark (例：, （例）, e.g.) with what follows.
_MARK_EDGE = re.compile(r"[例(（eEfF]")
#: What every example cue and template header has in it (detect._examples).
_EXAMPLE_HINT = re.compile(r"例|見本|e\.g\.|for example|たとえば", re.IGNORECASE)

#: One finding as remembered: type, start and end (from the part's start), score,
#: personal, category, detail.
Row = tuple[str, int, int, float, bool, str | None, str | None]

# Flags of the window an entry was read in (see _disagree).
(
    _PUB_CUE,
    _NOT_PUB,
    _TEMPLATE,
    _MARK,
    _MARKS,
    _NEVER,
    _SENSITIVE,
    _NAMES,
    _NOBODY,
    _ROLES,
    _EXAMPLE,
) = (1 << k for k in range(11))
#: The kinds of findings a window held.
_KINDS = _NEVER | _SENSITIVE | _NAMES
#: An entry's flags: those of the text it was read in below, its own text's from here up.
_OWN = 16
_READ = (1 << _OWN) - 1


class FindingCache:
    """A bounded map, least recently used first out, from a keyed hash to what a window
    gave; safe to share between threads (the gateway judges in a thread pool)."""

    def __init__(self, size: int = 8192) -> None:
        self._key = os.urandom(32)
        self.size = size
        self._items: OrderedDict[bytes, tuple[int, tuple[Row, ...]]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        #: Requests read whole, by why (their windows' document flags disagreed …).
        self.fallbacks: dict[str, int] = {}

    def key(self, *pieces: str | int) -> bytes:
        """The keyed hash of ``pieces`` (each length-prefixed, so no two lists collide)."""
        out = bytearray()
        for p in pieces:
            b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else str(p).encode()
            out += len(b).to_bytes(8, "big")
            out += b
        return hmac.digest(self._key, bytes(out), "sha256")

    def get(self, key: bytes) -> tuple[int, tuple[Row, ...]] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return hit

    def put(self, key: bytes, flags: int, rows: Sequence[Row]) -> None:
        if not all(r[6] is None or _DETAILS.fullmatch(r[6]) for r in rows):
            return  # a detail the cache does not know might carry a value: not stored
        with self._lock:
            self._items[key] = (flags, tuple(rows))
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def entries(self) -> list[tuple[int, tuple[Row, ...]]]:
        """Everything held (for tests: it must hold no text)."""
        with self._lock:
            return list(self._items.values())

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0
            self.fallbacks.clear()

    def __len__(self) -> int:
        return len(self._items)


_CACHE = FindingCache()
_OFF = os.environ.get("HINAGATA_FINDING_CACHE", "").lower() in ("0", "off", "false", "no")


def cache() -> FindingCache | None:
    """The process's cache, or None where it is turned off (``HINAGATA_FINDING_CACHE=off``
    or :func:`disabled`)."""
    return None if _OFF else _CACHE


@contextmanager
def disabled() -> Iterator[None]:
    """Read without the cache inside the block (the equivalence tests' fresh reading, the
    benchmarks' baseline). Process-wide, every thread: not for serving."""
    global _OFF
    was, _OFF = _OFF, True
    try:
        yield
    finally:
        _OFF = was


_FINGERPRINTS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_FINGERPRINTS_LOCK = threading.Lock()


def fingerprint(detector: Any) -> str:
    """What the detector's findings depend on besides the text: its recognizers and
    settings, every lexicon and vocabulary it holds, the bundled data files, and the code
    that scans (a detector whose ``scan`` is replaced — a test's failing one — reuses
    nothing, and so fails as it would without the cache)."""
    scan = getattr(detector, "__dict__", {}).get("scan") or getattr(type(detector), "scan", None)
    return f"{_settings(detector)}:{id(scan)}"


def _settings(detector: Any) -> str:
    with _FINGERPRINTS_LOCK:
        fp = _FINGERPRINTS.get(detector)
    if fp is None:
        h = hashlib.sha256()
        h.update(repr(getattr(detector, "min_score", None)).encode())
        for r in getattr(detector, "recognizers", ()):
            h.update(f"{type(r).__module__}.{type(r).__qualname__}".encode())
            for attr in ("lexicon", "vocabulary"):
                if hasattr(r, attr):
                    h.update(repr(getattr(r, attr)).encode("utf-8", "surrogatepass"))
        data = resources.files("hinagata.detect") / "data"
        for f in sorted(data.iterdir(), key=lambda p: p.name):
            if f.is_file():
                h.update(f.name.encode())
                h.update(f.read_bytes())
        fp = h.hexdigest()
        with _FINGERPRINTS_LOCK:
            _FINGERPRINTS[detector] = fp
    return fp


def _flags(raw: str, findings: Sequence[Finding], *, edge: bool = False) -> int:
    """The document-level cues of a text (read, as the detector reads them, on its
    normalised form: a cue may be in full-width letters or percent-encoded) and the kinds
    of its findings. ``edge``: also whether it may end the first half of an example mark
    (例 | ：) that only the joined text has."""
    text = normalize_for_detection(raw).text
    types = {f.type for f in findings}
    marks = len(_EXAMPLE_MARK.findall(text))
    if edge and _MARK_EDGE.search(text[-12:]):
        marks += 1
    return (
        (_PUB_CUE if _PUBLICATION_CUE.search(text) else 0)
        | (_NOT_PUB if _NOT_PUBLIC_CUE.search(text) else 0)
        | (_TEMPLATE if is_template(text) else 0)
        | (_MARKS if marks >= 2 else _MARK if marks else 0)
        | (_NEVER if types & NEVER_EXAMPLES else 0)
        | (_SENSITIVE if "SENSITIVE" in types else 0)
        | (_NAMES if "PERSON_NAME" in types else 0)
        | (_NOBODY if _NOBODY_HINT.search(text) else 0)
        | (_ROLES if _roles().search(text) else 0)
        | (_EXAMPLE if _EXAMPLE_HINT.search(text) else 0)
    )


def _covered(windows: Sequence[int], findings: Sequence[Finding]) -> int:
    """The flags of a text from the text flags of pieces that cover it (no normalisation
    of the whole: a cue is a word that no separator cuts, so it is in some piece) and its
    findings.

    Whether it is a template is read generously (example marks counted in pieces that may
    overlap, and at every joint that might complete one): a template the text is not only
    makes it read whole more often.
    """
    cues = 0
    marks = 0
    for w in windows:
        cues |= w
        marks += 2 if w & _MARKS else 1 if w & _MARK else 0
    if marks >= 2:
        cues |= _TEMPLATE
    types = {f.type for f in findings}
    kinds = (
        (_NEVER if types & NEVER_EXAMPLES else 0)
        | (_SENSITIVE if "SENSITIVE" in types else 0)
        | (_NAMES if "PERSON_NAME" in types else 0)
    )
    return (cues & ~_KINDS) | kinds


def _publication(flags: int) -> bool:
    """detect._context.is_publication, from the flags."""
    return bool(flags & _PUB_CUE) and not flags & _NOT_PUB


def _disagree(window: int, whole: int) -> str | None:
    """Why a window's document-level flags may lead elsewhere than the whole request's
    (None: they lead to the same findings).

    The detector reads three things of the whole document (detect._context.mark_personal,
    detect._quasi_roles): whether it is a publication — an official named in their role
    is public, and an office's head (総務課長) is no quasi role there: it matters where
    the window holds a name, a role word or an office's head; whether it is an exercise (no identifier
    code, birth date or special care) — then invented names (甲野 乙子, 架空の人物) are
    nobody's; and whether it is a template — then a value after an example cue (例：) or
    under a 【記入例】 line anywhere above is nobody's.
    """
    pub_w, pub_j = _publication(window), _publication(whole)
    if window & (_NAMES | _ROLES) and pub_w != pub_j:
        return "publication"
    if pub_j and window & _NAMES and (window ^ whole) & _SENSITIVE:
        return "publication"  # officials are public only in a text without special care
    ex_w = not window & (_NEVER | _SENSITIVE)
    ex_j = not whole & (_NEVER | _SENSITIVE)
    template_w = ex_w and bool(window & _TEMPLATE)
    template_j = ex_j and bool(whole & _TEMPLATE)
    if template_j and whole & _EXAMPLE:
        return "template"  # a 【記入例】 line clears what is below it, however far
    if template_w != template_j and window & _EXAMPLE:
        return "template"
    if window & _NOBODY and ex_w != ex_j:
        return "exercise"
    return None


@lru_cache(maxsize=1)
def _roles() -> re.Pattern[str]:
    """The role words of the quasi vocabulary, and the heads of offices (総務課長: what
    detect._quasi_roles reads as an office head ends in one of these)."""
    heads = {"課長", "部長", "局長", "所長", "室長", "署長", "センター長"}
    words = sorted(set(load_vocabulary().roles) | heads, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _window(
    joined: str, lo: int, hi: int, before: int, after: int, labels: Sequence[int] = ()
) -> tuple[int, int]:
    """``[lo, hi)`` with ``before`` and ``after`` characters of context, widened to lines."""
    x = max(0, lo - before)
    floor = max(0, x - _LINE_REACH)
    i = joined.rfind("\n", floor, x)
    start = i + 1 if i >= 0 else floor
    y = min(len(joined), hi + after)
    ceil = min(len(joined), y + _LINE_REACH)
    j = joined.find("\n", y, ceil)
    return _table_above(joined, start, labels), (j if j >= 0 else ceil)


#: How far up a table's header is looked for (detect.dates._HEADER_LOOKBACK).
_TABLE_REACH = 20_000
#: Lines up a spaced table's header may stand (detect.dates._SPACED_HEADER_LINES).
_TABLE_LINES = 60
_CELLS = re.compile(r"[,\t|]")
#: A header naming a birth-date column (detect.dates._LABEL_BEFORE), read generously: in
#: either case and in full-width letters too (the detector reads the normalised text).
_BIRTH_LABEL = re.compile("生年月日|誕生日|出生日|生まれ|出生|生年|誕生")
_BIRTH_LABEL_LATIN = re.compile(
    "[dｄ](?:[oｏ][bｂ]|[aａ][tｔ][eｅ][ 　][oｏ][fｆ][ 　][bｂ][iｉ][rｒ][tｔ][hｈ])"
    "|[bｂ](?:[iｉ][rｒ][tｔ][hｈ](?:[ 　]?[dｄ][aａ][tｔ][eｅ]|[dｄ][aａ][yｙ])|[oｏ][rｒ][nｎ])",
    re.IGNORECASE,
)


def _labels(text: str) -> list[int]:
    """Where the birth-date labels of ``text`` start (read once per text)."""
    found = [m.start() for m in _BIRTH_LABEL.finditer(text)]
    found += [m.start() for m in _BIRTH_LABEL_LATIN.finditer(text)]
    return sorted(found)


def _table_above(text: str, start: int, labels: Sequence[int]) -> int:
    """``start`` moved up to the header of a table the window starts inside.

    The detector reads a table row with its header (a name or birth-date column of a CSV
    or tab-separated table, however far up its rows go; a birth-date column of a table
    aligned with spaces, up to 60 lines up in the same block): a window starting among
    the rows starts at the table's top instead.
    """
    if start <= 0:
        return start
    end = text.find("\n", start)
    floor = max(0, start - _TABLE_REACH)
    if _CELLS.search(text, start, end if end >= 0 else len(text)):
        while start > floor:
            above = text.rfind("\n", 0, start - 1) + 1
            line = text[above : start - 1]
            if not line.strip() or not _CELLS.search(line):
                break
            start = above
    # The nearest birth-date label above in the same block, within 60 lines: the header
    # the detector walks up to, which it reads only as a header of two cells or more and
    # no 。 (a blank line ends the block; read as "\n\n", which can only make the block,
    # and so the window, larger).
    k = bisect_left(labels, start) - 1
    if k >= 0:
        nearest = labels[k]
        lo = text.rfind("\n", 0, nearest) + 1
        hi = text.find("\n", nearest)
        line = text[lo : hi if hi >= 0 else len(text)]
        if (
            len(line.split()) >= 2
            and "。" not in line
            and text.find("\n\n", nearest, start) < 0
            and text.count("\n", nearest, start) <= _TABLE_LINES
        ):
            return lo
    return start


def detect(
    texts: Sequence[str],
    detector: Any,
    store: FindingCache | None = None,
    *,
    alone: bool = False,
    stats: dict[str, int] | None = None,
) -> list[Finding]:
    """The findings of ``texts`` joined (:func:`hinagata.judge.join`), as
    ``detector.scan`` of the joined text gives them, with each part's window reused from
    ``store`` where it was read before (None: one scan of the joined text).

    Parts not in ``store`` are read together, one scan from the first one's window to the
    last one's; ``alone``: each in its own window (what a cache filled by other requests
    gives: the equivalence benchmark's worst case). ``stats`` counts ``fallback`` (read
    whole: the document-level flags disagree, or a window cut a finding)."""
    joined, starts = join(texts)
    if store is None:
        return list(detector.scan(joined))
    fp = fingerprint(detector)
    n = len(texts)
    labels = _labels(joined)
    bounds = [
        _window(joined, s, s + len(t), CONTEXT_BEFORE, CONTEXT_AFTER, labels)
        for s, t in zip(starts, texts, strict=True)
    ]
    keys = [
        store.key(fp, "part", joined[lo:hi], starts[i] - lo, len(texts[i]))
        for i, (lo, hi) in enumerate(bounds)
    ]
    per: list[tuple[int, tuple[Row, ...]] | None] = [store.get(k) for k in keys]
    i = 0
    while i < n:
        if per[i] is not None:
            i += 1
            continue
        a = i
        while i < n and per[i] is None and (i == a or not alone):
            i += 1
        lo, hi = bounds[a][0], bounds[i - 1][1]
        window = joined[lo:hi]
        found = detector.scan(window)
        # what the window was read with, and (above _OWN) the cues of the part itself
        flags = _flags(window, found)
        rows: list[list[Row]] = [[] for _ in range(a, i)]
        for f in found:
            at = f.start + lo
            k = _part_of(starts, at, a, i)
            if k is not None:
                if f.end + lo == hi and hi < len(joined):
                    return _whole(detector, joined, store, stats, "cut")  # cut by the window
                s = starts[k]
                rows[k - a].append(
                    (f.type, at - s, f.end + lo - s, f.score, f.personal, f.category, f.detail)
                )
        for k in range(a, i):
            own = _flags(texts[k], (), edge=True) << _OWN
            per[k] = (flags | own, tuple(rows[k - a]))
            store.put(keys[k], flags | own, rows[k - a])
    out: list[Finding] = []
    for k, entry in enumerate(per):
        assert entry is not None
        s = starts[k]
        for t, rs, re_, score, personal, category, detail in entry[1]:
            out.append(
                Finding(
                    t, s + rs, s + re_, joined[s + rs : s + re_], score, personal, category, detail
                )
            )
    # The request's own cues from its parts' (the windows were read in other requests).
    whole = _covered([e[0] >> _OWN for e in per if e is not None], out)
    for e in per:
        why = _disagree(e[0] & _READ if e is not None else 0, whole)
        if why is not None:
            return _whole(detector, joined, store, stats, why)
    return out


def _count(store: FindingCache | None, stats: dict[str, int] | None, why: str) -> None:
    if store is not None:
        with store._lock:
            store.fallbacks[why] = store.fallbacks.get(why, 0) + 1
    if stats is not None:
        stats[why] = stats.get(why, 0) + 1


def _whole(
    detector: Any, joined: str, store: FindingCache, stats: dict[str, int] | None, why: str
) -> list[Finding]:
    """The joined text read as one (a window's reading cannot stand for it)."""
    _count(store, stats, why)
    return list(detector.scan(joined))


def _part_of(starts: Sequence[int], at: int, a: int, b: int) -> int | None:
    """The part among ``a`` … ``b - 1`` a finding starting at ``at`` belongs to (a part owns
    the separator after it); None for one in the context around them."""
    if at < starts[a]:
        return None
    k = a
    while k + 1 < b and starts[k + 1] <= at:
        k += 1
    if k + 1 == b and k + 1 < len(starts) and starts[k + 1] <= at:
        return None
    return k


def seam_findings(
    detector: Any,
    texts: Sequence[str],
    starts: Sequence[int],
    store: FindingCache | None = None,
    *,
    alone: bool = False,
    stats: dict[str, int] | None = None,
) -> list[Finding]:
    """:func:`hinagata.judge.boundary_findings` with ``detector``, each joint's findings
    reused from ``store`` where the seam text around it was read before (its windows, of
    :data:`SEAM_CONTEXT` characters each side, cover the whole seam text)."""
    if len(texts) < 2:
        return []
    seam = Seam(texts, starts)
    text = seam.text

    def whole(why: str | None) -> list[Finding]:
        if why is not None:
            _count(store, stats, f"seam_{why}")
        return [f for f in (seam.crossing(f) for f in detector.scan(text)) if f is not None]

    if store is None:
        return whole(None)
    fp = fingerprint(detector)
    labels = _labels(text)
    wins = [
        (_table_above(text, max(0, j - SEAM_CONTEXT), labels), min(len(text), j + SEAM_CONTEXT))
        for j in seam.joints
    ]
    keys = [
        store.key(fp, "seam", text[lo:hi], j - lo)
        for (lo, hi), j in zip(wins, seam.joints, strict=True)
    ]
    per: list[tuple[int, tuple[Row, ...]] | None] = [store.get(key) for key in keys]
    m = len(per)
    k = 0
    while k < m:
        if per[k] is not None:
            k += 1
            continue
        a = k
        # joints whose windows overlap are read in one scan
        while not alone and k + 1 < m and per[k + 1] is None and wins[k + 1][0] <= wins[k][1]:
            k += 1
        lo, hi = wins[a][0], wins[k][1]
        found = detector.scan(text[lo:hi])
        flags = _flags(text[lo:hi], found)
        rows: list[list[Row]] = [[] for _ in range(a, k + 1)]
        for f in found:
            shifted = Finding(
                f.type, f.start + lo, f.end + lo, f.text, f.score, f.personal, f.category, f.detail
            )
            at = seam.joint_of(shifted)
            if at is None or not a <= at <= k:
                continue
            if (f.start == 0 and lo > 0) or (f.end + lo == hi and hi < len(text)):
                return whole("cut")
            j = seam.joints[at]
            rows[at - a].append(
                (
                    f.type,
                    shifted.start - j,
                    shifted.end - j,
                    f.score,
                    f.personal,
                    f.category,
                    f.detail,
                )
            )
        for x in range(a, k + 1):
            wlo, whi = wins[x]
            inside = [f for f in found if wlo <= f.start + lo and f.end + lo <= whi]
            own = _flags(text[wlo:whi], inside) << _OWN
            per[x] = (flags | own, tuple(rows[x - a]))
            store.put(keys[x], flags | own, rows[x - a])
        k += 1
    entries = [e for e in per if e is not None]
    # The seam text's own flags: its joints' windows cover it, with what was found in each.
    whole_flags = _covered([f >> _OWN for f, _ in entries], ())
    for flags, _ in entries:
        whole_flags |= (flags >> _OWN) & _KINDS
    for flags, _ in entries:
        why = _disagree(flags & _READ, whole_flags)
        if why is not None:
            return whole(why)
    out: list[Finding] = []
    for at, (_, rs) in enumerate(entries):
        j = seam.joints[at]
        for t, s, e, score, personal, category, detail in rs:
            f = Finding(t, j + s, j + e, text[j + s : j + e], score, personal, category, detail)
            out.append(seam.to_joined(f))
    return out
