"""Checking documents before a RAG index takes them in (取り込み前の検査).

Per document: prompt injection (scanned as a document: hidden comments and styles count),
personal information (counts by type), a SHA-256 of the bytes, and a verdict:

- ``quarantine``: an injection is suspected; do not index it until someone has looked;
- ``personal``: it holds personal information; index it only where the policy allows;
- ``ok``: neither was found;
- ``error``: it could not be read (missing, binary, corrupt, too large); it was skipped.

Text is handled in pieces (as :func:`hinagata.io.iter_text` yields them), so memory stays
bounded by a piece however large the file; the injection scan overlaps the pieces so an
instruction cut by a piece boundary is still seen. HTML tags, scripts and styles are
blanked (same length, offsets kept) before personal-information detection; the injection
scan sees the markup, because that is where instructions hide.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hinagata.detect import Detector, default_detector
from hinagata.guard import InjectionDetector, InjectionSpan
from hinagata.guard import default_detector as default_injection_detector
from hinagata.io import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_BYTES,
    InputError,
    ReadLimits,
    iter_stream,
    iter_text,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DocumentReport",
    "check_bytes",
    "check_file",
    "check_pieces",
]

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".csv", ".json", ".docx", ".xlsx", ".pdf"}
)
_HTML_SUFFIXES = {".html", ".htm"}
_OFFICE = {".docx", ".xlsx", ".pdf"}
#: Characters of the previous piece scanned again with the next one.
_OVERLAP = 2000
#: What is blanked, in order of preference at each "<" (as one regular expression would:
#: ``<(script|style)\b[^>]{0,2000}>.{0,200000}?</\1\s*>|<!--.{0,200000}?-->|<[^<>]{0,10000}>``,
#: case-insensitive, "." matching line breaks), bounded by these lengths.
_TAG_MAX = 2000
_BODY_MAX = 200_000
_OTHER_MAX = 10_000
_RAW_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
_RAW_CLOSE = re.compile(r"</(script|style)\s*>", re.IGNORECASE)
_BRACKET = re.compile(r"[<>]")


@dataclass(frozen=True)
class DocumentReport:
    name: str
    verdict: str
    sha256: str = ""
    chars: int = 0
    #: The highest injection score of any part, its category and the matched spans.
    injection_score: float = 0.0
    injection_category: str | None = None
    injection_spans: tuple[InjectionSpan, ...] = ()
    #: Personal findings by type (counts only).
    personal: dict[str, int] = field(default_factory=dict)
    rules_version: str = ""
    error_code: str = ""
    error: str = ""

    @property
    def categories(self) -> list[str]:
        return sorted({s.category for s in self.injection_spans})

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name,
            "verdict": self.verdict,
            "sha256": self.sha256,
            "chars": self.chars,
            "injection": {
                "attack": self.verdict == "quarantine",
                "score": round(self.injection_score, 3),
                "category": self.injection_category,
                "categories": self.categories,
                "spans": [s.to_dict() for s in self.injection_spans],
                "rules_version": self.rules_version,
            },
            "personal": dict(sorted(self.personal.items())),
        }
        if self.error_code:
            d["error_code"] = self.error_code
            d["error"] = self.error
        return d


def _blank_markup(text: str) -> str:
    """Tags, scripts, styles and comments replaced by spaces of the same length."""
    out: list[str] = []
    pos = 0
    for start, end in _markup_spans(text):
        out.append(text[pos:start])
        out.append(" " * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _markup_spans(
    text: str, tag_max: int = _TAG_MAX, body_max: int = _BODY_MAX, other_max: int = _OTHER_MAX
) -> Iterator[tuple[int, int]]:
    """The spans that the regular expression in the comment on ``_TAG_MAX`` would match.

    Matched by hand in linear time: the expression itself retries its lazy 200,000-character
    body at every unclosed ``<script>`` or ``<!--``, so a page of them took seconds per
    64 KB piece. Closing tags and comment ends are found once, then looked up (bisect).
    """
    closes: dict[str, list[tuple[int, int]]] = {}
    for m in _RAW_CLOSE.finditer(text):
        closes.setdefault(_raw_name(m.group(1)), []).append((m.start(), m.end()))
    close_starts = {k: [s for s, _ in v] for k, v in closes.items()}
    comment_ends = [m.start() for m in re.finditer("(?=-->)", text)]
    i = text.find("<")
    while i >= 0:
        end = _raw_text_end(text, i, closes, close_starts, tag_max, body_max)
        if end < 0 and text.startswith("<!--", i):
            k = bisect_left(comment_ends, i + 4)
            if k < len(comment_ends) and comment_ends[k] - (i + 4) <= body_max:
                end = comment_ends[k] + 3
        if end < 0:
            bracket = _BRACKET.search(text, i + 1, i + other_max + 2)
            if bracket is not None and bracket.group() == ">":
                end = bracket.end()
        if end < 0:
            i = text.find("<", i + 1)
            continue
        yield i, end
        i = text.find("<", end)


def _raw_name(matched: str) -> str:
    """The name as the back-reference compares it: each character lowered alone."""
    return "".join(ch.lower()[0] for ch in matched)  # "SCRİPT" → "script", "ſcript" stays


def _raw_text_end(
    text: str,
    i: int,
    closes: dict[str, list[tuple[int, int]]],
    close_starts: dict[str, list[int]],
    tag_max: int,
    body_max: int,
) -> int:
    """End of ``<script …>…</script>`` (or style) starting at ``i``, or -1."""
    m = _RAW_OPEN.match(text, i)
    if m is None:
        return -1
    gt = text.find(">", m.end(), m.end() + tag_max + 1)
    if gt < 0:
        return -1
    body = gt + 1
    name = _raw_name(m.group(1))
    starts = close_starts.get(name, [])
    k = bisect_left(starts, body)
    if k < len(starts) and starts[k] - body <= body_max:
        return closes[name][k][1]
    return -1


def check_pieces(
    pieces: Iterable[str],
    *,
    name: str = "-",
    html: bool = False,
    detector: Detector | None = None,
    injection_detector: InjectionDetector | None = None,
) -> DocumentReport:
    """Check a document given as text pieces (their concatenation is the document)."""
    det = detector or default_detector()
    inj = injection_detector or default_injection_detector()
    threshold = inj.rules.threshold
    offset = 0
    tail = ""
    best, best_cat = 0.0, None
    spans: dict[tuple[int, int, str, str], InjectionSpan] = {}
    personal: Counter[str] = Counter()
    for piece in pieces:
        # Injection: this piece with the end of the previous one in front.
        window = tail + piece
        base = offset - len(tail)
        r = inj.scan(window, "document")
        if r.score > best:
            best, best_cat = r.score, r.category
        for s in r.spans:
            g = replace(s, start=s.start + base, end=s.end + base)
            spans.setdefault((g.start, g.end, g.rule, g.via), g)
        # Personal information: the piece alone (pieces end at line breaks).
        for f in det.scan(_blank_markup(piece) if html else piece):
            if f.personal:
                personal[f.type] += 1
        offset += len(piece)
        tail = window[-_OVERLAP:]
    attack = best >= threshold
    verdict = "quarantine" if attack else ("personal" if personal else "ok")
    return DocumentReport(
        name=name,
        verdict=verdict,
        chars=offset,
        injection_score=best,
        injection_category=best_cat,
        injection_spans=tuple(sorted(spans.values(), key=lambda s: (s.start, s.end, s.rule))),
        personal=dict(personal),
        rules_version=inj.rules.version,
    )


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_file(
    path: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
    detector: Detector | None = None,
    injection_detector: InjectionDetector | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> DocumentReport:
    """Check one file; an unreadable one is a report with verdict ``error``, never a raise.

    ``limits`` caps the work of reading an Office or PDF file (see :class:`ReadLimits`).
    """
    path = Path(path)
    label = name or str(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError("unsupported", str(path), suffix or "(no suffix)")
        report = check_pieces(
            iter_text(path, max_bytes=max_bytes, limits=limits),
            name=label,
            html=suffix in _HTML_SUFFIXES,
            detector=detector,
            injection_detector=injection_detector,
        )
        return replace(report, sha256=_sha256_file(path))
    except InputError as exc:
        return DocumentReport(label, "error", error_code=exc.code, error=exc.detail)
    except (RecursionError, MemoryError) as exc:  # pathological input: report, go on
        return DocumentReport(label, "error", error_code="unreadable", error=type(exc).__name__)


def check_bytes(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    detector: Detector | None = None,
    injection_detector: InjectionDetector | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> DocumentReport:
    """Check a document received as bytes (an upload); ``filename`` gives its format."""
    suffix = Path(filename).suffix.lower() or ".txt"
    if max_bytes and len(data) > max_bytes:
        return DocumentReport(filename, "error", error_code="too_large", error=f"> {max_bytes}")
    if suffix in _OFFICE:
        # The office readers want a file: a private temporary one, removed at once.
        with tempfile.TemporaryDirectory(prefix="hinagata-doc-") as d:
            p = Path(d) / f"document{suffix}"
            p.write_bytes(data)
            return check_file(
                p,
                max_bytes=max_bytes,
                name=filename,
                detector=detector,
                injection_detector=injection_detector,
                limits=limits,
            )
    if suffix not in SUPPORTED_SUFFIXES:
        return DocumentReport(filename, "error", error_code="unsupported", error=suffix)
    try:
        pieces: Iterator[str] = iter_stream(io.BytesIO(data), name=filename, max_bytes=max_bytes)
        report = check_pieces(
            pieces,
            name=filename,
            html=suffix in _HTML_SUFFIXES,
            detector=detector,
            injection_detector=injection_detector,
        )
    except InputError as exc:
        return DocumentReport(filename, "error", error_code=exc.code, error=exc.detail)
    return replace(report, sha256=hashlib.sha256(data).hexdigest())
