"""The CPU work of one request — injection screening and personal-information detection —
inline for ordinary requests, in a separate worker process for large ones.

Detection is pure Python under the GIL: a thread would not free the event loop, so a
600,000-character request once stalled every other request (API and web) for minutes.
Requests of at least ``large_request_chars`` characters go to a small process pool
(one worker by default, started with the gateway), which loads its own dictionary and
rules; everything it returns is plain data (findings, injection results). Ordinary
requests stay inline, where they are fastest (no pickling, no process hop).

Whatever fails here — the worker dies, the pool is broken — raises, and the caller
refuses the request (fail closed).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from hinagata.detect import Finding, default_detector
from hinagata.gateway._payload import boundary_findings, join_slots
from hinagata.gateway._schema import Slot
from hinagata.guard import InjectionResult
from hinagata.guard import default_detector as default_injection_detector

__all__ = ["Analysis", "LargeRequestPool", "analyse"]


@dataclass(frozen=True)
class Analysis:
    #: Per slot: the injection result where the slot was screened (None: not screened).
    injection: tuple[InjectionResult | None, ...]
    #: Per slot: the text after quarantine (the notice where an untrusted passage was removed).
    texts: tuple[str, ...]
    #: Findings in the joined text (slots joined by ``join_slots``), boundary-spanning ones included.
    findings: tuple[Finding, ...]


def analyse(texts: Sequence[str], kinds: Sequence[str | None], notice: str | None) -> Analysis:
    """Screen each text as its ``kind`` says (``prompt``/``document``/None), quarantine
    attacked documents with ``notice`` (None: keep them), then detect personal values in
    all texts together and across each boundary between two of them."""
    injection = default_injection_detector()
    results: list[InjectionResult | None] = []
    out: list[str] = []
    for t, kind in zip(texts, kinds, strict=True):
        if kind is None or not t.strip():
            results.append(None)
            out.append(t)
            continue
        r = injection.scan(t, "document" if kind == "document" else "prompt")
        results.append(r)
        out.append(notice if (r.attack and kind == "document" and notice is not None) else t)
    slots = [Slot((i,), t) for i, t in enumerate(out)]
    joined, starts = join_slots(slots)
    detector = default_detector()
    found = list(detector.scan(joined))
    found += boundary_findings(detector.scan, slots, starts)
    found.sort(key=lambda f: (f.start, -f.end, f.type))
    return Analysis(tuple(results), tuple(out), tuple(found))


def _warm() -> None:
    default_detector().scan("起動時の確認")
    default_injection_detector().scan("起動時の確認")


class LargeRequestPool:
    """A bounded process pool for large requests (``workers`` processes, a queue of
    ``workers`` × 4 requests at most; more wait for a place)."""

    def __init__(self, workers: int = 1) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._slots = asyncio.Semaphore(workers * 4)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: no copy of the server's threads and sockets in the worker.
            ctx = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers, mp_context=ctx, initializer=_warm
            )
        return self._pool

    def start(self) -> None:
        """Start the worker now (it loads the dictionary), not on the first large request."""
        self._executor().submit(_warm)

    async def analyse(
        self, texts: Sequence[str], kinds: Sequence[str | None], notice: str | None
    ) -> Analysis:
        async with self._slots:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._executor(), analyse, list(texts), list(kinds), notice
            )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
