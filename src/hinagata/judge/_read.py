"""Reading a request: prompt-injection screening of each part by who wrote it, then
personal values in all parts together and across their boundaries (依頼を読む).

This is the CPU work of a judgment, and it is pure data in and out: the gateway runs it
in a worker process for a large request (:class:`Part` and :class:`Reading` pickle), and
passes the :class:`Reading` to :func:`hinagata.judge.judge` instead of reading again.
"""

from __future__ import annotations

import hmac
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hinagata.detect import Finding, default_detector
from hinagata.guard import InjectionResult
from hinagata.guard import detector_for as injection_detector_for
from hinagata.judge._cache import cache, detect, seam_findings
from hinagata.judge._parts import join, seams

__all__ = ["SCREENS", "Part", "Reading", "read"]


class _Memo:
    """Injection results of texts already screened (a conversation's earlier messages, a
    repeated system prompt or RAG passage), bounded, least recently used first out.

    Keyed by a keyed hash of the text (the key is made per process and never leaves it)
    with how it was screened and by which detector; a result holds offsets, categories
    and scores only — never the text. A result is a pure function of its key, so a
    remembered one is exactly the one a new scan would give.
    """

    def __init__(self, size: int = 4096) -> None:
        self._key = os.urandom(32)
        self._size = size
        self._items: OrderedDict[tuple[bytes, str, Any], InjectionResult] = OrderedDict()
        self._lock = threading.Lock()

    def scan(self, detector: Any, text: str, kind: str) -> InjectionResult:
        key = (
            hmac.digest(self._key, text.encode("utf-8", "surrogatepass"), "sha256"),
            kind,
            detector.key,
        )
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        result: InjectionResult = detector.scan(text, kind)
        with self._lock:
            self._items[key] = result
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return result


#: Keyed by the detector's settings (:attr:`InjectionDetector.key`), not its ``id``: the
#: detectors of policy settings are cached (32 at most), and an evicted one's ``id`` may be
#: reused by a detector with other thresholds.
_MEMO = _Memo()

#: How a part is screened for prompt injection: as a ``prompt`` (what the user wrote;
#: an attack is clause 4.7), as an ``instruction`` (a prompt outside the messages, such as
#: tool descriptions: all of a request's are screened together, a line each), as a
#: ``system`` message (an operator's message whose author the caller knows: an attack is
#: clause 4.7, held against the model's threshold for operators' messages; the gateway
#: screens client system messages as prompts, their role being the client's to choose), as a
#: ``document`` (content
#: the user did not write: clause 4.8), or not at all (None).
SCREENS = ("prompt", "instruction", "system", "document", None)


@dataclass(frozen=True)
class Part:
    """One text of a request: a message, a field, a document passage.

    ``screen``: how it is screened for prompt injection (:data:`SCREENS`). ``kind``: what
    it is, for the scan across boundaries — ``content`` (a message's text), ``args``
    (tool-call arguments), ``instruction``, ``key`` (a key of free JSON) or ``meta`` (ids,
    names, numbers); keys are left out of some seams (:func:`hinagata.judge.seams`).
    """

    text: str
    screen: str | None = "prompt"
    kind: str = "content"


@dataclass(frozen=True)
class Reading:
    """What reading a request found, before any policy is applied."""

    #: Per part: the injection result where the part was screened (None: not screened).
    injection: tuple[InjectionResult | None, ...]
    #: Per part: the text judged (the notice where an attacked document was quarantined).
    texts: tuple[str, ...]
    #: Findings in the joined text (:func:`hinagata.judge.join`), boundary-spanning ones
    #: included, in text order.
    findings: tuple[Finding, ...]
    #: Per part: how it was screened (:data:`SCREENS`).
    screens: tuple[str | None, ...] = ()
    #: Per part: replaced by the notice (an attacked document, quarantined).
    quarantined: tuple[bool, ...] = ()

    def _attacked(self) -> list[tuple[str | None, bool]]:
        screens = self.screens or ("prompt",) * len(self.texts)
        quarantined = self.quarantined or (False,) * len(self.texts)
        return [
            (screen, q)
            for screen, q, r in zip(screens, quarantined, self.injection, strict=True)
            if screen is not None and r is not None and r.attack
        ]

    @property
    def injection_attack(self) -> bool:
        """What the user wrote (a prompt or an instruction) carries an attack (4.7)."""
        return any(screen != "document" for screen, _ in self._attacked())

    @property
    def untrusted_attack(self) -> bool:
        """Content the user did not write still carries an attack: not quarantined (4.8)."""
        return any(screen == "document" and not q for screen, q in self._attacked())


def read(parts: Sequence[Part], notice: str | None = None, screening: Any | None = None) -> Reading:
    """Screen each part as its ``screen`` says, replace an attacked ``document`` with
    ``notice`` (None: keep it, and the request is refused for it), then detect personal
    values in all parts together and across the boundaries between them.

    An attack among the ``instruction`` parts (often hundreds of short ones, screened in
    one pass) is reported on the part where its first span lies. Boundaries are scanned
    in up to three orders (:func:`hinagata.judge.seams`), so a value split around a name
    or a key in between is still found. Raises when a detector fails: the caller refuses
    (fail closed).
    """
    texts = [p.text for p in parts]
    screens = [p.screen for p in parts]
    # the policy's injection section (mode, thresholds); None: the national default
    injection = injection_detector_for(screening)
    results: list[InjectionResult | None] = []
    out: list[str] = []
    quarantined: list[bool] = []
    for t, screen in zip(texts, screens, strict=True):
        if screen is None or screen == "instruction" or not t.strip():
            results.append(None)
            out.append(t)
            quarantined.append(False)
            continue
        r = _MEMO.scan(injection, t, screen if screen in ("document", "system") else "prompt")
        results.append(r)
        replaced = r.attack and screen == "document" and notice is not None
        out.append(notice if replaced and notice is not None else t)
        quarantined.append(replaced)
    batch = [i for i, s in enumerate(screens) if s == "instruction" and texts[i].strip()]
    if batch:
        lines = [texts[i].replace("\n", " ") for i in batch]
        r = injection.scan("\n".join(lines), "prompt")
        if r.attack:
            at = r.spans[0].start if r.spans else 0
            pos = 0
            for i, line in zip(batch, lines, strict=True):
                if at < pos + len(line) + 1:
                    results[i] = r
                    break
                pos += len(line) + 1
    _joined, starts = join(out)
    detector = default_detector()
    # Each part's findings, and each seam's, are reused where the same window was read
    # before (ADR 0023); the decision is still made over the whole request.
    store = cache()
    found = detect(out, detector, store)
    # A value the joined scan already read across a boundary (parts are joined by a line
    # break) is not added again from the seam scan.
    seen = {(f.type, f.start, f.end) for f in found}
    for order in seams(out, [p.kind for p in parts]):
        subset = [out[i] for i in order]
        for f in seam_findings(detector, subset, [starts[i] for i in order], store):
            if (f.type, f.start, f.end) not in seen:
                seen.add((f.type, f.start, f.end))
                found.append(f)
    found.sort(key=lambda f: (f.start, -f.end, f.type))
    return Reading(tuple(results), tuple(out), tuple(found), tuple(screens), tuple(quarantined))
