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
import contextlib
import multiprocessing
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from hinagata.detect import Finding, default_detector
from hinagata.gateway._payload import boundary_findings, join_slots, screen_response
from hinagata.gateway._schema import Slot
from hinagata.guard import InjectionResult, OutputFinding, OutputScreen
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


def analyse(
    texts: Sequence[str],
    kinds: Sequence[str | None],
    notice: str | None,
    slot_kinds: Sequence[str] | None = None,
) -> Analysis:
    """Screen each text as its ``kind`` says (``prompt``/``instruction``/``document``/
    None), quarantine attacked documents with ``notice`` (None: keep them), then detect
    personal values in all texts together and across the boundaries between them.

    ``instruction`` texts (tool and schema strings, names: often hundreds of short ones)
    are screened together as one prompt, a line each; an attack is reported on the text
    where its first span lies. Boundaries are scanned in up to three orders (see
    :func:`seams`), so a value split around a name or a key in between is still found.
    """
    slot_kinds = slot_kinds if slot_kinds is not None else ["content"] * len(texts)
    injection = default_injection_detector()
    results: list[InjectionResult | None] = []
    out: list[str] = []
    for t, kind in zip(texts, kinds, strict=True):
        if kind is None or kind == "instruction" or not t.strip():
            results.append(None)
            out.append(t)
            continue
        r = injection.scan(t, "document" if kind == "document" else "prompt")
        results.append(r)
        out.append(notice if (r.attack and kind == "document" and notice is not None) else t)
    batch = [i for i, k in enumerate(kinds) if k == "instruction" and texts[i].strip()]
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
    slots = [Slot((i,), t) for i, t in enumerate(out)]
    joined, starts = join_slots(slots)
    detector = default_detector()
    found = list(detector.scan(joined))
    seen: set[tuple[str, int, int]] = set()
    for order in seams(out, slot_kinds):
        subset = [slots[i] for i in order]
        for f in boundary_findings(detector.scan, subset, [starts[i] for i in order]):
            if (f.type, f.start, f.end) not in seen:
                seen.add((f.type, f.start, f.end))
                found.append(f)
    found.sort(key=lambda f: (f.start, -f.end, f.type))
    return Analysis(tuple(results), tuple(out), tuple(found))


_D = r"[\d〇一二三四五六七八九零壱弐参]"
#: A slot that may end a number cut in two (two digits, or a digit and a separator) …
_OPEN_END = re.compile(rf"(?:{_D}{_D}|{_D}[-‐－ー―.・/\s])\s*$")
#: … and one that may start its second half.
_OPEN_START = re.compile(rf"^\s*[-‐－ー―.・/]?{_D}")


def seams(texts: Sequence[str], slot_kinds: Sequence[str]) -> list[list[int]]:
    """The orders of slots whose neighbours are scanned across their boundary: every
    slot; every slot but keys; message texts and tool-call arguments only; and the slots
    that may end or start a number cut in two (a phone split across fields with others
    in between) — each only if it differs from those before and has two slots or more."""
    every = list(range(len(texts)))
    orders = [every]
    for subset in (
        [i for i in every if slot_kinds[i] != "key"],
        [i for i in every if slot_kinds[i] in ("content", "args")],
        [i for i in every if _OPEN_END.search(texts[i]) or _OPEN_START.match(texts[i])],
    ):
        if len(subset) >= 2 and subset not in orders:
            orders.append(subset)
    return orders


def _warm() -> None:
    # Large requests yield the processor to the many small ones: a lower priority for
    # the worker keeps their latency while a large text is being judged.
    with contextlib.suppress(OSError):
        os.nice(10)
    default_detector().scan("起動時の確認")
    default_injection_detector().scan("起動時の確認")


def _ready() -> bool:
    return True


def screen_answer(obj: Any, screen: OutputScreen) -> tuple[Any, list[OutputFinding]]:
    """Exit screening of a whole answer (in the worker for a large one): the screened
    answer and what was found."""
    found = screen_response(obj, screen)
    return obj, found


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
        self._executor().submit(_ready)

    async def analyse(
        self,
        texts: Sequence[str],
        kinds: Sequence[str | None],
        notice: str | None,
        slot_kinds: Sequence[str] | None = None,
    ) -> Analysis:
        async with self._slots:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._executor(), analyse, list(texts), list(kinds), notice, slot_kinds
            )

    async def screen_answer(
        self, obj: Any, screen: OutputScreen
    ) -> tuple[Any, list[OutputFinding]]:
        async with self._slots:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor(), screen_answer, obj, screen)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
